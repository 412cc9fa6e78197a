using System.Buffers;
using System.Buffers.Text;
using System.Text;
using InProcValkey.Commands;

namespace InProcValkey.Server.Protocol;

/// <summary>
/// Serialises the engine's protocol-neutral replies as RESP2 or RESP3 into an <see cref="IBufferWriter{T}"/>, in the
/// shapes Valkey 7.2 uses (<c>networking.c</c> <c>addReply*</c>). RESP2 downgrades: map → flat array of 2n, set and
/// push → array, double → bulk string (<see cref="DoubleFormatter"/>), boolean → <c>:1</c>/<c>:0</c>, null →
/// <c>$-1</c> or <c>*-1</c>, verbatim → bulk string of the text, big number → bulk string.
/// No allocation on any path; each reply is one <c>GetSpan</c>/<c>Advance</c> unless a bulk is larger than the span offered.
/// </summary>
internal sealed class RespReplyWriter : IReplyWriter, ILatin1ErrorWriter, IPushReplyWriter
{
    private const int HeaderMax = 24; // type byte + 20 digits + CRLF

    private IBufferWriter<byte> _output;

    /// <summary>Creates a writer; <paramref name="output"/> can be replaced per batch with <see cref="Output"/>.</summary>
    public RespReplyWriter(IBufferWriter<byte> output, int protocol = 2)
    {
        _output = output;
        Protocol = protocol;
    }

    /// <summary>Where replies go.</summary>
    public IBufferWriter<byte> Output
    {
        get => _output;
        set => _output = value;
    }

    /// <summary>2 (RESP2, the default) or 3 (RESP3, after <c>HELLO 3</c>).</summary>
    public int Protocol { get; set; }

    private bool Resp3 => Protocol >= 3;

    /// <inheritdoc />
    public void SimpleString(string value) => WriteText((byte)'+', value, sanitize: false);

    /// <summary>A simple string given as bytes.</summary>
    public void SimpleString(ReadOnlySpan<byte> value) => WriteLine((byte)'+', value);

    /// <inheritdoc />
    /// <remarks>Written as <c>-</c> + text + CRLF (the text carries its own code, e.g. <c>ERR</c>); CR and LF in the text become spaces.</remarks>
    public void Error(string message)
    {
        WriteText((byte)'-', message, sanitize: true);
        Owner?.OnErrorReply(message);
    }

    /// <summary>The context whose error statistics this writer's error replies feed (INFO errorstats, failed_calls).</summary>
    public CommandContext? Owner { get; set; }

    /// <summary>An error whose text is Latin-1 (one byte per char), for texts that carry a raw input byte.</summary>
    public void ErrorLatin1(string message)
    {
        Owner?.OnErrorReply(message);
        var span = _output.GetSpan(message.Length + 3);
        span[0] = (byte)'-';
        int n = Encoding.Latin1.GetBytes(message, span[1..]);
        Sanitize(span.Slice(1, n));
        span[n + 1] = (byte)'\r';
        span[n + 2] = (byte)'\n';
        _output.Advance(n + 3);
    }

    /// <inheritdoc />
    public void Integer(long value) => Header((byte)':', value);

    /// <inheritdoc />
    public void Bulk(ReadOnlySpan<byte> value)
    {
        int total = value.Length + HeaderMax + 2;
        if (total <= 4096)
        {
            var span = _output.GetSpan(total);
            int n = WriteHeader(span, (byte)'$', value.Length);
            value.CopyTo(span[n..]);
            n += value.Length;
            span[n] = (byte)'\r';
            span[n + 1] = (byte)'\n';
            _output.Advance(n + 2);
            return;
        }
        Header((byte)'$', value.Length);
        Raw(value);
        Raw("\r\n"u8);
    }

