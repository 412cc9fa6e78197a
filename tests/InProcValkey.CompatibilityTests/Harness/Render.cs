using System.Text;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>Readable, unambiguous renderings of commands and replies for assertion messages (redis-cli style, bytes escaped).</summary>
public static class Render
{
    /// <summary>A command as <c>SET "k" "v\x00"</c>.</summary>
    public static string Command(IReadOnlyList<byte[]> command) =>
        string.Join(' ', command.Select((a, i) => i == 0 ? Encoding.UTF8.GetString(a) : Argument(a)));

    /// <summary>A quoted, escaped argument.</summary>
    public static string Argument(byte[] bytes) => Quote(bytes);

    /// <summary>A reply over several lines, like redis-cli: <c>(integer) 1</c>, <c>"bulk"</c>, <c>(nil)</c>, numbered arrays.</summary>
    public static string Reply(ValkeyReply reply)
    {
        var sb = new StringBuilder();
        Append(sb, reply, "");
        return sb.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder sb, ValkeyReply r, string indent)
    {
        switch (r.Kind)
        {
            case ValkeyReplyKind.SimpleString:
                sb.Append('+').Append(EscapeText(r.ToString()!)).Append('\n');
                break;
            case ValkeyReplyKind.Error:
                sb.Append("(error) ").Append(EscapeText(r.ErrorMessage!)).Append('\n');
                break;
            case ValkeyReplyKind.Integer:
                sb.Append("(integer) ").Append(r.AsInt64()).Append('\n');
                break;
            case ValkeyReplyKind.BulkString:
                sb.Append(Quote(r.AsBytes()!)).Append('\n');
                break;
            case ValkeyReplyKind.Null:
                sb.Append("(nil)\n");
                break;
            case ValkeyReplyKind.NullArray:
                sb.Append("(nil array)\n");
                break;
            case ValkeyReplyKind.Double:
                sb.Append("(double) ").Append(r.ToString()).Append('\n');
                break;
            case ValkeyReplyKind.Boolean:
                sb.Append("(boolean) ").Append(r.ToString()).Append('\n');
                break;
            case ValkeyReplyKind.Verbatim:
                sb.Append("(verbatim ").Append(r.VerbatimFormat).Append(") ").Append(Quote(Encoding.UTF8.GetBytes(r.ToString()!))).Append('\n');
                break;
            default:
                string label = r.Kind switch { ValkeyReplyKind.Map => "map", ValkeyReplyKind.Set => "set", _ => "array" };
                if (r.Elements.Count == 0)
                {
                    sb.Append("(empty ").Append(label).Append(")\n");
                    break;
                }
                if (r.Kind != ValkeyReplyKind.Array)
                {
                    sb.Append('(').Append(label).Append(")\n").Append(indent);
                }
                for (int i = 0; i < r.Elements.Count; i++)
                {
                    string prefix = $"{i + 1}) ";
                    if (i > 0)
                    {
                        sb.Append(indent);
                    }
                    sb.Append(prefix);
                    Append(sb, r.Elements[i], indent + new string(' ', prefix.Length));
                }
                break;
        }
    }

    // Status and error texts: printable text as is, control characters escaped.
    private static string EscapeText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c < 0x20 || c == 0x7F)
            {
                sb.Append("\\x").Append(((int)c).ToString("x2"));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static string Quote(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length + 2).Append('"');
        foreach (byte b in bytes)
        {
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                default:
                    if (b is >= 0x20 and < 0x7F)
                    {
                        sb.Append((char)b);
                    }
                    else
                    {
                        sb.Append("\\x").Append(b.ToString("x2"));
                    }
                    break;
            }
        }
        if (bytes.Length > 200)
        {
            // Long values: show their length too, the escaped text is already there.
            sb.Append("\" (").Append(bytes.Length).Append(" bytes)");
            return sb.ToString();
        }
        return sb.Append('"').ToString();
    }
}
