namespace InProcValkey.PubSub;

/// <summary>
/// Something that receives published messages: a listener connection (SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE) or an
/// in-process <see cref="ValkeySubscription"/>. Keyspace notifications will publish through the same hub.
/// </summary>
internal interface IPubSubSubscriber
{
    /// <summary>This subscriber's channels, patterns and shard channels (the hub's bookkeeping, guarded by its lock).</summary>
    PubSubSubscriptions Subscriptions { get; }

    /// <summary>
    /// Takes one message. Called with the hub's lock held, in publish order: it must not block nor call back into the hub
    /// (queue the message and wake the consumer). A subscriber over its limits drops or disconnects on its own terms.
    /// </summary>
    void Deliver(ValkeyMessage message);
}

/// <summary>
/// One subscriber's subscriptions (Valkey's per-client <c>pubsub_channels</c>, <c>pubsub_patterns</c>,
/// <c>pubsubshard_channels</c>). Written only by <see cref="PubSubHub"/> under its lock; the counts may be read from any
/// thread (CLIENT LIST, the subscribe-mode check).
/// </summary>
internal sealed class PubSubSubscriptions
{
    internal readonly HashSet<byte[]> Channels = new(ByteArrayComparer.Instance);
    internal readonly HashSet<byte[]> Patterns = new(ByteArrayComparer.Instance);
    internal readonly HashSet<byte[]> ShardChannels = new(ByteArrayComparer.Instance);
    private int _channels;
    private int _patterns;
    private int _shard;

    /// <summary>CLIENT LIST <c>sub</c>.</summary>
    public int ChannelCount => Volatile.Read(ref _channels);

    /// <summary>CLIENT LIST <c>psub</c>.</summary>
    public int PatternCount => Volatile.Read(ref _patterns);

    /// <summary>CLIENT LIST <c>ssub</c>.</summary>
    public int ShardChannelCount => Volatile.Read(ref _shard);

    /// <summary>Channels + patterns: the count SUBSCRIBE / UNSUBSCRIBE / PSUBSCRIBE / PUNSUBSCRIBE reply with.</summary>
    public int ChannelsAndPatterns => ChannelCount + PatternCount;

    /// <summary>True while subscribed to anything: Valkey's <c>CLIENT_PUBSUB</c> flag (subscribe mode, client type <c>pubsub</c>).</summary>
    public bool IsSubscribed => ChannelCount + PatternCount + ShardChannelCount > 0;

    internal HashSet<byte[]> Of(PubSubKind kind) => kind switch
    {
        PubSubKind.Channel => Channels,
        PubSubKind.Pattern => Patterns,
        _ => ShardChannels,
    };

    internal void Recount()
    {
        Volatile.Write(ref _channels, Channels.Count);
        Volatile.Write(ref _patterns, Patterns.Count);
        Volatile.Write(ref _shard, ShardChannels.Count);
    }
}

/// <summary>What a subscription names.</summary>
internal enum PubSubKind
{
    /// <summary>SUBSCRIBE / PUBLISH.</summary>
    Channel,

    /// <summary>PSUBSCRIBE: a glob pattern matched against PUBLISH channels.</summary>
    Pattern,

    /// <summary>SSUBSCRIBE / SPUBLISH (shard channels: a namespace apart, no patterns).</summary>
    Shard,
}
