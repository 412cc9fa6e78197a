namespace InProcValkey.Tests.Sort;

public sealed class TypedSortApiTests
{
    [Fact]
    public void SortReadsListsWithOptions()
    {
        using var t = new TestStore();
        var db = t.Db;
        t.Int("RPUSH", "l", "b", "c", "a");
        t.Ok("MSET", "w_a", "3", "w_b", "1", "w_c", "2");
        t.Int("HSET", "h_a", "n", "ann");
        Assert.Equal(["a", "b", "c"], db.Sort("l", sortType: SortType.Alphabetic));
        Assert.Equal(["b", "c"], db.Sort("l", skip: 0, take: 2, by: "w_*"));
        Assert.Equal(["a", "ann", "c", null], db.Sort("l", take: 2, order: Order.Descending, by: "w_*", get: ["#", "h_*->n"]));
        Assert.Equal(["a", "c", "b"], db.Sort("l", order: Order.Descending, by: "nosort"));
        Assert.Equal([], db.Sort("missing"));
        Assert.Equal(["c"u8.ToArray()], db.Sort("l"u8.ToArray(), skip: 2, sortType: SortType.Alphabetic));
    }

    [Fact]
    public void SortAndStoreReturnsTheLength()
    {
        using var t = new TestStore();
        var db = t.Db;
        t.Int("SADD", "s", "3", "1", "2");
        Assert.Equal(3, db.SortAndStore("dst", "s", order: Order.Descending));
        Assert.Equal("3", t.Text("LINDEX", "dst", "0"));
        Assert.Equal(0, db.SortAndStore("dst"u8.ToArray(), "missing"u8.ToArray()));
        Assert.Equal(0, t.Int("EXISTS", "dst"));
    }

    [Fact]
    public void SortThrowsOnWrongTypeAndBadNumbers()
    {
        using var t = new TestStore();
        t.Ok("SET", "str", "x");
        t.Int("RPUSH", "l", "x");
        Assert.Throws<ValkeyWrongTypeException>(() => t.Db.Sort("str"));
        var e = Assert.Throws<ValkeyException>(() => t.Db.Sort("l"));
        Assert.Equal("ERR One or more scores can't be converted into double", e.Message);
    }
}
