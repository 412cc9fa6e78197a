using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InProcValkey.Server.Tests;

/// <summary>
/// A redis-server started on a free loopback port for byte-for-byte comparisons (RESP2); <see cref="Unavailable"/>
/// says why when there is none (tests then skip). Shared by a test class through <c>IClassFixture</c>.
/// </summary>
public sealed class RawRedisServer : IDisposable
{
    private Process? _process;

    public RawRedisServer()
    {
        string? binary = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        if (binary is null)
        {
            Unavailable = "redis-server not found on PATH";
            return;
        }
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var psi = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--loglevel", "warning" })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (Send("PING\r\n"u8.ToArray(), 7).Length == 7)
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            Thread.Sleep(25);
        }
        Unavailable = "redis-server did not start";
    }

    public int Port { get; }

    public string? Unavailable { get; }

    /// <summary>Sends raw bytes on a new connection; returns what comes back once <paramref name="expectedLength"/> bytes arrived or the server closed.</summary>
    public byte[] Send(byte[] request, int expectedLength, bool waitForClose = false)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        client.ReceiveTimeout = 3000;
        var stream = client.GetStream();
        stream.Write(request);
        var received = new List<byte>();
        var buffer = new byte[65536];
        while (received.Count < expectedLength || waitForClose)
        {
            int n;
            try
            {
                n = stream.Read(buffer);
            }
            catch (IOException)
            {
                break;
            }
            if (n == 0)
            {
                break;
            }
            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        return [.. received];
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
    }
}
