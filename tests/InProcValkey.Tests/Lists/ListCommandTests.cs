namespace InProcValkey.Tests.Lists;

public sealed class ListCommandTests
{
    internal static string?[] Items(TestStore t, params string[] command)
    {
        var r = t.Run(command);
        Assert.False(r.IsError, r.ErrorMessage);
        return [.. r.Elements.Select(e => e.ToString())];
    }

    [Fact]
    public void PushesReturnTheNewLengthAndKeepOrder()
    {
        using var t = new TestStore();
        Assert.Equal(3, t.Int("RPUSH", "l", "a", "b", "c"));
        Assert.Equal(5, t.Int("LPUSH", "l", "y", "z"));
        Assert.Equal(["z", "y", "a", "b", "c"], Items(t, "LRANGE", "l", "0", "-1"));
        Assert.Equal(5, t.Int("LLEN", "l"));
        Assert.Equal("list", t.Text("TYPE", "l"));
    }

    [Fact]
    public void PushXOnlyPushesToExistingLists()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Int("LPUSHX", "l", "a"));
        Assert.Equal(0, t.Int("RPUSHX", "l", "a", "b"));
        Assert.Equal(0, t.Int("EXISTS", "l"));
        t.Int("RPUSH", "l", "x");
        Assert.Equal(3, t.Int("RPUSHX", "l", "a", "b"));
        Assert.Equal(4, t.Int("LPUSHX", "l", "0"));
        Assert.Equal(["0", "x", "a", "b"], Items(t, "LRANGE", "l", "0", "-1"));
    }

    [Fact]
    public void WrongTypeEverywhere()
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "v");
        const string wt = "WRONGTYPE Operation against a key holding the wrong kind of value";
        t.Error(wt, "LPUSH", "s", "a");
        t.Error(wt, "RPUSHX", "s", "a");
        t.Error(wt, "LLEN", "s");
        t.Error(wt, "LRANGE", "s", "0", "1");
        t.Error(wt, "LINDEX", "s", "0");
        t.Error(wt, "LSET", "s", "0", "x");
        t.Error(wt, "LPOP", "s");
        t.Error(wt, "LREM", "s", "0", "x");
        t.Error(wt, "LTRIM", "s", "0", "1");
        t.Error(wt, "LPOS", "s", "x");
        t.Error(wt, "LINSERT", "s", "BEFORE", "a", "b");
        t.Error(wt, "LMPOP", "1", "s", "LEFT");
        t.Int("RPUSH", "l", "a");
        t.Error(wt, "LMOVE", "l", "s", "LEFT", "LEFT");
        Assert.Equal(1, t.Int("LLEN", "l"));
        t.Error(wt, "GET", "l");
    }

    [Fact]
    public void IndexAcceptsNegativeAndAnswersNilOutOfRange()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "a", "b", "c");
        Assert.Equal("a", t.Text("LINDEX", "l", "0"));
        Assert.Equal("c", t.Text("LINDEX", "l", "-1"));
        Assert.Equal("a", t.Text("LINDEX", "l", "-3"));
        t.Nil("LINDEX", "l", "3");
        t.Nil("LINDEX", "l", "-4");
        t.Nil("LINDEX", "missing", "x");
        t.Error("ERR value is not an integer or out of range", "LINDEX", "l", "x");
    }

    [Fact]
    public void SetReplacesAndReportsMissingKeyAndRange()
    {
        using var t = new TestStore();
        t.Error("ERR no such key", "LSET", "l", "0", "x");
        t.Int("RPUSH", "l", "a", "b", "c");
        t.Ok("LSET", "l", "-1", "12345");
        t.Ok("LSET", "l", "0", new string('z', 100));
        Assert.Equal([new string('z', 100), "b", "12345"], Items(t, "LRANGE", "l", "0", "-1"));
        t.Error("ERR index out of range", "LSET", "l", "3", "x");
        t.Error("ERR index out of range", "LSET", "l", "-4", "x");
        t.Error("ERR value is not an integer or out of range", "LSET", "l", "a", "x");
    }

    [Fact]
    public void PopWithAndWithoutCount()
    {
        using var t = new TestStore();
        t.Nil("LPOP", "l");
        Assert.True(t.Run("LPOP", "l", "2").IsNull);
        t.Int("RPUSH", "l", "a", "b", "c", "d", "e");
        Assert.Equal("a", t.Text("LPOP", "l"));
        Assert.Equal("e", t.Text("RPOP", "l"));
        Assert.Empty(Items(t, "LPOP", "l", "0"));
        Assert.Equal(["d", "c"], Items(t, "RPOP", "l", "2"));
        Assert.Equal(["b"], Items(t, "LPOP", "l", "10"));
        Assert.Equal(0, t.Int("EXISTS", "l"));
        t.Error("ERR value is out of range, must be positive", "LPOP", "l", "-1");
        t.Error("ERR value is out of range, must be positive", "LPOP", "l", "x");
        t.Error("ERR wrong number of arguments for 'lpop' command", "LPOP", "l", "1", "2");
    }

    [Fact]
    public void RangeClampsLikeValkey()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "0", "1", "2", "3", "4");
        Assert.Equal(["1", "2"], Items(t, "LRANGE", "l", "1", "2"));
        Assert.Equal(["3", "4"], Items(t, "LRANGE", "l", "-2", "100"));
        Assert.Equal(["0", "1", "2", "3", "4"], Items(t, "LRANGE", "l", "-100", "100"));
        Assert.Empty(Items(t, "LRANGE", "l", "3", "1"));
        Assert.Empty(Items(t, "LRANGE", "l", "5", "10"));
        Assert.Empty(Items(t, "LRANGE", "missing", "0", "-1"));
        t.Error("ERR value is not an integer or out of range", "LRANGE", "missing", "a", "1");
    }

    [Fact]
    public void TrimKeepsTheRangeAndDeletesWhenEmpty()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "0", "1", "2", "3", "4");
        t.Ok("LTRIM", "l", "1", "-2");
        Assert.Equal(["1", "2", "3"], Items(t, "LRANGE", "l", "0", "-1"));
        t.Ok("LTRIM", "l", "-100", "100");
        Assert.Equal(3, t.Int("LLEN", "l"));
        t.Ok("LTRIM", "l", "2", "1");
        Assert.Equal(0, t.Int("EXISTS", "l"));
        t.Ok("LTRIM", "missing", "0", "1");
    }

    [Fact]
    public void RemoveCountsFromHeadTailOrAll()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "a", "1", "a", "b", "a", "01", "1");
        Assert.Equal(1, t.Int("LREM", "l", "1", "a"));
        Assert.Equal(["1", "a", "b", "a", "01", "1"], Items(t, "LRANGE", "l", "0", "-1"));
        Assert.Equal(1, t.Int("LREM", "l", "-1", "a"));
        Assert.Equal(["1", "a", "b", "01", "1"], Items(t, "LRANGE", "l", "0", "-1"));
        Assert.Equal(2, t.Int("LREM", "l", "0", "1"));
        Assert.Equal(["a", "b", "01"], Items(t, "LRANGE", "l", "0", "-1"));
        Assert.Equal(0, t.Int("LREM", "l", "0", "zz"));
        Assert.Equal(3, t.Int("LREM", "l", "0", "a") + t.Int("LREM", "l", "0", "b") + t.Int("LREM", "l", "0", "01"));
        Assert.Equal(0, t.Int("EXISTS", "l"));
        Assert.Equal(0, t.Int("LREM", "missing", "0", "a"));
    }

    [Fact]
    public void InsertBeforeAfterAndMissingPivot()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Int("LINSERT", "l", "BEFORE", "a", "x"));
        t.Int("RPUSH", "l", "a", "b", "c");
        Assert.Equal(4, t.Int("LINSERT", "l", "before", "b", "x"));
        Assert.Equal(5, t.Int("LINSERT", "l", "AFTER", "c", "y"));
        Assert.Equal(-1, t.Int("LINSERT", "l", "AFTER", "nope", "y"));
        Assert.Equal(["a", "x", "b", "c", "y"], Items(t, "LRANGE", "l", "0", "-1"));
        t.Error("ERR syntax error", "LINSERT", "l", "MIDDLE", "a", "x");
    }

    [Fact]
    public void PositionWithRankCountAndMaxlen()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
        Assert.Equal(2, t.Int("LPOS", "l", "c"));
        Assert.Equal(6, t.Int("LPOS", "l", "c", "RANK", "2"));
        Assert.Equal(7, t.Int("LPOS", "l", "c", "RANK", "-1"));
        Assert.Equal(["2", "6", "7"], Items(t, "LPOS", "l", "c", "COUNT", "0"));
        Assert.Equal(["6", "7"], Items(t, "LPOS", "l", "c", "RANK", "2", "COUNT", "0"));
        Assert.Equal(["7", "6"], Items(t, "LPOS", "l", "c", "RANK", "-1", "COUNT", "2"));
        Assert.Equal(["2"], Items(t, "LPOS", "l", "c", "COUNT", "0", "MAXLEN", "6"));
        Assert.Equal(["7", "6"], Items(t, "LPOS", "l", "c", "RANK", "-1", "COUNT", "0", "MAXLEN", "2"));
        t.Nil("LPOS", "l", "c", "MAXLEN", "2");
        Assert.Equal(3, t.Int("LPOS", "l", "1"));
        t.Nil("LPOS", "l", "zz");
        Assert.Empty(Items(t, "LPOS", "l", "zz", "COUNT", "1"));
        t.Nil("LPOS", "missing", "a");
        Assert.Empty(Items(t, "LPOS", "missing", "a", "COUNT", "0"));
        t.Error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list", "LPOS", "l", "a", "RANK", "0");
        t.Error("ERR COUNT can't be negative", "LPOS", "l", "a", "COUNT", "-1");
        t.Error("ERR MAXLEN can't be negative", "LPOS", "l", "a", "MAXLEN", "-1");
        t.Error("ERR syntax error", "LPOS", "l", "a", "RANK");
        t.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807", "LPOS", "l", "a", "RANK", "-9223372036854775808");
    }

    [Fact]
    public void MoveBetweenListsAndRotate()
    {
        using var t = new TestStore();
        t.Nil("LMOVE", "src", "dst", "LEFT", "RIGHT");
        t.Int("RPUSH", "src", "a", "b", "c");
        Assert.Equal("c", t.Text("RPOPLPUSH", "src", "dst"));
        Assert.Equal("a", t.Text("LMOVE", "src", "dst", "LEFT", "RIGHT"));
        Assert.Equal(["c", "a"], Items(t, "LRANGE", "dst", "0", "-1"));
        Assert.Equal("c", t.Text("LMOVE", "dst", "dst", "LEFT", "RIGHT"));
        Assert.Equal(["a", "c"], Items(t, "LRANGE", "dst", "0", "-1"));
        Assert.Equal("b", t.Text("LMOVE", "src", "dst", "RIGHT", "LEFT"));
        Assert.Equal(0, t.Int("EXISTS", "src"));
        t.Error("ERR syntax error", "LMOVE", "dst", "x", "UP", "LEFT");
    }

    [Fact]
    public void MultiPopTakesFromTheFirstNonEmptyList()
    {
        using var t = new TestStore();
        Assert.True(t.Run("LMPOP", "2", "a", "b", "LEFT").IsNull);
        t.Int("RPUSH", "b", "1", "2", "3");
        var r = t.Run("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2");
        Assert.Equal("b", r.Elements[0].ToString());
        Assert.Equal(["3", "2"], r.Elements[1].Elements.Select(e => e.ToString()));
        t.Error("ERR numkeys should be greater than 0", "LMPOP", "0", "a", "LEFT");
        t.Error("ERR syntax error", "LMPOP", "3", "a", "LEFT");
        t.Error("ERR count should be greater than 0", "LMPOP", "1", "a", "LEFT", "COUNT", "0");
        t.Error("ERR syntax error", "LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1");
    }

    [Fact]
    public void BlockingPopsServeImmediatelyWhenDataExists()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "b", "1", "2");
        Assert.Equal(["b", "1"], Items(t, "BLPOP", "a", "b", "0"));
        Assert.Equal(["b", "2"], Items(t, "BRPOP", "b", "0.5"));
        t.Error("ERR timeout is negative", "BLPOP", "a", "-1");
        t.Error("ERR timeout is not a float or out of range", "BLPOP", "a", "x");
        t.Error("ERR timeout is out of range", "BLPOP", "a", "inf");
        t.Error("ERR timeout is not a float or out of range", "BLPOP", "a", "nan");
        t.Int("RPUSH", "hex", "h");
        Assert.Equal(["hex", "h"], Items(t, "BLPOP", "hex", "0x1p-3"));
    }

    [Fact]
    public void IntegersComeBackAsTheirDecimalText()
    {
        using var t = new TestStore();
        string[] values = ["0", "-1", "127", "-4096", "32767", "8388607", "2147483648", "-9223372036854775808", "007", "1.5", ""];
        t.Int(["RPUSH", "l", .. values]);
        Assert.Equal(values, Items(t, "LRANGE", "l", "0", "-1"));
        Assert.Equal(7, t.Int("LPOS", "l", "-9223372036854775808"));
        t.Nil("LPOS", "l", "7");
    }
}
