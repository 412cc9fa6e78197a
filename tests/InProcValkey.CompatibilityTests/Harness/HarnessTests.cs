using System.Text;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>Checks of the harness itself: the RESP2 client, the RESP2 shape of engine replies, the comparer and the known-differences table.</summary>
public sealed class HarnessTests(RedisServerFixture server)
{
    [Fact]
    public void RespClientParsesEveryRedisReplyType()
    {
        CompatTest.RequireServer(server);
        using var c = server.Connect();
        c.Execute("FLUSHALL");
        Assert.Equal(ValkeyReply.SimpleString("OK"), c.Execute("SET", "k", "v"));
        Assert.Equal(ValkeyReply.Bulk("v"), c.Execute("GET", "k"));
        Assert.Equal(ValkeyReply.Null, c.Execute("GET", "missing"));
        Assert.Equal(ValkeyReply.Integer(1), c.Execute("EXISTS", "k"));
        Assert.Equal(ValkeyReply.Error("ERR unknown command 'NOSUCH', with args beginning with: "), c.Execute("NOSUCH"));
        Assert.Equal(ValkeyReply.NullArray, c.Execute("LPOP", "nolist", "2"));
        Assert.Equal(ValkeyReply.Array(ValkeyReply.Bulk("v"), ValkeyReply.Null), c.Execute("MGET", "k", "missing"));
        Assert.Equal(ValkeyReply.Array(), c.Execute("KEYS", "nomatch*"));
        var binary = new byte[] { 0, 0xFF, (byte)'\r', (byte)'\n' };
        c.Execute([Encoding.ASCII.GetBytes("SET"), binary, binary]);
        Assert.Equal(ValkeyReply.Bulk(binary), c.Execute([Encoding.ASCII.GetBytes("GET"), binary]));
        c.Execute("FLUSHALL");
    }

    [Fact]
    public void Resp3TypesAreShapedAsRedisSendsThemToRespTwoClients()
    {
        var map = ValkeyReply.Map(ValkeyReply.Bulk("len"), ValkeyReply.Integer(3));
        Assert.Equal(ValkeyReply.Array(ValkeyReply.Bulk("len"), ValkeyReply.Integer(3)), Resp2.Shape(map));
        Assert.Equal(ValkeyReply.Array(ValkeyReply.Bulk("a")), Resp2.Shape(ValkeyReply.Set(ValkeyReply.Bulk("a"))));
        Assert.Equal(ValkeyReply.Integer(1), Resp2.Shape(ValkeyReply.Boolean(true)));
        Assert.Equal(ValkeyReply.Integer(0), Resp2.Shape(ValkeyReply.Boolean(false)));
        Assert.Equal(ValkeyReply.Bulk("hello"), Resp2.Shape(ValkeyReply.Verbatim("txt", "hello")));
        Assert.Equal(ValkeyReply.Bulk("1.1"), Resp2.Shape(ValkeyReply.Double(1.1)));
        Assert.Equal(ValkeyReply.Bulk("3"), Resp2.Shape(ValkeyReply.Double(3)));
        Assert.Equal(ValkeyReply.Bulk("inf"), Resp2.Shape(ValkeyReply.Double(double.PositiveInfinity)));
        Assert.Equal(ValkeyReply.Bulk("-0"), Resp2.Shape(ValkeyReply.Double(-0.0)));
        Assert.Equal(ValkeyReply.Array(ValkeyReply.Array(ValkeyReply.Integer(1))),
            Resp2.Shape(ValkeyReply.Array(ValkeyReply.Set(ValkeyReply.Boolean(true)))));
    }

