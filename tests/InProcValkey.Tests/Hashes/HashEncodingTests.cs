namespace InProcValkey.Tests.Hashes;

/// <summary>listpack → hashtable conversions (Valkey 7.2's thresholds and CONFIG parameters) and the inline listpack's growth.</summary>
public sealed class HashEncodingTests
{
    private static string? Encoding(TestStore t, string key) => t.Text("OBJECT", "ENCODING", key);

    [Fact]
    public void DefaultThresholdsAre512EntriesAnd64Bytes()
    {
        using var t = new TestStore();
        Assert.Equal("512", t.Run("CONFIG", "GET", "hash-max-listpack-entries").Elements[1].ToString());
        Assert.Equal("64", t.Run("CONFIG", "GET", "hash-max-ziplist-value").Elements[1].ToString());
        for (int i = 0; i < 512; i++)
        {
            t.Run("HSET", "h", "f" + i, "v");
        }
        Assert.Equal("listpack", Encoding(t, "h"));
        t.Run("HSET", "h", "f512", "v");
        Assert.Equal("hashtable", Encoding(t, "h"));
        Assert.Equal(513, t.Int("HLEN", "h"));
        Assert.Equal("v", t.Text("HGET", "h", "f0"));
    }

    [Theory]
    [InlineData(64, "listpack")]
    [InlineData(65, "hashtable")]
    public void LongValuesAndFieldsConvert(int length, string expected)
    {
        using var t = new TestStore();
        t.Run("HSET", "v", "f", new string('x', length));
        t.Run("HSET", "f", new string('x', length), "v");
        Assert.Equal(expected, Encoding(t, "v"));
        Assert.Equal(expected, Encoding(t, "f"));
    }

    [Fact]
    public void ConfigSetThroughAliasesChangesTheThresholds()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "hash-max-ziplist-entries", "2", "hash-max-ziplist-value", "3");
        t.Run("HSET", "h", "a", "1", "b", "2");
        Assert.Equal("listpack", Encoding(t, "h"));
        t.Run("HSET", "h", "c", "3");
        Assert.Equal("hashtable", Encoding(t, "h"));
        t.Run("HINCRBY", "n", "a", "999");
        Assert.Equal("listpack", Encoding(t, "n"));
        t.Run("HINCRBY", "n", "a", "1");
        Assert.Equal("hashtable", Encoding(t, "n"));
        Assert.Equal("1000", t.Text("HGET", "n", "a"));
        t.Ok("CONFIG", "SET", "hash-max-listpack-value", "1kb");
        Assert.Equal("1024", t.Run("CONFIG", "GET", "hash-max-listpack-value").Elements[1].ToString());
    }

    [Fact]
    public void MorePairsThanTheEntryLimitConvertUpFrontEvenWithDuplicates()
    {
        // Valkey 7.2's hashTypeTryConversion (Redis #12019, not in Redis 7.0): HSET with more pairs than
        // hash-max-listpack-entries makes a hashtable before inserting, even when the fields repeat.
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "hash-max-listpack-entries", "2");
        Assert.Equal(1, t.Int("HSET", "h", "a", "1", "a", "2", "a", "3"));
        Assert.Equal("hashtable", Encoding(t, "h"));
        t.Ok("HMSET", "m", "a", "1", "b", "2");
        Assert.Equal("listpack", Encoding(t, "m"));
        t.Ok("HMSET", "m", "a", "1", "a", "2", "a", "3");
        Assert.Equal("hashtable", Encoding(t, "m"));
        Assert.Equal("3", t.Text("HGET", "m", "a"));
        Assert.Equal(2, t.Int("HLEN", "m"));
    }

    [Fact]
    public void HsetnxThatFindsTheFieldDoesNotConvert()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1");
        Assert.Equal(0, t.Int("HSETNX", "h", "a", new string('x', 100)));
        Assert.Equal("listpack", Encoding(t, "h"));
        Assert.Equal(1, t.Int("HSETNX", "h", "b", new string('x', 100)));
        Assert.Equal("hashtable", Encoding(t, "h"));
    }

    [Fact]
    public void AHashtableStaysAHashtableWhenItShrinks()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", new string('x', 65), "b", "1");
        t.Run("HDEL", "h", "a");
        Assert.Equal("hashtable", Encoding(t, "h"));
        Assert.Equal("[b, 1]", t.Text("HGETALL", "h"));
    }

    [Fact]
    public void ConversionKeepsTheTtl()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1");
        t.Run("EXPIRE", "h", "100");
        t.Run("HSET", "h", "b", new string('x', 65));
        Assert.Equal("hashtable", Encoding(t, "h"));
        Assert.Equal(100, t.Int("TTL", "h"));
        for (int i = 0; i < 50; i++)
        {
            t.Run("HSET", "g", "f" + i, new string('v', i));
        }
        t.Run("EXPIRE", "g", "50");
        for (int i = 0; i < 50; i++)
        {
            t.Run("HDEL", "g", "f" + i);
            t.Run("HSET", "g", "x" + i, "1");
        }
        Assert.Equal(50, t.Int("TTL", "g"));
        Assert.Equal(50, t.Int("HLEN", "g"));
    }

    [Fact]
    public void ManyChangesToOneSmallHashKeepItConsistent()
    {
        using var t = new TestStore();
        var model = new Dictionary<string, string>();
        var random = new Random(7);
        for (int i = 0; i < 3000; i++)
        {
            string f = "f" + random.Next(20);
            if (random.Next(3) == 0)
            {
                t.Run("HDEL", "h", f);
                model.Remove(f);
            }
            else
            {
                string v = new('v', random.Next(70));
                t.Run("HSET", "h", f, v);
                model[f] = v;
            }
            if (i % 100 == 0)
            {
                t.Run("DEL", "h");
                model.Clear();
            }
        }
        Assert.Equal(model.Count, t.Int("HLEN", "h"));
        foreach (var (f, v) in model)
        {
            Assert.Equal(v, t.Text("HGET", "h", f));
        }
    }
}
