namespace InProcValkey.Tests.Notifications;

/// <summary>Valkey's event names per command family, through the command layer (the typed API shares the operations).</summary>
public sealed class CommandEventTests
{
    private static List<string> Events(KeyspaceEventClasses classes, params string[][] commands)
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents(classes);
        foreach (var c in commands)
        {
            var r = t.Run(c);
            Assert.False(r.IsError, $"{string.Join(' ', c)}: {r}");
        }
        return events.Drain();
    }

    [Fact]
    public void Strings() => Assert.Equal(
        ["set s", "set s", "set m1", "set m2", "incrby n", "incrby n", "incrbyfloat n", "append s", "setrange s", "del s"],
        Events(KeyspaceEventClasses.String | KeyspaceEventClasses.Generic,
            ["SET", "s", "a"], ["SETNX", "s", "b"], ["GETSET", "s", "c"], ["MSET", "m1", "1", "m2", "2"], ["INCR", "n"], ["DECRBY", "n", "3"],
            ["INCRBYFLOAT", "n", "0.5"], ["APPEND", "s", "x"], ["SETRANGE", "s", "0", "y"], ["SETRANGE", "s", "0", ""], ["GETDEL", "s"]));

    [Fact]
    public void Generic() => Assert.Equal(
        ["set a", "expire a", "persist a", "rename_from a", "rename_to b", "copy_to c", "move_from c", "move_to c@1", "del b"],
        Events(KeyspaceEventClasses.All,
            ["SET", "a", "1"], ["EXPIRE", "a", "100"], ["PERSIST", "a"], ["PERSIST", "a"], ["RENAME", "a", "b"], ["COPY", "b", "c"],
            ["MOVE", "c", "1"], ["DEL", "b", "nothere"], ["SWAPDB", "0", "1"], ["FLUSHALL"]));

    [Fact]
    public void Lists() => Assert.Equal(
        ["lpush l", "rpush l", "linsert l", "lset l", "lrem l", "ltrim l", "rpush l2", "lpop l", "rpop l", "del l", "rpop l2", "del l2"],
        Events(KeyspaceEventClasses.List | KeyspaceEventClasses.Generic,
            ["LPUSH", "l", "a", "b", "c"], ["RPUSH", "l", "d"], ["LINSERT", "l", "BEFORE", "a", "x"], ["LSET", "l", "0", "y"],
            ["LREM", "l", "1", "y"], ["LTRIM", "l", "0", "2"], ["LMOVE", "l", "l2", "LEFT", "RIGHT"], ["RPOP", "l", "5"], ["BRPOP", "l2", "0"]));

    [Fact]
    public void Hashes() => Assert.Equal(
        ["hset h", "hset h", "hincrby h", "hincrbyfloat h", "hdel h", "hdel h", "del h"],
        Events(KeyspaceEventClasses.Hash | KeyspaceEventClasses.Generic,
            ["HSET", "h", "a", "1"], ["HSETNX", "h", "b", "2"], ["HSETNX", "h", "b", "3"], ["HINCRBY", "h", "a", "1"],
            ["HINCRBYFLOAT", "h", "a", "1.5"], ["HDEL", "h", "a", "zz"], ["HDEL", "h", "zz"], ["HDEL", "h", "b"]));

    [Fact]
    public void Sets() => Assert.Equal(
        ["sadd s", "srem s", "sadd d", "sinterstore i", "sunionstore u", "del i", "srem s", "srem s", "del s", "sadd d"],
        Events(KeyspaceEventClasses.Set | KeyspaceEventClasses.Generic,
            ["SADD", "s", "a", "b", "c"], ["SADD", "s", "a"], ["SREM", "s", "a"], ["SADD", "d", "b"], ["SINTERSTORE", "i", "s", "d"],
            ["SUNIONSTORE", "u", "s", "d"], ["SDIFFSTORE", "i", "d", "s"], ["SREM", "s", "b"], ["SMOVE", "s", "d", "c"]));

    [Fact]
    public void SortedSets() => Assert.Equal(
        ["zadd z", "zincr z", "zincr z", "zrem z", "zremrangebyscore z", "del z", "zadd y", "zunionstore u", "zpopmax y", "del y"],
        Events(KeyspaceEventClasses.SortedSet | KeyspaceEventClasses.Generic,
            ["ZADD", "z", "1", "a", "2", "b", "3", "c"], ["ZADD", "z", "1", "a"], ["ZADD", "z", "INCR", "1", "a"], ["ZINCRBY", "z", "1", "b"],
            ["ZREM", "z", "a"], ["ZREMRANGEBYSCORE", "z", "0", "3"], ["ZADD", "y", "1", "q"], ["ZUNIONSTORE", "u", "2", "z", "y"],
            ["ZPOPMIN", "z"], ["ZPOPMAX", "y", "9"], ["ZREMRANGEBYRANK", "z", "0", "-1"]));

    [Fact]
    public void SortStore() => Assert.Equal(
        ["new l", "rpush l", "new d", "sortstore d", "sortstore d", "del d"],
        Events(KeyspaceEventClasses.All | KeyspaceEventClasses.New,
            ["RPUSH", "l", "2", "1"], ["SORT", "l", "STORE", "d"], ["SORT", "l", "STORE", "d"], ["SORT", "nothere", "STORE", "d"]));

    [Fact]
    public void KeyMissFiresOnReadsOnly() => Assert.Equal(
        ["keymiss a", "keymiss b", "keymiss c", "keymiss d"],
        Events(KeyspaceEventClasses.KeyMiss,
            ["GET", "a"], ["LRANGE", "b", "0", "-1"], ["HGET", "c", "f"], ["ZSCORE", "d", "m"], ["SET", "e", "1"],
            ["DEL", "y"]));

    [Fact]
    public async Task AServedBlockedPopFiresItsPopAfterThePush()
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.List | KeyspaceEventClasses.Generic);
        var pop = t.Db.ListBlockingLeftPopAsync(["q"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(pop.IsCompleted);
        t.Db.ListRightPush("q", "job");
        var popped = await pop.AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.NotNull(popped);
        Assert.Equal(["rpush q", "lpop q", "del q"], events.Drain());
    }

    [Fact]
    public void FailedCommandsFireNothing() => Assert.Empty(FailedEvents());

    private static List<string> FailedEvents()
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "x");
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.All | KeyspaceEventClasses.KeyMiss);
        Assert.True(t.Run("INCR", "s").IsError);
        Assert.True(t.Run("LSET", "x", "0", "v").IsError); // a write lookup: no keymiss
        Assert.True(t.Run("LPUSH", "s", "a").IsError);
        Assert.True(t.Run("HSET", "s", "a", "b").IsError);
        return events.Drain();
    }
}

/// <summary>Regression: ZUNION / ZINTER / ZDIFF (no STORE) once stored their result under an empty key (found by the notification differential).</summary>
public sealed class ZsetCombineWithoutStoreTests
{
    [Theory]
    [InlineData("ZUNION")]
    [InlineData("ZINTER")]
    [InlineData("ZDIFF")]
    public void CombiningWithoutStoreWritesNoKey(string command)
    {
        using var t = new TestStore();
        t.Int("ZADD", "a", "1", "x");
        t.Int("ZADD", "b", "1", "x");
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.All | KeyspaceEventClasses.New);
        Assert.False(t.Run(command, "2", "a", "b").IsError);
        Assert.Empty(events.Drain());
        Assert.Equal(2, t.Int("DBSIZE"));
        Assert.Equal(0, t.Int("EXISTS", ""));
    }
}
