using InProcValkey.PubSub;

namespace InProcValkey.Tests.PubSub;

public sealed class PubSubTests
{
    private static async Task<ValkeyMessage> Next(ValkeySubscription s) =>
        await s.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    [Fact]
    public void Publish_without_subscribers_reaches_nobody()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Store.Publish("c", "m"));
        Assert.Equal(0, t.Db.Publish("c", "m"));
        Assert.Equal(0, t.Int("PUBLISH", "c", "m"));
        Assert.Equal(0, t.Int("SPUBLISH", "c", "m"));
    }

    [Fact]
    public async Task Channel_subscription_receives_messages_in_order_until_disposed()
    {
        using var t = new TestStore();
        var s = t.Store.Subscribe("news");
        Assert.Equal(1, t.Store.Publish("news", "a"));
        Assert.Equal(1, t.Int("PUBLISH", "news", "b"));
        Assert.Equal(0, t.Store.Publish("other", "c"));
        var m1 = await Next(s);
        Assert.Equal((ValkeyMessageKind.Message, "news", null, "a"), (m1.Kind, m1.Channel, m1.Pattern, m1.Payload));
        Assert.Equal("b", (await Next(s)).Payload);
        Assert.Equal(["news", "1"], t.Run("PUBSUB", "NUMSUB", "news").Elements.Select(e => e.ToString()));
        Assert.Equal(["news"], t.Run("PUBSUB", "CHANNELS").Elements.Select(e => e.ToString()));
        await s.DisposeAsync();
        Assert.Equal(0, t.Store.Publish("news", "after"));
        Assert.False(await s.Reader.WaitToReadAsync(TestContext.Current.CancellationToken));
        Assert.Empty(t.Run("PUBSUB", "CHANNELS").Elements);
    }

    [Fact]
    public async Task Pattern_subscription_matches_with_glob_and_reports_the_pattern()
    {
        using var t = new TestStore();
        await using var s = t.Store.SubscribePattern("h?llo*");
        await using var exact = t.Store.Subscribe("hello");
        Assert.Equal(2, t.Store.Publish("hello", "1"));
        Assert.Equal(1, t.Store.Publish("hallo-world", "2"));
        Assert.Equal(0, t.Store.Publish("hllo", "3"));
        var m = await Next(s);
        Assert.Equal((ValkeyMessageKind.PatternMessage, "h?llo*", "hello"), (m.Kind, m.Pattern, m.Channel));
        Assert.Equal("hallo-world", (await Next(s)).Channel);
        Assert.Equal(ValkeyMessageKind.Message, (await Next(exact)).Kind);
        Assert.Equal(1, t.Int("PUBSUB", "NUMPAT"));
        // NUMSUB counts channel subscribers only.
        Assert.Equal(["hello", "1"], t.Run("PUBSUB", "NUMSUB", "hello").Elements.Select(e => e.ToString()));
    }

    [Fact]
    public void A_full_queue_drops_the_oldest_message_and_counts_it()
    {
        using var t = new TestStore();
        using var s = t.Store.Subscribe("c", new ValkeySubscriptionOptions { Capacity = 3 });
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(1, t.Store.Publish("c", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.Equal(2, s.DroppedMessages);
        var left = new List<string>();
        while (s.Reader.TryRead(out var m))
        {
            left.Add(m.Payload);
        }
        Assert.Equal(["2", "3", "4"], left);
    }

    [Fact]
    public void Drop_newest_keeps_the_earliest_messages()
    {
        using var t = new TestStore();
        using var s = t.Store.Subscribe("c", new ValkeySubscriptionOptions { Capacity = 2, Overflow = ValkeySubscriptionOverflow.DropNewest });
        for (int i = 0; i < 4; i++)
        {
            t.Store.Publish("c", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(2, s.DroppedMessages);
        Assert.True(s.Reader.TryRead(out var a));
        Assert.True(s.Reader.TryRead(out var b));
        Assert.Equal(("0", "1"), (a.Payload, b.Payload));
    }

    [Fact]
    public async Task Handler_subscription_runs_the_handler_for_each_message_and_survives_a_throwing_handler()
    {
        using var t = new TestStore();
        var seen = new List<string>();
        var done = new TaskCompletionSource();
        var s = t.Store.Subscribe("c", m =>
        {
            if (m.Payload == "boom")
            {
                throw new InvalidOperationException("handler failure");
            }
            seen.Add(m.Payload);
            if (m.Payload == "last")
            {
                done.SetResult();
            }
            return ValueTask.CompletedTask;
        });
        t.Store.Publish("c", "first");
        t.Store.Publish("c", "boom");
        t.Store.Publish("c", "last");
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await s.DisposeAsync();
        Assert.Equal(["first", "last"], seen);
        Assert.Equal(1, s.HandlerErrors);
    }

    [Fact]
    public async Task Async_enumeration_ends_when_the_subscription_is_disposed()
    {
        using var t = new TestStore();
        var s = t.Store.Subscribe("c");
        t.Store.Publish("c", "1");
        t.Store.Publish("c", "2");
        s.Dispose();
        var got = new List<string>();
        await foreach (var m in s.WithCancellation(TestContext.Current.CancellationToken))
        {
            got.Add(m.Payload);
        }
        Assert.Equal(["1", "2"], got);
    }

    [Fact]
    public void Subscribe_commands_need_a_connection_and_pubsub_checks_arguments()
    {
        using var t = new TestStore();
        t.Error("ERR SUBSCRIBE commands need a connection; in-process code subscribes with ValkeyStore.Subscribe", "SUBSCRIBE", "c");
        t.Error("ERR SUBSCRIBE commands need a connection; in-process code subscribes with ValkeyStore.Subscribe", "UNSUBSCRIBE");
        t.Error("ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.", "PUBSUB", "channels", "a", "b");
        t.Error("ERR wrong number of arguments for 'pubsub|numpat' command", "PUBSUB", "NUMPAT", "x");
        Assert.Empty(t.Run("PUBSUB", "NUMSUB").Elements);
        Assert.Equal(0, t.Int("PUBSUB", "NUMPAT"));
    }

    [Fact]
    public void Hub_keeps_subscriber_counts_and_unsubscribe_all_clears_them()
    {
        var hub = new PubSubHub();
        var sub = new Recorder();
        Assert.True(hub.Subscribe(sub, "a"u8, PubSubKind.Channel));
        Assert.False(hub.Subscribe(sub, "a"u8, PubSubKind.Channel));
        Assert.True(hub.Subscribe(sub, "p*"u8, PubSubKind.Pattern));
        Assert.True(hub.Subscribe(sub, "s"u8, PubSubKind.Shard));
        Assert.Equal((1, 1, 1, 2), (sub.Subscriptions.ChannelCount, sub.Subscriptions.PatternCount, sub.Subscriptions.ShardChannelCount, sub.Subscriptions.ChannelsAndPatterns));
        Assert.Equal(1, hub.PublishShard("s"u8, "x"u8));
        Assert.Equal(0, hub.Publish("s"u8, "x"u8));
        Assert.Equal(1, hub.Publish("pa"u8, "y"u8));
        Assert.Equal([ValkeyMessageKind.ShardMessage, ValkeyMessageKind.PatternMessage], sub.Got.Select(m => m.Kind));
        hub.UnsubscribeAll(sub);
        Assert.False(sub.Subscriptions.IsSubscribed);
        Assert.Equal((0, 0, 0), (hub.ChannelCount, hub.PatternCount, hub.ShardChannelCount));
        Assert.Equal(0, hub.Publish("a"u8, "z"u8));
    }

    private sealed class Recorder : IPubSubSubscriber
    {
        public List<ValkeyMessage> Got { get; } = [];

        public PubSubSubscriptions Subscriptions { get; } = new();

        public void Deliver(ValkeyMessage message) => Got.Add(message);
    }
}
