using System.Net.Sockets;
using InProcValkey.Server;
using static InProcValkey.Server.Tests.RespHarness;

namespace InProcValkey.Server.Tests.Hashes;

/// <summary>Hash replies on the wire: RESP2 flat arrays, RESP3 maps and HRANDFIELD WITHVALUES pairs, byte for byte as redis-server.</summary>
public sealed class HashRespTests(RawRedisServer redis) : IClassFixture<RawRedisServer>
{
    private static readonly string Setup = Command("DEL", "rh") + Command("HSET", "rh", "a", "1", "b", "2");

    private static readonly string Reads =
        Command("HGETALL", "rh") + Command("HRANDFIELD", "rh", "2", "WITHVALUES") + Command("HRANDFIELD", "rh", "0", "WITHVALUES")
        + Command("HMGET", "rh", "a", "x") + Command("HGET", "rh", "x") + Command("HSCAN", "rh", "0") + Command("HGETALL", "nokey");

    private const string Resp2Replies =
        "*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
        + "*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
        + "*0\r\n"
        + "*2\r\n$1\r\n1\r\n$-1\r\n"
        + "$-1\r\n"
        + "*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
        + "*0\r\n";

    private const string Resp3Replies =
        "%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
        + "*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n"
        + "*0\r\n"
        + "*2\r\n$1\r\n1\r\n_\r\n"
        + "_\r\n"
        + "*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"
        + "%0\r\n";

    [Fact]
    public void Resp2RepliesAreFlatArrays()
    {
        using var h = new RespHarness();
        h.Feed(Setup);
        Assert.Equal(Resp2Replies, h.Feed(Reads).Output);
    }

    [Fact]
    public async Task Resp3RepliesUseMapsAndPairsOverTheListener()
    {
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoints[0], TestContext.Current.CancellationToken);
        await socket.SendAsync(Bytes(Command("HELLO", "3") + Setup + Reads + Command("QUIT")), SocketFlags.None, TestContext.Current.CancellationToken);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken)) > 0)
        {
            received.Write(buffer, 0, n);
        }
        Assert.EndsWith(":0\r\n:2\r\n" + Resp3Replies + "+OK\r\n", Text(received.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void RepliesMatchRedisServerByteForByte()
    {
        Assert.SkipWhen(redis.Unavailable is not null, redis.Unavailable ?? "");
        const string setupReplies = ":0\r\n:2\r\n";
        Assert.Equal(setupReplies + Resp2Replies, Text(redis.Send(Bytes(Setup + Reads), setupReplies.Length + Resp2Replies.Length)));
        string hello = Command("HELLO", "3");
        var reply = Text(redis.Send(Bytes(hello + Setup + Reads + Command("QUIT")), 0, waitForClose: true));
        Assert.EndsWith(":1\r\n:2\r\n" + Resp3Replies + "+OK\r\n", reply, StringComparison.Ordinal);
    }
}
