namespace InProcValkey;

/// <summary>One reply of HSCAN: the cursor for the next call (0 when the iteration is complete) and this page's entries.</summary>
public sealed class ValkeyHashScanPage
{
    internal ValkeyHashScanPage(ulong cursor, IReadOnlyList<HashEntry> entries)
    {
        Cursor = cursor;
        Entries = entries;
    }

    /// <summary>The cursor for the next HSCAN call; 0 when the iteration is complete.</summary>
    public ulong Cursor { get; }

    /// <summary>The fields and values returned by this call (possibly none, even when the iteration is not complete).</summary>
    public IReadOnlyList<HashEntry> Entries { get; }
}
