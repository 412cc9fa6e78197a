using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Databases;

/// <summary>SELECT, DBSIZE, FLUSHDB, FLUSHALL (SYNC/ASYNC), SWAPDB, TIME, PING, ECHO.</summary>
public class DatabaseTests(RedisServerFixture server) : CompatTest(server)
{
    private void FillTwoDatabases()
    {
        Same("MSET", "a", "0", "b", "0");
        Same("SET", "t", "v", "EX", "100");
        Same("SELECT", "1");
        Same("MSET", "a", "1", "c", "1");
        Same("SELECT", "0");
    }

    [Fact]
    public void SelectSwitchesDatabases()
    {
        Same("SET", "k", "zero");
        Same("SELECT", "1");
        Same("GET", "k");
        Same("SET", "k", "one");
        Same("SELECT", "15");
        Same("DBSIZE");
        Same("SELECT", "0");
        Same("GET", "k");
        Same("SELECT", "1");
        Same("GET", "k");
    }

    [Theory]
    [InlineData("16")]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("01")]
    [InlineData("")]
    [InlineData("2147483648")]
    [InlineData("9223372036854775808")]
    public void SelectRejectsBadIndexes(string index)
    {
        Same("SET", "k", "v");
        Same("SELECT", index);
        Same("GET", "k");
    }

    [Fact]
    public void DbSizeCountsKeysOfTheSelectedDatabase()
    {
        Same("DBSIZE");
        FillTwoDatabases();
        Same("DBSIZE");
        Same("SELECT", "1");
        Same("DBSIZE");
        Same("DEL", "a");
        Same("DBSIZE");
    }

    [Fact]
    public void FlushDbEmptiesOnlyTheSelectedDatabase()
    {
        FillTwoDatabases();
        Same("FLUSHDB");
        Same("DBSIZE");
        Same("SELECT", "1");
        Same("DBSIZE");
        Same("FLUSHDB", "ASYNC");
        Same("DBSIZE");
        Same("SET", "x", "1");
        Same("FLUSHDB", "SYNC");
        Same("DBSIZE");
        Same("FLUSHDB", "sync");
        Same("FLUSHDB", "FOO");
        Same("FLUSHDB", "SYNC", "ASYNC");
        Same("FLUSHDB", "ASYNC", "ASYNC");
    }

    [Fact]
    public void FlushAllEmptiesEveryDatabase()
    {
        FillTwoDatabases();
        Same("FLUSHALL");
        Same("DBSIZE");
        Same("SELECT", "1");
        Same("DBSIZE");
        FillTwoDatabases();
        Same("FLUSHALL", "ASYNC");
        Same("DBSIZE");
        FillTwoDatabases();
        Same("FLUSHALL", "sync");
        Same("SELECT", "1");
        Same("DBSIZE");
        Same("FLUSHALL", "FOO");
        Same("FLUSHALL", "ASYNC", "SYNC");
    }

    [Fact]
    public void SwapDbExchangesContentsAndTtls()
    {
        FillTwoDatabases();
        Same("SWAPDB", "0", "1");
        Same("MGET", "a", "b", "c");
        SameApprox("TTL", "t");
        Same("SELECT", "1");
        Same("MGET", "a", "b", "c");
        SameApprox("TTL", "t");
        Same("SWAPDB", "1", "1");
        Same("MGET", "a", "b", "c");
        Same("SWAPDB", "1", "15");
        Same("DBSIZE");
        Same("SELECT", "15");
        Same("MGET", "a", "b", "c");
    }

    [Theory]
    [InlineData("0", "16")]
    [InlineData("16", "0")]
    [InlineData("-1", "0")]
    [InlineData("0", "-1")]
    [InlineData("x", "0")]
    [InlineData("0", "x")]
    [InlineData("x", "y")]
    [InlineData("1.0", "0")]
    [InlineData("0", "2147483648")]
    [InlineData("", "0")]
    public void SwapDbRejectsBadIndexes(string first, string second)
    {
        Same("SET", "k", "v");
        Same("SWAPDB", first, second);
        Same("GET", "k");
    }

    [Fact]
    public void TimeIsNow()
    {
        SameApprox("TIME");
        Same("TIME", "extra");
    }

    [Fact]
    public void PingAndEcho()
    {
        Same("PING");
        Same("ping", "hello");
        Same("PING", "");
        Same("PING", Bin.Value);
        Same("PING", "a", "b");
        Same("ECHO", "hello");
        Same("ECHO", "");
        Same("ECHO", Bin.Value);
        Same("echo", Bin.Text(10_000));
        Same("ECHO");
        Same("ECHO", "a", "b");
    }
}
