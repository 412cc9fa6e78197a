namespace InProcValkey.Tests.Sets;

public sealed class SetCommandTests
{
    private static string[] Members(TestStore t, params string[] command) =>
        [.. t.Run(command).Elements.Select(e => e.ToString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public void AddCountsNewMembersAndCardinalityCountsAll()
    {
        using var t = new TestStore();
        Assert.Equal(3, t.Int("SADD", "s", "a", "b", "c"));
        Assert.Equal(1, t.Int("SADD", "s", "a", "d", "d"));
        Assert.Equal(4, t.Int("SCARD", "s"));
        Assert.Equal(0, t.Int("SCARD", "missing"));
        Assert.Equal(["a", "b", "c", "d"], Members(t, "SMEMBERS", "s"));
        Assert.Equal("set", t.Text("TYPE", "s"));
    }

    [Fact]
    public void RemovingTheLastMemberDeletesTheKey()
    {
        using var t = new TestStore();
        t.Int("SADD", "s", "1", "x");
        Assert.Equal(1, t.Int("SREM", "s", "1", "nope"));
        Assert.Equal(1, t.Int("SREM", "s", "x", "x"));
        Assert.Equal(0, t.Int("EXISTS", "s"));
        Assert.Equal(0, t.Int("SREM", "s", "x"));
    }

    [Fact]
    public void MembershipAcrossEncodings()
    {
        using var t = new TestStore();
        t.Int("SADD", "i", "1", "2", "-70000", "9223372036854775807");
        t.Int("SADD", "l", "1", "a");
        Assert.Equal(1, t.Int("SISMEMBER", "i", "-70000"));
        Assert.Equal(0, t.Int("SISMEMBER", "i", "01"));
        Assert.Equal(0, t.Int("SISMEMBER", "i", "a"));
        Assert.Equal(1, t.Int("SISMEMBER", "l", "1"));
        Assert.Equal(0, t.Int("SISMEMBER", "missing", "1"));
        Assert.Equal("1,0,1", string.Join(",", t.Run("SMISMEMBER", "l", "a", "b", "1").Elements.Select(e => e.AsInt64())));
        Assert.Equal("0,0", string.Join(",", t.Run("SMISMEMBER", "missing", "a", "b").Elements.Select(e => e.AsInt64())));
        Assert.Equal(["-70000", "1", "2", "9223372036854775807"], [.. t.Run("SMEMBERS", "i").Elements.Select(e => e.ToString()!)]);
    }

    [Fact]
    public void WrongTypeEverywhere()
    {
        using var t = new TestStore();
        t.Ok("SET", "str", "x");
        const string wrong = "WRONGTYPE Operation against a key holding the wrong kind of value";
        t.Error(wrong, "SADD", "str", "a");
        t.Error(wrong, "SCARD", "str");
        t.Error(wrong, "SMEMBERS", "str");
        t.Error(wrong, "SINTER", "str");
        t.Error(wrong, "SINTERCARD", "1", "str");
        t.Error(wrong, "SPOP", "str");
        t.Error(wrong, "SRANDMEMBER", "str", "3");
        t.Error(wrong, "SSCAN", "str", "0");
        t.Int("SADD", "s", "a");
        t.Error(wrong, "SMOVE", "s", "str", "a");
        Assert.Equal(0, t.Int("SMOVE", "missing", "str", "a"));
        t.Error(wrong, "GET", "s");
    }

    [Fact]
    public void EncodingsGrowFromIntsetToListpackToHashtable()
    {
        using var t = new TestStore();
        t.Int("SADD", "s", "1", "2", "3");
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "s"));
        t.Int("SADD", "s", "a");
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "s"));
        for (int i = 0; i < 124; i++)
        {
            t.Int("SADD", "s", "m" + i);
        }
        Assert.Equal(128, t.Int("SCARD", "s"));
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "s"));
        t.Int("SADD", "s", "one-more");
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "s"));
        // Encodings do not shrink back.
        for (int i = 0; i < 124; i++)
        {
            t.Int("SREM", "s", "m" + i);
        }
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "s"));
        Assert.Equal(["1", "2", "3", "a", "one-more"], Members(t, "SMEMBERS", "s"));
    }

    [Fact]
    public void IntsetBecomesHashtableBeyondItsLimitAndLongValuesSkipListpack()
    {
        using var t = new TestStore();
        var args = new List<string> { "SADD", "big" };
        args.AddRange(Enumerable.Range(0, 512).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(512, t.Int([.. args]));
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "big"));
        t.Int("SADD", "big", "512");
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "big"));
        t.Int("SADD", "long", "1");
        t.Int("SADD", "long", new string('x', 65));
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "long"));
        t.Int("SADD", "sixtyfour", new string('x', 64));
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "sixtyfour"));
        // One SADD of more members than a listpack holds creates a hashtable at once (setTypeCreate's size hint).
        t.Int("SADD", "hinted", "a", "a", "a");
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "hinted"));
    }

    [Fact]
    public void ConfigChangesTheThresholds()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "set-max-intset-entries", "2", "set-max-listpack-entries", "3", "set-max-listpack-value", "4");
        t.Int("SADD", "s", "1", "2");
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "s"));
        t.Int("SADD", "s", "3");
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "s"));
        t.Int("SADD", "l", "abcd", "x");
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "l"));
        t.Int("SADD", "l", "abcde");
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "l"));
        t.Int("SADD", "m", "1", "2", "3", "4");
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "m"));
    }

    [Fact]
    public void AlgebraTreatsMissingKeysAsEmptySets()
    {
        using var t = new TestStore();
        t.Int("SADD", "a", "1", "2", "3", "x");
        t.Int("SADD", "b", "2", "3", "4", "x");
        t.Int("SADD", "c", "3", "x", "y");
        Assert.Equal(["3", "x"], Members(t, "SINTER", "a", "b", "c"));
        Assert.Empty(Members(t, "SINTER", "a", "missing"));
        Assert.Equal(["1", "2", "3", "4", "x", "y"], Members(t, "SUNION", "a", "b", "c", "missing"));
        Assert.Equal(["1"], Members(t, "SDIFF", "a", "b", "c"));
        Assert.Empty(Members(t, "SDIFF", "missing", "a"));
        Assert.Empty(Members(t, "SDIFF", "a", "a"));
        Assert.Equal(2, t.Int("SINTERCARD", "3", "a", "b", "c"));
        Assert.Equal(1, t.Int("SINTERCARD", "2", "a", "b", "LIMIT", "1"));
        Assert.Equal(3, t.Int("SINTERCARD", "2", "a", "b", "LIMIT", "0"));
        Assert.Equal(0, t.Int("SINTERCARD", "2", "a", "missing"));
    }

    [Fact]
    public void StoreVariantsOverwriteOtherTypesAndDropTtls()
    {
        using var t = new TestStore();
        t.Int("SADD", "a", "1", "2", "3");
        t.Int("SADD", "b", "2", "3", "z");
        t.Ok("SET", "dst", "string", "EX", "100");
        Assert.Equal(2, t.Int("SINTERSTORE", "dst", "a", "b"));
        Assert.Equal("set", t.Text("TYPE", "dst"));
        Assert.Equal(-1, t.Int("TTL", "dst"));
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "dst"));
        Assert.Equal(4, t.Int("SUNIONSTORE", "dst", "a", "b"));
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "dst"));
        Assert.Equal(1, t.Int("SDIFFSTORE", "dst", "a", "b"));
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "dst"));
        Assert.Equal(0, t.Int("SDIFFSTORE", "dst", "a", "a"));
        Assert.Equal(0, t.Int("EXISTS", "dst"));
        // The destination may be a source.
        Assert.Equal(4, t.Int("SUNIONSTORE", "a", "a", "b"));
        Assert.Equal(4, t.Int("SCARD", "a"));
    }

    [Fact]
    public void SinterStoreOfIntegersFromListpackSetsIsAnIntset()
    {
        using var t = new TestStore();
        t.Int("SADD", "a", "1", "2", "x");
        t.Int("SADD", "b", "1", "2", "y");
        Assert.Equal(2, t.Int("SINTERSTORE", "d", "a", "b"));
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "d"));
    }

    [Fact]
    public void MoveBetweenSets()
    {
        using var t = new TestStore();
        t.Int("SADD", "src", "a", "b");
        Assert.Equal(1, t.Int("SMOVE", "src", "dst", "a"));
        Assert.Equal(0, t.Int("SMOVE", "src", "dst", "a"));
        Assert.Equal(1, t.Int("SMOVE", "src", "src", "b"));
        Assert.Equal(0, t.Int("SMOVE", "src", "src", "zz"));
        Assert.Equal(1, t.Int("SMOVE", "src", "dst", "b"));
        Assert.Equal(0, t.Int("EXISTS", "src"));
        Assert.Equal(["a", "b"], Members(t, "SMEMBERS", "dst"));
        t.Int("SADD", "n", "5");
        Assert.Equal(1, t.Int("SMOVE", "n", "ints", "5"));
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "ints"));
    }

    [Fact]
    public void PopRemovesWhatItReturns()
    {
        using var t = new TestStore();
        t.Int("SADD", "s", "a", "b", "c", "d", "e");
        var popped = Members(t, "SPOP", "s", "2");
        Assert.Equal(2, popped.Length);
        Assert.Equal(3, t.Int("SCARD", "s"));
        foreach (var p in popped)
        {
            Assert.Equal(0, t.Int("SISMEMBER", "s", p));
        }
        var one = t.Text("SPOP", "s");
        Assert.Equal(0, t.Int("SISMEMBER", "s", one!));
        Assert.Equal(2, Members(t, "SPOP", "s", "10").Length);
        Assert.Equal(0, t.Int("EXISTS", "s"));
        t.Nil("SPOP", "s");
        Assert.Empty(t.Run("SPOP", "s", "3").Elements);
        t.Error("ERR value is out of range, must be positive", "SPOP", "s", "-1");
        t.Error("ERR syntax error", "SPOP", "s", "1", "2");
    }

    [Theory]
    [InlineData(10, 9)]
    [InlineData(10, 2)]
    [InlineData(300, 290)]
    [InlineData(300, 20)]
    [InlineData(600, 590)]
    [InlineData(600, 3)]
    public void PopWithCountTakesDistinctMembersInEveryStrategy(int size, int count)
    {
        foreach (string prefix in new[] { "", "m" })
        {
            using var t = new TestStore();
            var add = new List<string> { "SADD", "s" };
            add.AddRange(Enumerable.Range(0, size).Select(i => prefix + i));
            t.Int([.. add]);
            var popped = Members(t, "SPOP", "s", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(count, popped.Distinct().Count());
            Assert.Equal(size - count, t.Int("SCARD", "s"));
            var left = Members(t, "SMEMBERS", "s");
            Assert.Empty(left.Intersect(popped));
            Assert.Equal(size, left.Union(popped).Count());
        }
    }

    [Fact]
    public void PopKeepsTheTtl()
    {
        using var t = new TestStore();
        var add = new List<string> { "SADD", "s" };
        add.AddRange(Enumerable.Range(0, 20).Select(i => "m" + i));
        t.Int([.. add]);
        t.Int("EXPIRE", "s", "100");
        Members(t, "SPOP", "s", "19");
        Assert.Equal(100, t.Int("TTL", "s"));
        Assert.Equal(1, t.Int("SCARD", "s"));
    }

    [Fact]
    public void RandomMemberCounts()
    {
        using var t = new TestStore();
        t.Int("SADD", "s", "a", "b", "c");
        Assert.Equal(3, Members(t, "SRANDMEMBER", "s", "5").Length);
        Assert.Equal(2, Members(t, "SRANDMEMBER", "s", "2").Distinct().Count());
        Assert.Equal(7, Members(t, "SRANDMEMBER", "s", "-7").Length);
        Assert.Empty(Members(t, "SRANDMEMBER", "s", "0"));
        Assert.Empty(Members(t, "SRANDMEMBER", "missing", "3"));
        t.Nil("SRANDMEMBER", "missing");
        Assert.Contains(t.Text("SRANDMEMBER", "s"), new[] { "a", "b", "c" });
        t.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807", "SRANDMEMBER", "s", "-9223372036854775808");
        t.Error("ERR value is not an integer or out of range", "SRANDMEMBER", "s", "x");
        Assert.Equal(3, t.Int("SCARD", "s"));
    }

    [Theory]
    [InlineData(50, 10)]
    [InlineData(1000, 900)]
    [InlineData(1000, 10)]
    [InlineData(1000, -30)]
    public void RandomMembersAreMembersAndDistinctForPositiveCounts(int size, int count)
    {
        using var t = new TestStore();
        var add = new List<string> { "SADD", "s" };
        add.AddRange(Enumerable.Range(0, size).Select(i => "m" + i));
        t.Int([.. add]);
        var got = t.Run("SRANDMEMBER", "s", count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Elements.Select(e => e.ToString()!).ToList();
        Assert.Equal(Math.Abs(count), got.Count);
        if (count > 0)
        {
            Assert.Equal(count, got.Distinct().Count());
        }
        Assert.All(got, m => Assert.Equal(1, t.Int("SISMEMBER", "s", m)));
    }

    [Fact]
    public void SeededStoresDrawTheSameMembers()
    {
        string Draws(int seed)
        {
            using var t = new TestStore(seed: seed);
            var add = new List<string> { "SADD", "s" };
            add.AddRange(Enumerable.Range(0, 300).Select(i => "m" + i));
            t.Int([.. add]);
            t.Int("SADD", "i", "1", "2", "3", "4", "5", "6");
            return string.Join(",", t.Run("SRANDMEMBER", "s", "-5").Elements) + "|" + t.Text("SPOP", "s") + "|" +
                string.Join(",", t.Run("SPOP", "i", "2").Elements) + "|" + t.Text("RANDOMKEY");
        }
        Assert.Equal(Draws(7), Draws(7));
        Assert.NotEqual(Draws(7), Draws(8));
    }

    [Fact]
    public void RandomMemberIsRoughlyUniform()
    {
        using var t = new TestStore(seed: 3);
        foreach (var (key, members) in new[] { ("i", new[] { "1", "2", "3", "4" }), ("l", new[] { "a", "b", "c", "d" }) })
        {
            t.Int(["SADD", key, .. members]);
            var counts = t.Run("SRANDMEMBER", key, "-4000").Elements.GroupBy(e => e.ToString()).ToDictionary(g => g.Key!, g => g.Count());
            Assert.Equal(4, counts.Count);
            Assert.All(counts.Values, c => Assert.InRange(c, 850, 1150));
        }
    }

    [Fact]
    public void ScanReturnsCompactSetsWhole()
    {
        using var t = new TestStore();
        t.Int("SADD", "s", "a", "b", "ab");
        var r = t.Run("SSCAN", "s", "0", "MATCH", "a*");
        Assert.Equal("0", r.Elements[0].ToString());
        Assert.Equal(["a", "ab"], r.Elements[1].Elements.Select(e => e.ToString()!).Order().ToArray());
        var empty = t.Run("SSCAN", "missing", "0", "COUNT", "0");
        Assert.Equal("0", empty.Elements[0].ToString());
        t.Error("ERR syntax error", "SSCAN", "s", "0", "COUNT", "0");
        t.Error("ERR invalid cursor", "SSCAN", "s", "x");
    }

    [Fact]
    public void ScanOfAHashtableVisitsEveryMemberOnce()
    {
        using var t = new TestStore();
        var add = new List<string> { "SADD", "s" };
        add.AddRange(Enumerable.Range(0, 1000).Select(i => "m" + i));
        t.Int([.. add]);
        var seen = new List<string>();
        string cursor = "0";
        int calls = 0;
        do
        {
            var r = t.Run("SSCAN", "s", cursor, "COUNT", "50");
            cursor = r.Elements[0].ToString()!;
            seen.AddRange(r.Elements[1].Elements.Select(e => e.ToString()!));
            calls++;
        }
        while (cursor != "0");
        Assert.True(calls > 5);
        Assert.Equal(1000, seen.Count);
        Assert.Equal(1000, seen.Distinct().Count());
    }

    [Fact]
    public void InterCardArgumentErrors()
    {
        using var t = new TestStore();
        t.Error("ERR numkeys should be greater than 0", "SINTERCARD", "0", "a");
        t.Error("ERR numkeys should be greater than 0", "SINTERCARD", "x", "a");
        t.Error("ERR Number of keys can't be greater than number of args", "SINTERCARD", "2", "a");
        t.Error("ERR LIMIT can't be negative", "SINTERCARD", "1", "a", "LIMIT", "-1");
        t.Error("ERR syntax error", "SINTERCARD", "1", "a", "LIMIT");
        t.Error("ERR syntax error", "SINTERCARD", "1", "a", "b");
    }

    [Fact]
    public void GenericKeyCommandsWorkOnSets()
    {
        using var t = new TestStore();
        var add = new List<string> { "SADD", "big" };
        add.AddRange(Enumerable.Range(0, 200).Select(i => "m" + i));
        t.Int([.. add]);
        t.Int("SADD", "small", "1", "2");
        Assert.Equal(1, t.Int("COPY", "big", "big2"));
        t.Int("SREM", "big", "m1");
        Assert.Equal(200, t.Int("SCARD", "big2"));
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "big2"));
        t.Ok("RENAME", "small", "small2");
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "small2"));
        Assert.Equal(1, t.Int("EXPIRE", "big", "10"));
        t.Int("SADD", "big", "new");
        Assert.Equal(10, t.Int("TTL", "big"));
        Assert.Equal(1, t.Int("MOVE", "big", "1"));
        t.Ok("SELECT", "1");
        Assert.Equal(200, t.Int("SCARD", "big"));
        t.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(0, t.Int("SCARD", "big"));
    }

    [Fact]
    public void ReplyKindsAreValkeys()
    {
        using var t = new TestStore();
        t.Int("SADD", "s", "a", "b");
        Assert.Equal(ValkeyReplyKind.Set, t.Run("SMEMBERS", "s").Kind);
        Assert.Equal(ValkeyReplyKind.Set, t.Run("SMEMBERS", "missing").Kind);
        Assert.Equal(ValkeyReplyKind.Set, t.Run("SINTER", "s", "missing").Kind);
        Assert.Equal(ValkeyReplyKind.Set, t.Run("SUNION", "s").Kind);
        Assert.Equal(ValkeyReplyKind.Set, t.Run("SDIFF", "s").Kind);
        Assert.Equal(ValkeyReplyKind.Set, t.Run("SPOP", "missing", "2").Kind);
        Assert.Equal(ValkeyReplyKind.Array, t.Run("SRANDMEMBER", "s", "2").Kind);
        Assert.Equal(ValkeyReplyKind.Array, t.Run("SMISMEMBER", "s", "a").Kind);
        Assert.Equal(ValkeyReplyKind.Array, t.Run("SSCAN", "s", "0").Kind);
        Assert.Equal(ValkeyReplyKind.Set, t.Run("SPOP", "s", "2").Kind);
    }

    [Fact]
    public void StoredResultsAndPoppedRemaindersHaveValkeysEncodings()
    {
        using var t = new TestStore(seed: 2);
        var ints = new List<string> { "SADD", "hi" };
        ints.AddRange(Enumerable.Range(0, 200).Select(i => "m" + i));
        t.Int([.. ints]);
        t.Int("SADD", "hi", "1", "2");
        // A hashtable's rebuilt remainder starts as a listpack (its members come back as strings), as Valkey's SPOP case 3.
        t.Run("SPOP", "hi", "195");
        Assert.Equal(7, t.Int("SCARD", "hi"));
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "hi"));
        // An intset's remainder stays an intset.
        var nums = new List<string> { "SADD", "is" };
        nums.AddRange(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        t.Int([.. nums]);
        t.Run("SPOP", "is", "99");
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "is"));
        // SUNIONSTORE of 200 integers from a hashtable is a 200-member intset; of 600 a hashtable.
        var big = new List<string> { "SADD", "bigints", "x" };
        big.AddRange(Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        t.Int([.. big]);
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "bigints"));
        t.Int(["SADD", "first200", .. Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "first200"));
        Assert.Equal(200, t.Int("SINTERSTORE", "d", "bigints", "first200"));
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "d"));
        Assert.Equal(401, t.Int("SDIFFSTORE", "d", "bigints", "first200"));
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "d"));
        Assert.Equal(601, t.Int("SINTERSTORE", "d", "bigints", "bigints", "bigints"));
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "d"));
        Assert.Equal(200, t.Int("SUNIONSTORE", "d", "first200", "first200"));
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "d"));
    }
}
