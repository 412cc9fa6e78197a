using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.SortedSets;

/// <summary>ZRANGE (all forms), ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX, ZRANGESTORE, ZREMRANGEBY* against redis-server.</summary>
public sealed class SortedSetRangeTests(RedisServerFixture server) : CompatTest(server)
{
    private void Fill(string key, int n, bool sameScore = false)
    {
        var args = new List<Arg> { "ZADD", key };
        for (int i = 0; i < n; i++)
        {
            args.Add(sameScore ? "0" : ((i * 7) % 13 - 3).ToString());
            args.Add("m" + (char)('a' + i % 26) + i);
        }
        Same([.. args]);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public void RankRanges(int n)
    {
        Fill("z", n);
        string[][] ranges = [["0", "-1"], ["0", "0"], ["-1", "-1"], ["2", "5"], ["5", "2"], ["-3", "-1"], ["-100", "2"], ["0", "1000"], ["1000", "2000"], ["-1000", "-900"], ["x", "1"], ["1", ""]];
        foreach (var r in ranges)
        {
            Same("ZRANGE", "z", r[0], r[1]);
            Same("ZRANGE", "z", r[0], r[1], "WITHSCORES");
            Same("ZRANGE", "z", r[0], r[1], "REV", "withscores");
            Same("ZREVRANGE", "z", r[0], r[1]);
            Same("ZREVRANGE", "z", r[0], r[1], "WITHSCORES");
        }
        Same("ZRANGE", "z", "0", "-1", "LIMIT", "0", "1");
        Same("ZRANGE", "z", "0", "-1", "BYLEX", "WITHSCORES");
        Same("ZRANGE", "z", "0", "-1", "FOO");
        Same("ZRANGE", "z", "0", "-1", "REV", "REV");
        Same("ZRANGE", "z", "0", "-1", "BYSCORE", "BYLEX");
        Same("ZREVRANGE", "z", "0", "-1", "REV");
        Same("ZRANGE", "nosuch", "0", "-1");
        Same("ZRANGE", "z", "0", "-1", "LIMIT", "x", "1");
        Same("ZRANGE", "z", "0", "-1", "LIMIT", "1");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public void ScoreRanges(int n)
    {
        Fill("z", n);
        string[][] ranges = [["-inf", "+inf"], ["0", "5"], ["(0", "5"], ["0", "(5"], ["(0", "(0"], ["5", "0"], ["2", "2"], ["-3", "-3"], ["x", "1"], ["(", "3"], ["-inf", "(-3"]];
        string[][] limits = [[], ["LIMIT", "0", "3"], ["LIMIT", "2", "3"], ["LIMIT", "1", "-1"], ["LIMIT", "0", "0"], ["LIMIT", "-1", "2"], ["LIMIT", "1000", "2"], ["LIMIT", "5", "1000"]];
        foreach (var r in ranges)
        {
            foreach (var l in limits)
            {
                Same(["ZRANGEBYSCORE", "z", r[0], r[1], .. l.Select(x => (Arg)x)]);
                Same(["ZRANGEBYSCORE", "z", r[0], r[1], "WITHSCORES", .. l.Select(x => (Arg)x)]);
                Same(["ZREVRANGEBYSCORE", "z", r[1], r[0], "WITHSCORES", .. l.Select(x => (Arg)x)]);
                Same(["ZRANGE", "z", r[0], r[1], "BYSCORE", .. l.Select(x => (Arg)x)]);
                Same(["ZRANGE", "z", r[1], r[0], "BYSCORE", "REV", "WITHSCORES", .. l.Select(x => (Arg)x)]);
            }
        }
        Same("ZRANGEBYSCORE", "z", "0", "1", "LIMIT", "0");
        Same("ZRANGEBYSCORE", "z", "0", "1", "BYLEX");
        Same("ZRANGEBYSCORE", "nosuch", "0", "1");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public void LexRanges(int n)
    {
        Fill("z", n, sameScore: true);
        string[][] ranges = [["-", "+"], ["[mb", "[md"], ["(mb1", "(mf5"], ["[ma0", "(ma0"], ["+", "-"], ["-", "-"], ["[", "+"], ["x", "+"], ["[mz", "+"], ["-", "(mc"]];
        string[][] limits = [[], ["LIMIT", "0", "3"], ["LIMIT", "2", "3"], ["LIMIT", "1", "-1"], ["LIMIT", "-1", "2"]];
        foreach (var r in ranges)
        {
            foreach (var l in limits)
            {
                Same(["ZRANGEBYLEX", "z", r[0], r[1], .. l.Select(x => (Arg)x)]);
                Same(["ZREVRANGEBYLEX", "z", r[1], r[0], .. l.Select(x => (Arg)x)]);
                Same(["ZRANGE", "z", r[0], r[1], "BYLEX", .. l.Select(x => (Arg)x)]);
                Same(["ZRANGE", "z", r[1], r[0], "BYLEX", "REV", .. l.Select(x => (Arg)x)]);
            }
        }
        Same("ZRANGEBYLEX", "z", "-", "+", "WITHSCORES");
    }

    [Fact]
    public void RangeStoreKeepsEncodingsAndOverwrites()
    {
        Fill("src", 200);
        Same("ZRANGESTORE", "dst", "src", "0", "9");
        Same("OBJECT", "ENCODING", "dst");
        Same("ZRANGE", "dst", "0", "-1", "WITHSCORES");
        Same("ZRANGESTORE", "dst", "src", "0", "-1");
        Same("OBJECT", "ENCODING", "dst");
        Same("ZRANGESTORE", "dst", "src", "0", "127");
        Same("OBJECT", "ENCODING", "dst");
        Same("ZRANGESTORE", "dst", "src", "0", "128");
        Same("OBJECT", "ENCODING", "dst");
        Same("ZRANGESTORE", "dst", "src", "-inf", "+inf", "BYSCORE", "LIMIT", "0", "5");
        Same("OBJECT", "ENCODING", "dst");
        Same("ZRANGESTORE", "dst", "src", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "0", "5");
        Same("ZRANGE", "dst", "0", "-1", "WITHSCORES");
        Same("ZRANGESTORE", "dst", "src", "[z", "+", "BYLEX");
        Same("EXISTS", "dst");
        Same("SET", "str", "v");
        Same("EXPIRE", "str", "100");
        Same("ZRANGESTORE", "str", "src", "0", "2");
        Same("TYPE", "str");
        Same("TTL", "str");
        Same("ZRANGESTORE", "dst", "str2", "0", "2");
        Same("ZRANGESTORE", "dst", "str", "0", "2", "WITHSCORES");
        Same("SET", "str", "v");
        Same("ZRANGESTORE", "dst", "str", "0", "2");
        Same("ZRANGESTORE", "dst", "nosuch", "0", "2");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public void RemoveRanges(int n)
    {
        Fill("z", n);
        Same("ZREMRANGEBYRANK", "z", "0", "1");
        Same("ZREMRANGEBYRANK", "z", "-2", "-1");
        Same("ZREMRANGEBYRANK", "z", "5", "2");
        Same("ZREMRANGEBYSCORE", "z", "(0", "3");
        Same("ZREMRANGEBYSCORE", "z", "x", "3");
        Same("ZRANGE", "z", "0", "-1", "WITHSCORES");
        Same("DEL", "z");
        Fill("z", n, sameScore: true);
        Same("ZREMRANGEBYLEX", "z", "[mb", "(md");
        Same("ZREMRANGEBYLEX", "z", "x", "+");
        Same("ZRANGE", "z", "0", "-1");
        Same("ZREMRANGEBYLEX", "z", "-", "+");
        Same("EXISTS", "z");
        Same("ZREMRANGEBYRANK", "nosuch", "0", "-1");
        Same("ZREMRANGEBYRANK", "z", "x", "-1");
    }
}
