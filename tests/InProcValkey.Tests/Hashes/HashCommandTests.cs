namespace InProcValkey.Tests.Hashes;

/// <summary>HSET, HGET, HMGET, HGETALL, HKEYS, HVALS, HLEN, HEXISTS, HSTRLEN, HDEL, HSETNX, HMSET: replies as redis-server 7.0 gives them.</summary>
public sealed class HashCommandTests
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    [Fact]
    public void HsetCountsOnlyNewFieldsAndLaterValuesWin()
    {
        using var t = new TestStore();
        Assert.Equal(2, t.Int("HSET", "h", "a", "1", "b", "2"));
        Assert.Equal(1, t.Int("HSET", "h", "a", "x", "c", "3", "c", "4"));
        Assert.Equal("[a, x, b, 2, c, 4]", t.Text("HGETALL", "h"));
        Assert.Equal(3, t.Int("HLEN", "h"));
    }

    [Fact]
    public void HsetWithAnOddNumberOfArgumentsIsAnArityError()
    {
        using var t = new TestStore();
        t.Error("ERR wrong number of arguments for 'hset' command", "HSET", "h", "a", "1", "b");
        t.Error("ERR wrong number of arguments for 'hmset' command", "HMSET", "h", "a", "1", "b");
        t.Error("ERR wrong number of arguments for 'hset' command", "HSET", "h", "a");
        Assert.Equal(0, t.Int("EXISTS", "h"));
    }

    [Fact]
    public void HmsetRepliesOk()
    {
        using var t = new TestStore();
        t.Ok("HMSET", "h", "a", "1", "b", "2");
        Assert.Equal("[1, 2, (nil)]", t.Text("HMGET", "h", "a", "b", "zz"));
    }

    [Fact]
    public void ReadsOfAMissingKeyAnswerEmpty()
    {
        using var t = new TestStore();
        t.Nil("HGET", "h", "a");
        Assert.Equal("[(nil), (nil)]", t.Text("HMGET", "h", "a", "b"));
        Assert.Equal("[]", t.Text("HGETALL", "h"));
        Assert.Equal("[]", t.Text("HKEYS", "h"));
        Assert.Equal("[]", t.Text("HVALS", "h"));
        Assert.Equal(0, t.Int("HLEN", "h"));
        Assert.Equal(0, t.Int("HEXISTS", "h", "a"));
        Assert.Equal(0, t.Int("HSTRLEN", "h", "a"));
        Assert.Equal(0, t.Int("HDEL", "h", "a"));
    }

    [Fact]
    public void IntegerLikeValuesReadBackAsTheirText()
    {
        using var t = new TestStore();
        string[] values = ["0", "-1", "127", "128", "-4096", "4095", "-4097", "32767", "-32768", "8388607", "-8388608",
            "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808", "007", "-0", "+1", " 1", "1.5",
            "9223372036854775808", ""];
        for (int i = 0; i < values.Length; i++)
        {
            t.Run("HSET", "h", values[i], values[i]);
        }
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], t.Text("HGET", "h", values[i]));
            Assert.Equal(values[i].Length, t.Int("HSTRLEN", "h", values[i]));
        }
        Assert.Equal(values.Length, t.Int("HLEN", "h"));
        Assert.Equal("listpack", t.Text("OBJECT", "ENCODING", "h"));
        Assert.Equal("[" + string.Join(", ", values) + "]", t.Text("HKEYS", "h"));
    }

    [Fact]
    public void HdelRemovesFieldsAndTheEmptiedKey()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1", "b", "2", "c", "3");
        Assert.Equal(2, t.Int("HDEL", "h", "a", "zz", "c", "a"));
        Assert.Equal("[b, 2]", t.Text("HGETALL", "h"));
        Assert.Equal(1, t.Int("HDEL", "h", "b"));
        Assert.Equal(0, t.Int("EXISTS", "h"));
    }

    [Fact]
    public void HsetnxSetsOnlyMissingFields()
    {
        using var t = new TestStore();
        Assert.Equal(1, t.Int("HSETNX", "h", "a", "1"));
        Assert.Equal(0, t.Int("HSETNX", "h", "a", "2"));
        Assert.Equal("1", t.Text("HGET", "h", "a"));
    }

    [Fact]
    public void HexistsAndHstrlen()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "hello", "n", "-123");
        Assert.Equal(1, t.Int("HEXISTS", "h", "a"));
        Assert.Equal(0, t.Int("HEXISTS", "h", "b"));
        Assert.Equal(5, t.Int("HSTRLEN", "h", "a"));
        Assert.Equal(4, t.Int("HSTRLEN", "h", "n"));
    }

    [Fact]
    public void HkeysAndHvalsFollowInsertionOrderInAListpack()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "z", "1", "y", "2", "x", "3");
        t.Run("HDEL", "h", "y");
        t.Run("HSET", "h", "y", "4");
        Assert.Equal("[z, x, y]", t.Text("HKEYS", "h"));
        Assert.Equal("[1, 3, 4]", t.Text("HVALS", "h"));
    }

    [Theory]
    [InlineData("HGET", "s", "f")]
    [InlineData("HMGET", "s", "f")]
    [InlineData("HGETALL", "s")]
    [InlineData("HKEYS", "s")]
    [InlineData("HVALS", "s")]
    [InlineData("HLEN", "s")]
    [InlineData("HEXISTS", "s", "f")]
    [InlineData("HSTRLEN", "s", "f")]
    [InlineData("HDEL", "s", "f")]
    [InlineData("HSET", "s", "f", "v")]
    [InlineData("HMSET", "s", "f", "v")]
    [InlineData("HSETNX", "s", "f", "v")]
    [InlineData("HINCRBY", "s", "f", "1")]
    [InlineData("HINCRBYFLOAT", "s", "f", "1")]
    [InlineData("HRANDFIELD", "s")]
    [InlineData("HRANDFIELD", "s", "2")]
    [InlineData("HSCAN", "s", "0")]
    public void HashCommandsOnAStringAreWrongType(params string[] command)
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "x");
        t.Error(WrongType, command);
        Assert.Equal("x", t.Text("GET", "s"));
    }

    [Fact]
    public void StringCommandsOnAHashAreWrongType()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1");
        t.Error(WrongType, "GET", "h");
        t.Error(WrongType, "INCR", "h");
        t.Error(WrongType, "APPEND", "h", "x");
        Assert.Equal("hash", t.Text("TYPE", "h"));
    }

    [Fact]
    public void GenericKeyCommandsWorkOnHashes()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1", "b", "2");
        Assert.Equal(1, t.Int("EXPIRE", "h", "100"));
        Assert.Equal(100, t.Int("TTL", "h"));
        t.Run("HSET", "h", "c", "3");
        Assert.Equal(100, t.Int("TTL", "h"));
        t.Ok("RENAME", "h", "h2");
        Assert.Equal("[a, 1, b, 2, c, 3]", t.Text("HGETALL", "h2"));
        Assert.Equal(1, t.Int("COPY", "h2", "h3"));
        t.Run("HSET", "h3", "d", "4");
        Assert.Equal(3, t.Int("HLEN", "h2"));
        Assert.Equal(4, t.Int("HLEN", "h3"));
        Assert.Equal(1, t.Int("MOVE", "h3", "1"));
        Assert.Equal(0, t.Int("EXISTS", "h3"));
        Assert.Equal(["h2"], t.Db.KeyScan("*", 10, KeyType.Hash).ToArray());
        t.Time.Advance(TimeSpan.FromSeconds(101));
        Assert.Equal(0, t.Int("HLEN", "h2"));
        Assert.Equal(0, t.Int("EXISTS", "h2"));
    }

    [Fact]
    public void ExpiredHashReadsAsMissing()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1");
        t.Run("PEXPIRE", "h", "10");
        t.Time.Advance(TimeSpan.FromMilliseconds(11));
        t.Nil("HGET", "h", "a");
        Assert.Equal(1, t.Int("HSET", "h", "b", "2"));
        Assert.Equal(-1, t.Int("TTL", "h"));
    }

    [Fact]
    public void BinaryFieldsAndValuesRoundTrip()
    {
        using var t = new TestStore();
        var field = new byte[] { 0, 255, 10, 13 };
        var value = new byte[300];
        new Random(3).NextBytes(value);
        t.Db.HashSet("bin"u8, field, value);
        Assert.Equal(value, t.Db.HashGet("bin"u8, field));
    }
}
