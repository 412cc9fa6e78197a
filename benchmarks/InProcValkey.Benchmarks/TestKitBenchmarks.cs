using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using InProcValkey.Server;
using InProcValkey.Testing;
using StackExchange.Redis;

namespace InProcValkey.Benchmarks;

/// <summary>
/// Issue 8: a StackExchange.Redis GET round trip over the test kit's in-memory tunnel, over loopback TCP to our listener, and
/// over loopback TCP to redis-server (when it is on the PATH; the case is left out otherwise).
/// </summary>
[MemoryDiagnoser]
public class TestKitRoundTripBenchmarks
{
    private ValkeyTestServer? _kit;
    private ValkeyServer? _server;
    private Process? _redis;
    private ConnectionMultiplexer? _mux;
    private IDatabase _db = null!;

    [ParamsSource(nameof(Transports))]
    public string Transport { get; set; } = "tunnel";

    public static IEnumerable<string> Transports()
    {
        yield return "tunnel";
        yield return "tcp-listener";
        if (RedisServerPath() is not null)
        {
            yield return "redis-server";
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        switch (Transport)
        {
            case "tunnel":
                _kit = ValkeyTestServer.StartAsync(o => o.TimeProvider = TimeProvider.System).GetAwaiter().GetResult();
                _db = _kit.Multiplexer.GetDatabase();
                break;
            case "tcp-listener":
                _server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
                _server.StartAsync().GetAwaiter().GetResult();
                _mux = ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { _server.EndPoints[0] } });
                _db = _mux.GetDatabase();
                break;
            default:
                int port = FreePort();
                _redis = Process.Start(new ProcessStartInfo(RedisServerPath()!, $"--port {port} --save \"\" --appendonly no")
                {
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                })!;
                _mux = ConnectWithRetry(new IPEndPoint(IPAddress.Loopback, port));
                _db = _mux.GetDatabase();
                break;
        }
        _db.StringSet("bench:key", new string('x', 32));
    }

    [Benchmark]
    public RedisValue Get() => _db.StringGet("bench:key");

    [GlobalCleanup]
    public void Cleanup()
    {
        _mux?.Dispose();
        _kit?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            _redis.WaitForExit();
        }
    }

    private static ConnectionMultiplexer ConnectWithRetry(EndPoint endPoint)
    {
        for (int i = 0; ; i++)
        {
            try
            {
                return ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { endPoint }, ConnectTimeout = 2000 });
            }
            catch (RedisConnectionException) when (i < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string? RedisServerPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "redis-server"))
            .FirstOrDefault(File.Exists);
}

/// <summary>Issue 8: what a fresh server per test costs — start a kit, connect its multiplexer (handshake included), dispose.</summary>
[MemoryDiagnoser]
public class TestKitLifetimeBenchmarks
{
    [Benchmark]
    public async Task CreateConnectDispose()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        _ = kit.Multiplexer.IsConnected;
    }
}
