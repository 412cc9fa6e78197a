using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using InProcValkey.Server.Tool;

namespace InProcValkey.Server.Tests.Tool;

public sealed partial class ToolEndToEndTests
{
    private static async Task<string> PingAsync(EndPoint endPoint, CancellationToken ct)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, ct);
        await socket.SendAsync("PING\r\nCONFIG GET databases\r\n"u8.ToArray(), SocketFlags.None, ct);
        var received = new StringBuilder();
        var buffer = new byte[256];
        while (!received.ToString().EndsWith("$1\r\n4\r\n", StringComparison.Ordinal))
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            Assert.NotEqual(0, n);
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return received.ToString();
    }

    [Fact]
    public async Task The_entry_point_serves_until_cancelled_then_exits_cleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource<IReadOnlyList<EndPoint>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = ToolHost.RunAsync(["--port", "0", "--databases", "4", "--save", "", "--appendonly", "no", "--loglevel", "warning"],
            TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), stop.Token, ready.SetResult);

        var endPoints = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var ip = Assert.IsType<IPEndPoint>(Assert.Single(endPoints));
        Assert.NotEqual(0, ip.Port);
        Assert.Equal("+PONG\r\n*2\r\n$9\r\ndatabases\r\n$1\r\n4\r\n", await PingAsync(ip, ct));

        stop.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30), ct));
        Assert.StartsWith($"Ready to accept connections tcp 127.0.0.1:{ip.Port}", stdout.ToString());
        using var refused = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(async () => await refused.ConnectAsync(ip, ct));
    }

    [Fact]
    public async Task Engine_parameters_given_as_options_are_set_on_the_store()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource<IReadOnlyList<EndPoint>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = ToolHost.RunAsync(["--port", "0", "--maxmemory", "1mb", "--maxmemory-policy", "allkeys-lru", "--loglevel", "warning"],
            TextWriter.Synchronized(new StringWriter()), TextWriter.Synchronized(new StringWriter()), stop.Token, ready.SetResult);
        var endPoint = Assert.Single(await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), ct));

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, ct);
        await socket.SendAsync("CONFIG GET maxmemory*\r\n"u8.ToArray(), SocketFlags.None, ct);
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("allkeys-lru", StringComparison.Ordinal))
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            Assert.NotEqual(0, n);
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        Assert.Contains("$9\r\nmaxmemory\r\n$7\r\n1048576\r\n", received.ToString());

        stop.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30), ct));
    }

    [Fact]
    public async Task The_entry_point_exits_with_code_1_on_a_bad_directive()
    {
        var stderr = new StringWriter();
        int code = await ToolHost.RunAsync(["--port", "0", "--nonsense", "1"], new StringWriter(), stderr, CancellationToken.None);
        Assert.Equal(1, code);
        Assert.Contains("*** FATAL CONFIG FILE ERROR", stderr.ToString());
        Assert.Contains("Bad directive or wrong number of arguments", stderr.ToString());
    }

    [Fact]
    public async Task The_tool_process_answers_ping_and_exits_with_0_on_sigterm()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is POSIX");
        var ct = TestContext.Current.CancellationToken;
        string dll = Path.Combine(AppContext.BaseDirectory, "inprocvalkey-server.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[dll, "--port", "0", "--databases", "4", "--save", "", "--appendonly", "no"])
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        try
        {
            string? line;
            Match match;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), ct);
                Assert.NotNull(line);
                match = ReadyLine().Match(line);
            }
            while (!match.Success);
            var endPoint = new IPEndPoint(IPAddress.Loopback, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.StartsWith("+PONG\r\n", await PingAsync(endPoint, ct));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(ct);
            }
            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [GeneratedRegex(@"^Ready to accept connections tcp 127\.0\.0\.1:(\d+)$")]
    private static partial Regex ReadyLine();
}
