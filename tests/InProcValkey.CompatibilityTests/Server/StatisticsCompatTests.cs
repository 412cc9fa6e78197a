using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Server;

/// <summary>
/// INFO statistics after the same script on both sides: keyspace_hits/misses (which lookups count), total_error_replies,
/// errorstats and commandstats' calls / rejected_calls / failed_calls; and CLIENT HELP (issue 3).
/// </summary>
public sealed class StatisticsCompatTests(RedisServerFixture server) : CompatTest(server)
{
    private static readonly string[][] Script =
    [
        ["GET", "nokey"], ["SET", "a", "1"], ["GET", "a"], ["INCR", "a"], ["EXISTS", "a", "b", "c"], ["TYPE", "a"],
        ["TYPE", "nokey"], ["TTL", "nokey"], ["PTTL", "a"], ["EXPIRETIME", "a"], ["MGET", "a", "nokey", "a"], ["STRLEN", "a"],
        ["STRLEN", "nokey"], ["SET", "a", "2", "GET"], ["SET", "b", "2", "GET"], ["GETRANGE", "a", "0", "1"],
        ["OBJECT", "ENCODING", "a"], ["OBJECT", "FREQ", "nokey"], ["TOUCH", "a", "nokey"], ["COPY", "a", "a2"],
        ["COPY", "nokey", "a3"], ["GETDEL", "a2"], ["GETEX", "a"], ["GETEX", "nokey", "EX", "10"], ["LCS", "a", "nokey"],
        ["APPEND", "a", "x"], ["SETRANGE", "nokey2", "0", "x"], ["DEL", "nokey2"], ["EXPIRE", "a", "100"], ["PERSIST", "a"],
        ["RENAME", "a", "r"], ["MOVE", "r", "1"], ["SETNX", "s", "1"], ["MSETNX", "m1", "1", "m2", "2"], ["INCRBYFLOAT", "s", "1.5"],
        ["INCR"], ["GET", "a", "b"], ["NOSUCHCOMMAND", "x"], ["OBJECT", "NOPE"], ["SET", "s", "x"], ["INCR", "s"], ["INCR", "s"],
        ["HELLO", "4"], ["AUTH", "x"], ["SET", "k", "v", "EX", "0"], ["GETRANGE", "s", "x", "1"],
    ];

    private void RunScript()
    {
        Diff.RunRedis(Arg.ToCommand(["CONFIG", "RESETSTAT"]));
        Diff.RunEngine(Arg.ToCommand(["CONFIG", "RESETSTAT"]));
        foreach (var command in Script)
        {
            Same([.. command.Select(a => (Arg)a)]);
        }
    }

