using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

[assembly: AssemblyFixture(typeof(InProcValkey.CompatibilityTests.Harness.RedisServerFixture))]

// One redis-server is shared by the whole assembly and every test FLUSHALLs it first, so tests must not overlap.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>
/// The reference server: a <c>redis-server</c> from PATH (or <c>INPROCVALKEY_REDIS_SERVER</c>), started once per test
/// assembly on a free loopback port with no persistence, and killed on dispose. When it cannot be started the tests
/// skip with the reason, or fail when <c>INPROCVALKEY_REQUIRE_REDIS=1</c> (CI).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    /// <summary>Environment variable that turns "redis-server is missing" from a skip into a failure.</summary>
    public const string RequireVariable = "INPROCVALKEY_REQUIRE_REDIS";

    /// <summary>Environment variable naming the server binary to use instead of <c>redis-server</c> on PATH.</summary>
    public const string ServerVariable = "INPROCVALKEY_REDIS_SERVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private Process? _process;
    private readonly StringBuilder _output = new();

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>Why the server is not available; null when it is running.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The reference server's identity from INFO server, e.g. <c>redis 7.0.15</c> or <c>valkey 7.2.5</c>.</summary>
    public ServerIdentity Identity { get; private set; } = ServerIdentity.Unknown;

    /// <summary>True when <see cref="RequireVariable"/> is set: a missing server fails the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public async ValueTask InitializeAsync()
    {
        string? binary = FindServer();
        if (binary is null)
        {
            Unavailable = $"redis-server was not found on PATH (or via {ServerVariable}); install Debian's redis-server to run the differential tests.";
            return;
        }
        try
        {
            await StartAsync(binary);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            Unavailable = $"{binary} could not be started: {e.Message}\n{_output}";
            Kill();
        }
    }

    private async Task StartAsync(string binary)
    {
        Port = FreePort();
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning",
                     "--enable-debug-command", "yes" /* DEBUG DIGEST / DIGEST-VALUE are compared */ })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null.");
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"it exited with code {_process.ExitCode}");
            }
            try
            {
                using var client = Connect();
                var pong = client.Execute("PING");
                if (pong.Kind == ValkeyReplyKind.SimpleString && pong.ToString() == "PONG")
                {
                    Identity = ServerIdentity.Parse(client.Execute("INFO", "server").ToString() ?? "");
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"it did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s");
            }
            await Task.Delay(25);
        }
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>A new connection to the server (RESP2, database 0).</summary>
    public RespClient Connect() => new(Port, TimeSpan.FromSeconds(10));

    private static string? FindServer()
    {
        string? configured = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "redis-server.exe" : "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Which server answered: its name (redis or valkey) and version.</summary>
public sealed record ServerIdentity(string Name, Version Version)
{
    public static readonly ServerIdentity Unknown = new("unknown", new Version(0, 0));

    /// <summary>True for a Redis (not Valkey) server older than 7.2, whose known differences from Valkey 7.2 apply.</summary>
    public bool IsRedisBefore72 => Name == "redis" && Version < new Version(7, 2);

    /// <summary>Reads <c>server_name</c>/<c>valkey_version</c>/<c>redis_version</c> from an INFO server reply.</summary>
    public static ServerIdentity Parse(string info)
    {
        var fields = info.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First()[1]);
        if (fields.TryGetValue("valkey_version", out var vv) && Version.TryParse(vv, out var valkey))
        {
            return new ServerIdentity("valkey", valkey);
        }
        return fields.TryGetValue("redis_version", out var rv) && Version.TryParse(rv, out var redis)
            ? new ServerIdentity("redis", redis)
            : Unknown;
    }

    public override string ToString() => $"{Name} {Version}";
}
