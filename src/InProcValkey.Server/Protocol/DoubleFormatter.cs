using System.Buffers.Text;
using System.Globalization;

namespace InProcValkey.Server.Protocol;

/// <summary>
/// Formats a double the way Valkey 7.2's <c>d2string</c> does (<c>util.c</c>; used by <c>addReplyDouble</c> for RESP2
/// bulk strings and RESP3 <c>,</c> doubles): <c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>0</c>, <c>-0</c>; integral values
/// within ±2^62 as integers (<c>double2ll</c>); anything else as the shortest round-trip digits laid out by
/// <c>fpconv_dtoa</c>'s <c>emit_digits</c>: plain digits up to 7 trailing zeros, plain decimals down to 6 leading
/// zeros, otherwise <c>d.ddde+X</c> / <c>de-X</c> with an exponent of 1 to 3 digits (<c>1e+21</c>, <c>1e-7</c>,
/// <c>1.5e+300</c>).
/// </summary>
/// <remarks>
/// The digits come from .NET's shortest round-trip formatting ("R"); fpconv uses Grisu2, which picks the same
/// shortest digits except in rare cases where Grisu2 is not optimal (a longer, still round-tripping digit string).
/// </remarks>
internal static class DoubleFormatter
{
    /// <summary>Upper bound of the formatted length.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns the length.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            return Copy("nan"u8, destination);
        }
        if (double.IsInfinity(value))
        {
            return Copy(value > 0 ? "inf"u8 : "-inf"u8, destination);
        }
        if (value == 0)
        {
            return Copy(double.IsNegative(value) ? "-0"u8 : "0"u8, destination);
        }
        // double2ll: inside (-LLONG_MAX/2, LLONG_MAX/2) and integral -> integer printing.
        if (value >= -(double)(long.MaxValue / 2) && value <= (double)(long.MaxValue / 2) && value == Math.Floor(value))
        {
            Utf8Formatter.TryFormat((long)value, destination, out int written);
            return written;
        }
        return FormatShortest(value, destination);
    }

    private static int FormatShortest(double value, Span<byte> destination)
    {
        Span<byte> r = stackalloc byte[40];
        value.TryFormat(r, out int rLength, "R", CultureInfo.InvariantCulture);
        r = r[..rLength];

        bool negative = r[0] == (byte)'-';
        if (negative)
        {
            r = r[1..];
        }
        int exponent = 0;
        int e = r.IndexOf((byte)'E');
        if (e >= 0)
        {
            Utf8Parser.TryParse(r[(e + 1)..], out exponent, out _);
            r = r[..e];
        }
        // Collect the significant digits and the power of ten of the last one (value = digits * 10^k).
        Span<byte> digits = stackalloc byte[24];
        int n = 0;
        int fractionDigits = 0;
        bool afterPoint = false;
        foreach (byte c in r)
        {
            if (c == (byte)'.')
            {
                afterPoint = true;
                continue;
            }
            if (afterPoint)
            {
                fractionDigits++;
            }
            if (n == 0 && c == (byte)'0')
            {
                continue; // leading zero
            }
            digits[n++] = c;
        }
        int k = exponent - fractionDigits;
        while (n > 1 && digits[n - 1] == (byte)'0')
        {
            n--;
            k++;
        }
        int pos = 0;
        if (negative)
        {
            destination[pos++] = (byte)'-';
        }
        return pos + EmitDigits(digits[..n], k, negative, destination[pos..]);
    }

    /// <summary>fpconv's <c>emit_digits</c> layout rules.</summary>
    private static int EmitDigits(ReadOnlySpan<byte> digits, int k, bool negative, Span<byte> dest)
    {
        int n = digits.Length;
        int exp = Math.Abs(k + n - 1);
        if (k >= 0 && exp < n + 7)
        {
            digits.CopyTo(dest);
            dest.Slice(n, k).Fill((byte)'0');
            return n + k;
        }
        if (k < 0 && (k > -7 || exp < 4))
        {
            int offset = n - Math.Abs(k);
            if (offset <= 0)
            {
                offset = -offset;
                dest[0] = (byte)'0';
                dest[1] = (byte)'.';
                dest.Slice(2, offset).Fill((byte)'0');
                digits.CopyTo(dest[(offset + 2)..]);
                return n + 2 + offset;
            }
            digits[..offset].CopyTo(dest);
            dest[offset] = (byte)'.';
            digits[offset..].CopyTo(dest[(offset + 1)..]);
            return n + 1;
        }
        n = Math.Min(n, 18 - (negative ? 1 : 0));
        int idx = 0;
        dest[idx++] = digits[0];
        if (n > 1)
        {
            dest[idx++] = (byte)'.';
            digits[1..n].CopyTo(dest[idx..]);
            idx += n - 1;
        }
        dest[idx++] = (byte)'e';
        dest[idx++] = k + n - 1 < 0 ? (byte)'-' : (byte)'+';
        int cent = 0;
        if (exp > 99)
        {
            cent = exp / 100;
            dest[idx++] = (byte)(cent + '0');
            exp -= cent * 100;
        }
        if (exp > 9)
        {
            int dec = exp / 10;
            dest[idx++] = (byte)(dec + '0');
            exp -= dec * 10;
        }
        else if (cent != 0)
        {
            dest[idx++] = (byte)'0';
        }
        dest[idx++] = (byte)(exp % 10 + '0');
        return idx;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
