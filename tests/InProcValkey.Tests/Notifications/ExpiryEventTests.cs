namespace InProcValkey.Tests.Notifications;

/// <summary><c>expired</c> fires when an expired key is reclaimed: lazily on access, or by the active cycle when time moves.</summary>
public sealed class ExpiryEventTests
{
    [Fact]
    public void LazyExpiryFiresExpiredWhenTheKeyIsRead()
    {
        using var t = new TestStore(activeExpiry: false);
        using var events = t.Store.SubscribeKeyspaceEvents();
        t.Ok("SET", "k", "v", "PX", "100");
        Assert.Equal(["set k", "expire k"], events.Drain());
        t.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal("v", t.Text("GET", "k"));
        t.Time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Empty(events.Drain());
        t.Nil("GET", "k");
        Assert.Equal(["expired k"], events.Drain());
        t.Nil("GET", "k");
        Assert.Empty(events.Drain());
    }

    [Fact]
    public void ActiveExpiryFiresExpiredWhenTheClockIsAdvanced()
    {
        using var t = new TestStore(activeExpiry: true);
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.Expired);
        t.Db.StringSet("a", "1", TimeSpan.FromSeconds(1));
        t.Db.StringSet("b", "1", TimeSpan.FromSeconds(5));
        t.Time.Advance(TimeSpan.FromMilliseconds(1100)); // the cycle runs on the store's timer, inside Advance
        Assert.Equal(["expired a"], events.Drain());
        t.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["expired b"], events.Drain());
        Assert.Equal(0, t.Int("DBSIZE"));
    }

    [Fact]
    public void ActiveExpiryWaitsWhileClientsArePaused()
    {
        using var t = new TestStore(activeExpiry: true);
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.Expired);
        t.Db.StringSet("a", "1", TimeSpan.FromMilliseconds(100));
        t.Ok("CLIENT", "PAUSE", "60000", "WRITE");
        t.Time.Advance(TimeSpan.FromSeconds(1)); // timer ticks during the pause: the dataset stays as it is
        Assert.Empty(events.Drain());
        Assert.Equal(1, t.Store.Engine.Databases[0].Shards.Sum(s => s.Table.Count));
        t.Store.Engine.Pause.Unpause(); // CLIENT UNPAUSE's effect, without running a command
        t.Time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(["expired a"], events.Drain());
    }

    [Fact]
    public void WriteToAnExpiredKeyFiresExpiredThenNew()
    {
        using var t = new TestStore(activeExpiry: false);
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.All | KeyspaceEventClasses.New);
        t.Ok("SET", "k", "v", "PX", "10");
        t.Time.Advance(TimeSpan.FromMilliseconds(20));
        t.Int("LPUSH", "k", "x");
        Assert.Equal(["new k", "set k", "expire k", "expired k", "new k", "lpush k"], events.Drain());
    }

    [Fact]
    public void ExpiredReachesPubSubAsValkeyPublishesIt()
    {
        using var t = new TestStore(activeExpiry: true);
        t.Ok("CONFIG", "SET", "notify-keyspace-events", "Ex");
        using var sub = t.Store.Subscribe("__keyevent@0__:expired");
        t.Ok("SET", "k", "v", "EX", "1");
        t.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["__keyevent@0__:expired k"], sub.Drain());
    }

    [Fact]
    public void ExpireInThePastDeletesWithDel()
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents();
        t.Ok("SET", "k", "v");
        Assert.Equal(1, t.Int("EXPIRE", "k", "-1"));
        Assert.Equal(["set k", "del k"], events.Drain());
    }
}
