using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Strings;

/// <summary>APPEND, STRLEN, GETRANGE, SUBSTR, SETRANGE: offsets (negative, huge), padding, limits, binary data.</summary>
public class RangeTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void AppendCreatesAndExtends()
    {
        Same("APPEND", "k", "Hello");
        Same("APPEND", "k", " World");
        Same("GET", "k");
        Same("APPEND", "k", "");
        Same("APPEND", "empty", "");
        Same("EXISTS", "empty");
        Same("GET", "empty");
        Same("SET", "n", "12");
        Same("APPEND", "n", "34");
        Same("INCR", "n");
        Same("APPEND", Bin.Key, Bin.Value);
        Same("APPEND", Bin.Key, Bin.Of(0x00));
        Same("GET", Bin.Key);
        Same("SET", "t", "v", "EX", "100");
        Same("APPEND", "t", "w");
        SameApprox("TTL", "t");
    }

    [Fact]
    public void StrlenCountsBytes()
    {
        Same("STRLEN", "missing");
        Same("SET", "k", "héllo");
        Same("STRLEN", "k");
        Same("SET", "n", "-12345");
        Same("STRLEN", "n");
        Same("SET", "e", "");
        Same("STRLEN", "e");
        Same("SET", Bin.Key, Bin.Value);
        Same("STRLEN", Bin.Key);
        Same("SET", "big", Bin.Text(100_000));
        Same("STRLEN", "big");
    }

    [Theory]
    [InlineData("0", "3")]
    [InlineData("0", "-1")]
    [InlineData("-3", "-1")]
    [InlineData("5", "3")]
    [InlineData("-1", "-3")]
    [InlineData("0", "0")]
    [InlineData("-100", "-50")]
    [InlineData("-100", "-99")]
    [InlineData("-100", "-101")]
    [InlineData("0", "-100")]
    [InlineData("1", "-100")]
    [InlineData("-100", "100")]
    [InlineData("9", "9")]
    [InlineData("10", "20")]
    [InlineData("100", "200")]
    [InlineData("3", "9223372036854775807")]
    [InlineData("-9223372036854775808", "9223372036854775807")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("9223372036854775807", "-1")]
    public void GetRangeClampsOffsets(string start, string end)
    {
        Same("SET", "k", "0123456789");
        Same("GETRANGE", "k", start, end);
        Same("SUBSTR", "k", start, end);
        Same("GETRANGE", "missing", start, end);
        Same("SET", "e", "");
        Same("GETRANGE", "e", start, end);
        Same("SET", "n", "-1234");
        Same("GETRANGE", "n", start, end);
    }

    [Fact]
    public void GetRangeRejectsNonIntegerOffsets()
    {
        Same("SET", "k", "hello");
        Same("GETRANGE", "k", "a", "1");
        Same("GETRANGE", "k", "0", "b");
        Same("GETRANGE", "k", "-0", "2");
        Same("GETRANGE", "k", "1.0", "2");
        Same("GETRANGE", "k", "0", "9223372036854775808");
        Same("SUBSTR", "k", "x", "1");
        Same("GETRANGE", "missing", "a", "1");
        Same("GETRANGE", Bin.Key, "0", "-1");
    }

    [Fact]
    public void GetRangeOfBinaryValues()
    {
        Same("SET", Bin.Key, Bin.Value);
        Same("GETRANGE", Bin.Key, "0", "-1");
        Same("GETRANGE", Bin.Key, "1", "3");
        Same("GETRANGE", Bin.Key, "-2", "-1");
    }

    [Fact]
    public void SetRangeOverwritesAndPads()
    {
        Same("SET", "k", "Hello World");
        Same("SETRANGE", "k", "6", "Redis");
        Same("GET", "k");
        Same("SETRANGE", "k", "0", "J");
        Same("SETRANGE", "k", "11", "!");
        Same("SETRANGE", "k", "20", "?");
        Same("GET", "k");
        Same("SETRANGE", "new", "5", "x");
        Same("GET", "new");
        Same("SETRANGE", "new0", "0", "abc");
        Same("GET", "new0");
        Same("SETRANGE", Bin.Key, "3", Bin.Value);
        Same("GET", Bin.Key);
        Same("SET", "n", "12345");
        Same("SETRANGE", "n", "1", "9");
        Same("GET", "n");
        Same("INCR", "n");
        Same("SET", "t", "abc", "EX", "100");
        Same("SETRANGE", "t", "1", "X");
        SameApprox("TTL", "t");
    }

    [Fact]
    public void SetRangeWithEmptyValueChangesNothing()
    {
        Same("SETRANGE", "missing", "0", "");
        Same("SETRANGE", "missing", "100", "");
        Same("SETRANGE", "missing", "536870912", "");
        Same("EXISTS", "missing");
        Same("SET", "k", "abc");
        Same("SETRANGE", "k", "1", "");
        Same("SETRANGE", "k", "100", "");
        Same("SETRANGE", "k", "536870912", "");
        Same("SETRANGE", "k", "-1", "");
        Same("GET", "k");
    }

    [Fact]
    public void SetRangeRejectsBadOffsets()
    {
        Same("SET", "k", "abc");
        Same("SETRANGE", "k", "-1", "x");
        Same("SETRANGE", "missing", "-1", "x");
        Same("SETRANGE", "k", "536870912", "x");
        Same("SETRANGE", "k", "536870911", "xx");
        Same("SETRANGE", "missing", "536870912", "x");
        Same("SETRANGE", "k", "9223372036854775807", "x");
        Same("SETRANGE", "k", "9223372036854775806", "xyz");
        Same("SETRANGE", "k", "x", "x");
        Same("SETRANGE", "k", "1.5", "x");
        Same("SETRANGE", "k", "9223372036854775808", "x");
        Same("EXISTS", "missing");
        Same("GET", "k");
    }
}
