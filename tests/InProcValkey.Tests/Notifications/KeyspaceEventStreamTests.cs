namespace InProcValkey.Tests.Notifications;

/// <summary>The typed stream: <see cref="ValkeyStore.SubscribeKeyspaceEvents"/>.</summary>
public sealed class KeyspaceEventStreamTests
{
    [Fact]
    public void ReceivesEventsWithoutAnyConfigAndLeavesConfigAlone()
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents();
        t.Db.StringSet("k", "1");
        t.Db.StringIncrement("k");
        t.Db.KeyDelete("k");
        Assert.Equal(["set k", "incrby k", "del k"], events.Drain());
        Assert.Equal("", t.Run("CONFIG", "GET", "notify-keyspace-events").Elements[1].ToString());
    }

    [Fact]
    public void EventsAreQueuedBeforeTheCommandReturns()
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.List);
        t.Db.ListLeftPush("l", "a");
        Assert.True(events.Reader.TryRead(out var e));
        Assert.Equal(new KeyspaceEvent(0, e.KeyBytes, "lpush", KeyspaceEventClasses.List), e);
        Assert.Equal("l", e.Key);
    }

    [Fact]
    public void ListenerAndPubSubSubscribersSeeOnlyTheConfiguredClasses()
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.All | KeyspaceEventClasses.New);
        using var pubsub = t.Store.SubscribePattern("__key*__:*");
        t.Ok("SET", "k", "v");
        Assert.Equal(["new k", "set k"], events.Drain());
        Assert.Empty(pubsub.Drain());
    }

    [Fact]
    public void ClassDatabaseAndKeyPatternFiltersApply()
    {
        using var t = new TestStore();
        using var hashes = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.Hash);
        using var db1 = t.Store.SubscribeKeyspaceEvents(options: new KeyspaceEventOptions { Database = 1 });
        using var users = t.Store.SubscribeKeyspaceEvents(options: new KeyspaceEventOptions { KeyPattern = "user:*" });
        t.Db.HashSet("h", "f", "v");
        t.Store.GetDatabase(1).StringSet("x", "1");
        t.Db.StringSet("user:1", "a");
        t.Db.StringSet("item:1", "a");
        Assert.Equal(["hset h"], hashes.Drain());
        Assert.Equal(["set x@1"], db1.Drain());
        Assert.Equal(["set user:1"], users.Drain());
    }

    [Fact]
    public void DisposingStopsTheEventsAndCompletesTheReader()
    {
        using var t = new TestStore();
        var events = t.Store.SubscribeKeyspaceEvents();
        t.Db.StringSet("a", "1");
        events.Dispose();
        t.Db.StringSet("b", "1");
        Assert.Equal(["set a"], events.Drain());
        Assert.True(events.Reader.Completion.IsCompleted);
        Assert.Equal(0, t.Store.Engine.Notifier.Mask);
    }

    [Fact]
    public void AFullQueueDropsTheOldestByDefaultAndTheNewestWhenAsked()
    {
        using var t = new TestStore();
        using var oldest = t.Store.SubscribeKeyspaceEvents(options: new KeyspaceEventOptions { Capacity = 2 });
        using var newest = t.Store.SubscribeKeyspaceEvents(options: new KeyspaceEventOptions { Capacity = 2, Overflow = ValkeySubscriptionOverflow.DropNewest });
        for (int i = 0; i < 5; i++)
        {
            t.Db.StringSet("k" + i, "v");
        }
        Assert.Equal(["set k3", "set k4"], oldest.Drain());
        Assert.Equal(["set k0", "set k1"], newest.Drain());
        Assert.Equal(3, oldest.DroppedEvents);
        Assert.Equal(3, newest.DroppedEvents);
    }

    [Fact]
    public async Task AwaitForeachReadsTheEvents()
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents();
        t.Db.StringSet("k", "v");
        await foreach (var e in events.WithCancellation(TestContext.Current.CancellationToken))
        {
            Assert.Equal(("k", "set", KeyspaceEventClasses.String), (e.Key, e.Event, e.Class));
            break;
        }
    }

    [Fact]
    public void NoClassesIsAnError()
    {
        using var t = new TestStore();
        Assert.Throws<ArgumentException>(() => t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.None));
    }

    [Fact]
    public void EvictedIsFiredThroughTheEvictionHook()
    {
        using var t = new TestStore();
        using var events = t.Store.SubscribeKeyspaceEvents(KeyspaceEventClasses.Evicted);
        t.Store.Engine.Databases[0].NotifyEvicted("gone"u8);
        Assert.Equal(["evicted gone"], events.Drain());
    }
}
