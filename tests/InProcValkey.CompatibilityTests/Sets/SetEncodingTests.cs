using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Sets;

/// <summary>
/// OBJECT ENCODING of sets against redis-server. Redis 7.0 has no listpack sets (Valkey 7.2 / Redis 7.2 added them): a
/// small set with a non-integer member is a <c>hashtable</c> there and a <c>listpack</c> here (docs/compatibility.md,
/// "KD-set-listpack"). With <c>set-max-listpack-entries 0</c> on the engine, Valkey 7.2's rules never choose listpack and
/// every other conversion (intset limits, integer checks, SINTERSTORE's intset result, SPOP's rebuilt remainder) must
/// give Redis 7.0's encodings; the listpack transitions themselves are unit-tested against Valkey's source rules.
/// </summary>
public class SetEncodingTests : CompatTest
{
    public SetEncodingTests(RedisServerFixture server)
        : base(server) => DisableListpack();

    private void DisableListpack()
    {
        var ok = Diff.RunEngine(Arg.ToCommand(["CONFIG", "SET", "set-max-listpack-entries", "0"]));
        Assert.Equal("OK", ok.ToString());
    }

    private void Encoding(string key) => Same("OBJECT", "ENCODING", key);

    private void Fill(string key, int from, int count, string prefix = "")
    {
        var args = new List<Arg> { "SADD", key };
        for (int i = from; i < from + count; i++)
        {
            args.Add(prefix + i);
        }
        Same([.. args]);
    }

    [Fact]
    public void IntsetUntilItsLimitThenHashtable()
    {
        Fill("s", 0, 511);
        Encoding("s");
        Fill("s", 511, 1);
        Encoding("s");
        Fill("s", 512, 1);
        Encoding("s");
        Same("SREM", "s", "1", "2", "3");
        Encoding("s");
        Same("SADD", "w", "1", "70000", "-9223372036854775808");
        Encoding("w");
        Same("SADD", "w", "x");
        Encoding("w");
        Same("SADD", "x", "01");
        Encoding("x");
    }

    [Fact]
    public void IntsetLimitFollowsConfig()
    {
        Same("CONFIG", "SET", "set-max-intset-entries", "4");
        Fill("s", 0, 4);
        Encoding("s");
        Fill("s", 4, 1);
        Encoding("s");
        Same("CONFIG", "SET", "set-max-intset-entries", "512");
    }

    [Fact]
    public void StoredResultsHaveRedisEncodings()
    {
        Fill("ints", 0, 600);
        Fill("few", 0, 10);
        Same("SADD", "mixed", "1", "2", "3", "a");
        Fill("strs", 0, 20, "m");
        Same("SINTERSTORE", "d1", "ints", "few");
        Encoding("d1");
        Same("SINTERSTORE", "d2", "ints", "mixed");
        Encoding("d2");
        Same("SINTERSTORE", "d3", "mixed", "mixed");
        Encoding("d3");
        Same("SUNIONSTORE", "d4", "few", "mixed");
        Encoding("d4");
        Same("SUNIONSTORE", "d5", "few");
        Encoding("d5");
        Same("SDIFFSTORE", "d6", "mixed", "few");
        Encoding("d6");
        Same("SDIFFSTORE", "d7", "mixed", "strs");
        Encoding("d7");
        Same("SUNIONSTORE", "d8", "ints", "few");
        Encoding("d8");
        Same("SDIFFSTORE", "d9", "ints", "few");
        Encoding("d9");
        Same("SMOVE", "few", "d10", "3");
        Encoding("d10");
        Same("SMOVE", "mixed", "d11", "a");
        Encoding("d11");
    }

    [Fact]
    public void CopyRenameAndPopKeepEncodings()
    {
        Fill("s", 0, 10);
        Same("COPY", "s", "c");
        Encoding("c");
        Fill("h", 0, 100, "m");
        Same("RENAME", "h", "h2");
        Encoding("h2");
        SameShape("SPOP", "h2", "95");
        Encoding("h2");
        Fill("i", 0, 100);
        SameShape("SPOP", "i", "95");
        Encoding("i");
        SameShape("SPOP", "i", "2");
        Encoding("i");
    }
}
