namespace InProcValkey.DataTypes;

/// <summary>Number parsing exactly as Valkey's <c>util.c</c> (<c>string2ll</c>): strict, no spaces, no '+', no leading zeros.</summary>
internal static class Numbers
{
    /// <summary>Valkey's <c>string2ll</c>: "0", or an optional '-', a digit 1-9, then digits; no overflow.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 20)
        {
            return false;
        }
        if (s.Length == 1 && s[0] == (byte)'0')
        {
            return true;
        }
        int p = 0;
        bool negative = false;
        if (s[0] == (byte)'-')
        {
            negative = true;
            p++;
            if (p == s.Length)
            {
                return false;
            }
        }
        if (s[p] < (byte)'1' || s[p] > (byte)'9')
        {
            return false;
        }
        ulong v = (ulong)(s[p] - '0');
        p++;
        for (; p < s.Length; p++)
        {
            uint d = (uint)(s[p] - '0');
            if (d > 9)
            {
                return false;
            }
            if (v > ulong.MaxValue / 10)
            {
                return false;
            }
            v *= 10;
            if (v > ulong.MaxValue - d)
            {
                return false;
            }
            v += d;
        }
        if (negative)
        {
            if (v > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = (long)(0 - v);
        }
        else
        {
            if (v > long.MaxValue)
            {
                return false;
            }
            value = (long)v;
        }
        return true;
    }
}
