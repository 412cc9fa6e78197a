using System.Text;

namespace InProcValkey;

public sealed partial class ValkeyStore
{
    // ---- Pub/sub (issue 7) ----

    /// <summary>
    /// PUBLISH: sends <paramref name="message"/> to the subscribers of <paramref name="channel"/> (listener clients that ran
    /// SUBSCRIBE or a matching PSUBSCRIBE, and in-process subscriptions). Never blocks on a slow subscriber.
    /// </summary>
    /// <returns>The number of receivers, as PUBLISH replies.</returns>
    public long Publish(string channel, string message)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        return Publish(Encoding.UTF8.GetBytes(channel), Encoding.UTF8.GetBytes(message));
    }

    /// <summary>PUBLISH with binary channel and message; returns the number of receivers.</summary>
    public long Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message) => Engine.PubSub.Publish(channel, message);

    /// <summary>SPUBLISH: sends <paramref name="message"/> to the SSUBSCRIBE subscribers of a shard channel; returns their number.</summary>
    public long PublishShard(string channel, string message)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        return Engine.PubSub.PublishShard(Encoding.UTF8.GetBytes(channel), Encoding.UTF8.GetBytes(message));
    }

    /// <summary>
    /// SUBSCRIBE in-process: receives what is published to <paramref name="channel"/> on the returned subscription's
    /// <see cref="ValkeySubscription.Reader"/> (or with <c>await foreach</c>) until it is disposed.
    /// </summary>
    public ValkeySubscription Subscribe(string channel, ValkeySubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new ValkeySubscription(Engine.PubSub, Encoding.UTF8.GetBytes(channel), isPattern: false, options ?? ValkeySubscriptionOptions.Default);
    }

    /// <summary>PSUBSCRIBE in-process: receives what is published to any channel matching the glob <paramref name="pattern"/>.</summary>
    public ValkeySubscription SubscribePattern(string pattern, ValkeySubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new ValkeySubscription(Engine.PubSub, Encoding.UTF8.GetBytes(pattern), isPattern: true, options ?? ValkeySubscriptionOptions.Default);
    }

    /// <summary>
    /// SUBSCRIBE in-process with a handler: <paramref name="handler"/> runs for each message, one at a time, in publish order,
    /// on the thread pool (never on the publisher's thread). Dispose the subscription to stop.
    /// </summary>
    public ValkeySubscription Subscribe(string channel, Func<ValkeyMessage, ValueTask> handler, ValkeySubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var s = Subscribe(channel, options);
        s.StartHandler(handler);
        return s;
    }

    /// <summary>PSUBSCRIBE in-process with a handler (see <see cref="Subscribe(string, Func{ValkeyMessage, ValueTask}, ValkeySubscriptionOptions?)"/>).</summary>
    public ValkeySubscription SubscribePattern(string pattern, Func<ValkeyMessage, ValueTask> handler, ValkeySubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var s = SubscribePattern(pattern, options);
        s.StartHandler(handler);
        return s;
    }
}
