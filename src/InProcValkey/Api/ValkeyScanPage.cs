namespace InProcValkey;

/// <summary>One reply of SCAN: the cursor to pass to the next call (0 when the iteration is complete) and the keys of this page.</summary>
public sealed class ValkeyScanPage
{
    internal ValkeyScanPage(ulong cursor, IReadOnlyList<byte[]> keys)
    {
        Cursor = cursor;
        Keys = keys;
    }

    /// <summary>The cursor for the next SCAN call; 0 when the iteration is complete.</summary>
    public ulong Cursor { get; }

    /// <summary>The keys returned by this call (possibly none, even when the iteration is not complete).</summary>
    public IReadOnlyList<byte[]> Keys { get; }
}