    [Fact]
    public void ComparerModesFollowTheTaxonomy()
    {
        byte[][] Cmd(params string[] a) => a.Select(Encoding.UTF8.GetBytes).ToArray();
        var ab = ValkeyReply.Array(ValkeyReply.Bulk("a"), ValkeyReply.Bulk("b"));
        var ba = ValkeyReply.Array(ValkeyReply.Bulk("b"), ValkeyReply.Bulk("a"));
        Assert.NotNull(ReplyComparer.Mismatch(Cmd("KEYS", "*"), ab, ba, CompareMode.Exact));
        Assert.Null(ReplyComparer.Mismatch(Cmd("KEYS", "*"), ab, ba, CompareMode.Sorted));
        Assert.Null(ReplyComparer.Mismatch(Cmd("TTL", "k"), ValkeyReply.Integer(100), ValkeyReply.Integer(99), CompareMode.Approx));
        Assert.NotNull(ReplyComparer.Mismatch(Cmd("TTL", "k"), ValkeyReply.Integer(100), ValkeyReply.Integer(98), CompareMode.Approx));
        Assert.NotNull(ReplyComparer.Mismatch(Cmd("TTL", "k"), ValkeyReply.Integer(-1), ValkeyReply.Integer(0), CompareMode.Approx));
        Assert.Null(ReplyComparer.Mismatch(Cmd("PTTL", "k"), ValkeyReply.Integer(100_000), ValkeyReply.Integer(99_100), CompareMode.Approx));
        Assert.Null(ReplyComparer.Mismatch(Cmd("TIME"),
            ValkeyReply.Array(ValkeyReply.Bulk("1700000000"), ValkeyReply.Bulk("999999")),
            ValkeyReply.Array(ValkeyReply.Bulk("1700000001"), ValkeyReply.Bulk("000001")), CompareMode.Approx));
        Assert.Null(ReplyComparer.Mismatch(Cmd("RANDOMKEY"), ValkeyReply.Bulk("a"), ValkeyReply.Bulk("b"), CompareMode.Shape));
        Assert.NotNull(ReplyComparer.Mismatch(Cmd("RANDOMKEY"), ValkeyReply.Bulk("a"), ValkeyReply.Null, CompareMode.Shape));
        Assert.NotNull(ReplyComparer.Mismatch(Cmd("GET", "k"), ValkeyReply.Null, ValkeyReply.NullArray, CompareMode.Exact));
        Assert.NotNull(ReplyComparer.Mismatch(Cmd("PING"), ValkeyReply.SimpleString("PONG"), ValkeyReply.Bulk("PONG"), CompareMode.Exact));
        Assert.Equal(CompareMode.Approx, ReplyComparer.DefaultModeFor(Cmd("object", "idletime", "k")));
        Assert.Equal(CompareMode.Sorted, ReplyComparer.DefaultModeFor(Cmd("keys", "*")));
    }

    [Fact]
    public void KnownDifferencesApplyOnlyToRedisBefore72()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 1001));
        byte[][] keys = [Encoding.ASCII.GetBytes("KEYS"), Encoding.ASCII.GetBytes(pattern)];
        var redisReply = ValkeyReply.Array(ValkeyReply.Bulk(new string('a', 1001)));
        var redis70 = new ServerIdentity("redis", new Version(7, 0, 15));
        Assert.Equal(ValkeyReply.Array(), KnownDifferences.Expected(redis70, keys, redisReply, out var applied));
        Assert.Equal("KD1-pattern-nesting", applied!.Id);
        Assert.Equal(redisReply, KnownDifferences.Expected(new ServerIdentity("valkey", new Version(7, 2, 8)), keys, redisReply, out _));

        byte[][] zscore = [Encoding.ASCII.GetBytes("ZSCORE"), Encoding.ASCII.GetBytes("z"), Encoding.ASCII.GetBytes("m")];
        Assert.Equal(ValkeyReply.Bulk("1.1"), KnownDifferences.Expected(redis70, zscore, ValkeyReply.Bulk("1.1000000000000001"), out _));
        Assert.Equal(ValkeyReply.Bulk("3"), KnownDifferences.Expected(redis70, zscore, ValkeyReply.Bulk("3"), out _));
    }

    [Fact]
    public void EveryKnownDifferenceIsDocumented()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "InProcValkey.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        Assert.NotNull(dir);
        string doc = File.ReadAllText(Path.Combine(dir, "docs", "compatibility.md"));
        foreach (var d in KnownDifferences.All)
        {
            Assert.Contains(d.Id, doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ServerIdentityIsReadFromInfo()
    {
        Assert.Equal(new ServerIdentity("redis", new Version(7, 0, 15)), ServerIdentity.Parse("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n"));
        Assert.Equal(new ServerIdentity("valkey", new Version(7, 2, 5)), ServerIdentity.Parse("redis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:7.2.5\r\n"));
    }
}
