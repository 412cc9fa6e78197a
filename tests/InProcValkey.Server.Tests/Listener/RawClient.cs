using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>A raw socket to the listener: send bytes, read exact replies, see the connection close.</summary>
internal sealed class RawClient : IDisposable
{
    private readonly Socket _socket;

    private RawClient(Socket socket) => _socket = socket;

    public static async Task<RawClient> ConnectAsync(EndPoint endPoint)
    {
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint);
        return new RawClient(socket);
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);

    /// <summary>Reads exactly as many bytes as <paramref name="expected"/> has and returns them.</summary>
    public async Task<string> ReadAsync(int length)
    {
        var buffer = new byte[length];
        int got = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (got < length)
        {
            int n = await _socket.ReceiveAsync(buffer.AsMemory(got), SocketFlags.None, cts.Token);
            if (n == 0)
            {
                break;
            }
            got += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, got);
    }

    public async Task ExpectAsync(string expected) => Assert.Equal(expected, await ReadAsync(Encoding.UTF8.GetByteCount(expected)));

    /// <summary>Reads one line (up to CRLF).</summary>
    public async Task<string> ReadLineAsync()
    {
        var sb = new StringBuilder();
        var one = new byte[1];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _socket.ReceiveAsync(one, SocketFlags.None, cts.Token) == 1)
        {
            sb.Append((char)one[0]);
            if (sb.Length >= 2 && sb[^2] == '\r' && sb[^1] == '\n')
            {
                break;
            }
        }
        return sb.ToString();
    }

    /// <summary>True when the server closed the connection (a read returns 0 bytes or fails).</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        var buffer = new byte[256];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                if (await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
