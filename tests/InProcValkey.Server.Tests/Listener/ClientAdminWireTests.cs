using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>CLIENT PAUSE / KILL replies and MONITOR lines from the listener and from a real redis-server, compared.</summary>
public sealed partial class ClientAdminWireTests(RawRedisServer redis) : IClassFixture<RawRedisServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Replies that do not depend on client ids, addresses or time. (No pause that would outlive the script.)
    private const string Script =
        "CLIENT PAUSE\r\nCLIENT PAUSE x\r\nCLIENT PAUSE -1\r\nCLIENT PAUSE 10 foo\r\nCLIENT PAUSE x foo\r\nCLIENT PAUSE 10 write x\r\n"
        + "CLIENT UNPAUSE x\r\nCLIENT PAUSE 99999999999999999999\r\nCLIENT UNPAUSE\r\n"
        + "CLIENT KILL TYPE foo\r\nCLIENT KILL type Slave\r\nCLIENT KILL USER x\r\nCLIENT KILL ID 5 TYPE normal SKIPME no\r\n"
        + "CLIENT KILL ADDR 1.1.1.1:1 LADDR x\r\nCLIENT KILL TYPE pubsub\r\nCLIENT KILL TYPE master\r\nCLIENT KILL TYPE replica\r\n"
        + "CLIENT KILL 1.2.3.4\r\nCLIENT KILL USER default\r\nCLIENT KILL ID 0 TYPE foo\r\nCLIENT KILL TYPE foo ID 0\r\n"
        + "CLIENT KILL ADDR x USER nobody\r\nCLIENT KILL SKIPME no ID\r\nCLIENT KILL USER default SKIPME yes\r\nQUIT\r\n";

    private static async Task<byte[]> SendAllAsync(System.Net.EndPoint endPoint, string script)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, Ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes(script), SocketFlags.None, Ct);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct)) > 0)
        {
            received.Write(buffer, 0, n);
        }
        return received.ToArray();
    }

    [Fact]
    public async Task Client_pause_and_kill_replies_match_redis_server_byte_for_byte()
    {
        Assert.SkipWhen(redis.Unavailable is not null, redis.Unavailable ?? "");
        string expected = Encoding.UTF8.GetString(redis.Send(Encoding.UTF8.GetBytes(Script), int.MaxValue, waitForClose: true));
        Assert.Contains("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n", expected);
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(Ct);
        Assert.Equal(expected, Encoding.UTF8.GetString(await SendAllAsync(server.EndPoints[0], Script)));
    }

    [GeneratedRegex("^\\+\\d+\\.\\d{6} \\[(\\d+) 127\\.0\\.0\\.1:\\d+\\] ", RegexOptions.Multiline)]
    private static partial Regex MonitorPrefix();

    // Commands fed to MONITOR (and ones that are not: admin, rejected), with arguments that need quoting.
    private const string Fed =
        "*3\r\n$3\r\nSET\r\n$5\r\nk \"x\"\r\n$10\r\na\\b\r\n\t\x07\x08\x00\x7f\r\n"
        + "SELECT 1\r\nset n 0123\r\nINCR n\r\nGET\r\nNOPE\r\nCONFIG GET hz\r\nCLIENT LIST\r\nCLIENT ID\r\nDEBUG SLEEP 0\r\n"
        + "AUTH onlypass\r\nAUTH user pass\r\nAUTH a b c\r\nHELLO 3 AUTH default pw SETNAME n\r\nHELLO x AUTH default pw\r\n"
        + "HELLO 2 SETNAME bad\x01name AUTH default pw\r\nSELECT 0\r\nECHO done\r\n";

    private static async Task<string> MonitorAsync(System.Net.EndPoint endPoint)
    {
        using var monitor = await RawClient.ConnectAsync(endPoint);
        await monitor.SendAsync("MONITOR\r\n");
        await monitor.ExpectAsync("+OK\r\n");
        await SendAllAsync(endPoint, Fed + "QUIT\r\n");
        var lines = new StringBuilder();
        while (true)
        {
            string line = await monitor.ReadLineAsync();
            lines.Append(line);
            if (line.Contains("\"done\"", StringComparison.Ordinal) || line.Length == 0)
            {
                break;
            }
        }
        return MonitorPrefix().Replace(lines.ToString(), "+T [$1 ADDR] ");
    }

    [Fact]
    public async Task Monitor_lines_match_redis_server_but_for_time_and_address()
    {
        Assert.SkipWhen(redis.Unavailable is not null, redis.Unavailable ?? "");
        string expected = await MonitorAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, redis.Port));
        Assert.Contains("\"(redacted)\"", expected);
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(Ct);
        Assert.Equal(expected, await MonitorAsync(server.EndPoints[0]));
    }
}
