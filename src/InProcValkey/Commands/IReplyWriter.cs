namespace InProcValkey.Commands;

/// <summary>
/// Where a command writes its reply, protocol-neutral. The <see cref="ReplyBuilder"/> turns it into a
/// <see cref="ValkeyReply"/>; the listener will serialise it as RESP2 or RESP3. Aggregates announce their element
/// count first, then their elements follow (a map announces pairs).
/// </summary>
internal interface IReplyWriter
{
    void SimpleString(string value);

    void Error(string message);

    void Integer(long value);

    void Bulk(ReadOnlySpan<byte> value);

    void Bulk(string value);

    /// <summary>A null bulk string (RESP2 <c>$-1</c>, RESP3 <c>_</c>).</summary>
    void Null();

    /// <summary>A null array (RESP2 <c>*-1</c>, RESP3 <c>_</c>).</summary>
    void NullArray();

    void Array(int count);

    /// <summary>A map of <paramref name="pairs"/> key/value pairs (RESP2: a flat array of 2×pairs).</summary>
    void Map(int pairs);

    /// <summary>A set (RESP2: an array).</summary>
    void Set(int count);

    /// <summary>A double (RESP2: a bulk string formatted as Valkey does).</summary>
    void Double(double value);

    /// <summary>A boolean (RESP2: the integer 1 or 0).</summary>
    void Boolean(bool value);

    /// <summary>A verbatim string (RESP2: a bulk string).</summary>
    void Verbatim(string format, string text);
}
