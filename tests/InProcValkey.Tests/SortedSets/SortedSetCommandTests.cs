namespace InProcValkey.Tests.SortedSets;

/// <summary>Sorted-set commands: Valkey 7.2 behaviour the Redis 7.0 reference cannot check, and edge cases.</summary>
public sealed class SortedSetCommandTests
{
    [Fact]
    public void ZrankWithScoreRepliesRankAndScore()
    {
        using var t = new TestStore();
        t.Int("ZADD", "z", "1.5", "a", "2", "b", "3", "c");
        Assert.Equal("[1, 2]", t.Text("ZRANK", "z", "b", "WITHSCORE"));
        Assert.Equal("[0, 3]", t.Text("ZREVRANK", "z", "c", "withscore"));
        Assert.Equal("[2, 1.5]", t.Text("ZREVRANK", "z", "a", "WITHSCORE"));
        Assert.Equal(ValkeyReplyKind.NullArray, t.Run("ZRANK", "z", "nosuch", "WITHSCORE").Kind);
        Assert.True(t.Run("ZRANK", "missing", "a", "WITHSCORE").IsNull);
        t.Error("ERR syntax error", "ZRANK", "z", "a", "WITHSCORES");
        t.Error("ERR wrong number of arguments for 'zrank' command", "ZRANK", "z", "a", "WITHSCORE", "x");
    }

