using System.Text;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>Checks of the wire harness itself: frames re-serialise to redis-server's exact bytes, masking and known differences.</summary>
public sealed class WireHarnessTests(RedisServerFixture server)
{
    private static byte[][] Cmd(string text) => text.Split(' ').Select(Encoding.UTF8.GetBytes).ToArray();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void RedisRepliesParseAndReserialiseToTheirExactBytes(int protocol)
    {
        CompatTest.RequireServer(server);
        using var c = WireConnection.Connect(server.Port, protocol);
        c.Execute(Cmd("FLUSHALL"));
        foreach (var command in new[]
                 {
                     "PING", "SET k v", "GET k", "GET missing", "INCR n", "MGET k missing n", "NOSUCH x", "CONFIG GET maxmemory-policy",
                     "COMMAND INFO get", "SET f 1.5", "INCRBYFLOAT f 0.25", "LCS k k IDX", "SCAN 0", "KEYS *", "LPOP nolist 2", "TYPE k",
                 })
        {
            var frame = c.Execute(Cmd(command));
            Assert.Equal(RespBytes.Escape(frame.Raw), RespBytes.Escape(RespBytes.Write(frame.Reply, protocol)));
        }
        c.Execute(Cmd("FLUSHALL"));
    }

    [Fact]
    public void Resp3TypesWithoutACommandHereAreWrittenAsValkeySendsThem()
    {
        Assert.Equal(",1.5\r\n", Encoding.ASCII.GetString(RespBytes.Write(ValkeyReply.Double(1.5), 3)));
        Assert.Equal(",inf\r\n", Encoding.ASCII.GetString(RespBytes.Write(ValkeyReply.Double(double.PositiveInfinity), 3)));
        Assert.Equal("$3\r\n1.5\r\n", Encoding.ASCII.GetString(RespBytes.Write(ValkeyReply.Double(1.5), 2)));
        Assert.Equal("#t\r\n", Encoding.ASCII.GetString(RespBytes.Write(ValkeyReply.Boolean(true), 3)));
        Assert.Equal(":0\r\n", Encoding.ASCII.GetString(RespBytes.Write(ValkeyReply.Boolean(false), 2)));
        Assert.Equal("=9\r\ntxt:hello\r\n", Encoding.ASCII.GetString(RespBytes.Write(ValkeyReply.Verbatim("txt", "hello"), 3)));
        Assert.Equal("_\r\n", Encoding.ASCII.GetString(RespBytes.Write(ValkeyReply.NullArray, 3)));
        foreach (var wire in new[] { ",1.5\r\n", ",-inf\r\n", "#f\r\n", "=9\r\ntxt:hello\r\n", "_\r\n", "~1\r\n:1\r\n", "%1\r\n+a\r\n:1\r\n" })
        {
            var frame = RespBytes.Read(new MemoryStream(Encoding.ASCII.GetBytes(wire)));
            Assert.Equal(wire, Encoding.ASCII.GetString(RespBytes.Write(frame.Reply, 3)));
        }
    }

    [Fact]
    public void TranscriptsCompareHelloRepliesWithIdAndVersionMaskedAndApplyKnownDifferences()
    {
        var redis70 = new ServerIdentity("redis", new Version(7, 0, 15));
        static WireTranscript T(string s) => new(Encoding.ASCII.GetBytes(s), Closed: true);
        string hello(string version, int id) =>
            $"%3\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n${version.Length}\r\n{version}\r\n$2\r\nid\r\n:{id}\r\n";
        Assert.Null(WireExchange.Mismatch(T(hello("7.0.15", 7) + "+OK\r\n"), T(hello("7.2.4", 1) + "+OK\r\n"), redis70));
        Assert.NotNull(WireExchange.Mismatch(T(hello("7.0.15", 7) + "+OK\r\n"), T(hello("7.2.4", 1) + "+NO\r\n"), redis70));
        Assert.NotNull(WireExchange.Mismatch(T("+OK\r\n"), new WireTranscript("+OK\r\n"u8.ToArray(), Closed: false), redis70));
        const string redisNoAuth = "-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n";
        string valkeyNoAuth = redisNoAuth.Replace("HELLO AUTH", "HELLO <proto> AUTH", StringComparison.Ordinal);
        Assert.Null(WireExchange.Mismatch(T(redisNoAuth), T(valkeyNoAuth), redis70));
        Assert.NotNull(WireExchange.Mismatch(T(redisNoAuth), T(redisNoAuth), redis70));
        Assert.Null(WireExchange.Mismatch(T(valkeyNoAuth), T(valkeyNoAuth), new ServerIdentity("valkey", new Version(7, 2, 8))));
    }
}
