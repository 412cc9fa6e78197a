using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Server;

/// <summary>
/// DEBUG DIGEST-VALUE and DEBUG DIGEST: the same data must give the same SHA1 digests as the reference server, for every
/// type and encoding (the digest ignores encodings and the order of unordered collections).
/// </summary>
public class DebugDigestTests(RedisServerFixture server) : CompatTest(server)
{
    private void Populate()
    {
        Same("SET", "s", "hello");
        Same("SET", "n", "12345");
        Same("SET", "neg", "-9223372036854775808");
        Same("RPUSH", "l", "a", "1", "bb", "-7", new string('x', 100));
        Same("SADD", "ints", "1", "2", "3", "-40");
        Same("SADD", "mixed", "x", "y", "3");
        Same("ZADD", "z", "1.5", "a", "2", "b", "-3.25", "c", "0.1", "d", "1e30", "e", "-0", "f", "1e-7", "g", "123456789012345678", "h");
        Same("ZADD", "zinf", "inf", "a", "-inf", "b");
        Same("HSET", "h", "f", "v", "g", "12", "", "empty");
        Same("SET", "ttl", "v", "EX", "100");
        Same("RPUSH", "ttllist", "a");
        Same("EXPIRE", "ttllist", "100");
    }

    [Fact]
    public void DigestValueOfEveryTypeAgrees()
    {
        Populate();
        Same("DEBUG", "DIGEST-VALUE", "s", "n", "neg", "l", "ints", "mixed", "z", "zinf", "h", "ttl", "ttllist", "missing");
        Same("DEBUG", "DIGEST-VALUE");
    }

    [Fact]
    public void DigestValueOfLargeEncodingsAgrees()
    {
        var members = Enumerable.Range(0, 600).Select(i => "m" + i).ToArray();
        Same(["RPUSH", "biglist", .. members.Select(m => (Arg)m)]);
        Same(["SADD", "bigset", .. members.Select(m => (Arg)m)]);
        Same(["ZADD", "bigz", .. members.SelectMany((m, i) => new Arg[] { (i * 0.37).ToString("R", System.Globalization.CultureInfo.InvariantCulture), m })]);
        Same(["HSET", "bighash", .. members.SelectMany(m => new Arg[] { m, m + "v" })]);
        Same("DEBUG", "DIGEST-VALUE", "biglist", "bigset", "bigz", "bighash");
    }

    [Fact]
    public void DatasetDigestAgrees()
    {
        Same("FLUSHALL");
        Same("DEBUG", "DIGEST");
        Populate();
        Same("DEBUG", "DIGEST");
        Same("SELECT", "3");
        Same("SET", "k", "v");
        Same("DEBUG", "DIGEST");
        Same("FLUSHALL");
    }
}