    private static Dictionary<string, string> Fields(ValkeyReply info) =>
        info.ToString()!.Split("\r\n").Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..]);

    [Fact]
    public void KeyspaceHitsMissesAndErrorRepliesAgree()
    {
        RunScript();
        var redis = Fields(Diff.RunRedis(Arg.ToCommand(["INFO", "stats"])));
        var engine = Fields(Diff.RunEngine(Arg.ToCommand(["INFO", "stats"])));
        Assert.Equal(redis["keyspace_hits"], engine["keyspace_hits"]);
        Assert.Equal(redis["keyspace_misses"], engine["keyspace_misses"]);
        Assert.Equal(redis["total_error_replies"], engine["total_error_replies"]);
        Assert.Equal(Diff.RunRedis(Arg.ToCommand(["INFO", "errorstats"])).ToString(), Diff.RunEngine(Arg.ToCommand(["INFO", "errorstats"])).ToString());
    }

    // Reads of every collection type, hits, misses and wrong types: each is Valkey's lookupKeyRead (or not) on both sides.
    // (Random picks and unordered replies over one member only, so the replies compare exactly.)
    private static readonly string[][] CollectionScript =
    [
        ["HSET", "h", "f", "1", "g", "2"], ["HGET", "h", "f"], ["HGET", "nokey", "f"], ["HMGET", "h", "f", "x"], ["HMGET", "nokey", "f"],
        ["HGETALL", "h"], ["HLEN", "nokey"], ["HEXISTS", "h", "f"], ["HKEYS", "nokey"], ["HVALS", "h"], ["HSTRLEN", "h", "f"],
        ["HSET", "h1", "f", "1"], ["HRANDFIELD", "h1"], ["HRANDFIELD", "nokey"], ["HSCAN", "h", "0"], ["HSCAN", "nokey", "0"], ["HINCRBY", "h", "f", "1"],
        ["HSETNX", "h", "f", "3"], ["HDEL", "h", "g"], ["HDEL", "nokey", "g"],
        ["RPUSH", "l", "a", "b", "c"], ["LRANGE", "l", "0", "-1"], ["LRANGE", "nokey", "0", "-1"], ["LLEN", "l"], ["LLEN", "nokey"],
        ["LINDEX", "l", "1"], ["LINDEX", "nokey", "1"], ["LPOS", "l", "b"], ["LPOS", "nokey", "b"], ["LPOP", "nokey"], ["LPUSHX", "nokey", "a"],
        ["LSET", "l", "0", "z"], ["LINSERT", "l", "BEFORE", "z", "y"], ["LMOVE", "l", "l2", "LEFT", "RIGHT"], ["LMPOP", "2", "nokey", "l", "LEFT"],
        ["SADD", "s", "a"], ["SISMEMBER", "s", "a"], ["SISMEMBER", "nokey", "a"], ["SMEMBERS", "s"], ["SCARD", "nokey"],
        ["SMISMEMBER", "s", "a", "x"], ["SRANDMEMBER", "s"], ["SRANDMEMBER", "nokey"], ["SSCAN", "s", "0"], ["SINTER", "s", "nokey"],
        ["SUNION", "s", "nokey"], ["SDIFF", "s", "nokey"], ["SINTERCARD", "2", "s", "nokey"], ["SINTERSTORE", "dst", "s", "nokey"],
        ["SUNIONSTORE", "dst", "s", "nokey"], ["SMOVE", "s", "s2", "a"], ["SREM", "nokey", "a"],
        ["ZADD", "z", "1", "a", "2", "b"], ["ZSCORE", "z", "a"], ["ZSCORE", "nokey", "a"], ["ZRANGE", "z", "0", "-1"], ["ZRANGE", "nokey", "0", "-1"],
        ["ZCARD", "nokey"], ["ZRANK", "z", "b"], ["ZCOUNT", "z", "-inf", "+inf"], ["ZMSCORE", "z", "a", "x"], ["ZRANDMEMBER", "nokey"],
        ["ZSCAN", "z", "0"], ["ZUNION", "2", "z", "nokey"], ["ZINTER", "2", "z", "nokey"], ["ZDIFF", "2", "z", "nokey"],
        ["ZUNIONSTORE", "zd", "2", "z", "nokey"], ["ZINTERCARD", "2", "z", "nokey"], ["ZRANGESTORE", "zd2", "z", "0", "-1"],
        ["ZINCRBY", "z", "1", "a"], ["ZREM", "nokey", "a"], ["ZPOPMIN", "nokey"],
        ["SET", "str", "v"], ["HGET", "str", "f"], ["LLEN", "str"], ["SMEMBERS", "str"], ["ZSCORE", "str", "a"], ["SUNION", "str"],
        ["ZUNION", "1", "str"], ["SORT", "l", "ALPHA"], ["SORT", "nokey"],
    ];

    [Fact]
    public void CollectionReadsCountKeyspaceHitsAndMissesAsValkey()
    {
        Diff.RunRedis(Arg.ToCommand(["CONFIG", "RESETSTAT"]));
        Diff.RunEngine(Arg.ToCommand(["CONFIG", "RESETSTAT"]));
        foreach (var command in CollectionScript)
        {
            Same([.. command.Select(a => (Arg)a)]);
            var redis = Fields(Diff.RunRedis(Arg.ToCommand(["INFO", "stats"])));
            var engine = Fields(Diff.RunEngine(Arg.ToCommand(["INFO", "stats"])));
            string which = string.Join(' ', command);
            Assert.Equal((which, redis["keyspace_hits"], redis["keyspace_misses"]), (which, engine["keyspace_hits"], engine["keyspace_misses"]));
        }
    }

    [Fact]
    public void CommandstatsCallsRejectedAndFailedAgree()
    {
        RunScript();
        var redis = Fields(Diff.RunRedis(Arg.ToCommand(["INFO", "commandstats"])));
        var engine = Fields(Diff.RunEngine(Arg.ToCommand(["INFO", "commandstats"])));
        var names = Script.Select(c => "cmdstat_" + c[0].ToLowerInvariant() + (c[0] == "OBJECT" ? "|" + c[1].ToLowerInvariant() : ""))
            .Where(redis.ContainsKey).Distinct().ToList();
        Assert.True(names.Count > 20);
        foreach (var name in names)
        {
            Assert.True(engine.ContainsKey(name), name);
            Assert.Equal(Counters(redis[name]), Counters(engine[name]));
        }
        Assert.False(engine.ContainsKey("cmdstat_object|nope"));

        static string Counters(string line) =>
            string.Join(',', line.Split(',').Where(f => f.StartsWith("calls=", StringComparison.Ordinal) || f.Contains("_calls=", StringComparison.Ordinal)));
    }

    /// <summary>CLIENT HELP: Valkey 7.2's text is Redis 7.0's with SETINFO and NO-TOUCH added (KD4) and KD3's footer.</summary>
    [Fact]
    public void ClientHelp() => Same("CLIENT", "HELP");
}
