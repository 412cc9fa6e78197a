namespace InProcValkey.Tests.Transactions;

/// <summary>MULTI/EXEC/DISCARD/WATCH through the generic Execute path of a session, on a FakeTimeProvider.</summary>
public sealed class MultiExecTests
{
    [Fact]
    public void QueuedCommandsRunAtExecAndReplyAsOneArray()
    {
        using var t = new TestStore();
        t.Ok("MULTI");
        Assert.Equal("QUEUED", t.Text("SET", "tx:a", "1"));
        Assert.Equal("QUEUED", t.Text("INCR", "tx:a"));
        Assert.Null(t.Db.StringGet("tx:a")); // nothing ran yet
        var r = t.Run("EXEC");
        Assert.Equal(ValkeyReplyKind.Array, r.Kind);
        Assert.Equal(["OK", "2"], r.Elements.Select(e => e.ToString()));
        Assert.Equal("2", t.Db.StringGet("tx:a"));
    }

    [Fact]
    public void RuntimeErrorIsReportedInPlaceAndTheOthersStillRun()
    {
        using var t = new TestStore();
        t.Ok("MULTI");
        t.Run("SET", "tx:b", "x");
        t.Run("LPUSH", "tx:b", "y");
        t.Run("SET", "tx:c", "1");
        var r = t.Run("EXEC");
        Assert.StartsWith("WRONGTYPE", r.Elements[1].ErrorMessage);
        Assert.Equal("1", t.Db.StringGet("tx:c"));
    }

    [Fact]
    public void ArityErrorWhileQueuingAbortsExec()
    {
        using var t = new TestStore();
        t.Ok("MULTI");
        t.Run("SET", "tx:d", "1");
        Assert.Equal("ERR wrong number of arguments for 'get' command", t.Run("GET").ErrorMessage);
        Assert.Equal("EXECABORT Transaction discarded because of previous errors.", t.Run("EXEC").ErrorMessage);
        Assert.Null(t.Db.StringGet("tx:d"));
        Assert.Equal("ERR EXEC without MULTI", t.Run("EXEC").ErrorMessage);
    }

    [Fact]
    public void DiscardDropsTheQueue()
    {
        using var t = new TestStore();
        t.Ok("MULTI");
        t.Run("SET", "tx:e", "1");
        t.Ok("DISCARD");
        Assert.Null(t.Db.StringGet("tx:e"));
        Assert.Equal("ERR DISCARD without MULTI", t.Run("DISCARD").ErrorMessage);
    }

    [Fact]
    public void WatchedKeyChangedByAnotherSessionFailsExecWithNull()
    {
        using var t = new TestStore();
        var other = t.Store.CreateSession();
        t.Ok("WATCH", "tx:w");
        other.Execute("SET", "tx:w", "theirs");
        t.Ok("MULTI");
        t.Run("SET", "tx:w", "mine");
        var r = t.Run("EXEC");
        Assert.Equal(ValkeyReplyKind.NullArray, r.Kind);
        Assert.Equal("theirs", t.Db.StringGet("tx:w"));
        // The watch is gone after EXEC: the next transaction runs.
        t.Ok("MULTI");
        t.Run("SET", "tx:w", "mine");
        Assert.Equal(ValkeyReplyKind.Array, t.Run("EXEC").Kind);
    }

    [Fact]
    public void NoOpWritesDoNotFailExec()
    {
        using var t = new TestStore();
        t.Db.SetAdd("tx:s", "m");
        t.Ok("WATCH", "tx:s", "tx:missing");
        t.Int("SADD", "tx:s", "m");       // already a member
        t.Int("DEL", "tx:missing");      // nothing to delete
        t.Int("SREM", "tx:s", "other");   // not a member
        t.Int("EXPIRE", "tx:missing", "10");
        t.Int("PERSIST", "tx:s");         // no TTL
        t.Ok("MULTI");
        t.Run("PING");
        Assert.Equal(ValkeyReplyKind.Array, t.Run("EXEC").Kind);
    }

