namespace InProcValkey.DataTypes;

/// <summary>One matched range of LCS IDX: inclusive byte ranges in the first and second string, of equal length.</summary>
internal readonly record struct LcsRange(int FirstStart, int FirstEnd, int SecondStart, int SecondEnd)
{
    public int Length => FirstEnd - FirstStart + 1;
}

/// <summary>
/// The longest common subsequence of two byte strings, computed as Valkey's <c>lcsCommand</c> does: the full
/// (|a|+1)×(|b|+1) dynamic-programming table of 32-bit lengths, then one walk back from the end that prefers moving in
/// the second string on ties, so the subsequence and the IDX ranges (emitted last range first) are Valkey's exactly.
/// </summary>
internal static class Lcs
{
    /// <summary>Number of table cells; Valkey refuses when cells × 4 bytes exceed <c>proto-max-bulk-len</c>.</summary>
    public static long TableCells(int firstLength, int secondLength) => (long)(firstLength + 1) * (secondLength + 1);

    /// <summary>Fills the table (the caller checked its size).</summary>
    public static uint[] BuildTable(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int width = b.Length + 1;
        var table = new uint[(a.Length + 1) * width];
        for (int i = 1; i <= a.Length; i++)
        {
            int row = i * width, above = row - width;
            byte ai = a[i - 1];
            for (int j = 1; j <= b.Length; j++)
            {
                if (ai == b[j - 1])
                {
                    table[row + j] = table[above + j - 1] + 1;
                }
                else
                {
                    uint up = table[above + j], left = table[row + j - 1];
                    table[row + j] = up > left ? up : left;
                }
            }
        }
        return table;
    }

    /// <summary>The LCS length read from a filled table.</summary>
    public static int Length(uint[] table) => (int)table[^1];

    /// <summary>
    /// Walks the table back from the end: returns the subsequence and, when <paramref name="ranges"/> is given, adds
    /// the matched ranges of at least <paramref name="minMatchLength"/> bytes (0: all) in Valkey's order (last first).
    /// </summary>
    public static byte[] Walk(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, uint[] table, long minMatchLength, List<LcsRange>? ranges)
    {
        int width = b.Length + 1;
        int idx = Length(table);
        var result = new byte[idx];
        int alen = a.Length;
        // aStart == alen means "no range in progress", as in Valkey.
        int aStart = alen, aEnd = 0, bStart = 0, bEnd = 0;
        int i = a.Length, j = b.Length;
        while (i > 0 && j > 0)
        {
            bool emit = false;
            if (a[i - 1] == b[j - 1])
            {
                result[idx - 1] = a[i - 1];
                if (aStart == alen)
                {
                    aStart = aEnd = i - 1;
                    bStart = bEnd = j - 1;
                }
                else if (aStart == i && bStart == j)
                {
                    aStart--;
                    bStart--;
                }
                else
                {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0)
                {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            }
            else
            {
                uint up = table[(i - 1) * width + j], left = table[i * width + j - 1];
                if (up > left)
                {
                    i--;
                }
                else
                {
                    j--;
                }
                if (aStart != alen)
                {
                    emit = true;
                }
            }
            if (emit)
            {
                int matchLength = aEnd - aStart + 1;
                if (ranges is not null && (minMatchLength == 0 || matchLength >= minMatchLength))
                {
                    ranges.Add(new LcsRange(aStart, aEnd, bStart, bEnd));
                }
                aStart = alen;
            }
        }
        return result;
    }
}
