namespace InProcValkey.DataTypes.SortedSets;

/// <summary>A score range (Valkey's <c>zrangespec</c>): min and max, each inclusive or exclusive (<c>(</c>).</summary>
internal readonly record struct ScoreRange(double Min, bool MinExclusive, double Max, bool MaxExclusive)
{
    /// <summary>Valkey's <c>zslValueGteMin</c>.</summary>
    public bool AboveMin(double v) => MinExclusive ? v > Min : v >= Min;

    /// <summary>Valkey's <c>zslValueLteMax</c>.</summary>
    public bool BelowMax(double v) => MaxExclusive ? v < Max : v <= Max;

    /// <summary>Ranges that can hold nothing (min above max, or equal with an exclusive end), as <c>zslIsInRange</c> tests first.</summary>
    public bool IsEmpty => Min > Max || (Min == Max && (MinExclusive || MaxExclusive));

    /// <summary>
    /// Valkey's <c>zslParseRange</c>: each bound is a C <c>strtod</c> number, optionally after <c>(</c> (exclusive), whose
    /// text must end where the number ends (or at a NUL byte); NaN is refused. Leading spaces are accepted, as strtod does.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, out ScoreRange range)
    {
        range = default;
        if (!TryParseBound(min, out double a, out bool ax) || !TryParseBound(max, out double b, out bool bx))
        {
            return false;
        }
        range = new ScoreRange(a, ax, b, bx);
        return true;
    }

    private static bool TryParseBound(ReadOnlySpan<byte> s, out double value, out bool exclusive)
    {
        exclusive = s.Length > 0 && s[0] == (byte)'(';
        if (exclusive)
        {
            s = s[1..];
        }
        value = CStrtod.Parse(s, out int consumed, out _);
        // The C string ends at the first NUL: text after it is not seen.
        return (consumed == s.Length || s[consumed] == 0) && !double.IsNaN(value);
    }
}

/// <summary>One end of a lex range (Valkey's <c>zlexrangespec</c> item): <c>-</c>, <c>+</c>, or a member after <c>[</c> / <c>(</c>.</summary>
internal readonly struct LexBound
{
    private readonly byte[]? _value;
    private readonly sbyte _infinity; // -1 for "-", +1 for "+", 0 for a value

    private LexBound(byte[]? value, sbyte infinity, bool exclusive)
    {
        _value = value;
        _infinity = infinity;
        Exclusive = exclusive;
    }

    public bool Exclusive { get; }

    /// <summary>Compares this bound with a member (sign of bound − member), as Valkey's <c>sdscmplex</c>.</summary>
    public int CompareMember(ReadOnlySpan<byte> member) => _infinity != 0 ? _infinity : _value.AsSpan().SequenceCompareTo(member);

    /// <summary>Compares two bounds as <c>sdscmplex</c> does (the same infinity compares equal).</summary>
    public int CompareTo(in LexBound other)
    {
        if (_infinity != 0 || other._infinity != 0)
        {
            return _infinity == other._infinity ? 0 : _infinity != 0 ? _infinity : -other._infinity;
        }
        return _value.AsSpan().SequenceCompareTo(other._value);
    }

    /// <summary>Valkey's <c>zslParseLexRangeItem</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out LexBound bound)
    {
        bound = default;
        if (s.Length == 0)
        {
            return false;
        }
        switch (s[0])
        {
            case (byte)'+':
            case (byte)'-':
                // The C string must end right after the sign (a NUL byte ends it too).
                if (s.Length > 1 && s[1] != 0)
                {
                    return false;
                }
                bound = new LexBound(null, s[0] == (byte)'+' ? (sbyte)1 : (sbyte)-1, true);
                return true;
            case (byte)'(':
                bound = new LexBound(s[1..].ToArray(), 0, true);
                return true;
            case (byte)'[':
                bound = new LexBound(s[1..].ToArray(), 0, false);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>A lex range: min and max bounds.</summary>
internal readonly record struct LexRange(LexBound Min, LexBound Max)
{
    /// <summary>Valkey's <c>zslLexValueGteMin</c>.</summary>
    public bool AboveMin(ReadOnlySpan<byte> m)
    {
        int c = Min.CompareMember(m);
        return Min.Exclusive ? c < 0 : c <= 0;
    }

    /// <summary>Valkey's <c>zslLexValueLteMax</c>.</summary>
    public bool BelowMax(ReadOnlySpan<byte> m)
    {
        int c = Max.CompareMember(m);
        return Max.Exclusive ? c > 0 : c >= 0;
    }

    /// <summary>Ranges that can hold nothing, as <c>zslIsInLexRange</c> tests first.</summary>
    public bool IsEmpty
    {
        get
        {
            int c = Min.CompareTo(Max);
            return c > 0 || (c == 0 && (Min.Exclusive || Max.Exclusive));
        }
    }

    /// <summary>Valkey's <c>zslParseLexRange</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, out LexRange range)
    {
        range = default;
        if (!LexBound.TryParse(min, out var a) || !LexBound.TryParse(max, out var b))
        {
            return false;
        }
        range = new LexRange(a, b);
        return true;
    }
}
