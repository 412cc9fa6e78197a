using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InProcValkey.MemoryBench;

/// <summary>A minimal RESP2 client over loopback: enough to pipeline SETs and read INFO. Not a general client.</summary>
internal sealed class RespClient : IDisposable
{
    private readonly Socket _socket;
    private readonly BufferedStream _out;
    private readonly BufferedStream _in;

    private RespClient(Socket socket)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _out = new BufferedStream(stream, 1 << 16);
        _in = new BufferedStream(stream, 1 << 16);
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>, retrying until <paramref name="timeout"/> (the server may still be starting).</summary>
    public static RespClient Connect(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
                return new RespClient(socket);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Sends one command and returns its reply: a string for status/bulk replies, a long for integers, null for nil.</summary>
    public object? Call(params string[] args)
    {
        Write(args.Select(a => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(a)).ToArray());
        _out.Flush();
        return ReadReply();
    }

    /// <summary>Writes one command (not flushed) for pipelining.</summary>
    public void Write(ReadOnlySpan<ReadOnlyMemory<byte>> args)
    {
        Span<byte> number = stackalloc byte[16];
        _out.WriteByte((byte)'*');
        WriteNumber(args.Length, number);
        foreach (var a in args)
        {
            _out.WriteByte((byte)'$');
            WriteNumber(a.Length, number);
            _out.Write(a.Span);
            _out.Write("\r\n"u8);
        }
    }

    public void Flush() => _out.Flush();

    private void WriteNumber(int n, Span<byte> scratch)
    {
        Utf8Formatter.TryFormat(n, scratch, out int w);
        _out.Write(scratch[..w]);
        _out.Write("\r\n"u8);
    }

    /// <summary>Reads one reply; an error reply throws.</summary>
    public object? ReadReply()
    {
        int type = _in.ReadByte();
        string line = ReadLine();
        switch (type)
        {
            case '+':
                return line;
            case '-':
                throw new InvalidOperationException("redis-server replied: " + line);
            case ':':
                return long.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
            case '$':
                int len = int.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
                if (len < 0)
                {
                    return null;
                }
                var buf = new byte[len + 2];
                _in.ReadExactly(buf);
                return Encoding.UTF8.GetString(buf, 0, len);
            case '*':
                int count = int.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
                var items = new object?[Math.Max(0, count)];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = ReadReply();
                }
                return count < 0 ? null : items;
            case -1:
                throw new EndOfStreamException("redis-server closed the connection.");
            default:
                throw new InvalidDataException($"Unexpected reply type '{(char)type}'.");
        }
    }

    private string ReadLine()
    {
        var sb = new StringBuilder();
        while (true)
        {
            int b = _in.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException("redis-server closed the connection.");
            }
            if (b == '\r')
            {
                _in.ReadByte();
                return sb.ToString();
            }
            sb.Append((char)b);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
    }
}
