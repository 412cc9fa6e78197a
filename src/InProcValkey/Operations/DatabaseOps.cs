using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>
/// The semantics of the database-wide commands, once (Valkey's <c>db.c</c> and <c>server.c</c>): DBSIZE, FLUSHDB, FLUSHALL,
/// SWAPDB, TIME, and the database index checks of SELECT, MOVE and COPY. Whole-database operations hold every shard lock of
/// the databases involved, taken in the global order, so each is atomic.
/// </summary>
internal static class DatabaseOps
{
    /// <summary>The database with index <paramref name="index"/>, or the error <c>ERR DB index is out of range</c> (Valkey's <c>selectDb</c>).</summary>
    public static string? Resolve(Engine engine, long index, out Database db)
    {
        if (index < 0 || index >= engine.Databases.Length)
        {
            db = null!;
            return ErrorMessages.DbIndexOutOfRange;
        }
        db = engine.Databases[index];
        return null;
    }

    /// <summary>DBSIZE: the number of keys, counting expired keys not reclaimed yet, as Valkey does.</summary>
    public static long Size(Database db)
    {
        using var locks = ShardLocks.ForDatabases(db);
        return db.CountLocked();
    }

    /// <summary>FLUSHDB: removes every key of the database at once. SYNC and ASYNC behave the same here (memory is the GC's).</summary>
    public static void Flush(Database db)
    {
        using var locks = ShardLocks.ForDatabases(db);
        db.SignalFlushed(null);
        db.ClearLocked();
    }

    /// <summary>FLUSHALL: removes every key of every database at once.</summary>
    public static void FlushAll(Engine engine)
    {
        using var locks = ShardLocks.ForDatabases(engine.Databases);
        foreach (var db in engine.Databases)
        {
            db.SignalFlushed(null);
            db.ClearLocked();
        }
    }

    /// <summary>
    /// SWAPDB (Valkey's <c>dbSwapDatabases</c>): swaps the contents of two databases at once; every caller that selected one
    /// of them sees the other's keys from then on. Error <c>ERR DB index is out of range</c>. Swapping a database with itself
    /// does nothing.
    /// </summary>
    public static string? Swap(Engine engine, long first, long second)
    {
        if (Resolve(engine, first, out var a) is not null || Resolve(engine, second, out var b) is not null)
        {
            return ErrorMessages.DbIndexOutOfRange;
        }
        if (ReferenceEquals(a, b))
        {
            return null;
        }
        using var locks = ShardLocks.ForDatabases(a, b);
        a.SignalFlushed(b);
        b.SignalFlushed(a);
        Database.SwapContentsLocked(a, b);
        // Clients blocked on keys of either database may be served by what is there now (Valkey's scanDatabaseForReadyKeys).
        a.Engine.Blocking.SignalDatabase(a);
        a.Engine.Blocking.SignalDatabase(b);
        return null;
    }

    /// <summary>TIME: the store clock's unix time as whole seconds and the microseconds within that second.</summary>
    public static (long Seconds, long Microseconds) Time(Engine engine)
    {
        long ticks = engine.Time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        return (seconds, rest / (TimeSpan.TicksPerSecond / 1_000_000));
    }
}
