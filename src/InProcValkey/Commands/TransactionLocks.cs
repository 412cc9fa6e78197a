using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>
/// The lock set of a transaction (EXEC, the typed ValkeyTransaction): the shards of every key of every queued command
/// and of every watched key, taken in the global order with <see cref="KeyShard.EnterTransaction"/> before the first command
/// runs and released after the last one, so the whole transaction is atomic for every other caller. A queued command whose
/// keys cannot be told from its arguments, or that reaches beyond its keys (whole-database commands, SELECT, MOVE, COPY,
/// SORT), makes the set every shard of every database. See docs/locking.md.
/// </summary>
internal static class TransactionLocks
{
    // Commands that read or write neither keys nor databases: they add nothing to the lock set.
    private static readonly HashSet<string> Keyless = new(StringComparer.OrdinalIgnoreCase)
    {
        "ping", "echo", "publish", "time", "unwatch", "lastsave", "command", "hello", "auth", "client", "config",
        "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "pubsub",
    };

    // Commands with keys that also touch other keys or databases.
    private static readonly HashSet<string> Wide = new(StringComparer.OrdinalIgnoreCase)
    {
        "sort", "sort_ro", "move", "copy",
    };

    /// <summary>The shards a transaction of <paramref name="queue"/> run on <paramref name="db"/> must hold, unsorted, duplicates allowed.</summary>
    public static KeyShard[] Plan(Engine engine, Database db, IReadOnlyList<QueuedCommand> queue, WatchState watch)
    {
        var keys = new List<byte[]>();
        foreach (var q in queue)
        {
            var def = q.Def;
            string name = def.Parent ?? def.Name;
            if (Wide.Contains(name) || !ServerCommands.TryAddKeyArguments(def, q.Args, keys))
            {
                if (Keyless.Contains(name))
                {
                    continue;
                }
                return All(engine);
            }
        }
        var shards = new KeyShard[keys.Count + watch.Count];
        int n = 0;
        foreach (var k in keys)
        {
            shards[n++] = db.ShardOf(KeyHash.Of(k));
        }
        foreach (var wk in watch.Keys)
        {
            shards[n++] = wk.Db.ShardOf(KeyHash.Of(wk.Key));
        }
        return shards;
    }

    /// <summary>Every shard of every database.</summary>
    public static KeyShard[] All(Engine engine)
    {
        var shards = new KeyShard[engine.Databases.Length * Database.ShardCount];
        int n = 0;
        foreach (var d in engine.Databases)
        {
            foreach (var s in d.Shards)
            {
                shards[n++] = s;
            }
        }
        return shards;
    }

    /// <summary>Sorts and de-duplicates <paramref name="shards"/> and takes them in ascending order; returns how many are held.</summary>
    public static int Enter(KeyShard[] shards)
    {
        Array.Sort(shards, static (a, b) => a.Order.CompareTo(b.Order));
        int n = 0;
        for (int i = 0; i < shards.Length; i++)
        {
            if (n == 0 || !ReferenceEquals(shards[n - 1], shards[i]))
            {
                shards[n++] = shards[i];
            }
        }
        for (int i = 0; i < n; i++)
        {
            shards[i].EnterTransaction();
        }
        return n;
    }

    /// <summary>Releases what <see cref="Enter"/> took, in reverse order.</summary>
    public static void Exit(KeyShard[] shards, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            shards[i].ExitTransaction();
        }
    }
}
