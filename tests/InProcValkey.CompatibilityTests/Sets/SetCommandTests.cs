using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Sets;

/// <summary>
/// Every set command against redis-server: replies in exact order where Valkey defines it (counts, flags, errors, SMISMEMBER),
/// ignoring order where it does not (SMEMBERS, SINTER, SUNION, SDIFF, SPOP/SRANDMEMBER returning the whole set), shapes only
/// for random draws.
/// </summary>
public class SetCommandTests(RedisServerFixture server) : CompatTest(server)
{
    private void Fill(string key, int count, string prefix = "")
    {
        var args = new List<Arg> { "SADD", key };
        for (int i = 0; i < count; i++)
        {
            args.Add(prefix + i);
        }
        Same([.. args]);
    }

    [Fact]
    public void AddRemoveCardinality()
    {
        Same("SADD", "s", "a", "b", "c", "a");
        Same("SADD", "s", "a", "d");
        Same("SCARD", "s");
        SameSorted("SMEMBERS", "s");
        Same("SREM", "s", "a", "x", "a");
        Same("SCARD", "s");
        Same("SREM", "s", "b", "c", "d");
        Same("EXISTS", "s");
        Same("SREM", "s", "a");
        Same("SCARD", "nokey");
        SameSorted("SMEMBERS", "nokey");
        Same("SADD", Bin.Key, Bin.Value, "");
        SameSorted("SMEMBERS", Bin.Key);
        Same("SISMEMBER", Bin.Key, "");
        Same("TYPE", Bin.Key);
    }

    [Fact]
    public void IntegersAndStringsMix()
    {
        Same("SADD", "s", "1", "-1", "01", "1", "9223372036854775807", "-9223372036854775808", "9223372036854775808");
        SameSorted("SMEMBERS", "s");
        Same("SISMEMBER", "s", "01");
        Same("SISMEMBER", "s", "1");
        Same("SISMEMBER", "s", "+1");
        Same("SADD", "i", "5", "3", "70000", "-70000", "3");
        Same("SMEMBERS", "i");
        Same("SMISMEMBER", "i", "3", "4", "70000", "x", "-70000");
        Same("SMISMEMBER", "nokey", "a", "b");
        Same("SREM", "i", "3", "x", "70000");
        Same("SMEMBERS", "i");
    }

    [Fact]
    public void WrongTypeAndArity()
    {
        Same("SET", "str", "x");
        foreach (var cmd in new Arg[][]
        {
            ["SADD", "str", "a"], ["SREM", "str", "a"], ["SCARD", "str"], ["SISMEMBER", "str", "a"], ["SMISMEMBER", "str", "a"],
            ["SMEMBERS", "str"], ["SPOP", "str"], ["SPOP", "str", "0"], ["SRANDMEMBER", "str"], ["SRANDMEMBER", "str", "0"],
            ["SINTER", "str"], ["SINTERCARD", "1", "str"], ["SINTERSTORE", "d", "str"], ["SUNION", "str"], ["SUNIONSTORE", "d", "str"],
            ["SDIFF", "str"], ["SDIFF", "nokey", "str"], ["SDIFFSTORE", "d", "str"], ["SSCAN", "str", "0"], ["SMOVE", "str", "d", "a"],
            ["SADD"], ["SADD", "s"], ["SREM", "s"], ["SCARD"], ["SISMEMBER", "s"], ["SMISMEMBER", "s"], ["SMOVE", "a", "b"],
            ["SINTERCARD", "1"], ["SINTERSTORE", "d"], ["SSCAN", "s"], ["SPOP"], ["SRANDMEMBER"],
        })
        {
            Same(cmd);
        }
        Same("SADD", "s", "a");
        Same("SMOVE", "s", "str", "a");
        Same("SMOVE", "nokey", "str", "a");
        Same("SINTER", "nokey", "str");
        Same("SUNION", "s", "str");
        Same("GET", "s");
    }

    [Fact]
    public void Algebra()
    {
        Same("SADD", "a", "1", "2", "3", "x", "y");
        Same("SADD", "b", "2", "3", "4", "x");
        Same("SADD", "c", "3", "x", "z");
        SameSorted("SINTER", "a", "b", "c");
        SameSorted("SINTER", "a");
        SameSorted("SINTER", "a", "nokey");
        SameSorted("SINTER", "a", "a");
        SameSorted("SUNION", "a", "b", "c", "nokey");
        SameSorted("SUNION", "nokey");
        SameSorted("SDIFF", "a", "b", "c");
        SameSorted("SDIFF", "a", "nokey");
        SameSorted("SDIFF", "nokey", "a");
        SameSorted("SDIFF", "a", "a");
        SameSorted("SDIFF", "a", "b", "a");
        Same("SINTERCARD", "3", "a", "b", "c");
        Same("SINTERCARD", "2", "a", "b", "LIMIT", "1");
        Same("SINTERCARD", "2", "a", "b", "limit", "0");
        Same("SINTERCARD", "2", "a", "b", "LIMIT", "100");
        Same("SINTERCARD", "2", "a", "nokey");
        Same("SINTERCARD", "1", "a", "LIMIT", "2", "LIMIT", "3");
    }

