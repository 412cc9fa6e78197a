using System.Numerics;
using System.Text;

namespace InProcValkey.DataTypes;

/// <summary>
/// A software x87 80-bit extended float: the C <c>long double</c> Valkey computes INCRBYFLOAT with on x86-64
/// (64-bit significand with explicit integer bit, 15-bit exponent, subnormals). Only what INCRBYFLOAT needs:
/// parsing as <c>strtold</c> under Valkey's <c>string2ld</c> rules, exact conversion from a long, addition rounded
/// to nearest-even, and the <c>%.17Lf</c> text with trailing zeros stripped (<c>ld2string</c>'s LD_STR_HUMAN mode).
/// Arithmetic is exact (big integers) and rounded once, so results match glibc bit for bit.
/// </summary>
internal readonly struct LongDouble
{
    /// <summary>Exponent of the significand's last bit for subnormals and the smallest normals (2^-16445 is the smallest subnormal).</summary>
    private const int MinExponent = -16445;

    /// <summary>Exponent of the significand's last bit for the largest finite values (just under 2^16384).</summary>
    private const int MaxExponent = 16320;

    /// <summary>Valkey's <c>MAX_LONG_DOUBLE_CHARS</c>: inputs of this length or more are rejected.</summary>
    public const int MaxInputChars = 5 * 1024;

    private const ulong TopBit = 1UL << 63;
    private const ulong TenPow17 = 100_000_000_000_000_000UL;

    private enum Kind : byte
    {
        Finite,
        Infinity,
        NaN,
    }

    // value = (-1)^negative × significand × 2^exponent. Normal: top bit set, exponent in [MinExponent, MaxExponent].
    // Subnormal or zero: top bit clear, exponent == MinExponent (zero keeps its sign).
    private readonly ulong _significand;
    private readonly int _exponent;
    private readonly bool _negative;
    private readonly Kind _kind;

    private LongDouble(bool negative, ulong significand, int exponent, Kind kind)
    {
        _negative = negative;
        _significand = significand;
        _exponent = exponent;
        _kind = kind;
    }

    public static LongDouble Zero => new(false, 0, MinExponent, Kind.Finite);

    private static LongDouble Infinity(bool negative) => new(negative, 0, 0, Kind.Infinity);

    private static LongDouble NaN => new(false, 0, 0, Kind.NaN);

    /// <summary>True unless infinite or NaN (INCRBYFLOAT refuses to store those).</summary>
    public bool IsFinite => _kind == Kind.Finite;

    public bool IsNaN => _kind == Kind.NaN;

    public bool IsInfinity => _kind == Kind.Infinity;

    public bool IsNegative => _negative;

    public bool IsZero => _kind == Kind.Finite && _significand == 0;

    /// <summary>The exact value of a long (every long fits the 64-bit significand).</summary>
    public static LongDouble FromInt64(long value)
    {
        if (value == 0)
        {
            return Zero;
        }
        bool negative = value < 0;
        ulong magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        int shift = BitOperations.LeadingZeroCount(magnitude);
        return new LongDouble(negative, magnitude << shift, -shift, Kind.Finite);
    }

    /// <summary>
    /// Valkey's <c>string2ld</c>: the whole input must be a number <c>strtold</c> accepts (decimal or <c>0x</c> hex
    /// float, <c>inf</c>/<c>infinity</c>, optional sign), with no leading space, not NaN, and neither overflowing to
    /// infinity nor underflowing to zero. "inf" is accepted (INCRBYFLOAT then reports the infinite result).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out LongDouble value)
    {
        value = default;
        if (s.Length == 0 || s.Length >= MaxInputChars)
        {
            return false;
        }
        int p = 0;
        bool negative = false;
        if (s[0] == (byte)'+' || s[0] == (byte)'-')
        {
            negative = s[0] == (byte)'-';
            p = 1;
        }
        var rest = s[p..];
        if (rest.Length > 0 && (rest[0] | 0x20) is (byte)'i' or (byte)'n')
        {
            // strtold accepts "nan" too, but string2ld rejects NaN; anything else starting with i/n is not a number.
            if (Ascii.EqualsIgnoreCase(rest, "inf"u8) || Ascii.EqualsIgnoreCase(rest, "infinity"u8))
            {
                value = Infinity(negative);
                return true;
            }
            return false;
        }
        if (rest.Length > 2 && rest[0] == (byte)'0' && (rest[1] | 0x20) == (byte)'x')
        {
            return TryParseHex(rest[2..], negative, out value);
        }
        return TryParseDecimal(rest, negative, out value);
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> s, bool negative, out LongDouble value)
    {
        value = default;
        int p = 0;
        int intStart = p;
        while (p < s.Length && IsDigit(s[p]))
        {
            p++;
        }
        int intEnd = p;
        int fracStart = p, fracEnd = p;
        if (p < s.Length && s[p] == (byte)'.')
        {
            p++;
            fracStart = p;
            while (p < s.Length && IsDigit(s[p]))
            {
                p++;
            }
            fracEnd = p;
        }
        if (intEnd == intStart && fracEnd == fracStart)
        {
            return false;
        }
        long exp10 = 0;
        if (p < s.Length)
        {
            if ((s[p] | 0x20) != (byte)'e' || !TryParseExponent(s[(p + 1)..], out exp10))
            {
                return false;
            }
        }

        // The digits, without leading zeros, as one integer D; the value is D × 10^(exp10 - fraction digits).
        Span<byte> digits = s.Length <= 256 ? stackalloc byte[s.Length] : new byte[s.Length];
        int n = 0;
        foreach (byte c in s[intStart..intEnd])
        {
            if (n > 0 || c != (byte)'0')
            {
                digits[n++] = c;
            }
        }
        foreach (byte c in s[fracStart..fracEnd])
        {
            if (n > 0 || c != (byte)'0')
            {
                digits[n++] = c;
            }
        }
        if (n == 0)
        {
            value = new LongDouble(negative, 0, MinExponent, Kind.Finite);
            return true;
        }
        long q = exp10 - (fracEnd - fracStart);
        // D has n digits: 10^(q+n-1) <= value < 10^(q+n). Largest finite ~1.19e4932; half the smallest subnormal ~1.8e-4951.
        if (q + n - 1 >= 4933)
        {
            return false;
        }
        if (q + n <= -4952)
        {
            return false;
        }
        LongDouble result;
        if (n <= 38 && (q >= 0 ? q + n <= 38 : q >= -27))
        {
            result = RoundDecimal(negative, ParseDigits128(digits[..n]), (int)q);
        }
        else if (q >= 0)
        {
            var d = ParseDigits(digits[..n]);
            result = Round(negative, d * BigInteger.Pow(10, (int)q), 0, sticky: false);
        }
        else
        {
            var d = ParseDigits(digits[..n]);
            var divisor = BigInteger.Pow(10, (int)-q);
            // Scale so the quotient carries at least 66 significant bits: 64 kept, a guard bit, and a sticky remainder.
            long shift = Math.Max(0, 66 + (long)divisor.GetBitLength() - (long)d.GetBitLength() + 1);
            var quotient = BigInteger.DivRem(d << (int)shift, divisor, out var remainder);
            result = Round(negative, quotient, -(int)shift, sticky: !remainder.IsZero);
        }
        if (!result.IsFinite || result.IsZero)
        {
            return false; // ERANGE: overflow to infinity or underflow to zero
        }
        value = result;
        return true;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> s, bool negative, out LongDouble value)
    {
        value = default;
        int p = 0;
        var mantissa = BigInteger.Zero;
        int digitCount = 0, fractionDigits = 0;
        bool dot = false;
        Span<byte> hex = s.Length <= 256 ? stackalloc byte[s.Length] : new byte[s.Length];
        int n = 0;
        for (; p < s.Length; p++)
        {
            byte c = s[p];
            if (c == (byte)'.' && !dot)
            {
                dot = true;
                continue;
            }
            int v = HexValue(c);
            if (v < 0)
            {
                break;
            }
            digitCount++;
            if (dot)
            {
                fractionDigits++;
            }
            // Leading zeros are skipped; after the point they still count in fractionDigits, which scales the value.
            if (n > 0 || v != 0)
            {
                hex[n++] = (byte)v;
            }
        }
        if (digitCount == 0)
        {
            return false;
        }
        long exp2 = 0;
        if (p < s.Length)
        {
            if ((s[p] | 0x20) != (byte)'p' || !TryParseExponent(s[(p + 1)..], out exp2))
            {
                return false;
            }
        }
        if (n == 0)
        {
            value = new LongDouble(negative, 0, MinExponent, Kind.Finite);
            return true;
        }
        foreach (byte v in hex[..n])
        {
            mantissa = (mantissa << 4) | v;
        }
        long k = exp2 - 4L * fractionDigits;
        long top = k + (long)mantissa.GetBitLength(); // value < 2^top
        if (top > 16384 + 1)
        {
            return false;
        }
        if (top < MinExponent - 1)
        {
            return false;
        }
        var result = Round(negative, mantissa, (int)k, sticky: false);
        if (!result.IsFinite || result.IsZero)
        {
            return false;
        }
        value = result;
        return true;
    }

    // An exponent: optional sign and at least one digit, to the end of the input. Saturates far beyond any finite range.
    private static bool TryParseExponent(ReadOnlySpan<byte> s, out long exponent)
    {
        exponent = 0;
        int p = 0;
        bool negative = false;
        if (p < s.Length && (s[p] == (byte)'+' || s[p] == (byte)'-'))
        {
            negative = s[p] == (byte)'-';
            p++;
        }
        if (p == s.Length)
        {
            return false;
        }
        long v = 0;
        for (; p < s.Length; p++)
        {
            if (!IsDigit(s[p]))
            {
                return false;
            }
            if (v < 1_000_000_000)
            {
                v = v * 10 + (s[p] - '0');
            }
        }
        exponent = negative ? -v : v;
        return true;
    }

    // Up to 38 digits (< 2^127).
    private static UInt128 ParseDigits128(ReadOnlySpan<byte> digits)
    {
        UInt128 v = 0;
        foreach (byte c in digits)
        {
            v = v * 10 + (uint)(c - '0');
        }
        return v;
    }

    private static readonly UInt128[] PowersOfTen = BuildPowersOfTen();

    private static UInt128[] BuildPowersOfTen()
    {
        var p = new UInt128[39];
        p[0] = 1;
        for (int i = 1; i < p.Length; i++)
        {
            p[i] = p[i - 1] * 10;
        }
        return p;
    }

    /// <summary>
    /// The common decimal case without big integers: d × 10^q with d &lt; 10^38 and either d × 10^q &lt; 10^38 or
    /// q &gt;= -27. For division, long division by 10^-q (&lt; 2^90) yields 38 quotient bits a step until 66 are known,
    /// the remainder being the sticky bit.
    /// </summary>
    private static LongDouble RoundDecimal(bool negative, UInt128 d, int q)
    {
        if (q >= 0)
        {
            return Round(negative, d * PowersOfTen[q], 0, sticky: false);
        }
        var divisor = PowersOfTen[-q];
        var (quotient, remainder) = UInt128.DivRem(d, divisor);
        long k = 0;
        while (BitLength(quotient) < 66)
        {
            var (step, rest) = UInt128.DivRem(remainder << 38, divisor);
            quotient = (quotient << 38) | step;
            remainder = rest;
            k -= 38;
        }
        return Round(negative, quotient, k, sticky: remainder != 0);
    }

    private static int BitLength(UInt128 v) => 128 - (int)UInt128.LeadingZeroCount(v);

    private static BigInteger ParseDigits(ReadOnlySpan<byte> digits)
    {
        if (digits.Length <= 19)
        {
            ulong v = 0;
            foreach (byte c in digits)
            {
                v = v * 10 + (ulong)(c - '0');
            }
            return new BigInteger(v);
        }
        Span<char> chars = digits.Length <= 512 ? stackalloc char[digits.Length] : new char[digits.Length];
        for (int i = 0; i < digits.Length; i++)
        {
            chars[i] = (char)digits[i];
        }
        return BigInteger.Parse(chars, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static int HexValue(byte c)
    {
        if ((uint)(c - '0') <= 9)
        {
            return c - '0';
        }
        int l = c | 0x20;
        return (uint)(l - 'a') <= 5 ? l - 'a' + 10 : -1;
    }

    /// <summary><see cref="Round(bool, BigInteger, long, bool)"/> for values of at most 128 bits, without allocating.</summary>
    private static LongDouble Round(bool negative, UInt128 n, long k, bool sticky)
    {
        if (n == 0)
        {
            return new LongDouble(negative, 0, MinExponent, Kind.Finite);
        }
        int length = BitLength(n);
        long e = Math.Max(k + length - 64, MinExponent);
        ulong significand;
        if (e > k)
        {
            long drop = e - k;
            if (drop > length)
            {
                // Below half of the smallest subnormal step: rounds to zero.
                return new LongDouble(negative, 0, MinExponent, Kind.Finite);
            }
            UInt128 kept = drop == 128 ? 0 : n >> (int)drop;
            UInt128 dropped = drop == 128 ? n : n - (kept << (int)drop);
            UInt128 half = (UInt128)1 << (int)(drop - 1);
            bool up = dropped > half || (dropped == half && (sticky || (kept & 1) != 0));
            if (up)
            {
                kept++;
            }
            if (BitLength(kept) > 64)
            {
                kept >>= 1;
                e++;
            }
            significand = (ulong)kept;
        }
        else
        {
            significand = (ulong)(n << (int)(k - e));
        }
        if (e > MaxExponent)
        {
            return Infinity(negative);
        }
        return new LongDouble(negative, significand, (int)e, Kind.Finite);
    }

    /// <summary>
    /// Rounds the exact value (-1)^negative × (n + (sticky ? something in (0, 1) : 0)) × 2^k to the format, nearest-even;
    /// overflow gives infinity. With <paramref name="sticky"/>, <paramref name="n"/> must carry at least 66 bits.
    /// </summary>
    private static LongDouble Round(bool negative, BigInteger n, long k, bool sticky)
    {
        if (n.IsZero)
        {
            return new LongDouble(negative, 0, MinExponent, Kind.Finite);
        }
        long length = (long)n.GetBitLength();
        long e = Math.Max(k + length - 64, MinExponent);
        ulong significand;
        if (e > k)
        {
            int drop = (int)Math.Min(e - k, length + 2);
            var kept = n >> drop;
            var dropped = n - (kept << drop);
            var half = BigInteger.One << (drop - 1);
            int cmp = dropped.CompareTo(half);
            bool up = cmp > 0 || (cmp == 0 && (sticky || !kept.IsEven));
            if (up)
            {
                kept += 1;
            }
            if (kept.GetBitLength() > 64)
            {
                // Rounding carried into a 65th bit (kept == 2^64): renormalise.
                kept >>= 1;
                e++;
            }
            // A subnormal that rounds up to 2^63 becomes the smallest normal with no change: same exponent, top bit set.
            significand = (ulong)kept;
        }
        else
        {
            significand = (ulong)(n << (int)(k - e));
        }
        if (e > MaxExponent)
        {
            return Infinity(negative);
        }
        return new LongDouble(negative, significand, (int)e, Kind.Finite);
    }

    /// <summary>The sum, rounded to nearest-even as the FPU does; inf + -inf is NaN; x + -x is +0.</summary>
    public static LongDouble operator +(LongDouble a, LongDouble b)
    {
        if (a._kind == Kind.NaN || b._kind == Kind.NaN)
        {
            return NaN;
        }
        if (a._kind == Kind.Infinity || b._kind == Kind.Infinity)
        {
            if (a._kind == Kind.Infinity && b._kind == Kind.Infinity && a._negative != b._negative)
            {
                return NaN;
            }
            return a._kind == Kind.Infinity ? a : b;
        }
        if (a.IsZero && b.IsZero)
        {
            return new LongDouble(a._negative && b._negative, 0, MinExponent, Kind.Finite);
        }
        if (a.IsZero)
        {
            return b;
        }
        if (b.IsZero)
        {
            return a;
        }
        // Order by exponent; when the smaller is 66+ binary places below a normal larger operand it cannot change the rounded sum.
        if (a._exponent < b._exponent)
        {
            (a, b) = (b, a);
        }
        long diff = (long)a._exponent - b._exponent;
        if (diff >= 66)
        {
            return a;
        }
        if (diff <= 63)
        {
            UInt128 wide = (UInt128)a._significand << (int)diff, narrow = b._significand;
            bool negativeSum = a._negative;
            UInt128 total;
            if (a._negative == b._negative)
            {
                total = wide + narrow;
            }
            else if (wide >= narrow)
            {
                total = wide - narrow;
            }
            else
            {
                total = narrow - wide;
                negativeSum = !negativeSum;
            }
            return total == 0 ? Zero : Round(negativeSum, total, b._exponent, sticky: false);
        }
        var x = new BigInteger(a._significand) << (int)diff;
        var y = new BigInteger(b._significand);
        BigInteger sum = a._negative == b._negative ? x + y : x - y;
        bool negative = a._negative;
        if (sum.Sign < 0)
        {
            negative = !negative;
            sum = -sum;
        }
        if (sum.IsZero)
        {
            return Zero;
        }
        return Round(negative, sum, b._exponent, sticky: false);
    }

    /// <summary>
    /// Valkey's <c>ld2string(…, LD_STR_HUMAN)</c>: <c>%.17Lf</c> (exact, rounded half-even like glibc), then trailing
    /// zeros after the point removed, the point too when nothing follows, and "-0" written as "0". Infinite values
    /// print as "inf"/"-inf" (never stored). Returns the text as ASCII bytes.
    /// </summary>
    public byte[] ToHumanText()
    {
        if (_kind == Kind.Infinity)
        {
            return _negative ? "-inf"u8.ToArray() : "inf"u8.ToArray();
        }
        if (_kind == Kind.NaN)
        {
            return "nan"u8.ToArray();
        }
        // The integer part and the 17 fraction digits of "%.17Lf" (|value| × 10^17 rounded half-even).
        Span<byte> small = stackalloc byte[40];
        scoped ReadOnlySpan<byte> intDigits;
        ulong fraction = 0;
        if (_exponent >= 0)
        {
            if (_exponent <= 64)
            {
                ((UInt128)_significand << _exponent).TryFormat(small, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
                intDigits = small[..written];
            }
            else
            {
                intDigits = System.Text.Encoding.ASCII.GetBytes((new BigInteger(_significand) << _exponent).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        else
        {
            // m × 10^17 < 2^121, so a shift of 122 or more leaves less than half a unit: 0.
            int shift = -_exponent;
            UInt128 q = 0;
            if (shift < 122)
            {
                UInt128 scaled = (UInt128)_significand * TenPow17;
                UInt128 kept = scaled >> shift;
                UInt128 dropped = scaled - (kept << shift);
                UInt128 half = (UInt128)1 << (shift - 1);
                if (dropped > half || (dropped == half && (kept & 1) != 0))
                {
                    kept++;
                }
                q = kept;
            }
            var (integer, rest) = UInt128.DivRem(q, TenPow17);
            fraction = (ulong)rest;
            integer.TryFormat(small, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
            intDigits = small[..written];
        }
        ulong frac = fraction;
        int fracDigits = 17;
        while (fracDigits > 0 && frac % 10 == 0)
        {
            frac /= 10;
            fracDigits--;
        }
        bool negative = _negative && !(intDigits.SequenceEqual("0"u8) && fracDigits == 0);
        int length = (negative ? 1 : 0) + intDigits.Length + (fracDigits > 0 ? 1 + fracDigits : 0);
        var text = new byte[length];
        int p = 0;
        if (negative)
        {
            text[p++] = (byte)'-';
        }
        intDigits.CopyTo(text.AsSpan(p));
        p += intDigits.Length;
        if (fracDigits > 0)
        {
            text[p++] = (byte)'.';
            for (int i = fracDigits - 1; i >= 0; i--)
            {
                text[p + i] = (byte)('0' + (int)(frac % 10));
                frac /= 10;
            }
        }
        return text;
    }

    /// <summary>The value as text (for debugging and tests).</summary>
    public override string ToString() => System.Text.Encoding.ASCII.GetString(ToHumanText());
}
