using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Hashes;

/// <summary>HINCRBY and HINCRBYFLOAT: parsing, overflow, long double formatting, against redis-server.</summary>
public class HashCounterCompatTests(RedisServerFixture server) : HashCompatTest(server)
{
    [Theory]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775808")]
    [InlineData("x")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("01")]
    public void HincrbyIncrements(string increment)
    {
        Same("HINCRBY", "h", "f", increment);
        Same("HINCRBY", "h", "f", increment);
        Same("HGETALL", "h");
        Same("EXISTS", "h");
    }

    [Theory]
    [InlineData("9223372036854775807", "1")]
    [InlineData("-9223372036854775808", "-1")]
    [InlineData("9223372036854775806", "1")]
    [InlineData("abc", "1")]
    [InlineData("1.5", "1")]
    [InlineData("01", "1")]
    [InlineData("", "1")]
    [InlineData("-0", "1")]
    [InlineData("123", "x")]
    public void HincrbyOnStoredValues(string stored, string increment)
    {
        Same("HSET", "h", "f", stored);
        Same("HINCRBY", "h", "f", increment);
        Same("HGET", "h", "f");
        Same("HSET", "t", "f", stored, "long", Bin.Text(65));
        Same("HINCRBY", "t", "f", increment);
        Same("HGET", "t", "f");
    }

    [Theory]
    [InlineData(null, "0.1")]
    [InlineData("10.5", "0.1")]
    [InlineData("0.1", "0.2")]
    [InlineData(null, "5.0e3")]
    [InlineData(null, "3.0e-5")]
    [InlineData(null, "-0")]
    [InlineData(null, "0x10")]
    [InlineData(null, "+1")]
    [InlineData(null, ".5")]
    [InlineData("3", "0")]
    [InlineData("9223372036854775807", "1")]
    [InlineData(null, "1e17")]
    [InlineData(null, "123456789012345678901234567890")]
    [InlineData(null, "1.23456789012345678901")]
    [InlineData(null, "1e4000")]
    [InlineData("1e4932", "1e4932")]
    [InlineData("1", "inf")]
    [InlineData("1", "-inf")]
    [InlineData("1", "nan")]
    [InlineData("1", "abc")]
    [InlineData("1", "")]
    [InlineData("1", " 1")]
    [InlineData("abc", "1")]
    [InlineData("inf", "1")]
    [InlineData("1.5e", "1")]
    [InlineData("", "1")]
    [InlineData("5", "-5")]
    [InlineData("-9223372036854775808", "-0.5")]
    public void HincrbyfloatFormatsAsValkey(string? stored, string increment)
    {
        if (stored is not null)
        {
            Same("HSET", "h", "f", stored);
        }
        Same("HINCRBYFLOAT", "h", "f", increment);
        SamePairs("HGETALL", "h");
        Same("HINCRBYFLOAT", "h", "g", increment);
        SamePairs("HGETALL", "h");
    }

    [Fact]
    public void HincrbyfloatOnAHashtable()
    {
        Same("HSET", "h", "f", "1.5", "long", Bin.Text(65));
        Same("HINCRBYFLOAT", "h", "f", "2.25");
        Same("HINCRBYFLOAT", "h", "n", "-3");
        Same("HGET", "h", "f");
        Same("HGET", "h", "n");
        Same("HINCRBY", "h", "n", "3");
        Same("HGET", "h", "n");
    }
}
