using System.Globalization;

namespace InProcValkey.DataTypes;

/// <summary>
/// The C library's <c>strtod</c> as glibc implements it, which Valkey's score and range parsers call: leading
/// whitespace, an optional sign, then <c>inf</c>/<c>infinity</c>, <c>nan</c>/<c>nan(chars)</c>, a hexadecimal float
/// (<c>0x1.8p3</c>) or a decimal one; the longest valid prefix is converted and its length reported.
/// </summary>
internal static class CStrtod
{
    /// <summary>
    /// Converts the longest prefix of <paramref name="s"/> that is a number; <paramref name="consumed"/> is 0 when there is
    /// none (the value is then 0). <paramref name="rangeError"/> is strtod's ERANGE for results that overflow to infinity
    /// or underflow to zero.
    /// </summary>
    public static double Parse(ReadOnlySpan<byte> s, out int consumed, out bool rangeError)
    {
        consumed = 0;
        rangeError = false;
        int p = 0;
        while (p < s.Length && IsSpace(s[p]))
        {
            p++;
        }
        bool negative = false;
        if (p < s.Length && (s[p] == (byte)'+' || s[p] == (byte)'-'))
        {
            negative = s[p] == (byte)'-';
            p++;
        }
        if (StartsWithIgnoreCase(s[p..], "inf"u8))
        {
            consumed = p + (StartsWithIgnoreCase(s[p..], "infinity"u8) ? 8 : 3);
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (StartsWithIgnoreCase(s[p..], "nan"u8))
        {
            int q = p + 3;
            if (q < s.Length && s[q] == (byte)'(')
            {
                int r = q + 1;
                while (r < s.Length && (char.IsAsciiLetterOrDigit((char)s[r]) || s[r] == (byte)'_'))
                {
                    r++;
                }
                if (r < s.Length && s[r] == (byte)')')
                {
                    q = r + 1;
                }
            }
            consumed = q;
            return double.NaN;
        }
        if (p + 1 < s.Length && s[p] == (byte)'0' && (s[p + 1] | 0x20) == (byte)'x')
        {
            double hex = ParseHex(s, p + 2, out int end, out bool any);
            if (any)
            {
                consumed = end;
                if (double.IsInfinity(hex))
                {
                    rangeError = true;
                }
                return negative ? -hex : hex;
            }
            // "0x" without digits: only the "0" converts.
            consumed = p + 1;
            return negative ? -0.0 : 0.0;
        }
        int start = p;
        int digits = 0;
        bool nonZero = false;
        while (p < s.Length && IsDigit(s[p]))
        {
            nonZero |= s[p] != (byte)'0';
            p++;
            digits++;
        }
        if (p < s.Length && s[p] == (byte)'.')
        {
            p++;
            while (p < s.Length && IsDigit(s[p]))
            {
                nonZero |= s[p] != (byte)'0';
                p++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return 0;
        }
        if (p < s.Length && (s[p] | 0x20) == (byte)'e')
        {
            int q = p + 1;
            if (q < s.Length && (s[q] == (byte)'+' || s[q] == (byte)'-'))
            {
                q++;
            }
            if (q < s.Length && IsDigit(s[q]))
            {
                while (q < s.Length && IsDigit(s[q]))
                {
                    q++;
                }
                p = q;
            }
        }
        consumed = p;
        var text = s[start..p];
        double v;
        if (text.Length <= 256)
        {
            Span<char> chars = stackalloc char[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                chars[i] = (char)text[i];
            }
            v = double.Parse(chars, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        else
        {
            v = double.Parse(System.Text.Encoding.ASCII.GetString(text), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        if (double.IsInfinity(v) || (v == 0 && nonZero))
        {
            rangeError = true;
        }
        return negative ? -v : v;
    }

    private static double ParseHex(ReadOnlySpan<byte> s, int p, out int end, out bool any)
    {
        ulong mantissa = 0;
        int exp = 0;
        any = false;
        bool sticky = false;
        bool seenDot = false;
        while (p < s.Length)
        {
            int d = HexValue(s[p]);
            if (d >= 0)
            {
                any = true;
                if (mantissa >> 60 == 0)
                {
                    mantissa = (mantissa << 4) | (uint)d;
                    if (seenDot)
                    {
                        exp -= 4;
                    }
                }
                else
                {
                    sticky |= d != 0;
                    if (!seenDot)
                    {
                        exp += 4;
                    }
                }
                p++;
            }
            else if (s[p] == (byte)'.' && !seenDot)
            {
                seenDot = true;
                p++;
            }
            else
            {
                break;
            }
        }
        end = p;
        if (!any)
        {
            return 0;
        }
        if (p < s.Length && (s[p] | 0x20) == (byte)'p')
        {
            int q = p + 1;
            bool neg = false;
            if (q < s.Length && (s[q] == (byte)'+' || s[q] == (byte)'-'))
            {
                neg = s[q] == (byte)'-';
                q++;
            }
            if (q < s.Length && IsDigit(s[q]))
            {
                long e = 0;
                while (q < s.Length && IsDigit(s[q]))
                {
                    e = Math.Min(e * 10 + (s[q] - '0'), 100000);
                    q++;
                }
                exp += (int)(neg ? -e : e);
                end = q;
            }
        }
        if (sticky)
        {
            mantissa |= 1;
        }
        return Math.ScaleB(mantissa, exp);
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsSpace(byte b) => b == (byte)' ' || (b >= 9 && b <= 13);

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length < lower.Length)
        {
            return false;
        }
        for (int i = 0; i < lower.Length; i++)
        {
            if ((s[i] | 0x20) != lower[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Valkey's <c>string2d</c> (<c>getDoubleFromObject</c>): the whole text is one strtod number, not empty, no leading
    /// space, not NaN, and neither overflowing to infinity nor underflowing to zero ("inf" itself is accepted).
    /// </summary>
    public static bool TryParseStrict(ReadOnlySpan<byte> s, out double value)
    {
        value = Parse(s, out int consumed, out bool rangeError);
        return s.Length > 0 && !IsSpace(s[0]) && consumed == s.Length && !rangeError && !double.IsNaN(value);
    }
}
