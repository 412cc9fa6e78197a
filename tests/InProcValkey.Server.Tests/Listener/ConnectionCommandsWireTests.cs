using System.Net.Sockets;
using System.Text;
using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>Connection commands sent to the listener and to a real redis-server: the raw replies must match byte for byte.</summary>
public sealed class ConnectionCommandsWireTests(RawRedisServer redis) : IClassFixture<RawRedisServer>
{
    // Replies that do not depend on the server's version or on client ids.
    private const string Script =
        "AUTH x\r\nAUTH a b\r\nAUTH a b c\r\nAUTH default whatever\r\n"
        + "HELLO 4\r\nHELLO x\r\nHELLO 1\r\nHELLO 3 foo\r\nHELLO 3 AUTH\r\nHELLO 2 SETNAME \"a b\"\r\nHELLO 2 AUTH bob pw\r\n"
        + "CLIENT SETNAME \"a b\"\r\nCLIENT SETNAME ok\r\nCLIENT GETNAME\r\nCLIENT SETNAME \"\"\r\nCLIENT GETNAME\r\n"
        + "CLIENT KILL 1.2.3.4:5\r\nCLIENT KILL ID 0\r\nCLIENT KILL ID -3\r\nCLIENT KILL ID x\r\nCLIENT KILL ID 99999\r\n"
        + "CLIENT KILL FOO bar\r\nCLIENT KILL ID\r\nCLIENT KILL ID 5 SKIPME maybe\r\nCLIENT KILL ID 5 ADDR\r\n"
        + "CLIENT REPLY maybe\r\nCLIENT NO-EVICT maybe\r\nCLIENT NO-EVICT on\r\nCLIENT NO-EVICT off\r\n"
        + "CLIENT SETNAME\r\nCLIENT\r\nCLIENT foo\r\nCLIENT LIST TYPE bogus\r\nCLIENT LIST ID x\r\nCLIENT LIST ID 99999\r\n"
        + "SELECT 3\r\nSET k v\r\nRESET\r\nGET k\r\nCLIENT GETNAME\r\nQUIT\r\nPING\r\n";

    [Fact]
    public async Task Connection_command_replies_match_redis_server_byte_for_byte()
    {
        Assert.SkipWhen(redis.Unavailable is not null, redis.Unavailable ?? "");
        string expected = Encoding.UTF8.GetString(redis.Send(Encoding.UTF8.GetBytes("FLUSHALL\r\n" + Script), int.MaxValue, waitForClose: true));
        Assert.StartsWith("+OK\r\n", expected);
        expected = expected[5..];
        Assert.Contains("-NOPROTO unsupported protocol version\r\n", expected);
        Assert.EndsWith("+RESET\r\n$-1\r\n$-1\r\n+OK\r\n", expected);

        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoints[0], TestContext.Current.CancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes(Script), SocketFlags.None, TestContext.Current.CancellationToken);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken)) > 0)
        {
            received.Write(buffer, 0, n);
        }
        Assert.Equal(expected, Encoding.UTF8.GetString(received.ToArray()));
    }
}
