namespace InProcValkey.Tests.Sets;

public sealed class TypedSetApiTests
{
    [Fact]
    public void AddRemoveContainsAndLength()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.True(db.SetAdd("s", "a"));
        Assert.False(db.SetAdd("s", "a"));
        Assert.Equal(2, db.SetAdd("s", ["b", "c", "b"]));
        Assert.Equal(1, db.SetAdd("s"u8, ["d"u8.ToArray()]));
        Assert.Equal(0, db.SetAdd("s", []));
        Assert.Equal(4, db.SetLength("s"));
        Assert.True(db.SetContains("s", "a"));
        Assert.False(db.SetContains("s"u8, "z"u8));
        Assert.Equal([true, false, true], db.SetContains("s", ["a", "z", "d"]));
        Assert.Equal(["a", "b", "c", "d"], db.SetMembers("s").Order());
        Assert.True(db.SetRemove("s", "a"));
        Assert.Equal(2, db.SetRemove("s", ["b", "c", "x"]));
        Assert.True(db.SetRemove("s"u8, "d"u8));
        Assert.False(db.KeyExists("s"));
        Assert.Empty(db.SetMembers("s"u8));
    }

    [Fact]
    public void WrongTypeThrows()
    {
        using var t = new TestStore();
        t.Db.StringSet("str", "x");
        Assert.Throws<ValkeyWrongTypeException>(() => t.Db.SetAdd("str", "a"));
        Assert.Throws<ValkeyWrongTypeException>(() => t.Db.SetCombine(SetOperation.Union, "str", "other"));
        Assert.Equal(KeyType.Set, WithSet(t).Db.KeyType("s"));
    }

    private static TestStore WithSet(TestStore t)
    {
        t.Db.SetAdd("s", "1");
        return t;
    }

    [Fact]
    public void CombineStoreAndIntersectionLength()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.SetAdd("a", ["1", "2", "3", "x"]);
        db.SetAdd("b", ["2", "3", "y"]);
        Assert.Equal(["2", "3"], db.SetCombine(SetOperation.Intersect, "a", "b").Order());
        Assert.Equal(["1", "2", "3", "x", "y"], db.SetCombine(SetOperation.Union, ["a", "b", "missing"]).Order());
        Assert.Equal(["1", "x"], db.SetCombine(SetOperation.Difference, "a", "b").Order());
        Assert.Single(db.SetCombine(SetOperation.Difference, ["b"u8.ToArray(), "a"u8.ToArray()]));
        Assert.Equal(2, db.SetCombineAndStore(SetOperation.Intersect, "d", ["a", "b"]));
        Assert.Equal(2, db.SetLength("d"));
        Assert.Equal(0, db.SetCombineAndStore(SetOperation.Intersect, "d"u8, ["a"u8.ToArray(), "zz"u8.ToArray()]));
        Assert.False(db.KeyExists("d"));
        Assert.Equal(2, db.SetIntersectionLength(["a", "b"]));
        Assert.Equal(1, db.SetIntersectionLength(["a", "b"], limit: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.SetIntersectionLength(["a"], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.SetCombine(SetOperation.Union, Array.Empty<string>()));
    }

    [Fact]
    public void MovePopAndRandomMembers()
    {
        using var t = new TestStore(seed: 11);
        var db = t.Db;
        db.SetAdd("s", ["a", "b", "c", "d"]);
        Assert.True(db.SetMove("s", "t", "a"));
        Assert.False(db.SetMove("s", "t", "a"));
        Assert.True(db.SetContains("t", "a"));
        var r = db.SetRandomMember("s");
        Assert.Contains(r, new[] { "b", "c", "d" });
        Assert.Equal(3, db.SetRandomMembers("s", 10).Length);
        Assert.Equal(5, db.SetRandomMembers("s", -5).Length);
        var popped = db.SetPop("s", 2);
        Assert.Equal(2, popped.Distinct().Count());
        Assert.Equal(1, db.SetLength("s"));
        Assert.NotNull(db.SetPop("s"));
        Assert.Null(db.SetPop("s"));
        Assert.Null(db.SetRandomMember("s"u8));
        Assert.Empty(db.SetPop("s"u8, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.SetPop("s", -1));
    }

    [Fact]
    public void ScanPagesAndEnumeration()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.SetAdd("big", [.. Enumerable.Range(0, 300).Select(i => "m" + i)]);
        db.SetAdd("small", ["1", "2", "3"]);
        var first = db.SetScan("small", 0);
        Assert.Equal(0ul, first.Cursor);
        Assert.Equal(3, first.Members.Count);
        Assert.Equal(300, db.SetScan("big").Distinct().Count());
        Assert.Equal(111, db.SetScan("big", "m1*", 7).Distinct().Count());
        var page = db.SetScan("big"u8, 0, "*"u8, 5);
        Assert.NotEqual(0ul, page.Cursor);
        Assert.Empty(db.SetScan("missing"));
    }
}
