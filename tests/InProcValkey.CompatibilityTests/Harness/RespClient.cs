using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>
/// A minimal synchronous RESP2 client: sends a command as an array of bulk strings and parses the reply into a
/// <see cref="ValkeyReply"/> (simple string, error, integer, bulk, null bulk <c>$-1</c>, null array <c>*-1</c>, arrays).
/// One command in flight at a time; not thread-safe.
/// </summary>
public sealed class RespClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly BufferedStream _in;
    private readonly NetworkStream _out;
    private readonly MemoryStream _request = new();

    public RespClient(int port, TimeSpan timeout)
    {
        _tcp = new TcpClient { NoDelay = true, ReceiveTimeout = (int)timeout.TotalMilliseconds, SendTimeout = (int)timeout.TotalMilliseconds };
        _tcp.Connect("127.0.0.1", port);
        _out = _tcp.GetStream();
        _in = new BufferedStream(_out, 64 * 1024);
    }

    /// <summary>Sends one command and reads its reply.</summary>
    /// <exception cref="IOException">The connection failed or the server sent something that is not RESP2.</exception>
    public ValkeyReply Execute(byte[][] command)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Length);
        _request.SetLength(0);
        WriteHeader('*', command.Length);
        foreach (var arg in command)
        {
            WriteHeader('$', arg.Length);
            _request.Write(arg);
            _request.Write("\r\n"u8);
        }
        _out.Write(_request.GetBuffer(), 0, (int)_request.Length);
        return ReadReply();
    }

    /// <summary>Sends a command given as text arguments.</summary>
    public ValkeyReply Execute(params string[] command) =>
        Execute(command.Select(Encoding.UTF8.GetBytes).ToArray());

    private void WriteHeader(char type, int count)
    {
        _request.WriteByte((byte)type);
        _request.Write(Encoding.ASCII.GetBytes(count.ToString(CultureInfo.InvariantCulture)));
        _request.Write("\r\n"u8);
    }

    private ValkeyReply ReadReply()
    {
        int type = _in.ReadByte();
        if (type < 0)
        {
            throw new IOException("The server closed the connection.");
        }
        string line = ReadLine();
        switch ((char)type)
        {
            case '+':
                return ValkeyReply.SimpleString(line);
            case '-':
                return ValkeyReply.Error(line);
            case ':':
                return ValkeyReply.Integer(ParseLong(line));
            case '$':
            {
                long length = ParseLong(line);
                if (length == -1)
                {
                    return ValkeyReply.Null;
                }
                var bytes = new byte[length];
                _in.ReadExactly(bytes);
                ExpectCrLf();
                return ValkeyReply.Bulk(bytes);
            }
            case '*':
            {
                long count = ParseLong(line);
                if (count == -1)
                {
                    return ValkeyReply.NullArray;
                }
                var items = new ValkeyReply[count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = ReadReply();
                }
                return ValkeyReply.Array(items);
            }
            default:
                throw new IOException($"Unexpected RESP2 type byte 0x{type:X2} followed by '{line}'.");
        }
    }

    private readonly MemoryStream _line = new();

    // Simple strings and errors are decoded as UTF-8, as the engine's ValkeyReply holds them as .NET strings
    // (bytes that are not UTF-8, e.g. an unknown command named 0xFF, become U+FFFD on both sides).
    private string ReadLine()
    {
        _line.SetLength(0);
        while (true)
        {
            int b = _in.ReadByte();
            if (b < 0)
            {
                throw new IOException("The server closed the connection in the middle of a reply.");
            }
            if (b == '\r')
            {
                if (_in.ReadByte() != '\n')
                {
                    throw new IOException("CR not followed by LF in a reply line.");
                }
                return Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length);
            }
            _line.WriteByte((byte)b);
        }
    }

    private void ExpectCrLf()
    {
        if (_in.ReadByte() != '\r' || _in.ReadByte() != '\n')
        {
            throw new IOException("A bulk string was not terminated by CRLF.");
        }
    }

    private static long ParseLong(string s) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new IOException($"'{s}' is not a RESP integer.");

    public void Dispose()
    {
        _in.Dispose();
        _tcp.Dispose();
    }
}