    [Fact]
    public void ZaddWithMorePairsThanTheLimitConvertsEvenWhenOnlyUpdating()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "zset-max-listpack-entries", "2");
        t.Int("ZADD", "z", "1", "a");
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "z"));
        t.Int("ZADD", "z", "XX", "1", "a", "2", "a", "3", "a");
        Assert.Equal("skiplist", t.Text("OBJECT", "ENCODING", "z"));
        Assert.Equal("3", t.Text("ZSCORE", "z", "a"));
    }

    [Fact]
    public void NegativeZeroReadsBackAsZeroFromAListpackOnly()
    {
        using var t = new TestStore();
        t.Int("ZADD", "small", "-0", "a");
        Assert.Equal("0", t.Text("ZSCORE", "small", "a"));
        t.Int("ZADD", "big", "-0", "a", "0", new string('x', 65));
        Assert.Equal("skiplist", t.Text("OBJECT", "ENCODING", "big"));
        Assert.Equal("-0", t.Text("ZSCORE", "big", "a"));
    }

    [Fact]
    public void NaNResultsAreRefusedAndChangeNothing()
    {
        using var t = new TestStore();
        t.Int("ZADD", "z", "inf", "a");
        t.Error("ERR resulting score is not a number (NaN)", "ZINCRBY", "z", "-inf", "a");
        t.Error("ERR resulting score is not a number (NaN)", "ZADD", "z", "INCR", "-inf", "a");
        Assert.Equal(double.PositiveInfinity, t.Run("ZSCORE", "z", "a").AsDouble());
        t.Error("ERR value is not a valid float", "ZADD", "z", "nan", "b");
        Assert.Equal(1, t.Int("ZCARD", "z"));
    }

    [Fact]
    public void EmptiedSortedSetsDeleteTheirKey()
    {
        using var t = new TestStore();
        foreach (var cmd in new[] { new[] { "ZREM", "z", "a", "b" }, ["ZPOPMIN", "z", "5"], ["ZREMRANGEBYRANK", "z", "0", "-1"], ["ZREMRANGEBYSCORE", "z", "-inf", "+inf"], ["ZMPOP", "1", "z", "MAX", "COUNT", "9"] })
        {
            t.Int("ZADD", "z", "1", "a", "2", "b");
            t.Run(cmd);
            Assert.Equal(0, t.Int("EXISTS", "z"));
        }
    }

    [Fact]
    public void RandomMembersAreRepeatableWithASeed()
    {
        string Draw()
        {
            using var t = new TestStore(seed: 42);
            for (int i = 0; i < 300; i++)
            {
                t.Int("ZADD", "z", i.ToString(), "m" + i);
            }
            t.Int("ZADD", "s", "1", "a", "2", "b", "3", "c");
            return string.Join("|", t.Text("ZRANDMEMBER", "z", "5"), t.Text("ZRANDMEMBER", "z", "-5", "WITHSCORES"), t.Text("ZRANDMEMBER", "s", "2"), t.Text("ZRANDMEMBER", "z"));
        }
        Assert.Equal(Draw(), Draw());
    }

    [Fact]
    public void DistinctRandomMembersAreDistinct()
    {
        using var t = new TestStore();
        for (int i = 0; i < 300; i++)
        {
            t.Int("ZADD", "z", i.ToString(), "m" + i);
        }
        foreach (var n in new[] { 1, 10, 99, 150, 299 })
        {
            var r = t.Run("ZRANDMEMBER", "z", n.ToString());
            Assert.Equal(n, r.Elements.Count);
            Assert.Equal(n, r.Elements.Select(e => e.ToString()).Distinct().Count());
        }
        Assert.Equal(20, t.Run("ZRANDMEMBER", "z", "-10", "WITHSCORES").Elements.Count);
    }

    [Fact]
    public void LargeSortedSetScanVisitsEveryMemberOnce()
    {
        using var t = new TestStore();
        for (int i = 0; i < 1000; i++)
        {
            t.Int("ZADD", "z", (i % 10).ToString(), "m" + i);
        }
        var seen = new HashSet<string>();
        string cursor = "0";
        do
        {
            var r = t.Run("ZSCAN", "z", cursor, "COUNT", "37");
            cursor = r.Elements[0].ToString()!;
            var items = r.Elements[1].Elements;
            for (int i = 0; i < items.Count; i += 2)
            {
                Assert.True(seen.Add(items[i].ToString()!));
            }
        }
        while (cursor != "0");
        Assert.Equal(1000, seen.Count);
    }

    [Fact]
    public void LargeSortedSetScanReturnsEveryMemberPresentThroughoutWhileOthersComeAndGoAndTheTableResizes()
    {
        using var t = new TestStore();
        for (int i = 0; i < 1000; i++)
        {
            t.Int("ZADD", "z", i.ToString(), "stay" + i);
        }
        var seen = new HashSet<string>();
        string cursor = "0";
        int page = 0;
        do
        {
            var r = t.Run("ZSCAN", "z", cursor, "COUNT", "20");
            cursor = r.Elements[0].ToString()!;
            var items = r.Elements[1].Elements;
            for (int i = 0; i < items.Count; i += 2)
            {
                seen.Add(items[i].ToString()!);
            }
            // Between pages: members with low scores (low ranks) come and go, and the member table grows and shrinks.
            if (page % 3 == 0)
            {
                for (int i = 0; i < 400; i++)
                {
                    t.Int("ZADD", "z", "-1", $"temp{page}_{i}");
                }
            }
            else
            {
                for (int i = 0; i < 400; i++)
                {
                    t.Int("ZREM", "z", $"temp{page - page % 3}_{i}");
                }
            }
            page++;
        }
        while (cursor != "0");
        for (int i = 0; i < 1000; i++)
        {
            Assert.Contains("stay" + i, seen);
        }
    }

    [Fact]
    public void CopyOfALargeSortedSetIsIndependent()
    {
        using var t = new TestStore();
        for (int i = 0; i < 500; i++)
        {
            t.Int("ZADD", "z", i.ToString(), "m" + i);
        }
        t.Int("COPY", "z", "c");
        t.Int("ZREM", "z", "m1");
        t.Int("ZADD", "c", "1000", "new");
        Assert.Equal(499, t.Int("ZCARD", "z"));
        Assert.Equal(501, t.Int("ZCARD", "c"));
        Assert.Equal("skiplist", t.Text("OBJECT", "ENCODING", "c"));
    }

    [Fact]
    public void ExpiredSortedSetsAreGone()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Int("ZADD", "z", "1", "a");
        t.Int("PEXPIRE", "z", "100");
        t.Int("ZADD", "z", "2", "b");
        Assert.InRange(t.Int("PTTL", "z"), 1, 100);
        t.Time.Advance(TimeSpan.FromMilliseconds(101));
        Assert.Equal(0, t.Int("ZCARD", "z"));
        Assert.Equal("none", t.Text("TYPE", "z"));
    }
}
