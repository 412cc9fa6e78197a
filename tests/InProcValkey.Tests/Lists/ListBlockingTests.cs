namespace InProcValkey.Tests.Lists;

public sealed class ListBlockingTests
{
    private static readonly TimeSpan Forever = Timeout.InfiniteTimeSpan;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitersAreServedInTheOrderTheyBlocked()
    {
        using var t = new TestStore();
        var db = t.Db;
        var first = db.ListBlockingLeftPopAsync(["q"], Forever, Ct);
        var second = db.ListBlockingRightPopAsync(["other", "q"], Forever, Ct);
        var third = db.ListBlockingPopAsync(["q"], ListSide.Left, 5, Forever, Ct);
        Assert.False(first.IsCompleted);
        db.ListRightPush("q", ["a", "b"]);
        var r1 = await first;
        var r2 = await second;
        Assert.Equal(["a"], r1!.TextValues);
        Assert.Equal("q", r2!.Key);
        Assert.Equal(["b"], r2.TextValues);
        Assert.False(third.IsCompleted);
        db.ListRightPush("q", ["c", "d", "e"]);
        Assert.Equal(["c", "d", "e"], (await third)!.TextValues);
        Assert.Equal(0, db.ListLength("q"));
    }

    [Fact]
    public async Task APushFromAnotherThreadWakesTheWaiter()
    {
        using var t = new TestStore();
        var wait = t.Db.ListBlockingLeftPopAsync(["k"], Forever, Ct).AsTask();
        await Task.Run(() => t.Run("LPUSH", "k", "hello"), Ct);
        var r = await wait.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["hello"], r!.TextValues);
        Assert.Equal(0, t.Int("EXISTS", "k"));
    }

    [Fact]
    public async Task TimeoutReleasesWithNullOnTheFakeClock()
    {
        using var t = new TestStore();
        var wait = t.Db.ListBlockingLeftPopAsync(["k"], TimeSpan.FromSeconds(2), Ct);
        var move = t.Db.ListBlockingMoveAsync("src", "dst", ListSide.Left, ListSide.Right, TimeSpan.FromSeconds(3), Ct);
        t.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(wait.IsCompleted);
        t.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await wait);
        Assert.False(move.IsCompleted);
        t.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await move);
    }

    [Fact]
    public async Task ACancelledWaiterTakesNothing()
    {
        using var t = new TestStore();
        using var cts = new CancellationTokenSource();
        var cancelled = t.Db.ListBlockingLeftPopAsync(["k"], Forever, cts.Token);
        var later = t.Db.ListBlockingLeftPopAsync(["k"], Forever, Ct);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        t.Db.ListRightPush("k", ["x", "y"]);
        Assert.Equal(["x"], (await later)!.TextValues);
        Assert.Equal(["y"], t.Db.ListRange("k"));
    }

    [Fact]
    public async Task BlockingMoveIsServedByAPushAndRotatesIntoTheDestination()
    {
        using var t = new TestStore();
        var move = t.Db.ListBlockingRightPopLeftPushAsync("src", "dst", Forever, Ct);
        t.Int("RPUSH", "src", "1", "2");
        Assert.Equal("2", await move);
        Assert.Equal(["2"], t.Db.ListRange("dst"));
        Assert.Equal(["1"], t.Db.ListRange("src"));
    }

    [Fact]
    public async Task BlockingMoveEndsWithWrongTypeWhenTheDestinationChangedType()
    {
        using var t = new TestStore();
        var move = t.Db.ListBlockingMoveAsync("src", "dst", ListSide.Left, ListSide.Left, Forever, Ct);
        t.Ok("SET", "dst", "string");
        t.Int("RPUSH", "src", "1");
        await Assert.ThrowsAnyAsync<ValkeyException>(async () => await move);
        Assert.Equal(["1"], t.Db.ListRange("src"));
    }

    [Fact]
    public async Task AWaiterIsNotServedByAKeyOfAnotherTypeButByALaterList()
    {
        using var t = new TestStore();
        var wait = t.Db.ListBlockingLeftPopAsync(["k"], Forever, Ct);
        t.Ok("SET", "k", "v");
        Assert.False(wait.IsCompleted);
        t.Int("DEL", "k");
        t.Int("RPUSH", "k", "z");
        Assert.Equal(["z"], (await wait)!.TextValues);
    }

    [Fact]
    public async Task SessionBlpopWaitsUntilAnotherCallerPushes()
    {
        using var t = new TestStore();
        var blpop = Task.Run(() => t.Store.CreateSession().Execute("BLPOP", "k", "0"), Ct);
        await Task.Delay(50, Ct);
        t.Int("RPUSH", "k", "v");
        var r = await blpop.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["k", "v"], r.Elements.Select(e => e.ToString()));
    }

    [Fact]
    public async Task ImmediateDataAnswersSynchronously()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "k", "1", "2", "3");
        var r = t.Db.ListBlockingPopAsync(["none", "k"], ListSide.Right, 2, Forever, Ct);
        Assert.True(r.IsCompletedSuccessfully);
        Assert.Equal(["3", "2"], (await r)!.TextValues);
    }
}