    [Fact]
    public void WatchedKeyThatExpiresFailsExec()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "tx:x", "v", "PX", "100");
        t.Ok("WATCH", "tx:x");
        t.Time.Advance(TimeSpan.FromMilliseconds(200));
        t.Ok("MULTI");
        t.Run("PING");
        Assert.Equal(ValkeyReplyKind.NullArray, t.Run("EXEC").Kind);
    }

    [Fact]
    public void WatchedKeyReclaimedByActiveExpiryFailsExec()
    {
        using var t = new TestStore(activeExpiry: true);
        t.Ok("SET", "tx:y", "v", "PX", "100");
        t.Ok("WATCH", "tx:y");
        t.Time.Advance(TimeSpan.FromSeconds(2));
        t.Store.Engine.RunActiveExpireCycle();
        t.Ok("MULTI");
        t.Run("PING");
        Assert.Equal(ValkeyReplyKind.NullArray, t.Run("EXEC").Kind);
    }

    [Fact]
    public void KeyAlreadyExpiredWhenWatchedIsNoChangeWhenReclaimed()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "tx:z", "v", "PX", "100");
        t.Time.Advance(TimeSpan.FromMilliseconds(200));
        t.Ok("WATCH", "tx:z");
        Assert.Null(t.Text("GET", "tx:z")); // lazy expiry deletes it: logically no change
        t.Ok("MULTI");
        t.Run("PING");
        Assert.Equal(ValkeyReplyKind.Array, t.Run("EXEC").Kind);
    }

    [Fact]
    public void FlushdbFailsExecOnlyWhenTheWatchedKeyExisted()
    {
        using var t = new TestStore();
        t.Ok("WATCH", "tx:f");
        t.Ok("SET", "other", "1");
        t.Store.CreateSession().Execute("FLUSHDB");
        t.Ok("MULTI");
        Assert.Equal(ValkeyReplyKind.Array, t.Run("EXEC").Kind);
        t.Ok("SET", "tx:f", "1");
        t.Ok("WATCH", "tx:f");
        t.Store.CreateSession().Execute("FLUSHALL");
        t.Ok("MULTI");
        Assert.Equal(ValkeyReplyKind.NullArray, t.Run("EXEC").Kind);
    }

    [Fact]
    public void InPlaceWritesFailExec()
    {
        using var t = new TestStore();
        var other = t.Store.CreateSession();
        string[][] writes =
        [
            ["INCR", "tx:i"], ["APPEND", "tx:s", "x"], ["SETRANGE", "tx:s", "0", "y"], ["SET", "tx:s", "zz"],
            ["HSET", "tx:h", "f", "2"], ["LPUSH", "tx:l", "b"], ["LSET", "tx:l", "0", "c"], ["SADD", "tx:set", "n"],
            ["ZADD", "tx:z", "5", "m"], ["PEXPIRE", "tx:i", "100000"], ["RENAME", "tx:s", "tx:s2"],
        ];
        other.Execute("SET", "tx:i", "1");
        other.Execute("SET", "tx:s", "ab");
        other.Execute("HSET", "tx:h", "f", "1");
        other.Execute("LPUSH", "tx:l", "a");
        other.Execute("SADD", "tx:set", "m");
        other.Execute("ZADD", "tx:z", "1", "m");
        foreach (var w in writes)
        {
            t.Ok("WATCH", w[1]);
            Assert.False(other.Execute(w).IsError, string.Join(' ', w));
            t.Ok("MULTI");
            Assert.True(t.Run("EXEC").Kind == ValkeyReplyKind.NullArray, string.Join(' ', w));
        }
    }

    [Fact]
    public void BlockingCommandInsideExecDoesNotBlock()
    {
        using var t = new TestStore();
        t.Ok("MULTI");
        t.Run("BLPOP", "tx:empty", "0");
        var r = t.Run("EXEC");
        Assert.Equal(ValkeyReplyKind.NullArray, r.Elements[0].Kind);
    }

    [Fact]
    public async Task ClientBlockedOnAKeyIsServedAfterExec()
    {
        using var t = new TestStore();
        var waiting = t.Db.ListBlockingLeftPopAsync(["tx:q"], TimeSpan.Zero, TestContext.Current.CancellationToken);
        t.Ok("MULTI");
        t.Run("RPUSH", "tx:q", "a");
        t.Run("RPUSH", "tx:q", "b");
        t.Run("LLEN", "tx:q");
        var r = t.Run("EXEC");
        Assert.Equal("2", r.Elements[2].ToString()); // nothing was popped inside the transaction
        var popped = await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.NotNull(popped);
    }

    [Fact]
    public void SelectInsideMultiChangesTheDatabaseOfLaterCommands()
    {
        using var t = new TestStore();
        t.Ok("MULTI");
        t.Run("SELECT", "3");
        t.Run("SET", "tx:db", "three");
        t.Run("EXEC");
        Assert.Equal("three", t.Store.GetDatabase(3).StringGet("tx:db"));
        Assert.Null(t.Db.StringGet("tx:db"));
    }

    [Fact]
    public void SlowlogRecordsTheCommandsExecRunsButNotExec()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "slowlog-log-slower-than", "0");
        t.Ok("SLOWLOG", "RESET");
        t.Ok("MULTI");
        t.Run("SET", "tx:slow", "1");
        t.Run("EXEC");
        var names = t.Run("SLOWLOG", "GET", "10").Elements.Select(e => e.Elements[3].Elements[0].ToString()).ToList();
        Assert.Contains("SET", names, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("MULTI", names, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("EXEC", names, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void MultiExecAndTheCommandsItRunsAreCountedInCommandStats()
    {
        using var t = new TestStore();
        t.Ok("MULTI");
        t.Run("SET", "tx:st", "1");
        t.Run("INCR", "tx:st");
        t.Run("EXEC");
        string info = t.Text("INFO", "commandstats")!;
        Assert.Contains("cmdstat_multi:calls=1,", info, StringComparison.Ordinal);
        Assert.Contains("cmdstat_exec:calls=1,", info, StringComparison.Ordinal);
        Assert.Contains("cmdstat_incr:calls=1,", info, StringComparison.Ordinal);
    }
}
