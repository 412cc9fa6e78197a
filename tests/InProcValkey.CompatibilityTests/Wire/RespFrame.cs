using System.Globalization;
using System.Text;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>One reply as it came off the wire: its exact bytes and its parsed form (RESP3 kinds kept: map, set, double…).</summary>
public sealed record RespFrame(byte[] Raw, ValkeyReply Reply)
{
    public override string ToString() => RespBytes.Escape(Raw);
}

/// <summary>
/// Reads whole RESP2/RESP3 replies off a stream, keeping their bytes (the wire differential compares those), and writes a
/// <see cref="ValkeyReply"/> back as the bytes Valkey would send (used where a known difference replaces Redis 7.0's reply).
/// </summary>
public static class RespBytes
{
    /// <summary>Reads one complete reply. Throws <see cref="EndOfStreamException"/> when the peer closed before a whole reply.</summary>
    public static RespFrame Read(Stream input)
    {
        var raw = new MemoryStream();
        var reply = ReadValue(input, raw);
        return new RespFrame(raw.ToArray(), reply);
    }

    private static ValkeyReply ReadValue(Stream input, MemoryStream raw)
    {
        int type = ReadByte(input, raw);
        string line = ReadLine(input, raw);
        switch ((char)type)
        {
            case '+':
                return ValkeyReply.SimpleString(line);
            case '-':
                return ValkeyReply.Error(line);
            case ':':
                return ValkeyReply.Integer(ParseLong(line));
            case '_':
                return ValkeyReply.Null;
            case '#':
                return line == "t" ? ValkeyReply.Boolean(true) : line == "f" ? ValkeyReply.Boolean(false) : throw Bad(type, line);
            case ',':
                return ValkeyReply.Double(ParseDouble(line));
            case '$' or '!' or '=':
            {
                long length = ParseLong(line);
                if (length == -1 && type == '$')
                {
                    return ValkeyReply.Null;
                }
                var bytes = new byte[length];
                input.ReadExactly(bytes);
                raw.Write(bytes);
                if (ReadByte(input, raw) != '\r' || ReadByte(input, raw) != '\n')
                {
                    throw new IOException("A bulk reply was not terminated by CRLF.");
                }
                return type switch
                {
                    '$' => ValkeyReply.Bulk(bytes),
                    '!' => ValkeyReply.Error(Encoding.UTF8.GetString(bytes)),
                    _ => ValkeyReply.Verbatim(Encoding.UTF8.GetString(bytes, 0, 3), Encoding.UTF8.GetString(bytes, 4, bytes.Length - 4)),
                };
            }
            case '*' or '~' or '%':
            {
                long count = ParseLong(line);
                if (count == -1 && type == '*')
                {
                    return ValkeyReply.NullArray;
                }
                var items = new ValkeyReply[type == '%' ? count * 2 : count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = ReadValue(input, raw);
                }
                return type switch
                {
                    '*' => ValkeyReply.Array(items),
                    '~' => ValkeyReply.Set(items),
                    _ => ValkeyReply.Map(items),
                };
            }
            default:
                throw Bad(type, line);
        }
    }

    private static IOException Bad(int type, string line) => new($"Unexpected reply type byte 0x{type:X2} followed by '{line}'.");

    private static int ReadByte(Stream input, MemoryStream raw)
    {
        int b = input.ReadByte();
        if (b < 0)
        {
            throw new EndOfStreamException("The server closed the connection.");
        }
        raw.WriteByte((byte)b);
        return b;
    }

    private static string ReadLine(Stream input, MemoryStream raw)
    {
        var line = new MemoryStream();
        while (true)
        {
            int b = ReadByte(input, raw);
            if (b == '\r')
            {
                if (ReadByte(input, raw) != '\n')
                {
                    throw new IOException("CR not followed by LF in a reply line.");
                }
                return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
            }
            line.WriteByte((byte)b);
        }
    }

    private static long ParseLong(string s) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new IOException($"'{s}' is not a RESP integer.");

