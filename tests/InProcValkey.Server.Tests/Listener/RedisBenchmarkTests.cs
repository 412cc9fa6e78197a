using System.Diagnostics;
using System.Globalization;
using System.Net;
using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>
/// A short <c>redis-benchmark</c> run (Debian redis-tools) against the listener in which every command succeeds. Skipped with
/// a message when redis-benchmark is missing; a failure instead when <c>INPROCVALKEY_REQUIRE_REDIS=1</c> (CI).
/// </summary>
public sealed class RedisBenchmarkTests
{
    private const int Requests = 2000;

    private static string? RedisBenchmark => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, "redis-benchmark")).FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunAsync(string binary, params string[] args)
    {
        var psi = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = p.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = p.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill();
            throw;
        }
        return (p.ExitCode, await stdout + await stderr);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public async Task Every_command_of_a_short_redis_benchmark_run_succeeds(int pipeline)
    {
        string? binary = RedisBenchmark;
        if (binary is null)
        {
            if (Environment.GetEnvironmentVariable("INPROCVALKEY_REQUIRE_REDIS") == "1")
            {
                Assert.Fail("INPROCVALKEY_REQUIRE_REDIS=1 but redis-benchmark is not on PATH (Debian package redis-tools).");
            }
            Assert.Skip("redis-benchmark is not on PATH: install Debian's redis-tools to run this test.");
        }
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        int port = ((IPEndPoint)server.EndPoints[0]).Port;

        // redis-benchmark 7.x stops at the first error reply ("Error from server: ...", exit code 1); -q: one line per test.
        var (code, output) = await RunAsync(binary, "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
            "-t", "set,get,incr,mset", "-n", Requests.ToString(CultureInfo.InvariantCulture), "-c", "10",
            "-P", pipeline.ToString(CultureInfo.InvariantCulture), "-q");

        Assert.True(code == 0, $"redis-benchmark exited with {code}:\n{output}");
        Assert.DoesNotContain("rror", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERR", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", output, StringComparison.Ordinal);
        foreach (var test in new[] { "SET: ", "GET: ", "INCR: ", "MSET (10 keys): " })
        {
            Assert.Contains(test, output, StringComparison.Ordinal);
        }
        Assert.Equal(4, output.Split('\n').Count(l => l.Contains("requests per second", StringComparison.Ordinal)));

        // Every request ran: INCR hit one counter 2000 times; SET/MSET wrote redis-benchmark's 3-byte (random) value.
        var db = server.Store.GetDatabase();
        Assert.Equal(Requests.ToString(CultureInfo.InvariantCulture), db.StringGet("counter:__rand_int__"));
        Assert.Equal(3, db.StringGet("key:__rand_int__")?.Length);
    }
}
