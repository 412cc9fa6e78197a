namespace InProcValkey;

/// <summary>The type of a <see cref="ValkeyReply"/>, following the RESP3 types Valkey replies with.</summary>
public enum ValkeyReplyKind
{
    /// <summary>A status reply such as <c>OK</c> or <c>PONG</c>.</summary>
    SimpleString,
    /// <summary>An error reply; <see cref="ValkeyReply.ErrorMessage"/> holds Valkey's text (for example <c>ERR syntax error</c>).</summary>
    Error,
    /// <summary>A 64-bit integer.</summary>
    Integer,
    /// <summary>A binary-safe bulk string.</summary>
    BulkString,
    /// <summary>A null bulk string (a missing value, RESP2 <c>$-1</c>).</summary>
    Null,
    /// <summary>A null array (RESP2 <c>*-1</c>).</summary>
    NullArray,
    /// <summary>An array of replies.</summary>
    Array,
    /// <summary>A map; <see cref="ValkeyReply.Elements"/> alternates keys and values.</summary>
    Map,
    /// <summary>A set of replies.</summary>
    Set,
    /// <summary>A double.</summary>
    Double,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>A verbatim string (text with a three-letter format).</summary>
    Verbatim,
}