    private static double ParseDouble(string s) => s switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new IOException($"'{s}' is not a RESP double."),
    };

    /// <summary>The bytes Valkey sends for <paramref name="reply"/> to a client speaking <paramref name="protocol"/> (2 or 3).</summary>
    public static byte[] Write(ValkeyReply reply, int protocol)
    {
        var output = new MemoryStream();
        WriteValue(output, reply, protocol);
        return output.ToArray();
    }

    private static void WriteValue(MemoryStream o, ValkeyReply r, int protocol)
    {
        if (protocol == 2 && r.Kind is ValkeyReplyKind.Map or ValkeyReplyKind.Set or ValkeyReplyKind.Double or ValkeyReplyKind.Boolean or ValkeyReplyKind.Verbatim)
        {
            WriteValue(o, Resp2.Shape(r), protocol);
            return;
        }
        switch (r.Kind)
        {
            case ValkeyReplyKind.SimpleString:
                Line(o, '+', r.ToString()!);
                break;
            case ValkeyReplyKind.Error:
                Line(o, '-', r.ErrorMessage!);
                break;
            case ValkeyReplyKind.Integer:
                Line(o, ':', r.AsInt64().ToString(CultureInfo.InvariantCulture));
                break;
            case ValkeyReplyKind.BulkString:
            {
                var bytes = r.AsBytes()!;
                Line(o, '$', bytes.Length.ToString(CultureInfo.InvariantCulture));
                o.Write(bytes);
                o.Write("\r\n"u8);
                break;
            }
            case ValkeyReplyKind.Null:
                o.Write(protocol == 3 ? "_\r\n"u8 : "$-1\r\n"u8);
                break;
            case ValkeyReplyKind.NullArray:
                o.Write(protocol == 3 ? "_\r\n"u8 : "*-1\r\n"u8);
                break;
            case ValkeyReplyKind.Array or ValkeyReplyKind.Set or ValkeyReplyKind.Map:
            {
                char type = r.Kind switch { ValkeyReplyKind.Array => '*', ValkeyReplyKind.Set => '~', _ => '%' };
                int count = r.Kind == ValkeyReplyKind.Map ? r.Elements.Count / 2 : r.Elements.Count;
                Line(o, type, count.ToString(CultureInfo.InvariantCulture));
                foreach (var e in r.Elements)
                {
                    WriteValue(o, e, protocol);
                }
                break;
            }
            case ValkeyReplyKind.Double:
                Line(o, ',', Resp2.FormatDouble(r.AsDouble()));
                break;
            case ValkeyReplyKind.Boolean:
                Line(o, '#', r.AsBoolean() ? "t" : "f");
                break;
            case ValkeyReplyKind.Verbatim:
            {
                var text = Encoding.UTF8.GetBytes(r.VerbatimFormat + ":" + r.ToString());
                Line(o, '=', text.Length.ToString(CultureInfo.InvariantCulture));
                o.Write(text);
                o.Write("\r\n"u8);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "no RESP form");
        }
    }

    private static void Line(MemoryStream o, char type, string text)
    {
        o.WriteByte((byte)type);
        o.Write(Encoding.UTF8.GetBytes(text));
        o.Write("\r\n"u8);
    }

    /// <summary>A command as a RESP multibulk request.</summary>
    public static byte[] Request(IReadOnlyList<byte[]> command)
    {
        var o = new MemoryStream();
        Line(o, '*', command.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var arg in command)
        {
            Line(o, '$', arg.Length.ToString(CultureInfo.InvariantCulture));
            o.Write(arg);
            o.Write("\r\n"u8);
        }
        return o.ToArray();
    }

    /// <summary>Bytes as a readable C-like string: printable ASCII as is, CR/LF as \r\n, others as \xNN (long runs cut).</summary>
    public static string Escape(ReadOnlySpan<byte> bytes, int max = 600)
    {
        var sb = new StringBuilder("\"");
        foreach (byte b in bytes[..Math.Min(bytes.Length, max)])
        {
            sb.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }
        sb.Append('"');
        if (bytes.Length > max)
        {
            sb.Append(CultureInfo.InvariantCulture, $"… ({bytes.Length} bytes)");
        }
        return sb.ToString();
    }
}
