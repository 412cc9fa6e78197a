namespace InProcValkey.DataTypes;

/// <summary>
/// The inclusive index range of LRANGE, LTRIM and the rank forms of ZRANGE / ZREMRANGEBYRANK, resolved as Valkey resolves
/// it (<c>addListRangeReply</c>, <c>ltrimCommand</c>, <c>zrangeGenericCommand</c>): negative indexes count from the end, the
/// start is clamped to 0 and the stop to the last element.
/// </summary>
internal static class RankRange
{
    /// <summary>
    /// Resolves <paramref name="start"/> and <paramref name="stop"/> against <paramref name="length"/> elements; false when
    /// the range is empty, otherwise <c>0 &lt;= start &lt;= stop &lt; length</c>.
    /// </summary>
    public static bool TryResolve(ref long start, ref long stop, long length)
    {
        if (start < 0)
        {
            start += length;
        }
        if (stop < 0)
        {
            stop += length;
        }
        if (start < 0)
        {
            start = 0;
        }
        if (start > stop || start >= length)
        {
            return false;
        }
        if (stop >= length)
        {
            stop = length - 1;
        }
        return true;
    }
}
