namespace InProcValkey.Commands;

/// <summary>A reply writer that can write RESP3 push frames (<c>&gt;</c>; an array in RESP2): the listener's.</summary>
internal interface IPushReplyWriter
{
    /// <summary>A push of <paramref name="count"/> elements (RESP2: an array).</summary>
    void Push(int count);
}
