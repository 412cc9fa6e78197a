namespace InProcValkey;

/// <summary>One reply of SSCAN: the cursor to pass to the next call (0 when the iteration is complete) and the members of this page.</summary>
public sealed class ValkeySetScanPage
{
    internal ValkeySetScanPage(ulong cursor, IReadOnlyList<byte[]> members)
    {
        Cursor = cursor;
        Members = members;
    }

    /// <summary>The cursor for the next SSCAN call; 0 when the iteration is complete.</summary>
    public ulong Cursor { get; }

    /// <summary>The members returned by this call (possibly none, even when the iteration is not complete).</summary>
    public IReadOnlyList<byte[]> Members { get; }
}
