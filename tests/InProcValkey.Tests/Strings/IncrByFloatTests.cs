using System.Security.Cryptography;
using System.Text;
using InProcValkey.DataTypes;
using static InProcValkey.Tests.Strings.StringTestKit;

namespace InProcValkey.Tests.Strings;

/// <summary>
/// INCRBYFLOAT: 80-bit long double arithmetic and <c>%.17Lf</c> formatting. Every expected value below was produced by
/// redis-server 7.0.15 on x86-64 (same code path as Valkey 7.2); the arithmetic was also compared with glibc
/// (<c>strtold</c>, <c>+</c>, <c>printf("%.17Lf")</c>) on 60,000 generated cases.
/// </summary>
public sealed class IncrByFloatTests
{
    private const string NaNOrInfinity = "ERR increment would produce NaN or Infinity";

    [Theory]
    [InlineData(null, "0.1", "0.1")]
    [InlineData("10.5", "0.1", "10.6")]
    [InlineData("0.1", "0.2", "0.3")]
    [InlineData(null, "5.0e3", "5000")]
    [InlineData(null, "3.0e-5", "0.00003")]
    [InlineData(null, "-0", "0")]
    [InlineData("-0", "-0", "0")]
    [InlineData(null, "0x10", "16")]
    [InlineData(null, "+1", "1")]
    [InlineData(null, "2e-4951", "0")]
    [InlineData("3", "0", "3")]
    [InlineData(null, ".5", "0.5")]
    [InlineData(null, "5.", "5")]
    [InlineData(null, "0x1p-2", "0.25")]
    [InlineData(null, "0X1P+4", "16")]
    [InlineData(null, "0.1e1", "1")]
    [InlineData("9223372036854775807", "1", "9223372036854775808")]
    [InlineData("-9223372036854775808", "-1", "-9223372036854775809")]
    [InlineData(null, "1e17", "100000000000000000")]
    [InlineData(null, "123456789012345678901234567890", "123456789012345678899921813504")]
    [InlineData(null, "-1e-20", "0")]
    [InlineData(null, "0.00000000000000000555", "0.00000000000000001")]
    [InlineData(null, "1.23456789012345678901", "1.23456789012345679")]
    [InlineData(null, "0.000003814697265625", "0.00000381469726562")]
    [InlineData(null, "0.000011444091796875", "0.00001144409179688")]
    [InlineData("5", "-5", "0")]
    [InlineData("-5", "5", "0")]
    [InlineData("1.5", "-1.5", "0")]
    [InlineData("100", "-0.000000000000000001", "100")]
    [InlineData(null, "0x1.8p1", "3")]
    [InlineData(null, "1e+5", "100000")]
    [InlineData(null, "1E-5", "0.00001")]
    [InlineData(null, "-.5", "-0.5")]
    [InlineData(null, "+.5e1", "5")]
    [InlineData(null, "0x.8", "0.5")]
    [InlineData(null, "3.3333333333333333333333333", "3.33333333333333333")]
    [InlineData("3.0", "1", "4")]
    [InlineData(null, "1.5e4932", NotFloat)]
    [InlineData(null, "  1", NotFloat)]
    [InlineData(null, "1 ", NotFloat)]
    [InlineData(null, "0.1\t", NotFloat)]
    [InlineData(null, "nan", NotFloat)]
    [InlineData(null, "NaN", NotFloat)]
    [InlineData(null, "1e-5000", NotFloat)]
    [InlineData(null, "1e-4951", NotFloat)]
    [InlineData(null, "1e", NotFloat)]
    [InlineData(null, "0x", NotFloat)]
    [InlineData(null, "0x1p", NotFloat)]
    [InlineData(null, "1_000", NotFloat)]
    [InlineData(null, "1,5", NotFloat)]
    [InlineData(null, "\u0663", NotFloat)]
    [InlineData(null, "", NotFloat)]
    [InlineData("abc", "1", NotFloat)]
    [InlineData("1", "abc", NotFloat)]
    [InlineData(null, "inf", NaNOrInfinity)]
    [InlineData(null, "-inf", NaNOrInfinity)]
    [InlineData(null, "infinity", NaNOrInfinity)]
    [InlineData("1.1e4932", "1.1e4932", NaNOrInfinity)]
    public void MatchesValkey(string? initial, string increment, string expected)
    {
        using var t = new TestStore();
        if (initial is not null)
        {
            t.Ok("SET", "k", initial);
        }
        var before = t.Text("GET", "k");
        var reply = t.Run("INCRBYFLOAT", "k", increment);
        if (expected.StartsWith("ERR ", StringComparison.Ordinal))
        {
            Assert.Equal(expected, reply.ErrorMessage);
            Assert.Equal(before, t.Text("GET", "k"));
            return;
        }
        Assert.Equal(ValkeyReplyKind.BulkString, reply.Kind);
        Assert.Equal(expected, reply.ToString());
        Assert.Equal(expected, t.Text("GET", "k"));
        Assert.Equal(expected.Length <= 44 ? "embstr" : "raw", t.EncodingOf("k"));
    }

