namespace InProcValkey.Tests.SortedSets;

/// <summary>BZPOPMIN, BZPOPMAX, BZMPOP: blocking, FIFO waiters, timeouts on the fake clock, cancellation.</summary>
public sealed class SortedSetBlockingTests
{
    private static readonly TimeSpan Forever = Timeout.InfiniteTimeSpan;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitersAreServedInOrderByAddsFromAnyCaller()
    {
        using var t = new TestStore();
        var db = t.Db;
        var first = db.SortedSetBlockingPopAsync(["z"], Order.Ascending, Forever, Ct);
        var second = db.SortedSetBlockingPopAsync(["other", "z"], Order.Descending, Forever, Ct);
        Assert.False(first.IsCompleted);
        await Task.Run(() => t.Run("ZADD", "z", "1", "a", "2", "b", "3", "c"), Ct);
        var r1 = await first;
        var r2 = await second;
        Assert.Equal("a", r1!.Entries[0].ElementText);
        Assert.Equal(1, r1.Entries[0].Score);
        Assert.Equal("c", r2!.Entries[0].ElementText);
        Assert.Equal(["b"], db.SortedSetRangeByRank("z"));
    }

    [Fact]
    public async Task TimeoutReleasesWithNullOnTheFakeClock()
    {
        using var t = new TestStore();
        var wait = t.Db.SortedSetBlockingPopAsync(["z"], Order.Ascending, TimeSpan.FromSeconds(2), Ct);
        t.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(wait.IsCompleted);
        t.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await wait);
    }

    [Fact]
    public async Task ACancelledWaiterTakesNothing()
    {
        using var t = new TestStore();
        using var cts = new CancellationTokenSource();
        var cancelled = t.Db.SortedSetBlockingPopAsync(["z"], Order.Ascending, Forever, cts.Token);
        var later = t.Db.SortedSetBlockingPopAsync([[(byte)'z']], Order.Ascending, 5, Forever, Ct);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        t.Int("ZADD", "z", "1", "x", "2", "y");
        var r = await later;
        Assert.Equal(["x", "y"], r!.Entries.Select(e => e.ElementText));
        Assert.Equal(0, t.Int("EXISTS", "z"));
    }

    [Fact]
    public void CommandsReplyAtOnceWhenDataIsThereAndValidateArguments()
    {
        using var t = new TestStore();
        t.Int("ZADD", "z", "1", "a", "2", "b");
        Assert.Equal("[z, a, 1]", t.Text("BZPOPMIN", "missing", "z", "0"));
        Assert.Equal("[z, b, 2]", t.Text("BZPOPMAX", "z", "0"));
        t.Int("ZADD", "z", "1", "a", "2", "b", "3", "c");
        Assert.Equal("[z, [[c, 3], [b, 2]]]", t.Text("BZMPOP", "0", "1", "z", "MAX", "COUNT", "2"));
        t.Error("ERR timeout is not a float or out of range", "BZPOPMIN", "z", "x");
        t.Error("ERR timeout is negative", "BZPOPMIN", "z", "-1");
        t.Error("ERR numkeys should be greater than 0", "BZMPOP", "x", "0", "z", "MIN");
        t.Error("ERR syntax error", "BZMPOP", "0", "1", "z", "LEFT");
        t.Run("SET", "s", "v");
        t.Error("WRONGTYPE Operation against a key holding the wrong kind of value", "BZPOPMIN", "s", "z", "0");
    }

    [Fact]
    public async Task AWaiterOnAKeyOfAnotherTypeIsServedWhenItBecomesASortedSet()
    {
        using var t = new TestStore();
        var wait = t.Db.SortedSetBlockingPopAsync(["k"], Order.Ascending, Forever, Ct);
        t.Run("SET", "k", "v");
        Assert.False(wait.IsCompleted);
        t.Int("DEL", "k");
        t.Int("ZADD", "src", "5", "m");
        t.Int("ZUNIONSTORE", "k", "1", "src");
        var r = await wait;
        Assert.Equal("m", r!.Entries[0].ElementText);
    }
}
