namespace InProcValkey.Commands;

/// <summary>A reply writer that can write RESP3 push frames (<c>&gt;</c>; an array in RESP2): the listener's.</summary>
internal interface IPushReplyWriter
{
    /// <summary>A push of <paramref name="count"/> elements (RESP2: an array).</summary>
    void Push(int count);

    // ---- CLIENT REPLY OFF/SKIP and pushes (Valkey's CLIENT_PUSHING) ----

    /// <summary>
    /// Until <see cref="EndPushing"/>, what is written reaches the client even while CLIENT REPLY OFF/SKIP discards the
    /// command's replies (Valkey sets <c>CLIENT_PUSHING</c> around (un)subscribe confirmations and messages).
    /// </summary>
    void BeginPushing()
    {
    }

    /// <summary>Ends <see cref="BeginPushing"/>: replies follow CLIENT REPLY again.</summary>
    void EndPushing()
    {
    }
}
