namespace InProcValkey.Keyspace;

/// <summary>
/// Valkey's glob-style matcher (<c>stringmatchlen</c> in <c>util.c</c>, case-sensitive), used by KEYS and SCAN MATCH.
/// Binary safe. Reproduces Valkey's behaviour byte for byte, corner cases included:
/// <list type="bullet">
/// <item><c>*</c> matches any run of bytes, but a pattern made only of <c>*</c> does not match the empty string
/// (KEYS and SCAN special-case the exact pattern <c>*</c> before calling this).</item>
/// <item><c>?</c> matches one byte; <c>\x</c> matches <c>x</c>; a trailing <c>\</c> matches a backslash.</item>
/// <item><c>[abc]</c>, <c>[^abc]</c>, ranges <c>[a-z]</c> (reversed ranges are swapped), <c>\</c> escapes inside.
/// Range bounds compare as C <c>char</c>s, which are signed on x86-64: bytes 0x80-0xFF sort below 0x00.</item>
/// <item>An unterminated <c>[</c> class ends at the end of the pattern (<c>[abc</c> matches one of a, b, c; <c>[</c> matches
/// nothing; <c>[^</c> matches any byte). In <c>[a-]</c> the <c>]</c> is the range's end, so the class goes on.</item>
/// <item>Patterns nesting more than 1000 <c>*</c> never match (Valkey's guard against abusive patterns).</item>
/// </list>
/// </summary>
internal static class Glob
{
    private const int MaxNesting = 1000;

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text)
    {
        bool skipLonger = false;
        return Match(pattern, 0, text, 0, ref skipLonger, 0);
    }

    /// <summary>True when the pattern is exactly <c>*</c>, which KEYS and SCAN treat as "everything" (even the empty key).</summary>
    public static bool MatchesEverything(ReadOnlySpan<byte> pattern) => pattern.Length == 1 && pattern[0] == (byte)'*';

    // The pattern byte at i, or 0 past the end: Valkey reads its patterns up to the NUL terminator that follows them.
    private static int At(ReadOnlySpan<byte> pattern, int i) => i < pattern.Length ? pattern[i] : 0;

    // A byte as x86-64's signed char.
    private static int Signed(int b) => (sbyte)(byte)b;

    private static bool Match(ReadOnlySpan<byte> pattern, int p, ReadOnlySpan<byte> text, int s, ref bool skipLonger, int nesting)
    {
        if (nesting > MaxNesting)
        {
            return false;
        }
        int patternLeft = pattern.Length - p;
        int textLeft = text.Length - s;
        while (patternLeft > 0 && textLeft > 0)
        {
            switch (pattern[p])
            {
                case (byte)'*':
                    // Collapse a run of stars.
                    while (patternLeft > 0 && At(pattern, p + 1) == '*')
                    {
                        p++;
                        patternLeft--;
                    }
                    if (patternLeft == 1)
                    {
                        return true;
                    }
                    // Try the rest of the pattern at every position that leaves at least one byte of text.
                    while (textLeft > 0)
                    {
                        if (Match(pattern, p + 1, text, s, ref skipLonger, nesting + 1))
                        {
                            return true;
                        }
                        if (skipLonger)
                        {
                            return false;
                        }
                        s++;
                        textLeft--;
                    }
                    // The rest matched nowhere: longer matches of earlier stars cannot help either.
                    skipLonger = true;
                    return false;

                case (byte)'?':
                    s++;
                    textLeft--;
                    break;

                case (byte)'[':
                {
                    p++;
                    patternLeft--;
                    bool negate = At(pattern, p) == '^';
                    if (negate)
                    {
                        p++;
                        patternLeft--;
                    }
                    bool match = false;
                    int c = text[s];
                    while (true)
                    {
                        int pc = At(pattern, p);
                        if (pc == '\\' && patternLeft >= 2)
                        {
                            p++;
                            patternLeft--;
                            if (pattern[p] == c)
                            {
                                match = true;
                            }
                        }
                        else if (pc == ']')
                        {
                            break;
                        }
                        else if (patternLeft == 0)
                        {
                            // Unterminated class: step back onto its last byte, which the loop below steps over.
                            p--;
                            patternLeft++;
                            break;
                        }
                        else if (patternLeft >= 3 && pattern[p + 1] == '-')
                        {
                            int start = Signed(pattern[p]);
                            int end = Signed(pattern[p + 2]);
                            if (start > end)
                            {
                                (start, end) = (end, start);
                            }
                            p += 2;
                            patternLeft -= 2;
                            int sc = Signed(c);
                            if (sc >= start && sc <= end)
                            {
                                match = true;
                            }
                        }
                        else if (pc == c)
                        {
                            match = true;
                        }
                        p++;
                        patternLeft--;
                    }
                    if (negate)
                    {
                        match = !match;
                    }
                    if (!match)
                    {
                        return false;
                    }
                    s++;
                    textLeft--;
                    break;
                }

                case (byte)'\\':
                    if (patternLeft >= 2)
                    {
                        p++;
                        patternLeft--;
                    }
                    if (pattern[p] != text[s])
                    {
                        return false;
                    }
                    s++;
                    textLeft--;
                    break;

                default:
                    if (pattern[p] != text[s])
                    {
                        return false;
                    }
                    s++;
                    textLeft--;
                    break;
            }
            p++;
            patternLeft--;
            if (textLeft == 0)
            {
                // Trailing stars match the empty rest.
                while (At(pattern, p) == '*' && patternLeft > 0)
                {
                    p++;
                    patternLeft--;
                }
                break;
            }
        }
        return patternLeft == 0 && textLeft == 0;
    }
}