    /// <inheritdoc />
    public void Bulk(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 4096)
        {
            Span<byte> tmp = stackalloc byte[max];
            Bulk(tmp[..Encoding.UTF8.GetBytes(value, tmp)]);
            return;
        }
        int length = Encoding.UTF8.GetByteCount(value);
        Header((byte)'$', length);
        var span = _output.GetSpan(length + 2);
        Encoding.UTF8.GetBytes(value, span);
        span[length] = (byte)'\r';
        span[length + 1] = (byte)'\n';
        _output.Advance(length + 2);
    }

    /// <inheritdoc />
    public void Null() => Raw(Resp3 ? "_\r\n"u8 : "$-1\r\n"u8);

    /// <inheritdoc />
    public void NullArray() => Raw(Resp3 ? "_\r\n"u8 : "*-1\r\n"u8);

    /// <inheritdoc />
    public void Array(int count) => Header((byte)'*', count);

    /// <inheritdoc />
    public void Map(int pairs)
    {
        if (Resp3)
        {
            Header((byte)'%', pairs);
        }
        else
        {
            Header((byte)'*', 2L * pairs);
        }
    }

    /// <inheritdoc />
    public void Set(int count) => Header(Resp3 ? (byte)'~' : (byte)'*', count);

    /// <summary>A push (RESP3 <c>&gt;</c>, out-of-band data such as pub/sub messages); RESP2: an array.</summary>
    public void Push(int count) => Header(Resp3 ? (byte)'>' : (byte)'*', count);

    // ---- CLIENT REPLY OFF/SKIP and pushes ----

    private IBufferWriter<byte>? _pushingSaved;

    /// <summary>The client's real output while CLIENT REPLY OFF/SKIP sends a command's replies nowhere (else null).</summary>
    public IBufferWriter<byte>? SuppressedOutput { get; set; }

    /// <inheritdoc />
    public void BeginPushing()
    {
        if (SuppressedOutput is not null && _pushingSaved is null)
        {
            _pushingSaved = _output;
            _output = SuppressedOutput;
        }
    }

    /// <inheritdoc />
    public void EndPushing()
    {
        if (_pushingSaved is not null)
        {
            _output = _pushingSaved;
            _pushingSaved = null;
        }
    }

    /// <inheritdoc />
    public void Double(double value)
    {
        Span<byte> text = stackalloc byte[DoubleFormatter.MaxLength];
        int n = DoubleFormatter.Format(value, text);
        if (Resp3)
        {
            WriteLine((byte)',', text[..n]);
        }
        else
        {
            Bulk(text[..n]);
        }
    }

    /// <inheritdoc />
    public void Boolean(bool value) => Raw(Resp3 ? (value ? "#t\r\n"u8 : "#f\r\n"u8) : (value ? ":1\r\n"u8 : ":0\r\n"u8));

    /// <inheritdoc />
    /// <remarks>RESP3: <c>=len\r\nfmt:text\r\n</c> (the format is 3 bytes, e.g. <c>txt</c>); RESP2: a bulk string of the text.</remarks>
    public void Verbatim(string format, string text)
    {
        if (!Resp3)
        {
            Bulk(text);
            return;
        }
        int length = Encoding.UTF8.GetByteCount(text);
        Header((byte)'=', length + 4L);
        var span = _output.GetSpan(length + 6);
        int n = Encoding.ASCII.GetBytes(format.AsSpan(0, Math.Min(3, format.Length)), span);
        span[n++] = (byte)':';
        n += Encoding.UTF8.GetBytes(text, span[n..]);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        _output.Advance(n);
    }

    /// <summary>A big number (RESP3 <c>(</c>); RESP2: a bulk string of its digits.</summary>
    public void BigNumber(ReadOnlySpan<byte> digits)
    {
        if (Resp3)
        {
            WriteLine((byte)'(', digits);
        }
        else
        {
            Bulk(digits);
        }
    }

    /// <summary>Bytes written as they are (already RESP).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = _output.GetSpan(Math.Min(bytes.Length, 64 * 1024));
            int n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            _output.Advance(n);
            bytes = bytes[n..];
        }
    }

    private void Header(byte type, long value)
    {
        var span = _output.GetSpan(HeaderMax);
        _output.Advance(WriteHeader(span, type, value));
    }

    private static int WriteHeader(Span<byte> span, byte type, long value)
    {
        span[0] = type;
        if ((ulong)value < 100)
        {
            // Lengths and counts of small replies (most of them): no general formatting.
            int at = 1;
            if (value >= 10)
            {
                span[at++] = (byte)('0' + (value / 10));
            }
            span[at] = (byte)('0' + (value % 10));
            span[at + 1] = (byte)'\r';
            span[at + 2] = (byte)'\n';
            return at + 3;
        }
        Utf8Formatter.TryFormat(value, span[1..], out int n);
        span[n + 1] = (byte)'\r';
        span[n + 2] = (byte)'\n';
        return n + 3;
    }

    private void WriteLine(byte type, ReadOnlySpan<byte> text)
    {
        var span = _output.GetSpan(text.Length + 3);
        span[0] = type;
        text.CopyTo(span[1..]);
        span[text.Length + 1] = (byte)'\r';
        span[text.Length + 2] = (byte)'\n';
        _output.Advance(text.Length + 3);
    }

    private void WriteText(byte type, string text, bool sanitize)
    {
        var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 3);
        span[0] = type;
        int n = Encoding.UTF8.GetBytes(text, span[1..]);
        if (sanitize)
        {
            Sanitize(span.Slice(1, n));
        }
        span[n + 1] = (byte)'\r';
        span[n + 2] = (byte)'\n';
        _output.Advance(n + 3);
    }

    /// <summary>CR and LF inside an error text would break the protocol: Valkey turns them into spaces.</summary>
    private static void Sanitize(Span<byte> text)
    {
        if (text.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            text.Replace((byte)'\r', (byte)' ');
            text.Replace((byte)'\n', (byte)' ');
        }
    }
}
