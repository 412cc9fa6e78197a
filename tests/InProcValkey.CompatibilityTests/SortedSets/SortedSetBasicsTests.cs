using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.SortedSets;

/// <summary>ZADD (all options), ZINCRBY, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZREM, ZCOUNT, ZLEXCOUNT against redis-server.</summary>
public sealed class SortedSetBasicsTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void ZaddOptionsAndReplies()
    {
        Same("ZADD", "z", "1", "a", "2", "b", "3", "c");
        Same("ZADD", "z", "1", "a", "5", "d");
        Same("ZADD", "z", "CH", "1", "a", "9", "b", "6", "e");
        Same("ZADD", "z", "NX", "100", "a", "7", "f");
        Same("ZADD", "z", "XX", "100", "a", "7", "g");
        Same("ZADD", "z", "XX", "CH", "101", "a", "7", "g");
        Same("ZADD", "z", "GT", "CH", "50", "a", "50", "b", "1", "h");
        Same("ZADD", "z", "LT", "CH", "60", "a", "0", "b");
        Same("ZADD", "z", "XX", "GT", "CH", "70", "a");
        Same("ZRANGE", "z", "0", "-1", "WITHSCORES");
        Same("ZADD", "z", "NX", "XX", "1", "a");
        Same("ZADD", "z", "NX", "GT", "1", "a");
        Same("ZADD", "z", "GT", "LT", "1", "a");
        Same("ZADD", "z", "LT", "NX", "1", "a");
        Same("ZADD", "z", "INCR", "1", "a", "2", "b");
        Same("ZADD", "z", "1", "a", "2");
        Same("ZADD", "z", "CH");
        Same("ZADD", "z", "x", "a");
        Same("ZADD", "z", "1", "a", "nan", "b");
        Same("ZADD", "z", "nx", "xx");
        Same("ZADD", "z");
        Same("ZADD", "z", "INCR", "5", "a");
        Same("ZADD", "z", "INCR", "NX", "5", "a");
        Same("ZADD", "z", "INCR", "XX", "5", "nosuch");
        Same("ZADD", "z", "INCR", "GT", "-5", "a");
        Same("ZADD", "z", "INCR", "LT", "-5", "a");
        Same("ZADD", "missing", "XX", "1", "a");
        Same("EXISTS", "missing");
        Same("ZADD", "missing", "XX", "INCR", "1", "a");
        Same("SET", "s", "v");
        Same("ZADD", "s", "1", "a");
        Same("ZADD", "s", "x", "a");
        Same("ZADD", "s", "XX", "NX", "1", "a");
    }

    [Fact]
    public void ScoresParseAsValkeyDoes()
    {
        string[] scores =
        [
            "1", "-1", "0", "-0", "+5", "1.5", ".5", "5.", "1e3", "1E-3", "inf", "+inf", "-inf", "infinity", "-Infinity", "INF",
            "0x10", "0x1p3", "1e400", "-1e400", "1e-400", "4.9e-324", " 1", "1 ", "", "nan", "1.1", "0.1", "3.14159265358979",
            "1e21", "123456789012345678", "1e-7", "0.000001", "abc", "1e", "1e+", "--1", "1_0",
        ];
        int i = 0;
        foreach (var s in scores)
        {
            Same("ZADD", "z", s, "m" + i++);
        }
        Same("ZRANGE", "z", "0", "-1", "WITHSCORES");
        Same("ZSCORE", "z", "m0");
        Same("ZMSCORE", "z", "m0", "m5", "m8", "nosuch");
    }

    [Fact]
    public void ZincrbyAndNaN()
    {
        Same("ZINCRBY", "z", "1.5", "a");
        Same("ZINCRBY", "z", "2", "a");
        Same("ZINCRBY", "z", "inf", "a");
        Same("ZINCRBY", "z", "-inf", "a");
        Same("ZSCORE", "z", "a");
        Same("ZINCRBY", "z", "x", "a");
        Same("ZINCRBY", "z", "nan", "a");
        Same("ZINCRBY", "z", "-inf", "b");
        Same("ZINCRBY", "z", "0.1", "c");
        Same("ZINCRBY", "z", "0.2", "c");
        Same("ZRANGE", "z", "0", "-1", "WITHSCORES");
        Same("SET", "s", "1");
        Same("ZINCRBY", "s", "1", "a");
    }

    [Fact]
    public void ReadsOnMissingAndWrongType()
    {
        Same("ZCARD", "nosuch");
        Same("ZSCORE", "nosuch", "a");
        Same("ZMSCORE", "nosuch", "a", "b");
        Same("ZRANK", "nosuch", "a");
        Same("ZREVRANK", "nosuch", "a");
        Same("ZCOUNT", "nosuch", "-inf", "+inf");
        Same("ZLEXCOUNT", "nosuch", "-", "+");
        Same("ZREM", "nosuch", "a");
        Same("SET", "s", "v");
        Same("ZCARD", "s");
        Same("ZSCORE", "s", "a");
        Same("ZMSCORE", "s", "a");
        Same("ZRANK", "s", "a");
        Same("ZCOUNT", "s", "0", "1");
        Same("ZCOUNT", "s", "x", "1");
        Same("ZLEXCOUNT", "s", "-", "+");
        Same("ZLEXCOUNT", "s", "x", "+");
        Same("ZREM", "s", "a");
        Same("ZRANGE", "s", "0", "-1");
    }

    [Fact]
    public void RanksAndCounts()
    {
        Same("ZADD", "z", "1", "a", "2", "b", "2", "c", "3", "d", "-inf", "min", "+inf", "max", "2", "bb");
        foreach (var m in new[] { "a", "b", "bb", "c", "d", "min", "max", "nosuch" })
        {
            Same("ZRANK", "z", m);
            Same("ZREVRANK", "z", m);
        }
        // WITHSCORE is new in Valkey 7.2 (Redis 7.0 answers an arity error): covered by the unit tests.
        Same("ZRANK", "z", "a", "WITHSCORE", "x");
        string[][] ranges =
        [
            ["-inf", "+inf"], ["2", "2"], ["(2", "2"], ["2", "(2"], ["(1", "(3"], ["3", "1"], ["inf", "inf"], ["-inf", "-inf"],
            ["(-inf", "(inf"], ["x", "1"], ["1", "(x"], ["(", "5"], ["", "5"], ["nan", "1"], ["1", "(nan"], [" 1", "3"],
            ["1e0", "0x3"],
        ];
        foreach (var r in ranges)
        {
            Same("ZCOUNT", "z", r[0], r[1]);
        }
        Same("DEL", "z");
        Same("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "");
        string[][] lex =
        [
            ["-", "+"], ["[b", "[d"], ["(b", "(d"], ["(b", "[d"], ["[d", "[b"], ["+", "-"], ["-", "-"], ["+", "+"], ["[", "+"],
            ["(", "+"], ["[a", "(a"], ["[a", "[a"], ["b", "+"], ["-x", "+"], ["", "+"], ["[bb", "+"], ["-", "(c"],
        ];
        foreach (var r in lex)
        {
            Same("ZLEXCOUNT", "z", r[0], r[1]);
        }
    }

    [Fact]
    public void ZremDeletesEmptyKeys()
    {
        Same("ZADD", "z", "1", "a", "2", "b");
        Same("ZREM", "z", "a", "a", "nosuch");
        Same("ZREM", "z", "nosuch");
        Same("ZREM", "z", "b", "c");
        Same("EXISTS", "z");
        Same("TYPE", "z");
    }
}
