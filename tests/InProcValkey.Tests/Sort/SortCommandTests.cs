namespace InProcValkey.Tests.Sort;

public sealed class SortCommandTests
{
    private static string?[] Items(TestStore t, params string[] command) =>
        [.. t.Run(command).Elements.Select(e => e.IsNull ? null : e.ToString())];

    [Fact]
    public void ListsSortNumericallyWithTiesComparedAsStrings()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "10", "2", "1e1", "-3.5", "2", "inf");
        Assert.Equal(["-3.5", "2", "2", "10", "1e1", "inf"], Items(t, "SORT", "l"));
        Assert.Equal(["inf", "1e1", "10", "2", "2", "-3.5"], Items(t, "SORT", "l", "DESC"));
    }

    [Fact]
    public void ValuesThatAreNotWholeNumbersFailTheNumericSort()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "big", "1", "1e400");
        t.Int("RPUSH", "nan", "nan");
        t.Int("RPUSH", "trail", "1 ");
        t.Int("RPUSH", "ok", "", " 2", "+1", ".5");
        const string error = "ERR One or more scores can't be converted into double";
        t.Error(error, "SORT", "big");
        t.Error(error, "SORT", "nan");
        t.Error(error, "SORT", "trail");
        Assert.Equal(["", ".5", "+1", " 2"], Items(t, "SORT", "ok"));
        t.Error(error, "SORT", "big", "STORE", "dst");
        Assert.Equal(0, t.Int("EXISTS", "dst"));
    }

    [Fact]
    public void SetsAndSortedSetsSortByTheirMembers()
    {
        using var t = new TestStore();
        t.Int("SADD", "s", "5", "-1", "300000", "0");
        t.Int("SADD", "w", "b", "a", "C");
        t.Int("ZADD", "z", "3", "a", "1", "b", "2", "c");
        Assert.Equal(["-1", "0", "5", "300000"], Items(t, "SORT", "s"));
        Assert.Equal(["C", "a", "b"], Items(t, "SORT", "w", "ALPHA"));
        Assert.Equal(["c", "b", "a"], Items(t, "SORT_RO", "z", "ALPHA", "DESC"));
        Assert.Equal(["b", "c", "a"], Items(t, "SORT", "z", "BY", "nosort"));
        Assert.Equal(["a", "c"], Items(t, "SORT", "z", "BY", "nosort", "DESC", "LIMIT", "0", "2"));
        Assert.Equal(["c", "b"], Items(t, "SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "5"));
    }

    [Fact]
    public void ByAndGetPatternsReadStringsAndHashFields()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "u", "1", "2", "3");
        t.Ok("MSET", "age_1", "30", "age_2", "20", "age_3", "25", "name_1", "ann");
        t.Int("HSET", "user_2", "name", "bob");
        t.Int("HSET", "user_3", "name", "cy");
        Assert.Equal(["2", "3", "1"], Items(t, "SORT", "u", "BY", "age_*"));
        Assert.Equal(["bob", "2", null, "cy", "3", null, null, "1", "ann"],
            Items(t, "SORT", "u", "BY", "age_*", "GET", "user_*->name", "GET", "#", "GET", "name_*"));
        Assert.Equal([null, null, null], Items(t, "SORT", "u", "GET", "fixed"));
        Assert.Equal(["3", "2", "1"], Items(t, "SORT", "u", "BY", "nosort", "DESC"));
        // A missing BY value sorts first under ALPHA.
        Assert.Equal(["3", "2", "1"], Items(t, "SORT", "u", "BY", "user_*->name", "ALPHA", "DESC"));
    }

    [Fact]
    public void StoreWritesAListAndAnEmptyResultDeletesTheDestination()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "3", "1", "2");
        t.Ok("SET", "dst", "x");
        t.Int("EXPIRE", "dst", "100");
        Assert.Equal(3, t.Int("SORT", "l", "STORE", "dst"));
        Assert.Equal(["1", "2", "3"], Items(t, "LRANGE", "dst", "0", "-1"));
        Assert.Equal(-1, t.Int("TTL", "dst"));
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "dst"));
        Assert.Equal(3, t.Int("SORT", "l", "GET", "missing_*", "STORE", "dst"));
        Assert.Equal(["", "", ""], Items(t, "LRANGE", "dst", "0", "-1"));
        Assert.Equal(0, t.Int("SORT", "l", "LIMIT", "10", "1", "STORE", "dst"));
        Assert.Equal(0, t.Int("EXISTS", "dst"));
    }

    [Fact]
    public void StoringALongResultMakesAQuicklist()
    {
        using var t = new TestStore();
        var args = new List<string> { "RPUSH", "l" };
        args.AddRange(Enumerable.Range(0, 300).Select(i => (299 - i).ToString("D3") + new string('x', 40)));
        t.Int([.. args]);
        Assert.Equal(300, t.Int("SORT", "l", "ALPHA", "STORE", "dst"));
        Assert.Equal("quicklist", t.Text("OBJECT", "ENCODING", "dst"));
        Assert.Equal("000" + new string('x', 40), t.Text("LINDEX", "dst", "0"));
        Assert.Equal("299" + new string('x', 40), t.Text("LINDEX", "dst", "-1"));
    }

    [Fact]
    public void ErrorsChangeNothing()
    {
        using var t = new TestStore();
        t.Ok("SET", "str", "x");
        t.Int("RPUSH", "l", "1");
        t.Error("WRONGTYPE Operation against a key holding the wrong kind of value", "SORT", "str");
        t.Error("ERR syntax error", "SORT", "l", "NOPE");
        t.Error("ERR syntax error", "SORT_RO", "l", "STORE", "d");
        t.Error("ERR value is not an integer or out of range", "SORT", "l", "LIMIT", "x", "1");
        t.Error("ERR syntax error", "SORT", "l", "LIMIT", "1");
        Assert.Equal(0, t.Int("EXISTS", "d"));
    }

    [Fact]
    public async Task StoreWakesABlockedListPop()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "2", "1");
        var pop = t.Db.ListBlockingLeftPopAsync(["dst"], TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.False(pop.IsCompleted);
        Assert.Equal(2, t.Int("SORT", "l", "STORE", "dst"));
        var result = await pop;
        Assert.NotNull(result);
        Assert.Equal(1, t.Int("LLEN", "dst"));
    }
}
