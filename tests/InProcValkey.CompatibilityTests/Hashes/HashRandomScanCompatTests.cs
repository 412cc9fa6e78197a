using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Hashes;

/// <summary>HRANDFIELD (argument checks, reply shapes, whole-hash cases) and HSCAN (options, iterations), against redis-server.</summary>
public class HashRandomScanCompatTests(RedisServerFixture server) : HashCompatTest(server)
{
    [Fact]
    public void HrandfieldArgumentErrors()
    {
        Same("HSET", "h", "a", "1", "b", "2", "c", "3");
        Same("HRANDFIELD", "h", "x");
        Same("HRANDFIELD", "h", "1.5");
        Same("HRANDFIELD", "h", "-9223372036854775808");
        Same("HRANDFIELD", "h", "9223372036854775807", "WITHVALUES");
        Same("HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES");
        Same("HRANDFIELD", "h", "1", "WITHVALUE");
        Same("HRANDFIELD", "h", "1", "WITHVALUES", "x");
        Same("HRANDFIELD", "h", "x", "WITHVALUES");
        Same("HRANDFIELD", "missing", "x");
        Same("HRANDFIELD", "missing", "1", "FOO");
    }

    [Fact]
    public void HrandfieldReplies()
    {
        Same("HSET", "h", "a", "1", "b", "2", "c", "3");
        Same("HRANDFIELD", "h", "0");
        Same("HRANDFIELD", "h", "0", "WITHVALUES");
        Same("HRANDFIELD", "h", "3");
        Same("HRANDFIELD", "h", "100", "WITHVALUES");
        SameShape("HRANDFIELD", "h");
        SameShape("HRANDFIELD", "h", "2");
        SameShape("HRANDFIELD", "h", "-5");
        SameShape("HRANDFIELD", "h", "-5", "WITHVALUES");
        SameShape("HRANDFIELD", "h", "1", "WITHVALUES");
        SameShape("HRANDFIELD", "h", "2", "withvalues");
    }

    [Fact]
    public void HrandfieldOnAHashtable()
    {
        for (int i = 0; i < 600; i++)
        {
            Diff.Run(Arg.ToCommand(["HSET", "h", $"f{i}", i]), CompareMode.Exact);
        }
        SamePairs("HRANDFIELD", "h", "600", "WITHVALUES");
        SamePairs("HRANDFIELD", "h", "1000", "WITHVALUES");
        SameShape("HRANDFIELD", "h", "599");
        SameShape("HRANDFIELD", "h", "10", "WITHVALUES");
        SameShape("HRANDFIELD", "h", "-10", "WITHVALUES");
        SameShape("HRANDFIELD", "h", "300");
    }

    [Fact]
    public void HscanOfAListpackIsOneExactPage()
    {
        Same("HSET", "h", "a", "1", "b", "2", "ab", "3", "12", "4");
        Same("HSCAN", "h", "0");
        Same("HSCAN", "h", "0", "COUNT", "1");
        Same("HSCAN", "h", "17", "COUNT", "1");
        Same("HSCAN", "h", "0", "MATCH", "a*");
        Same("HSCAN", "h", "0", "MATCH", "1*", "MATCH", "*");
        Same("HSCAN", "h", "0", "MATCH", "12");
    }

    [Fact]
    public void HscanOptionErrors()
    {
        Same("HSET", "h", "a", "1");
        Same("HSCAN", "h", "x");
        Same("HSCAN", "h", "-1");
        Same("HSCAN", "h", "18446744073709551615");
        Same("HSCAN", "h", "18446744073709551616");
        Same("HSCAN", "h", "0", "COUNT", "0");
        Same("HSCAN", "h", "0", "COUNT", "-1");
        Same("HSCAN", "h", "0", "COUNT", "x");
        Same("HSCAN", "h", "0", "COUNT");
        Same("HSCAN", "h", "0", "MATCH");
        Same("HSCAN", "h", "0", "NOVALUES");
        Same("HSCAN", "h", "0", "TYPE", "hash");
        Same("HSCAN", "h", "0", "FOO", "bar");
    }

    [Fact]
    public void HscanOfAHashtableIteratesEveryPair()
    {
        Same("HSET", "h", "long", Bin.Text(65));
        for (int i = 0; i < 300; i++)
        {
            Diff.Run(Arg.ToCommand(["HSET", "h", $"f{i}", $"v{i}"]), CompareMode.Exact);
        }
        Same("OBJECT", "ENCODING", "h");
        SameHScan("h");
        SameHScan("h", "COUNT", "1");
        SameHScan("h", "COUNT", "1000");
        SameHScan("h", "MATCH", "f2?");
        SameHScan("h", "MATCH", "nothing*");
    }
}