    [Fact]
    public void AlgebraOnLargeSets()
    {
        Fill("big1", 1000);
        Fill("big2", 700, "");
        Fill("strs", 300, "m");
        Same("SADD", "strs", "1", "2", "3");
        Same("SINTERCARD", "2", "big1", "big2");
        SameSorted("SINTER", "big1", "big2");
        SameSorted("SINTER", "strs", "big1");
        SameSorted("SDIFF", "big1", "big2");
        SameSorted("SDIFF", "big1", "strs", "big2");
        SameSorted("SUNION", "big2", "strs");
        Same("SINTERSTORE", "d", "big1", "big2");
        Same("SCARD", "d");
        Same("SDIFFSTORE", "d", "strs", "big1");
        Same("SCARD", "d");
        Same("SUNIONSTORE", "d", "strs", "big1");
        Same("SCARD", "d");
    }

    [Fact]
    public void StoreOverwritesAndDeletes()
    {
        Same("SADD", "a", "1", "2", "3");
        Same("SADD", "b", "3", "4");
        Same("SET", "d", "string");
        Same("EXPIRE", "d", "100");
        Same("SINTERSTORE", "d", "a", "b");
        Same("TYPE", "d");
        Same("TTL", "d");
        SameSorted("SMEMBERS", "d");
        Same("SUNIONSTORE", "d", "a", "b");
        SameSorted("SMEMBERS", "d");
        Same("SDIFFSTORE", "d", "a", "b");
        SameSorted("SMEMBERS", "d");
        Same("SINTERSTORE", "d", "a", "nokey");
        Same("EXISTS", "d");
        Same("SET", "d", "x");
        Same("SDIFFSTORE", "d", "a", "a");
        Same("EXISTS", "d");
        Same("SET", "d", "x");
        Same("SUNIONSTORE", "d", "nokey");
        Same("EXISTS", "d");
        Same("SUNIONSTORE", "a", "a", "b");
        SameSorted("SMEMBERS", "a");
        Same("SINTERSTORE", "a", "a", "b");
        SameSorted("SMEMBERS", "a");
    }

    [Fact]
    public void Move()
    {
        Same("SADD", "src", "a", "b", "1");
        Same("SMOVE", "src", "dst", "a");
        Same("SMOVE", "src", "dst", "a");
        Same("SMOVE", "src", "src", "b");
        Same("SMOVE", "src", "src", "zz");
        Same("SMOVE", "nokey", "dst", "a");
        Same("SMOVE", "src", "dst", "1");
        Same("SMOVE", "src", "dst", "b");
        Same("EXISTS", "src");
        SameSorted("SMEMBERS", "dst");
        Same("SADD", "src2", "a");
        Same("SMOVE", "src2", "dst", "a");
        Same("EXISTS", "src2");
        Same("SCARD", "dst");
    }

    [Fact]
    public void PopAndRandomMember()
    {
        Same("SADD", "s", "a", "b", "c");
        SameShape("SRANDMEMBER", "s");
        SameSorted("SRANDMEMBER", "s", "3");
        SameSorted("SRANDMEMBER", "s", "10");
        SameShape("SRANDMEMBER", "s", "2");
        SameShape("SRANDMEMBER", "s", "-10");
        Same("SRANDMEMBER", "s", "0");
        Same("SRANDMEMBER", "nokey");
        Same("SRANDMEMBER", "nokey", "5");
        Same("SRANDMEMBER", "nokey", "-5");
        Same("SRANDMEMBER", "s", "x");
        Same("SRANDMEMBER", "s", "-9223372036854775808");
        Same("SRANDMEMBER", "s", "1", "2");
        Same("SPOP", "s", "-1");
        Same("SPOP", "s", "x");
        Same("SPOP", "s", "1", "2");
        Same("SPOP", "s", "0");
        Same("SPOP", "nokey");
        Same("SPOP", "nokey", "3");
        Same("SPOP", "nokey", "-3");
        SameSorted("SPOP", "s", "3");
        Same("EXISTS", "s");
        Same("SADD", "one", "x");
        Same("SPOP", "one");
        Same("EXISTS", "one");
        Same("SADD", "s", "1", "2", "3", "4");
        SameShape("SPOP", "s", "2");
        Same("SCARD", "s");
        SameShape("SPOP", "s");
        Same("SCARD", "s");
    }

