using static InProcValkey.Tests.Eviction.EvictionTestHelpers;
using InProcValkey.Tests.Notifications;

namespace InProcValkey.Tests.Eviction;

/// <summary>What an eviction does besides freeing memory, and the out-of-memory rules inside MULTI (Valkey's processCommand).</summary>
public sealed class EvictionSideEffectTests
{
    [Fact]
    public void EvictionFiresEvictedEventsForTheKeysItRemoves()
    {
        using var t = NewStore();
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.Evicted);
        for (int i = 0; i < 50; i++)
        {
            t.Ok("SET", "old:" + S(i), Value);
        }
        t.LimitTo(2_000, "allkeys-random");
        for (int i = 0; i < 200; i++)
        {
            t.Ok("SET", "new:" + S(i), Value);
        }
        // INFO runs the eviction step too (before every command): read the count first, then the events.
        long count = t.InfoField("stats", "evicted_keys");
        var evicted = events.Drain();
        Assert.True(count > 0, "nothing was evicted");
        Assert.Equal(count, evicted.Count);
        Assert.All(evicted, e => Assert.StartsWith("evicted ", e, StringComparison.Ordinal));
        // Every evicted key is gone.
        foreach (var e in evicted)
        {
            Assert.Equal(0, t.Int("EXISTS", e["evicted ".Length..]));
        }
    }

    [Fact]
    public void MemoryOverALoweredLimitIsEvictedByTheTimerWithoutACommandAndNothingIsEvictedWhileClientsArePaused()
    {
        using var t = NewStore();
        for (int i = 0; i < 200; i++)
        {
            t.Ok("SET", "k:" + S(i), Value);
        }
        t.Ok("CLIENT", "PAUSE", "60000", "WRITE");
        // Below the usage. Every command evicts before it runs, so CONFIG SET itself (under the old limit) evicts nothing.
        long limit = t.LimitTo(-10_000, "allkeys-random");
        t.Time.Advance(TimeSpan.FromSeconds(1)); // the timer runs, but a paused dataset stays as it is
        Assert.Equal(200, KeyCount(t));
        Assert.Equal(200, t.Int("DBSIZE")); // and a command's eviction step evicts nothing either (Valkey: a fake EVICT_OK)
        Assert.Equal(200, KeyCount(t));
        t.Engine().Pause.Unpause(); // what CLIENT UNPAUSE does, without a command's own eviction step
        t.Time.Advance(TimeSpan.FromMilliseconds(200)); // Valkey's eviction time event: no command needed
        Assert.InRange(t.UsedMemory(), 0, limit);
        Assert.InRange(KeyCount(t), 1, 199);

        // Keys counted from the tables: any command would run the eviction step itself.
        static int KeyCount(TestStore t) => t.Engine().Databases[0].Shards.Sum(s => s.Table.Count);
    }

    [Fact]
    public void EvictingAWatchedKeyFailsTheWatchersExec()
    {
        using var t = NewStore();
        var watcher = t.Store.CreateSession();
        t.Ok("SET", "watched", Value);
        Assert.Equal("OK", watcher.Execute("WATCH", "watched").ToString());
        t.LimitTo(0, "allkeys-random");
        // Writing over the limit evicts until under it: with only a few keys, the watched one goes too.
        for (int i = 0; i < 100 && t.Int("EXISTS", "watched") == 1; i++)
        {
            t.Run("SET", "filler:" + S(i), Value);
        }
        Assert.Equal(0, t.Int("EXISTS", "watched"));
        Assert.Equal("OK", watcher.Execute("MULTI").ToString());
        Assert.Equal("QUEUED", watcher.Execute("SET", "other", "1").ToString());
        Assert.True(watcher.Execute("EXEC").IsNull, "EXEC must fail after a watched key was evicted");
    }

    [Fact]
    public void OutOfMemoryInsideMultiRefusesQueuingAndAbortsExec()
    {
        using var t = NewStore();
        for (int i = 0; i < 20; i++)
        {
            t.Ok("SET", "k:" + S(i), Value);
        }
        t.Ok("CONFIG", "SET", "maxmemory-policy", "noeviction");
        t.Ok("MULTI");
        Assert.Equal("QUEUED", t.Text("GET", "k:1"));
        // CONFIG inside MULTI would be queued: another session sets the limit below what is used.
        var admin = t.Store.CreateSession();
        Assert.Equal("OK", admin.Execute("CONFIG", "SET", "maxmemory", "1").ToString());
        // Over the limit: even a read is refused while queuing, and the refusal flags the transaction. The queue holds no
        // denyoom command, so EXEC itself is not refused: it aborts for the earlier error.
        t.Error(Oom, "GET", "k:1");
        t.Error("EXECABORT Transaction discarded because of previous errors.", "EXEC");
        Assert.Equal("OK", admin.Execute("CONFIG", "SET", "maxmemory", "0").ToString());
        Assert.Equal(Value, t.Text("GET", "k:1"));
        t.Nil("GET", "a");
    }

    [Fact]
    public void ExecWithADenyOomCommandQueuedIsRefusedOverTheLimit()
    {
        using var t = NewStore();
        t.Ok("SET", "k", Value);
        t.Ok("CONFIG", "SET", "maxmemory-policy", "noeviction");
        t.Ok("MULTI");
        Assert.Equal("QUEUED", t.Text("SET", "a", "1"));
        Assert.Equal("QUEUED", t.Text("GET", "k"));
        // CONFIG inside MULTI would be queued: set the limit from another session.
        var admin = t.Store.CreateSession();
        Assert.Equal("OK", admin.Execute("CONFIG", "SET", "maxmemory", "1").ToString());
        t.Error("EXECABORT Transaction discarded because of: " + Oom, "EXEC");
        Assert.Equal("OK", admin.Execute("CONFIG", "SET", "maxmemory", "0").ToString());
        t.Nil("GET", "a");
        // DISCARD is never refused.
        Assert.Equal("OK", admin.Execute("CONFIG", "SET", "maxmemory", "1").ToString());
        t.Ok("MULTI");
        t.Ok("DISCARD");
    }
}
