using System.Text;

namespace InProcValkey;

/// <summary>How a <see cref="ValkeyMessage"/> reached its subscriber.</summary>
public enum ValkeyMessageKind
{
    /// <summary>PUBLISH to a channel subscribed with SUBSCRIBE (Valkey's <c>message</c>).</summary>
    Message,

    /// <summary>PUBLISH to a channel matching a PSUBSCRIBE pattern (Valkey's <c>pmessage</c>).</summary>
    PatternMessage,

    /// <summary>SPUBLISH to a shard channel subscribed with SSUBSCRIBE (Valkey's <c>smessage</c>).</summary>
    ShardMessage,
}

/// <summary>
/// A message published with PUBLISH or SPUBLISH (or <see cref="ValkeyStore.Publish(string, string)"/>), as a subscriber
/// receives it. Immutable; one instance is shared by all the receivers of a publish.
/// </summary>
public sealed class ValkeyMessage
{
    private readonly byte[] _channel;
    private readonly byte[]? _pattern;
    private readonly byte[] _payload;

    internal ValkeyMessage(ValkeyMessageKind kind, byte[] channel, byte[]? pattern, byte[] payload)
    {
        Kind = kind;
        _channel = channel;
        _pattern = pattern;
        _payload = payload;
    }

    /// <summary>Whether the message came through a channel, a pattern or a shard channel subscription.</summary>
    public ValkeyMessageKind Kind { get; }

    /// <summary>The channel PUBLISH / SPUBLISH named.</summary>
    public ReadOnlyMemory<byte> ChannelBytes => _channel;

    /// <summary>The channel, decoded as UTF-8.</summary>
    public string Channel => Encoding.UTF8.GetString(_channel);

    /// <summary>The PSUBSCRIBE pattern that matched, or null for a channel or shard message.</summary>
    public ReadOnlyMemory<byte>? PatternBytes => _pattern;

    /// <summary>The PSUBSCRIBE pattern that matched (UTF-8), or null.</summary>
    public string? Pattern => _pattern is null ? null : Encoding.UTF8.GetString(_pattern);

    /// <summary>The message bytes.</summary>
    public ReadOnlyMemory<byte> PayloadBytes => _payload;

    /// <summary>The message, decoded as UTF-8.</summary>
    public string Payload => Encoding.UTF8.GetString(_payload);

    internal byte[] ChannelArray => _channel;

    internal byte[]? PatternArray => _pattern;

    internal byte[] PayloadArray => _payload;

    // The wire encodings of this message (RESP2 array, RESP3 push), built once by the first listener connection that
    // needs each and reused by the others (deliveries run one after the other under the hub's lock).
    internal byte[]? Resp2Frame;
    internal byte[]? Resp3Frame;

    /// <inheritdoc />
    public override string ToString() => Pattern is { } p ? $"{Kind} {p} {Channel}: {Payload}" : $"{Kind} {Channel}: {Payload}";
}