    [Theory]
    [InlineData("1e308", "10", 308, "53bdcc9c5d0ca348a6106990d12f7ad1b56c7d1ea7e76f50e10e28ebac2e190e")]
    [InlineData(null, "1.1e4932", 4933, "d75f99cd3adac4313716bd597f67155354443b7fe6aa113f3a6fddfc08de1187")]
    [InlineData(null, "1e4932", 4933, "754d16acb807875eba75298c60f224d7a029b9d04efbadf36cacaaa9b88f0745")]
    [InlineData(null, "-1e4932", 4934, "7f86bf9bee82318908d0eb8ebef34470a06e5643dc8bb943281653c4d4528bbf")]
    public void HugeResultsPrintEveryIntegerDigit(string? initial, string increment, int length, string sha256)
    {
        using var t = new TestStore();
        if (initial is not null)
        {
            t.Ok("SET", "k", initial);
        }
        var text = t.Text("INCRBYFLOAT", "k", increment)!;
        Assert.Equal(length, text.Length);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text))));
        Assert.Equal("raw", t.EncodingOf("k"));
    }

    [Fact]
    public void RepeatedTenthsStayExactInLongDouble()
    {
        // With C# doubles the third step would print 0.30000000000000004.
        using var t = new TestStore();
        string[] expected = ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"];
        foreach (var e in expected)
        {
            Assert.Equal(e, t.Text("INCRBYFLOAT", "k", "0.1"));
        }
    }

    [Fact]
    public void AnIntegerLookingResultIsStoredAsTextNotInt()
    {
        using var t = new TestStore();
        Assert.Equal("3", t.Text("INCRBYFLOAT", "k", "3"));
        Assert.Equal("embstr", t.EncodingOf("k"));
        t.Ok("SET", "i", "5");
        Assert.Equal("int", t.EncodingOf("i"));
        Assert.Equal("6", t.Text("INCRBYFLOAT", "i", "1"));
        Assert.Equal("embstr", t.EncodingOf("i"));
        Assert.Equal(7, t.Int("INCR", "i"));
        Assert.Equal("int", t.EncodingOf("i"));
    }

    [Fact]
    public void KeepsTheTtlAndRefusesOtherTypes()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "1.5", "EX", "100");
        Assert.Equal("2", t.Text("INCRBYFLOAT", "k", "0.5"));
        Assert.Equal(100_000, t.Pttl("k"));
        t.PutNonString("l");
        t.Error(WrongType, "INCRBYFLOAT", "l", "x");
    }

    [Fact]
    public void AStoredInfinityParsesButCannotBeIncremented()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "inf");
        t.Error(NaNOrInfinity, "INCRBYFLOAT", "k", "1");
        t.Error(NaNOrInfinity, "INCRBYFLOAT", "k", "-inf");
        Assert.Equal("inf", t.Text("GET", "k"));
    }

    [Fact]
    public void InputsOfFiveKilobytesOrMoreAreRefused()
    {
        using var t = new TestStore();
        Assert.Equal("1", t.Text("INCRBYFLOAT", "a", "1." + new string('0', 5117)));
        t.Error(NotFloat, "INCRBYFLOAT", "b", "1." + new string('0', 5118));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.5e-5, "0.000015")]
    public void TypedIncrementSendsTheShortestText(double increment, string expected)
    {
        using var t = new TestStore();
        Assert.Equal(double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), t.Db.StringIncrement("k", increment));
        Assert.Equal(expected, t.Db.StringGet("k"));
    }

    [Fact]
    public void TypedIncrementByFloatReturnsTheExactText()
    {
        using var t = new TestStore();
        Assert.Equal("10.5", t.Db.StringIncrementByFloat("k", "10.5"));
        Assert.Equal("10.6", t.Db.StringIncrementByFloat("k", "0.1"));
        Assert.Equal("10.6"u8.ToArray(), t.Db.StringIncrementByFloat("k"u8, "0"u8));
        Assert.Equal(NotFloat, Assert.Throws<ValkeyException>(() => t.Db.StringIncrementByFloat("k", "x")).Message);
    }

    [Fact]
    public void TypedIncrementRejectsNaNAndInfinity()
    {
        using var t = new TestStore();
        Assert.Equal(NotFloat, Assert.Throws<ValkeyException>(() => t.Db.StringIncrement("k", double.NaN)).Message);
        Assert.Equal(NaNOrInfinity, Assert.Throws<ValkeyException>(() => t.Db.StringIncrement("k", double.PositiveInfinity)).Message);
        Assert.Equal(-1.25, t.Db.StringDecrement("k", 1.25));
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("1e-4940")]
    [InlineData("0x1.fffffffffffffffep16383")]
    [InlineData("-123456789.987654321")]
    public void LongDoubleParsesAndAddsZeroExactly(string text)
    {
        Assert.True(LongDouble.TryParse(Encoding.ASCII.GetBytes(text), out var v));
        Assert.True(v.IsFinite);
        var sum = v + LongDouble.Zero;
        Assert.Equal(v.ToString(), sum.ToString());
        Assert.Equal("0", (v + Negate(text)).ToString());
    }

    private static LongDouble Negate(string text)
    {
        var negated = text.StartsWith('-') ? text[1..] : "-" + text;
        Assert.True(LongDouble.TryParse(Encoding.ASCII.GetBytes(negated), out var v));
        return v;
    }
}
