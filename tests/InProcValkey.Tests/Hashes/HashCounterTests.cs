namespace InProcValkey.Tests.Hashes;

/// <summary>HINCRBY and HINCRBYFLOAT: errors in Valkey's order, overflow, long double formatting (expected texts from redis-server 7.0.15).</summary>
public sealed class HashCounterTests
{
    [Fact]
    public void HincrbyCreatesKeyAndField()
    {
        using var t = new TestStore();
        Assert.Equal(5, t.Int("HINCRBY", "h", "f", "5"));
        Assert.Equal(-2, t.Int("HINCRBY", "h", "f", "-7"));
        Assert.Equal("-2", t.Text("HGET", "h", "f"));
    }

    [Fact]
    public void HincrbyOverflowChangesNothing()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "f", "9223372036854775807", "g", "-9223372036854775808");
        t.Error("ERR increment or decrement would overflow", "HINCRBY", "h", "f", "1");
        t.Error("ERR increment or decrement would overflow", "HINCRBY", "h", "g", "-1");
        Assert.Equal("9223372036854775807", t.Text("HGET", "h", "f"));
        Assert.Equal(0, t.Int("HINCRBY", "h", "g", "9223372036854775807") + 1);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("01")]
    [InlineData(" 1")]
    [InlineData("")]
    [InlineData("9223372036854775808")]
    public void HincrbyOnANonIntegerValue(string stored)
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "f", stored);
        t.Error("ERR hash value is not an integer", "HINCRBY", "h", "f", "1");
        Assert.Equal(stored, t.Text("HGET", "h", "f"));
    }

    [Fact]
    public void HincrbyIncrementIsParsedBeforeTheKeyIsRead()
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "x");
        t.Error("ERR value is not an integer or out of range", "HINCRBY", "s", "f", "x");
        t.Error("WRONGTYPE Operation against a key holding the wrong kind of value", "HINCRBY", "s", "f", "1");
        t.Error("ERR value is not an integer or out of range", "HINCRBY", "h", "f", "1.0");
        Assert.Equal(0, t.Int("EXISTS", "h"));
    }

    [Theory]
    [InlineData(null, "0.1", "0.1")]
    [InlineData("10.5", "0.1", "10.6")]
    [InlineData("0.1", "0.2", "0.3")]
    [InlineData(null, "5.0e3", "5000")]
    [InlineData(null, "3.0e-5", "0.00003")]
    [InlineData(null, "-0", "0")]
    [InlineData(null, "0x10", "16")]
    [InlineData("3", "0", "3")]
    [InlineData("9223372036854775807", "1", "9223372036854775808")]
    [InlineData(null, "1.23456789012345678901", "1.23456789012345679")]
    [InlineData("1.5", "1e308", "99999999999999999996685879655845645660560099847415567207797047994921734868838061872100126921888539320446747225054013223152134749593960583597420814430196418767959100019603190778663109604507106667939153395788938914560543563061268364901618630217086589253444881623791300855757318142424510452728255046343928578048")]
    public void HincrbyfloatFormatsLikeValkey(string? stored, string increment, string expected)
    {
        using var t = new TestStore();
        if (stored is not null)
        {
            t.Run("HSET", "h", "f", stored);
        }
        Assert.Equal(expected, t.Text("HINCRBYFLOAT", "h", "f", increment));
        Assert.Equal(expected, t.Text("HGET", "h", "f"));
    }

    [Fact]
    public void HincrbyfloatErrorsInValkeysOrder()
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "x");
        t.Error("ERR value is not a valid float", "HINCRBYFLOAT", "s", "f", "x");
        t.Error("ERR value is NaN or Infinity", "HINCRBYFLOAT", "s", "f", "inf");
        t.Error("ERR value is not a valid float", "HINCRBYFLOAT", "s", "f", "nan");
        t.Error("WRONGTYPE Operation against a key holding the wrong kind of value", "HINCRBYFLOAT", "s", "f", "1");
        t.Run("HSET", "h", "f", "abc", "big", "1e4932");
        t.Error("ERR hash value is not a float", "HINCRBYFLOAT", "h", "f", "1");
        t.Error("ERR increment would produce NaN or Infinity", "HINCRBYFLOAT", "h", "big", "1e4932");
        Assert.Equal("1e4932", t.Text("HGET", "h", "big"));
        Assert.Equal(0, t.Int("EXISTS", "nothing"));
    }
}

/// <summary>Hash commands are atomic under concurrency (one shard lock per command).</summary>
public sealed class HashConcurrencyTests
{
    [Fact]
    public void ConcurrentHincrbyLosesNoIncrement()
    {
        using var t = new TestStore();
        var db = t.Db;
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 2000; i++)
            {
                db.HashIncrement("h", "n" + (i % 3));
                if (i % 100 == 0)
                {
                    db.HashSet("h", "pad" + i, new string('x', i % 90));
                }
            }
        });
        long total = 0;
        for (int f = 0; f < 3; f++)
        {
            total += long.Parse(db.HashGet("h", "n" + f)!);
        }
        Assert.Equal(8000, total);
    }
}
