namespace InProcValkey.DataTypes.Lists;

/// <summary>
/// The node limits of Valkey 7.2's quicklist (<c>quicklistNodeLimit</c>, <c>quicklistNodeExceedsLimit</c>,
/// <c>isLargeElement</c>), which also decide when a listpack list becomes a quicklist and back
/// (<c>list-max-listpack-size</c>: negative = byte limit 4/8/16/32/64 KB, positive = entry count with an 8 KB safety limit).
/// </summary>
internal static class ListLimits
{
    /// <summary>Maximum bytes of a multi-entry node when the limit is a count (SIZE_SAFETY_LIMIT).</summary>
    public const int SizeSafetyLimit = 8192;
    /// <summary>Bytes added to an insert's estimate (SIZE_ESTIMATE_OVERHEAD).</summary>
    public const int SizeEstimateOverhead = 8;

    private static readonly int[] OptimizationLevel = [4096, 8192, 16384, 32768, 65536];

    /// <summary>The byte limit of a negative fill.</summary>
    public static int NegFillLimit(int fill)
    {
        long offset = -(long)fill - 1;
        return OptimizationLevel[(int)Math.Min(offset, OptimizationLevel.Length - 1)];
    }

    /// <summary>The limits of a node: bytes (long.MaxValue when the limit is a count) and entries (long.MaxValue when it is bytes).</summary>
    public static void NodeLimit(int fill, out long size, out long count)
    {
        size = long.MaxValue;
        count = long.MaxValue;
        if (fill >= 0)
        {
            count = fill == 0 ? 1 : fill;
        }
        else
        {
            size = NegFillLimit(fill);
        }
    }

    /// <summary>Whether a node of <paramref name="newSize"/> bytes and <paramref name="newCount"/> entries exceeds the limit.</summary>
    public static bool Exceeds(int fill, long newSize, long newCount)
    {
        NodeLimit(fill, out long sizeLimit, out long countLimit);
        if (sizeLimit != long.MaxValue)
        {
            return newSize > sizeLimit;
        }
        if (newSize > SizeSafetyLimit)
        {
            return true;
        }
        return newCount > countLimit;
    }

    /// <summary>Whether an element of <paramref name="size"/> bytes gets a node of its own (a plain node).</summary>
    public static bool IsLarge(long size, int fill)
    {
        long threshold = Volatile.Read(ref s_packedThreshold);
        if (threshold != 0)
        {
            return size >= threshold;
        }
        return fill >= 0 ? size > SizeSafetyLimit : size > NegFillLimit(fill);
    }

    // ---- DEBUG QUICKLIST-PACKED-THRESHOLD ----

    // Valkey's quicklist packed_threshold: a process-wide test knob (a static in quicklist.c), 0 = off (the limits of
    // the list's fill decide). It only moves elements between packed and plain nodes, which no reply can observe.
    private static long s_packedThreshold;

    /// <summary>
    /// Valkey's <c>quicklistSetPackedThreshold</c> (DEBUG QUICKLIST-PACKED-THRESHOLD): elements of at least
    /// <paramref name="bytes"/> bytes get plain nodes from now on, in every quicklist of the process; 0 restores the
    /// fill-based rule. False (nothing changed) above 4 GB - 1 MB.
    /// </summary>
    public static bool TrySetPackedThreshold(long bytes)
    {
        if (bytes < 0 || bytes > (1L << 32) - (1 << 20))
        {
            return false;
        }
        Volatile.Write(ref s_packedThreshold, bytes);
        return true;
    }

    /// <summary>The capacity a growing node or inline listpack is allowed to reserve ahead (a little above its limit).</summary>
    public static int CapacityHint(int fill) => (fill >= 0 ? SizeSafetyLimit : NegFillLimit(fill)) + 64;

    /// <summary>The next capacity for a listpack that needs <paramref name="needed"/> bytes.</summary>
    public static int Grow(int current, int needed, int fill)
    {
        int hint = CapacityHint(fill);
        long want = Math.Max((long)current * 2, 32);
        if (want > hint)
        {
            want = hint;
        }
        return (int)Math.Max(want, needed);
    }
}
