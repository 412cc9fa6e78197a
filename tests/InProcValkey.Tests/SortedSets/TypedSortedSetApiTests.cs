using System.Text;

namespace InProcValkey.Tests.SortedSets;

/// <summary>The typed sorted-set API (ValkeyDatabase.SortedSet*).</summary>
public sealed class TypedSortedSetApiTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void AddScoreRankAndRanges()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.True(db.SortedSetAdd("z", "a", 1));
        Assert.False(db.SortedSetAdd("z", "a", 2));
        Assert.Equal(2, db.SortedSetAdd("z", [new SortedSetEntry(B("b"), 3), new SortedSetEntry(B("c"), 2.5)]));
        Assert.False(db.SortedSetAdd("z", "a", 0, SortedSetWhen.Exists | SortedSetWhen.GreaterThan));
        Assert.Equal(2, db.SortedSetScore("z", "a"));
        Assert.Null(db.SortedSetScore("z", "nosuch"));
        Assert.Equal(0, db.SortedSetRank("z", "a"));
        Assert.Equal(0, db.SortedSetRank("z", "b", Order.Descending));
        Assert.Null(db.SortedSetRank("z", "nosuch"));
        Assert.Equal(["a", "c", "b"], db.SortedSetRangeByRank("z"));
        Assert.Equal(["b", "c"], db.SortedSetRangeByRank("z", 0, 1, Order.Descending));
        Assert.Equal(["c", "b"], db.SortedSetRangeByScore("z", 2, 3, Exclude.Start));
        Assert.Equal(["c"], db.SortedSetRangeByScore("z", skip: 1, take: 1));
        var withScores = db.SortedSetRangeByScoreWithScores(B("z"), order: Order.Descending);
        Assert.Equal([("b", 3.0), ("c", 2.5), ("a", 2.0)], withScores.Select(e => (e.ElementText, e.Score)));
        Assert.Equal(3, db.SortedSetLength("z"));
        Assert.Equal(2, db.SortedSetLength(B("z"), 2, 3, Exclude.Stop));
        Assert.Equal(4.5, db.SortedSetIncrement("z", "a", 2.5));
        Assert.True(db.SortedSetRemove("z", "a"));
        Assert.False(db.SortedSetRemove("z", "a"));
        Assert.Equal(["c", "b"], db.SortedSetRangeByRank("z"));
    }

    [Fact]
    public void PopsCombinationsAndLexRanges()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.SortedSetAdd("x", [new SortedSetEntry(B("a"), 1), new SortedSetEntry(B("b"), 2), new SortedSetEntry(B("c"), 3)]);
        db.SortedSetAdd("y", [new SortedSetEntry(B("b"), 10), new SortedSetEntry(B("c"), 20), new SortedSetEntry(B("d"), 30)]);
        var inter = db.SortedSetCombineWithScores(SetOperation.Intersect, [B("x"), B("y")], [1, 2], Aggregate.Max);
        Assert.Equal([("b", 20.0), ("c", 40.0)], inter.Select(e => (e.ElementText, e.Score)));
        Assert.Equal(4, db.SortedSetCombineAndStore(SetOperation.Union, B("u"), [B("x"), B("y")]));
        Assert.Equal(2, db.SortedSetIntersectionLength([B("x"), B("y")]));
        Assert.Equal(1, db.SortedSetIntersectionLength([B("x"), B("y")], limit: 1));
        var popped = db.SortedSetPop("x", 2, Order.Descending);
        Assert.Equal(["c", "b"], popped.Select(e => e.ElementText));
        Assert.Empty(db.SortedSetPop("nosuch"));
        db.SortedSetAdd("lex", [new SortedSetEntry(B("a"), 0), new SortedSetEntry(B("b"), 0), new SortedSetEntry(B("c"), 0)]);
        Assert.Equal(["b", "c"], db.SortedSetRangeByValue(B("lex"), B("a"), null, Exclude.Start).Select(m => Encoding.UTF8.GetString(m)));
        Assert.Equal(2, db.SortedSetLengthByValue(B("lex"), B("b"), B("c")));
        Assert.Equal(1, db.SortedSetRemoveRangeByValue(B("lex"), null, B("a")));
        Assert.Equal(2, db.SortedSetRangeAndStore(B("copy"), B("lex")));
        Assert.NotNull(db.SortedSetRandomMember(B("lex")));
        Assert.Equal(2, db.SortedSetRandomMembers(B("lex"), 5).Length);
        db.StringSet("s", "v");
        Assert.Throws<ValkeyWrongTypeException>(() => db.SortedSetAdd("s", "a", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.SortedSetAdd("z", "a", double.NaN));
        db.SortedSetAdd("inf", "a", double.PositiveInfinity);
        Assert.Throws<ValkeyException>(() => db.SortedSetIncrement("inf", "a", double.NegativeInfinity));
    }
}
