using InProcValkey.Operations;

namespace InProcValkey;

/// <summary>One matched range of <c>LCS … IDX</c>: where it starts in each string and how long it is.</summary>
/// <param name="FirstStringIndex">Start of the range in the first string (byte index).</param>
/// <param name="SecondStringIndex">Start of the range in the second string (byte index).</param>
/// <param name="Length">Length of the range in bytes.</param>
public readonly record struct LcsMatch(long FirstStringIndex, long SecondStringIndex, long Length);

/// <summary>The reply of <c>LCS key1 key2 IDX</c>: the matched ranges (last first, as Valkey lists them) and the LCS length.</summary>
public sealed class LcsMatchResult
{
    internal LcsMatchResult(IReadOnlyList<LcsMatch> matches, long longestMatchLength)
    {
        Matches = matches;
        LongestMatchLength = longestMatchLength;
    }

    /// <summary>The matched ranges, from the end of the strings to their start.</summary>
    public IReadOnlyList<LcsMatch> Matches { get; }

    /// <summary>The length of the longest common subsequence (the reply's <c>len</c>).</summary>
    public long LongestMatchLength { get; }
}

// LCS.
public sealed partial class ValkeyDatabase
{
    /// <summary>LCS key1 key2: the longest common subsequence of the two strings (a missing key is an empty string).</summary>
    /// <exception cref="ValkeyException">A key holds another type (<c>ERR The specified keys must contain string values</c>), or the table would exceed <c>proto-max-bulk-len</c>.</exception>
    public byte[] StringLongestCommonSubsequence(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) =>
        Lcs(first, second, LcsMode.Text, 0).Text!;

    /// <summary>LCS with string keys; the subsequence decoded as UTF-8.</summary>
    /// <inheritdoc cref="StringLongestCommonSubsequence(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public string StringLongestCommonSubsequence(string first, string second) =>
        Text(Lcs(first, second, LcsMode.Text, 0).Text)!;

    /// <summary>LCS key1 key2 LEN: the length of the longest common subsequence.</summary>
    /// <inheritdoc cref="StringLongestCommonSubsequence(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public long StringLongestCommonSubsequenceLength(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) =>
        Lcs(first, second, LcsMode.Length, 0).Length;

    /// <summary>LCS … LEN with string keys.</summary>
    /// <inheritdoc cref="StringLongestCommonSubsequence(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public long StringLongestCommonSubsequenceLength(string first, string second) =>
        Lcs(first, second, LcsMode.Length, 0).Length;

    /// <summary>LCS key1 key2 IDX MINMATCHLEN min WITHMATCHLEN: the matched ranges of at least <paramref name="minLength"/> bytes (0: all) and the LCS length.</summary>
    /// <inheritdoc cref="StringLongestCommonSubsequence(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public LcsMatchResult StringLongestCommonSubsequenceWithMatches(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, long minLength = 0) =>
        ToMatchResult(Lcs(first, second, LcsMode.Ranges, minLength));

    /// <summary>LCS … IDX with string keys.</summary>
    /// <inheritdoc cref="StringLongestCommonSubsequenceWithMatches(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long)"/>
    public LcsMatchResult StringLongestCommonSubsequenceWithMatches(string first, string second, long minLength = 0) =>
        ToMatchResult(Lcs(first, second, LcsMode.Ranges, minLength));

    private LcsResult Lcs(string first, string second, LcsMode mode, long minLength)
    {
        Span<byte> scratch1 = stackalloc byte[256];
        Span<byte> scratch2 = stackalloc byte[256];
        var k1 = Utf8(first, scratch1, out var rented1);
        try
        {
            var k2 = Utf8(second, scratch2, out var rented2);
            try
            {
                return Lcs(k1, k2, mode, minLength);
            }
            finally
            {
                Return(rented2);
            }
        }
        finally
        {
            Return(rented1);
        }
    }

    private LcsResult Lcs(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, LcsMode mode, long minLength)
    {
        var clock = NewClock();
        ThrowIfError(StringOps.LcsRead(Db, first, second, ref clock, out var a, out var b));
        ThrowIfError(StringOps.LcsCompute(Db, a, b, mode, minLength, out var result));
        return result;
    }

    private static LcsMatchResult ToMatchResult(LcsResult result)
    {
        var matches = new LcsMatch[result.Ranges!.Count];
        for (int i = 0; i < matches.Length; i++)
        {
            var r = result.Ranges[i];
            matches[i] = new LcsMatch(r.FirstStart, r.SecondStart, r.Length);
        }
        return new LcsMatchResult(matches, result.Length);
    }
}
