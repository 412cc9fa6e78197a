using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace InProcValkey.MemoryBench;

/// <summary>
/// A redis-server (or valkey-server) child process on a free loopback port with no persistence, for comparison.
/// Disposing shuts it down (SHUTDOWN NOSAVE, then kill if it lingers).
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    public readonly RespClient Client;
    public readonly int Port;

    private RedisServer(Process process, int port, RespClient client)
    {
        _process = process;
        Port = port;
        Client = client;
    }

    /// <summary>The server binary: <paramref name="explicitPath"/>, else redis-server or valkey-server on PATH; null when none.</summary>
    public static string? Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "redis-server", "valkey-server" })
        {
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static RedisServer Start(string binary)
    {
        int port = FreePort();
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
        })
        {
            psi.ArgumentList.Add(a);
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {binary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var client = RespClient.Connect(port, TimeSpan.FromSeconds(10));
            client.Call("PING");
            return new RedisServer(process, port, client);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>The server's version (INFO server).</summary>
    public string Version() => InfoField("server", "redis_version") ?? "?";

    /// <summary>A numeric field of INFO <paramref name="section"/>.</summary>
    public long InfoNumber(string section, string field) =>
        long.Parse(InfoField(section, field) ?? throw new InvalidDataException($"INFO {section} has no {field}."), CultureInfo.InvariantCulture);

    private string? InfoField(string section, string field)
    {
        var info = (string)Client.Call("INFO", section)!;
        foreach (var line in info.Split("\r\n"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return line[(field.Length + 1)..];
            }
        }
        return null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            Client.Call("SHUTDOWN", "NOSAVE");
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or SocketException or InvalidOperationException)
        {
            // SHUTDOWN closes the connection instead of replying.
        }
        Client.Dispose();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