    [Fact]
    public void PopKeepsTheTtlOfWhatRemains()
    {
        Fill("s", 50, "m");
        Same("EXPIRE", "s", "1000");
        SameShape("SPOP", "s", "45");
        Same("SCARD", "s");
        SameApprox("TTL", "s");
        Fill("i", 50);
        Same("EXPIRE", "i", "1000");
        SameShape("SPOP", "i", "2");
        SameApprox("TTL", "i");
    }

    [Fact]
    public void Scan()
    {
        Same("SADD", "s", "a", "b", "ab", "1", "2");
        SameSorted("SSCAN", "s", "0");
        SameSorted("SSCAN", "s", "0", "MATCH", "a*");
        // A mixed small set is a listpack in Valkey 7.2 (whole in one call) but a hashtable in Redis 7.0: COUNT is compared on an intset.
        Same("SADD", "ints", "1", "2", "3", "10", "11");
        SameSorted("SSCAN", "ints", "0", "MATCH", "1*", "COUNT", "1");
        Same("SSCAN", "s", "0", "COUNT", "0");
        Same("SSCAN", "s", "0", "COUNT", "x");
        Same("SSCAN", "s", "0", "TYPE", "set");
        Same("SSCAN", "s", "0", "MATCH");
        Same("SSCAN", "s", "x");
        Same("SSCAN", "nokey", "0");
        Same("SSCAN", "nokey", "0", "COUNT", "0");
        Same("SSCAN", "nokey", "x");
        Same("SADD", "i", "3", "1", "2");
        Same("SSCAN", "i", "0");
        Same("SSCAN", "i", "123");
    }

    [Fact]
    public void ScanOfAHashtableReturnsEveryMember()
    {
        Fill("h", 500, "m");
        var redis = Diff.RunRedis(Arg.ToCommand(["SMEMBERS", "h"]));
        var seen = new HashSet<string>();
        string cursor = "0";
        do
        {
            var r = Diff.RunEngine(Arg.ToCommand(["SSCAN", "h", cursor, "COUNT", "20"]));
            cursor = r.Elements[0].ToString()!;
            foreach (var m in r.Elements[1].Elements)
            {
                seen.Add(m.ToString()!);
            }
        }
        while (cursor != "0");
        Assert.Equal(redis.Elements.Select(e => e.ToString()!).Order(), seen.Order());
    }

    [Fact]
    public void GenericCommandsOnSets()
    {
        Same("SADD", "s", "1", "2", "x");
        Same("TYPE", "s");
        Same("EXPIRE", "s", "100");
        Same("SADD", "s", "y");
        SameApprox("TTL", "s");
        Same("RENAME", "s", "t");
        SameSorted("SMEMBERS", "t");
        SameApprox("TTL", "t");
        Same("COPY", "t", "u");
        Same("SREM", "t", "1");
        SameSorted("SMEMBERS", "u");
        Same("MOVE", "u", "1");
        Same("SELECT", "1");
        SameSorted("SMEMBERS", "u");
        Same("SELECT", "0");
        Same("SCAN", "0", "TYPE", "set");
        Same("DEL", "t");
        Same("EXISTS", "t");
    }

    [Fact]
    public void CommandGetKeys()
    {
        Same("COMMAND", "GETKEYS", "SINTERSTORE", "d", "a", "b");
        Same("COMMAND", "GETKEYS", "SMOVE", "a", "b", "m");
        Same("COMMAND", "GETKEYS", "SDIFF", "a", "b", "c");
        Same("COMMAND", "GETKEYS", "SINTERCARD", "2", "a", "b", "LIMIT", "1");
        Same("COMMAND", "GETKEYS", "SINTERCARD", "1", "a");
        Same("COMMAND", "GETKEYS", "SINTERCARD", "3", "a", "b");
        Same("COMMAND", "GETKEYS", "SINTERCARD", "0", "a");
        Same("COMMAND", "GETKEYS", "SINTERCARD", "x", "a");
        Same("COMMAND", "GETKEYSANDFLAGS", "SINTERCARD", "2", "a", "b");
        Same("COMMAND", "GETKEYSANDFLAGS", "SDIFFSTORE", "d", "a", "b");
        Same("COMMAND", "GETKEYSANDFLAGS", "SMOVE", "a", "b", "m");
    }
}
