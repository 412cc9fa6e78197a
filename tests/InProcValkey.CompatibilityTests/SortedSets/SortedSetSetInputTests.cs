using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.SortedSets;

/// <summary>
/// ZUNION, ZINTER, ZDIFF, ZINTERCARD and the STORE forms with plain sets as inputs (every member scores 1 before its
/// weight) against redis-server: sets of each encoding mixed with sorted sets, WEIGHTS, AGGREGATE, missing and
/// wrong-type keys. (Redis 7.0 has no listpack sets; only OBJECT ENCODING would tell, and it is not asked of the sets.)
/// </summary>
public sealed class SortedSetSetInputTests(RedisServerFixture server) : CompatTest(server)
{
    private static readonly string Long = new('q', 70);

    private void Setup()
    {
        Same("ZADD", "z", "1.5", "1", "2", "2", "-3", "x", "inf", "y", "4", "01", "5", Long);
        Same("ZADD", "z2", "10", "2", "20", "x", "30", "w");
        // intset
        Same("SADD", "si", "1", "2", "3", "-7");
        // listpack in Valkey 7.2 (hashtable in Redis 7.0)
        Same("SADD", "sl", "x", "y", "2", "01", "v");
        // hashtable (a member longer than set-max-listpack-value)
        Same("SADD", "sh", "x", "2", "3", Long, "u");
    }

    private static readonly string[][] KeySets =
    [
        ["si"], ["sl"], ["sh"], ["si", "z"], ["z", "si"], ["sl", "z"], ["z", "sh"], ["sh", "sl", "si"],
        ["z", "z2", "sl"], ["si", "si"], ["sl", "nosuch"], ["nosuch", "sh"], ["sh", "z", "sh"],
    ];

    [Fact]
    public void UnionAndInterScoreSetMembersAsOne()
    {
        Setup();
        foreach (var op in new[] { "ZUNION", "ZINTER" })
        {
            foreach (var keys in KeySets)
            {
                var args = new List<Arg> { op, keys.Length.ToString() };
                args.AddRange(keys.Select(k => (Arg)k));
                Same([.. args, "WITHSCORES"]);
                var weights = new List<Arg>(args) { "WEIGHTS" };
                weights.AddRange(keys.Select((_, i) => (Arg)(i == 0 ? "2.5" : i == 1 ? "-1" : "inf")));
                Same([.. weights, "WITHSCORES"]);
                foreach (var aggregate in new[] { "MIN", "MAX", "SUM" })
                {
                    Same([.. weights, "AGGREGATE", aggregate, "WITHSCORES"]);
                    Same([.. args, "AGGREGATE", aggregate, "WITHSCORES"]);
                }
                Same([.. args, "WEIGHTS", .. keys.Select(_ => (Arg)"0"), "WITHSCORES"]);
            }
        }
    }

    [Fact]
    public void DiffAndInterCardAcceptSets()
    {
        Setup();
        foreach (var keys in KeySets)
        {
            var k = keys.Select(x => (Arg)x).ToArray();
            Same(["ZDIFF", keys.Length.ToString(), .. k, "WITHSCORES"]);
            Same(["ZINTERCARD", keys.Length.ToString(), .. k]);
            Same(["ZINTERCARD", keys.Length.ToString(), .. k, "LIMIT", "1"]);
        }
        Same("ZDIFF", "2", "si", "sl", "WITHSCORES");
        Same("ZDIFF", "2", "sl", "si", "WITHSCORES");
        Same("ZDIFF", "3", "sh", "z2", "si", "WITHSCORES");
        Same("ZDIFF", "2", "z", "sh", "WITHSCORES");
    }

    [Fact]
    public void StoreFormsAcceptSetsAndWriteSortedSets()
    {
        Setup();
        foreach (var op in new[] { "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE" })
        {
            foreach (var keys in KeySets)
            {
                var k = keys.Select(x => (Arg)x).ToArray();
                Same([op, "d", keys.Length.ToString(), .. k]);
                Same("ZRANGE", "d", "0", "-1", "WITHSCORES");
                Same("TYPE", "d");
                Same("OBJECT", "ENCODING", "d");
            }
        }
        Same("ZUNIONSTORE", "d", "2", "si", "sl", "WEIGHTS", "3", "0.5", "AGGREGATE", "MAX");
        Same("ZRANGE", "d", "0", "-1", "WITHSCORES");
        // A set as its own destination becomes a sorted set.
        Same("ZUNIONSTORE", "si", "1", "si", "WEIGHTS", "2");
        Same("TYPE", "si");
        Same("ZRANGE", "si", "0", "-1", "WITHSCORES");
        Same("ZINTERSTORE", "sl", "2", "sl", "sh");
        Same("TYPE", "sl");
        Same("ZRANGE", "sl", "0", "-1", "WITHSCORES");
        Same("ZDIFFSTORE", "sh", "2", "sh", "nosuch");
        Same("TYPE", "sh");
        Same("ZRANGE", "sh", "0", "-1", "WITHSCORES");
    }

    [Fact]
    public void LargeIntegerSetsBecomeHashtablesAndStillCombine()
    {
        var args = new List<Arg> { "SADD", "big" };
        for (int i = 0; i < 600; i++)
        {
            args.Add(i.ToString());
        }
        Same([.. args]);
        Same("OBJECT", "ENCODING", "big");
        Same("ZADD", "z", "1", "5", "2", "599", "3", "600");
        Same("ZINTER", "2", "big", "z", "WITHSCORES");
        Same("ZINTERCARD", "2", "z", "big");
        Same("ZDIFF", "2", "z", "big", "WITHSCORES");
        Same("ZUNIONSTORE", "d", "2", "big", "z", "WEIGHTS", "2", "1");
        Same("ZCARD", "d");
        Same("ZRANGE", "d", "-3", "-1", "WITHSCORES");
        Same("OBJECT", "ENCODING", "d");
    }

    [Fact]
    public void OtherTypesAreStillWrongType()
    {
        Setup();
        Same("SET", "str", "v");
        Same("RPUSH", "list", "a");
        Same("HSET", "hash", "f", "v");
        foreach (var bad in new[] { "str", "list", "hash" })
        {
            Same("ZUNION", "2", "si", bad);
            Same("ZINTER", "2", bad, "sl");
            Same("ZINTER", "2", "nosuch", bad);
            Same("ZDIFF", "2", "sh", bad);
            Same("ZINTERCARD", "2", "si", bad);
            Same("ZUNIONSTORE", "d", "2", "sl", bad);
            Same("ZINTERSTORE", "d", "2", bad, "si");
            Same("ZDIFFSTORE", "d", "2", "si", bad);
            Same("ZUNION", "2", "si", bad, "WEIGHTS", "x", "y");
        }
        Same("EXISTS", "d");
        // Commands other than the algebra still refuse sets.
        Same("ZRANGESTORE", "d", "si", "0", "-1");
        Same("ZRANGE", "si", "0", "-1");
        Same("ZCARD", "sl");
        Same("ZSCORE", "sh", "x");
        Same("ZADD", "si", "1", "a");
        Same("ZRANDMEMBER", "si");
        Same("ZMSCORE", "si", "1");
        Same("TYPE", "si");
    }
}
