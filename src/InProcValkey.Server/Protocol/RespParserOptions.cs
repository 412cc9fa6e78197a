namespace InProcValkey.Server.Protocol;

/// <summary>
/// The limits the request parser and the command loop enforce, with Valkey 7.2's defaults
/// (<c>server.h</c>, <c>config.c</c>, <c>networking.c</c>).
/// </summary>
internal sealed class RespParserOptions
{
    /// <summary>Shared defaults (never mutate).</summary>
    public static readonly RespParserOptions Default = new();

    private readonly long _protoMaxBulkLen = 512L * 1024 * 1024;
    private readonly long _clientQueryBufferLimit = 1024L * 1024 * 1024;

    /// <summary>
    /// The engine configuration the two CONFIG-settable limits are read from, frame by frame, so that CONFIG SET
    /// <c>proto-max-bulk-len</c> / <c>client-query-buffer-limit</c> applies to the next frame of every client; null: the fixed values.
    /// </summary>
    public Keyspace.EngineConfig? Config { get; init; }

    /// <summary>Largest bulk argument (<c>proto-max-bulk-len</c>, 512 MB).</summary>
    public long ProtoMaxBulkLen
    {
        get => Config?.ProtoMaxBulkLen ?? _protoMaxBulkLen;
        init => _protoMaxBulkLen = value;
    }

    /// <summary>Largest pending, unparsed input of one client (<c>client-query-buffer-limit</c>, 1 GB).</summary>
    public long ClientQueryBufferLimit
    {
        get => Config?.ClientQueryBufferLimit ?? _clientQueryBufferLimit;
        init => _clientQueryBufferLimit = value;
    }

    /// <summary>How far the parser looks for a line end before giving up (<c>PROTO_INLINE_MAX_SIZE</c>, 64 KB).</summary>
    public int InlineMaxSize { get; init; } = 64 * 1024;

    /// <summary>Largest multibulk count before authentication (Valkey: 10).</summary>
    public int UnauthenticatedMaxMultibulkLength { get; init; } = 10;

    /// <summary>Largest bulk length before authentication (Valkey: 16384).</summary>
    public int UnauthenticatedMaxBulkLength { get; init; } = 16384;

    /// <summary>Query buffer limit before authentication (Valkey: 1 MB).</summary>
    public long UnauthenticatedQueryBufferLimit { get; init; } = 1024 * 1024;
}
