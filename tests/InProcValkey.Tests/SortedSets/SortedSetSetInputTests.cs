using System.Text;

namespace InProcValkey.Tests.SortedSets;

/// <summary>
/// ZUNION, ZINTER, ZDIFF, ZINTERCARD and the STORE forms take plain sets as inputs (Valkey's
/// <c>zunionInterDiffGenericCommand</c>: every set member scores 1 before its weight), whatever the set's encoding.
/// </summary>
public sealed class SortedSetSetInputTests
{
    private static readonly string Long = new('q', 70);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static TestStore WithSetsOfEachEncoding()
    {
        var t = new TestStore();
        t.Int("SADD", "si", "1", "2", "3");
        t.Int("SADD", "sl", "a", "2", "01");
        t.Int("SADD", "sh", "a", "3", Long);
        Assert.Equal("intset", t.Text("OBJECT", "ENCODING", "si"));
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "sl"));
        Assert.Equal("hashtable", t.Text("OBJECT", "ENCODING", "sh"));
        t.Int("ZADD", "z", "5", "1", "6", "01", "7", "a", "8", Long);
        return t;
    }

    [Theory]
    [InlineData("si", "[1, 1, 2, 1, 3, 1]")]
    [InlineData("sl", "[01, 1, 2, 1, a, 1]")]
    [InlineData("sh", "[3, 1, a, 1, " + "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq" + ", 1]")]
    public void EverySetMemberScoresOne(string key, string expected)
    {
        using var t = WithSetsOfEachEncoding();
        Assert.Equal(expected, t.Text("ZUNION", "1", key, "WITHSCORES"));
        Assert.Equal(expected, t.Text("ZINTER", "1", key, "WITHSCORES"));
        Assert.Equal(expected, t.Text("ZDIFF", "1", key, "WITHSCORES"));
        Assert.Equal(3, t.Int("ZINTERCARD", "1", key));
    }

    [Fact]
    public void WeightsMultiplyTheSetScoreAndAggregateCombinesIt()
    {
        using var t = WithSetsOfEachEncoding();
        Assert.Equal("[2, 2, 3, 2, 1, 5, 01, 6, a, 7, " + Long + ", 8]", t.Text("ZUNION", "2", "si", "z", "WEIGHTS", "2", "1", "AGGREGATE", "MAX", "WITHSCORES"));
        Assert.Equal("[1, -0.5]", t.Text("ZINTER", "2", "si", "z", "WEIGHTS", "-3", "0.5", "AGGREGATE", "SUM", "WITHSCORES"));
        Assert.Equal("[01, 1, a, 1]", t.Text("ZINTER", "2", "z", "sl", "AGGREGATE", "MIN", "WITHSCORES"));
        Assert.Equal("[a, 3, " + Long + ", 3]", t.Text("ZINTER", "3", "sh", "z", "sh", "WEIGHTS", "1", "0", "2", "WITHSCORES"));
        Assert.Equal("[1, Infinity, 2, Infinity, 3, Infinity]", t.Text("ZUNION", "2", "si", "si", "WEIGHTS", "1", "inf", "AGGREGATE", "MAX", "WITHSCORES"));
    }

    [Fact]
    public void IntsetLookupsTreatNonCanonicalIntegersAsStrings()
    {
        using var t = WithSetsOfEachEncoding();
        // "01" is a member of the sorted set, never of the intset; "1" is in both.
        Assert.Equal("[1, 6]", t.Text("ZINTER", "2", "z", "si", "WITHSCORES"));
        Assert.Equal("[01, 6, a, 7, " + Long + ", 8]", t.Text("ZDIFF", "2", "z", "si", "WITHSCORES"));
        Assert.Equal("[3, 1]", t.Text("ZDIFF", "3", "si", "sl", "z", "WITHSCORES"));
        Assert.Equal(1, t.Int("ZINTERCARD", "3", "sh", "sl", "z"));
        Assert.Equal(1, t.Int("ZINTERCARD", "2", "si", "z", "LIMIT", "1"));
    }

    [Fact]
    public void StoreFormsWriteASortedSetEvenOverTheInputSet()
    {
        using var t = WithSetsOfEachEncoding();
        Assert.Equal(3, t.Int("ZUNIONSTORE", "si", "1", "si", "WEIGHTS", "4"));
        Assert.Equal("zset", t.Text("TYPE", "si"));
        Assert.Equal("[1, 4, 2, 4, 3, 4]", t.Text("ZRANGE", "si", "0", "-1", "WITHSCORES"));
        Assert.Equal(2, t.Int("ZINTERSTORE", "d", "2", "sh", "z"));
        Assert.Equal("[a, 8, " + Long + ", 9]", t.Text("ZRANGE", "d", "0", "-1", "WITHSCORES"));
        Assert.Equal("skiplist", t.Text("OBJECT", "ENCODING", "d"));
        Assert.Equal(0, t.Int("ZDIFFSTORE", "d", "2", "sl", "sl"));
        Assert.Equal(0, t.Int("EXISTS", "d"));
    }

    [Fact]
    public void MissingKeysAreEmptyAndOtherTypesAreWrongTypeWithoutStoring()
    {
        using var t = WithSetsOfEachEncoding();
        Assert.Equal("[1, 1, 2, 1, 3, 1]", t.Text("ZUNION", "2", "nosuch", "si", "WITHSCORES"));
        Assert.Equal("[]", t.Text("ZINTER", "2", "si", "nosuch"));
        t.Ok("SET", "str", "v");
        const string wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        t.Error(wrongType, "ZUNION", "2", "si", "str");
        t.Error(wrongType, "ZINTERCARD", "2", "str", "sl");
        t.Error(wrongType, "ZUNIONSTORE", "d", "2", "sh", "str");
        t.Error(wrongType, "ZUNION", "2", "si", "str", "WEIGHTS", "x", "y");
        Assert.Equal(0, t.Int("EXISTS", "d"));
        t.Error("ERR weight value is not a float", "ZUNION", "2", "si", "sl", "WEIGHTS", "x", "y");
        // Only the algebra accepts sets.
        t.Error(wrongType, "ZRANGESTORE", "d", "si", "0", "-1");
        t.Error(wrongType, "ZCARD", "si");
    }

    [Fact]
    public void TypedApiCombinesSetsToo()
    {
        using var t = WithSetsOfEachEncoding();
        var db = t.Db;
        var entries = db.SortedSetCombineWithScores(SetOperation.Intersect, [B("sl"), B("z")], [2, 1], Aggregate.Sum);
        Assert.Equal([new SortedSetEntry(B("01"), 8), new SortedSetEntry(B("a"), 9)], entries, (x, y) => x.Element.AsSpan().SequenceEqual(y.Element) && x.Score == y.Score);
        Assert.Equal(5, db.SortedSetCombineAndStore(SetOperation.Union, B("d"), [B("si"), B("sh"), B("nosuch")]));
        Assert.Equal(2, db.SortedSetIntersectionLength([B("sh"), B("z")]));
    }
}
