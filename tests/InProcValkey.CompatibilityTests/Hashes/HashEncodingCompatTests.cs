using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Hashes;

/// <summary>OBJECT ENCODING transitions (listpack → hashtable) at the thresholds and under CONFIG, against redis-server.</summary>
public class HashEncodingCompatTests(RedisServerFixture server) : HashCompatTest(server)
{
    private void Encoding(string key) => Same("OBJECT", "ENCODING", key);

    [Fact]
    public void DefaultThresholdsAreTheSame()
    {
        SamePairs("CONFIG", "GET", "hash-max-*");
        Same("CONFIG", "GET", "hash-max-ziplist-entries");
        Same("CONFIG", "GET", "hash-max-listpack-value");
    }

    [Fact]
    public void ValueOfSixtyFourBytesStaysListpackSixtyFiveConverts()
    {
        Same("HSET", "h", "f", Bin.Text(64));
        Encoding("h");
        Same("HSET", "h", "g", Bin.Text(65));
        Encoding("h");
        SamePairs("HGETALL", "h");
        Same("HSET", "k", Bin.Text(65), "v");
        Encoding("k");
        Same("HSETNX", "n", "f", Bin.Text(65));
        Encoding("n");
    }

    [Fact]
    public void TooManyEntriesConverts()
    {
        for (int i = 0; i < 512; i++)
        {
            Diff.Run(Arg.ToCommand(["HSET", "h", $"f{i}", i]), CompareMode.Exact);
        }
        Encoding("h");
        Same("HSET", "h", "f0", "x");
        Encoding("h");
        Same("HSET", "h", "f512", "x");
        Encoding("h");
        Same("HLEN", "h");
        SamePairs("HGETALL", "h");
        SameHScan("h");
        SameHScan("h", "MATCH", "f1*", "COUNT", "7");
    }

    [Fact]
    public void ConfiguredThresholdsAndAliases()
    {
        Config("hash-max-ziplist-entries", "3");
        Config("hash-max-listpack-value", "4");
        Same("CONFIG", "GET", "hash-max-listpack-entries");
        Same("HSET", "h", "a", "1", "b", "2", "c", "3");
        Encoding("h");
        Same("HSET", "h", "d", "4");
        Encoding("h");
        Same("HSET", "v", "a", "1234");
        Encoding("v");
        Same("HSET", "v", "b", "12345");
        Encoding("v");
        Same("HSET", "i", "a", "1");
        Same("HINCRBY", "i", "a", "99998");
        Encoding("i");
        Same("HINCRBY", "i", "a", "1");
        Encoding("i");
        Same("HSET", "fl", "a", "1");
        Same("HINCRBYFLOAT", "fl", "a", "0.5");
        Encoding("fl");
        Same("HINCRBYFLOAT", "fl", "a", "0.25");
        Encoding("fl");
        Same("HINCRBY", "lf", "abcde", "1");
        Encoding("lf");
        Same("HSET", "dup", "a", "1", "a", "2", "b", "1");
        Encoding("dup");
    }

    [Fact]
    public void ZeroEntriesMakesEveryHashAHashtable()
    {
        Config("hash-max-listpack-entries", "0");
        Same("HSET", "h", "a", "1");
        Encoding("h");
        Same("HINCRBY", "n", "a", "1");
        Encoding("n");
    }

    [Fact]
    public void HashtableNeverConvertsBack()
    {
        Same("HSET", "h", "a", Bin.Text(65));
        Encoding("h");
        Same("HDEL", "h", "a");
        Same("EXISTS", "h");
        Same("HSET", "h2", "a", Bin.Text(65), "b", "1");
        Same("HDEL", "h2", "a");
        Encoding("h2");
        Same("HGETALL", "h2");
    }

    [Fact]
    public void InvalidConfigValues()
    {
        Same("CONFIG", "SET", "hash-max-listpack-entries", "-1");
        Same("CONFIG", "SET", "hash-max-listpack-value", "abc");
        Config("hash-max-listpack-value", "1kb");
        Same("CONFIG", "GET", "hash-max-listpack-value");
        Same("HSET", "h", "f", Bin.Text(1024));
        Same("OBJECT", "ENCODING", "h");
        Same("HSET", "h", "g", Bin.Text(1025));
        Same("OBJECT", "ENCODING", "h");
        SamePairs("CONFIG", "GET", "hash-max-listpack-*");
    }
}
