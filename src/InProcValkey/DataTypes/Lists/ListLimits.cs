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
    public static bool IsLarge(long size, int fill) => fill >= 0 ? size > SizeSafetyLimit : size > NegFillLimit(fill);

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
