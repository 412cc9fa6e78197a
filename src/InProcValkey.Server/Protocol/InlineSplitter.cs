using InProcValkey.Commands;

namespace InProcValkey.Server.Protocol;

/// <summary>
/// Splits an inline command line into arguments with Valkey's <c>sdssplitargs</c> rules (<c>sds.c</c>): blanks
/// (C <c>isspace</c>) separate arguments; "double quotes" understand <c>\n \r \t \b \a \xHH</c> and <c>\</c> before any
/// other character; 'single quotes' understand only <c>\'</c>; a closing quote must be followed by a blank or the end;
/// a quote may open in the middle of an argument (<c>a"b c"</c> is <c>ab c</c>).
/// </summary>
internal static class InlineSplitter
{
    /// <summary>
    /// Fills <paramref name="args"/> (cleared first) from <paramref name="line"/> (no line end, no NUL byte).
    /// False on unbalanced quotes. <paramref name="scratch"/> is a reusable token buffer, grown as needed.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> line, CommandArgs args, ref byte[] scratch)
    {
        args.Clear();
        if (scratch.Length < line.Length)
        {
            scratch = new byte[Math.Max(line.Length, scratch.Length * 2)];
        }
        int p = 0;
        int n = line.Length;
        while (true)
        {
            while (p < n && IsSpace(line[p]))
            {
                p++;
            }
            if (p >= n)
            {
                return true;
            }
            bool inDouble = false, inSingle = false, done = false;
            int len = 0;
            while (!done)
            {
                byte c = At(line, p);
                if (inDouble)
                {
                    if (c == '\\' && At(line, p + 1) == 'x' && IsHex(At(line, p + 2)) && IsHex(At(line, p + 3)))
                    {
                        scratch[len++] = (byte)((HexValue(At(line, p + 2)) << 4) | HexValue(At(line, p + 3)));
                        p += 3;
                    }
                    else if (c == '\\' && At(line, p + 1) != 0)
                    {
                        p++;
                        scratch[len++] = line[p] switch
                        {
                            (byte)'n' => (byte)'\n',
                            (byte)'r' => (byte)'\r',
                            (byte)'t' => (byte)'\t',
                            (byte)'b' => (byte)'\b',
                            (byte)'a' => (byte)'\a',
                            var other => other,
                        };
                    }
                    else if (c == '"')
                    {
                        if (At(line, p + 1) != 0 && !IsSpace(At(line, p + 1)))
                        {
                            return false;
                        }
                        done = true;
                    }
                    else if (c == 0)
                    {
                        return false;
                    }
                    else
                    {
                        scratch[len++] = c;
                    }
                }
                else if (inSingle)
                {
                    if (c == '\\' && At(line, p + 1) == '\'')
                    {
                        p++;
                        scratch[len++] = (byte)'\'';
                    }
                    else if (c == '\'')
                    {
                        if (At(line, p + 1) != 0 && !IsSpace(At(line, p + 1)))
                        {
                            return false;
                        }
                        done = true;
                    }
                    else if (c == 0)
                    {
                        return false;
                    }
                    else
                    {
                        scratch[len++] = c;
                    }
                }
                else
                {
                    switch (c)
                    {
                        case (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0:
                            done = true;
                            break;
                        case (byte)'"':
                            inDouble = true;
                            break;
                        case (byte)'\'':
                            inSingle = true;
                            break;
                        default:
                            scratch[len++] = c;
                            break;
                    }
                }
                if (p < n)
                {
                    p++;
                }
            }
            args.Add(scratch.AsSpan(0, len));
        }
    }

    /// <summary>The byte at <paramref name="i"/>, or 0 past the end (the C string's terminator).</summary>
    private static byte At(ReadOnlySpan<byte> s, int i) => i < s.Length ? s[i] : (byte)0;

    /// <summary>C <c>isspace</c> in the C locale.</summary>
    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
