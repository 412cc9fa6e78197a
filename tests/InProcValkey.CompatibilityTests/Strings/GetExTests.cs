using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Strings;

/// <summary>GETEX with EX, PX, EXAT, PXAT, PERSIST: TTL changes, past times, invalid and conflicting options.</summary>
public class GetExTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void GetExWithoutOptionsIsGet()
    {
        Same("GETEX", "missing");
        Same("SET", "k", "v", "EX", "100");
        Same("GETEX", "k");
        SameApprox("TTL", "k");
        Same("SET", Bin.Key, Bin.Value);
        Same("GETEX", Bin.Key);
    }

    [Fact]
    public void GetExSetsRelativeTtls()
    {
        Same("SET", "k", "v");
        Same("GETEX", "k", "EX", "100");
        SameApprox("TTL", "k");
        Same("GETEX", "k", "PX", "200000");
        SameApprox("PTTL", "k");
        Same("GETEX", "k", "ex", "300");
        SameApprox("TTL", "k");
        Same("GETEX", "missing", "EX", "100");
        Same("EXISTS", "missing");
    }

    [Fact]
    public void GetExSetsAbsoluteTtls()
    {
        Same("SET", "k", "v");
        long at = UnixSeconds(500);
        Same("GETEX", "k", "EXAT", at);
        Same("EXPIRETIME", "k");
        long atMs = UnixMs(600_000);
        Same("GETEX", "k", "PXAT", atMs);
        Same("PEXPIRETIME", "k");
        SameApprox("TTL", "k");
    }

    [Fact]
    public void GetExPersistRemovesTheTtl()
    {
        Same("SET", "k", "v", "EX", "100");
        Same("GETEX", "k", "PERSIST");
        Same("TTL", "k");
        Same("GETEX", "k", "PERSIST");
        Same("TTL", "k");
        Same("GETEX", "missing", "PERSIST");
    }

    [Fact]
    public void GetExWithATimeInThePastReturnsTheValueAndDeletesTheKey()
    {
        Same("SET", "k", "v");
        Same("GETEX", "k", "EXAT", UnixSeconds(-100));
        Same("EXISTS", "k");
        Same("SET", "k", "v");
        Same("GETEX", "k", "PXAT", "1");
        Same("GET", "k");
        Same("SET", "k", "v");
        Same("GETEX", "k", "EXAT", "1");
        Same("DBSIZE");
    }

    [Fact]
    public void GetExRejectsInvalidExpireTimes()
    {
        Same("SET", "k", "v");
        Same("GETEX", "k", "EX", "0");
        Same("GETEX", "k", "EX", "-1");
        Same("GETEX", "k", "PX", "0");
        Same("GETEX", "k", "EXAT", "0");
        Same("GETEX", "k", "PXAT", "-1");
        Same("GETEX", "k", "EX", "9223372036854775807");
        Same("GETEX", "k", "PX", "9223372036854775807");
        Same("GETEX", "k", "EX", "abc");
        Same("GETEX", "k", "EX", "1.5");
        Same("GETEX", "missing", "EX", "0");
        Same("GETEX", "missing", "EX", "abc");
        Same("TTL", "k");
    }

    [Fact]
    public void GetExRejectsConflictingOrUnknownOptions()
    {
        Same("SET", "k", "v");
        Same("GETEX", "k", "EX", "10", "PX", "10000");
        Same("GETEX", "k", "EX", "10", "PERSIST");
        Same("GETEX", "k", "PERSIST", "EX", "10");
        Same("GETEX", "k", "PERSIST", "PERSIST");
        Same("GETEX", "k", "EX");
        Same("GETEX", "k", "EX", "10", "EX", "10");
        Same("GETEX", "k", "KEEPTTL");
        Same("GETEX", "k", "NX");
        Same("GETEX", "k", "GET");
        Same("GETEX", "k", "FOO");
        Same("GETEX", "missing", "FOO");
        Same("TTL", "k");
    }
}
