using System.Globalization;
using System.Text;

namespace InProcValkey.Testing;

/// <summary>
/// redis-cli's text forms: a line split into arguments as redis-cli splits what you type (Valkey's <c>sdssplitargs</c>:
/// whitespace-separated; <c>"…"</c> with <c>\n \r \t \b \a \\ \" \xHH</c> escapes; <c>'…'</c> with only <c>\'</c>), and
/// an argument quoted so that it splits back to the same bytes (<c>sdscatrepr</c>).
/// </summary>
public static class RedisCliText
{
    /// <summary>Splits one line into arguments (UTF-8 bytes).</summary>
    /// <exception cref="FormatException">Unbalanced quotes, or a closing quote not followed by a space.</exception>
    public static IReadOnlyList<byte[]> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        byte[] s = Encoding.UTF8.GetBytes(line);
        var args = new List<byte[]>();
        var current = new List<byte>();
        int i = 0;
        while (true)
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }
            if (i >= s.Length)
            {
                return args;
            }
            bool inDouble = false, inSingle = false, done = false;
            current.Clear();
            while (!done)
            {
                if (inDouble)
                {
                    if (i >= s.Length)
                    {
                        throw new FormatException("Invalid argument(s): unbalanced quotes in: " + line);
                    }
                    byte c = s[i];
                    if (c == '\\' && i + 3 < s.Length && s[i + 1] == 'x' && IsHex(s[i + 2]) && IsHex(s[i + 3]))
                    {
                        current.Add((byte)((HexValue(s[i + 2]) << 4) | HexValue(s[i + 3])));
                        i += 3;
                    }
                    else if (c == '\\' && i + 1 < s.Length)
                    {
                        i++;
                        current.Add(s[i] switch
                        {
                            (byte)'n' => (byte)'\n',
                            (byte)'r' => (byte)'\r',
                            (byte)'t' => (byte)'\t',
                            (byte)'b' => (byte)'\b',
                            (byte)'a' => (byte)'\a',
                            _ => s[i],
                        });
                    }
                    else if (c == '"')
                    {
                        if (i + 1 < s.Length && !IsSpace(s[i + 1]))
                        {
                            throw new FormatException("Invalid argument(s): closing quote must be followed by a space in: " + line);
                        }
                        done = true;
                    }
                    else
                    {
                        current.Add(c);
                    }
                }
                else if (inSingle)
                {
                    if (i >= s.Length)
                    {
                        throw new FormatException("Invalid argument(s): unbalanced quotes in: " + line);
                    }
                    byte c = s[i];
                    if (c == '\\' && i + 1 < s.Length && s[i + 1] == '\'')
                    {
                        i++;
                        current.Add((byte)'\'');
                    }
                    else if (c == '\'')
                    {
                        if (i + 1 < s.Length && !IsSpace(s[i + 1]))
                        {
                            throw new FormatException("Invalid argument(s): closing quote must be followed by a space in: " + line);
                        }
                        done = true;
                    }
                    else
                    {
                        current.Add(c);
                    }
                }
                else if (i >= s.Length || IsSpace(s[i]))
                {
                    done = true;
                }
                else if (s[i] == '"')
                {
                    inDouble = true;
                }
                else if (s[i] == '\'')
                {
                    inSingle = true;
                }
                else
                {
                    current.Add(s[i]);
                }
                if (i < s.Length)
                {
                    i++;
                }
            }
            args.Add(current.ToArray());
        }
    }

    /// <summary>Quotes <paramref name="value"/> as redis-cli shows a bulk string: double quotes, with <c>\\ \" \n \r \t \a \b</c>
    /// and <c>\xHH</c> for other bytes outside printable ASCII.</summary>
    public static string Quote(ReadOnlySpan<byte> value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (byte b in value)
        {
            switch (b)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'\a': sb.Append("\\a"); break;
                case (byte)'\b': sb.Append("\\b"); break;
                default:
                    if (b is >= 0x20 and < 0x7F)
                    {
                        sb.Append((char)b);
                    }
                    else
                    {
                        sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Quotes a UTF-8 string (see <see cref="Quote(ReadOnlySpan{byte})"/>).</summary>
    public static string Quote(string value) => Quote(Encoding.UTF8.GetBytes(value ?? throw new ArgumentNullException(nameof(value))));

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\v' or (byte)'\f';
}
