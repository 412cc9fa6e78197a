using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Strings;

/// <summary>INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT: parsing, overflow, formatting, TTL preservation.</summary>
public class CounterTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void IncrAndDecrStartFromZero()
    {
        Same("INCR", "a");
        Same("INCR", "a");
        Same("DECR", "b");
        Same("DECR", "b");
        Same("INCRBY", "c", "10");
        Same("DECRBY", "d", "10");
        Same("INCRBY", "c", "-15");
        Same("DECRBY", "d", "-25");
        Same("MGET", "a", "b", "c", "d");
        Same("INCRBY", "c", "0");
        Same("GET", "c");
    }

    [Fact]
    public void IncrWorksOnStringsThatAreCanonicalIntegers()
    {
        Same("SET", "k", "41");
        Same("INCR", "k");
        Same("SET", "k", "-41");
        Same("DECR", "k");
        Same("SET", "k", "0");
        Same("DECR", "k");
        Same("SET", "k", "9223372036854775806");
        Same("INCR", "k");
        Same("SET", "k", "-9223372036854775807");
        Same("DECR", "k");
        Same("GET", "k");
    }

    [Theory]
    [InlineData("01")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("-0")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("12345678901234567890123")]
    [InlineData("1\u0000")]
    public void IncrRejectsValuesThatAreNotCanonicalIntegers(string value)
    {
        Same("SET", "k", value);
        Same("INCR", "k");
        Same("DECR", "k");
        Same("INCRBY", "k", "1");
        Same("DECRBY", "k", "1");
        Same("GET", "k");
    }

    [Theory]
    [InlineData("01")]
    [InlineData(" 1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("9223372036854775808")]
    public void IncrByRejectsIncrementsThatAreNotIntegers(string increment)
    {
        Same("SET", "k", "5");
        Same("INCRBY", "k", increment);
        Same("DECRBY", "k", increment);
        Same("INCRBY", "missing", increment);
        Same("EXISTS", "missing");
        Same("GET", "k");
    }

    [Fact]
    public void OverflowIsAnErrorAndLeavesTheValue()
    {
        Same("SET", "max", "9223372036854775807");
        Same("INCR", "max");
        Same("INCRBY", "max", "1");
        Same("DECRBY", "max", "-1");
        Same("GET", "max");
        Same("SET", "min", "-9223372036854775808");
        Same("DECR", "min");
        Same("DECRBY", "min", "1");
        Same("INCRBY", "min", "-1");
        Same("GET", "min");
        Same("SET", "k", "1");
        Same("INCRBY", "k", "9223372036854775807");
        Same("DECRBY", "k", "-9223372036854775808");
        Same("DECRBY", "zero", "-9223372036854775808");
        Same("INCRBY", "zero", "-9223372036854775808");
        Same("INCRBY", "zero", "9223372036854775807");
        Same("GET", "k");
        Same("GET", "zero");
    }

    [Fact]
    public void IncrKeepsTheTtl()
    {
        Same("SET", "k", "1", "EX", "100");
        Same("INCR", "k");
        SameApprox("TTL", "k");
        Same("INCRBYFLOAT", "k", "1.5");
        SameApprox("TTL", "k");
        Same("DECRBY", "k", "1");
    }

    [Theory]
    [InlineData("0", "10.5", "0.1")]
    [InlineData("10.5", "0.1", "0.1")]
    [InlineData("0", "3.0e-5", "1")]
    [InlineData("0", "1e308", "1")]
    [InlineData("1e308", "1e308", "0")]
    [InlineData("0", "-1e308", "1")]
    [InlineData("0", "1e-20", "-1e-20")]
    [InlineData("0", "-1e-20", "1e-20")]
    [InlineData("0", "0x10", "0X1p4")]
    [InlineData("5", "inf", "-inf")]
    [InlineData("5", "nan", "NaN")]
    [InlineData("5", "1e309", "1")]
    [InlineData("2.5", "0.5", "-3")]
    [InlineData("1", "0.1", "0.2")]
    [InlineData("3", "1.0", "1.5e0")]
    [InlineData("-0", "0", "-0.0")]
    [InlineData("123456789012345678", "1", "0.5")]
    [InlineData("9223372036854775807", "1", "1")]
    [InlineData("0.1", "0.2", "0.3")]
    [InlineData("1.5", "+1", ".5")]
    [InlineData("1.5", "5.", "1e")]
    [InlineData("1", "1_000", "1,5")]
    [InlineData("1", " 1", "1 ")]
    [InlineData("1", "", "abc")]
    public void IncrByFloatFormatsLikeLongDoubles(string initial, string first, string second)
    {
        Same("SET", "k", initial);
        Same("INCRBYFLOAT", "k", first);
        Same("INCRBYFLOAT", "k", second);
        Same("GET", "k");
        Same("INCRBYFLOAT", "fresh", first);
        Same("GET", "fresh");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5.5")]
    [InlineData(" 1.5")]
    [InlineData("1.5 ")]
    [InlineData("")]
    [InlineData("nan")]
    [InlineData("1e5000")]
    public void IncrByFloatRejectsValuesThatAreNotFloats(string value)
    {
        Same("SET", "k", value);
        Same("INCRBYFLOAT", "k", "1");
        Same("GET", "k");
    }

    [Fact]
    public void IncrByFloatResultsStayStrings()
    {
        Same("INCRBYFLOAT", "k", "1");
        Same("INCR", "k");
        Same("INCRBYFLOAT", "k", "0.5");
        Same("INCR", "k");
        Same("INCRBYFLOAT", "k", "0.5");
        Same("INCR", "k");
        Same("STRLEN", "k");
        Same("SET", "long", Bin.Text(5000, '1'));
        Same("INCRBYFLOAT", "long", "1");
    }

    [Fact]
    public void BinaryKeysCount()
    {
        Same("INCR", Bin.Key);
        Same("INCRBY", Bin.Key, "41");
        Same("INCRBYFLOAT", Bin.Key, "0.25");
        Same("GET", Bin.Key);
        Same("SET", "bin", Bin.Value);
        Same("INCR", "bin");
        Same("INCRBYFLOAT", "bin", "1");
    }
}
