using System.Net;
using System.Net.Sockets;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>
/// A raw TCP connection to a RESP server (redis-server or the listener): sends any bytes, reads whole replies with their
/// exact bytes, and tells whether the server closed the connection. Reads time out (a hang is a failure, not a stuck test).
/// </summary>
public sealed class WireConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly BufferedStream _in;

    private WireConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _in = new BufferedStream(_stream, 64 * 1024);
    }

    /// <summary>How long a read may wait for the server.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public static WireConnection Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)ReadTimeout.TotalMilliseconds,
            SendTimeout = (int)ReadTimeout.TotalMilliseconds,
        };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return new WireConnection(socket);
    }

    /// <summary>Connects and switches to <paramref name="protocol"/> (HELLO 3 for 3; nothing for 2).</summary>
    public static WireConnection Connect(int port, int protocol)
    {
        var c = Connect(port);
        if (protocol == 3)
        {
            var hello = c.Execute([.. "HELLO"u8], [.. "3"u8]);
            if (hello.Reply.Kind != ValkeyReplyKind.Map)
            {
                c.Dispose();
                throw new IOException($"HELLO 3 was answered with {hello}");
            }
        }
        return c;
    }

    /// <summary>Sends raw bytes.</summary>
    public void Send(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    /// <summary>Reads one whole reply.</summary>
    public RespFrame Read() => RespBytes.Read(_in);

    /// <summary>Sends one command (multibulk) and reads its reply.</summary>
    public RespFrame Execute(params byte[][] command)
    {
        Send(RespBytes.Request(command));
        return Read();
    }

    /// <summary>Half-closes: the server sees end of input, may still answer what it got, then closes.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>
    /// Reads everything until the server closes the connection; <paramref name="closed"/> is false when it was still open
    /// after <paramref name="quiet"/> without data (so the result is what arrived until then).
    /// </summary>
    public byte[] ReadUntilClosed(TimeSpan quiet, out bool closed)
    {
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        _socket.ReceiveTimeout = (int)quiet.TotalMilliseconds;
        try
        {
            while (true)
            {
                int n;
                try
                {
                    n = _in.Read(buffer);
                }
                catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
                {
                    closed = false;
                    return received.ToArray();
                }
                catch (IOException)
                {
                    // Reset by the server: closed (a server that closes with unread input sends RST).
                    closed = true;
                    return received.ToArray();
                }
                if (n == 0)
                {
                    closed = true;
                    return received.ToArray();
                }
                received.Write(buffer, 0, n);
            }
        }
        finally
        {
            _socket.ReceiveTimeout = (int)ReadTimeout.TotalMilliseconds;
        }
    }

    /// <summary>Closes abruptly (RST): whatever the server had not read is lost, as when a client process dies.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public void Dispose()
    {
        _in.Dispose();
        _stream.Dispose();
    }
}
