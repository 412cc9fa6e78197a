namespace InProcValkey.Tests.Keys;

public sealed class DatabaseCommandTests
{
    [Fact]
    public void SelectParsesTheIndexAsValkeysGetIntFromObject()
    {
        using var t = new TestStore();
        t.Error("ERR value is not an integer or out of range", "SELECT", "x");
        t.Error("ERR value is not an integer or out of range", "SELECT", " 1");
        t.Error("ERR value is out of range, value must between -2147483648 and 2147483647", "SELECT", "99999999999");
        t.Error("ERR DB index is out of range", "SELECT", "-1");
        t.Error("ERR DB index is out of range", "SELECT", "16");
        t.Ok("SELECT", "15");
        Assert.Equal(15, t.Session.SelectedDatabase);
    }

    [Fact]
    public void DbSizeCountsKeysIncludingExpiredOnesNotYetReclaimed()
    {
        using var t = new TestStore(activeExpiry: false);
        Assert.Equal(0, t.Int("DBSIZE"));
        t.Ok("SET", "a", "1");
        t.Ok("SET", "b", "1", "PX", "1");
        t.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, t.Int("DBSIZE"));
        Assert.Equal(2, t.Db.DatabaseSize());
        t.Error("ERR wrong number of arguments for 'dbsize' command", "DBSIZE", "x");
    }

    [Theory]
    [InlineData]
    [InlineData("SYNC")]
    [InlineData("async")]
    public void FlushDbEmptiesOnlyTheSelectedDatabase(params string[] mode)
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Store.GetDatabase(1).StringSet("b", "2");
        t.Ok(["FLUSHDB", .. mode]);
        Assert.Equal(0, t.Int("DBSIZE"));
        Assert.Equal(1, t.Store.GetDatabase(1).DatabaseSize());
    }

    [Theory]
    [InlineData]
    [InlineData("sync")]
    [InlineData("ASYNC")]
    public void FlushAllEmptiesEveryDatabase(params string[] mode)
    {
        using var t = new TestStore();
        for (int db = 0; db < 16; db++)
        {
            t.Store.GetDatabase(db).StringSet("k", "v", TimeSpan.FromMinutes(1));
        }
        t.Ok(["FLUSHALL", .. mode]);
        for (int db = 0; db < 16; db++)
        {
            Assert.Equal(0, t.Store.GetDatabase(db).DatabaseSize());
        }
        t.Ok("SET", "k", "again");
        Assert.Equal("again", t.Text("GET", "k"));
    }

    [Fact]
    public void FlushOptionsOtherThanOneSyncOrAsyncAreASyntaxError()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Error("ERR syntax error", "FLUSHDB", "x");
        t.Error("ERR syntax error", "FLUSHDB", "SYNC", "ASYNC");
        t.Error("ERR syntax error", "FLUSHALL", "now");
        t.Error("ERR syntax error", "FLUSHALL", "ASYNC", "ASYNC");
        Assert.Equal(1, t.Int("DBSIZE"));
    }

    [Fact]
    public void SwapDbSwapsContentsForEverySessionAndTypedDatabase()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "zero", "EX", "100");
        var db3 = t.Store.GetDatabase(3);
        db3.StringSet("k", "three");
        var s3 = t.Store.CreateSession(3);
        t.Ok("SWAPDB", "0", "3");
        Assert.Equal("three", t.Text("GET", "k"));
        Assert.Equal(-1, t.Int("TTL", "k"));
        Assert.Equal("zero", s3.Execute("GET", "k").ToString());
        Assert.Equal(100, s3.Execute("TTL", "k").AsInt64());
        Assert.Equal("zero", db3.StringGet("k"));
        t.Ok("SWAPDB", "3", "3");
        Assert.Equal("zero", db3.StringGet("k"));
    }

    [Fact]
    public void SwappedDatabasesKeepExpiringActively()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v", "PX", "100");
        t.Ok("SWAPDB", "0", "9");
        t.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, t.Store.GetDatabase(9).DatabaseSize());
        Assert.Equal(1, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void SwapDbErrorsMatchValkey()
    {
        using var t = new TestStore();
        t.Error("ERR invalid first DB index", "SWAPDB", "x", "0");
        t.Error("ERR invalid second DB index", "SWAPDB", "0", "x");
        t.Error("ERR invalid first DB index", "SWAPDB", "99999999999", "0");
        t.Error("ERR invalid second DB index", "SWAPDB", "0", "99999999999");
        t.Error("ERR invalid second DB index", "SWAPDB", "1", "01");
        t.Error("ERR DB index is out of range", "SWAPDB", "0", "16");
        t.Error("ERR DB index is out of range", "SWAPDB", "-1", "0");
        t.Error("ERR wrong number of arguments for 'swapdb' command", "SWAPDB", "1");
        Assert.Throws<ValkeyException>(() => t.Store.SwapDatabases(0, 16));
    }

    [Fact]
    public void TimeRepliesSecondsAndMicrosecondsFromTheStoreClock()
    {
        using var t = new TestStore();
        t.Time.SetUtcNow(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567));
        var r = t.Run("TIME");
        Assert.Equal(ValkeyReplyKind.Array, r.Kind);
        Assert.All(r.Elements, e => Assert.Equal(ValkeyReplyKind.BulkString, e.Kind));
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), r.Elements[0].ToString());
        Assert.Equal("123456", r.Elements[1].ToString());
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560), t.Store.Time());
        t.Error("ERR wrong number of arguments for 'time' command", "TIME", "x");
    }
}
