using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Expiry;

/// <summary>TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST, and which commands keep or clear a TTL.</summary>
public class TtlTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void TtlOfMissingAndPersistentKeys()
    {
        Same("TTL", "missing");
        Same("PTTL", "missing");
        Same("EXPIRETIME", "missing");
        Same("PEXPIRETIME", "missing");
        Same("SET", "k", "v");
        Same("TTL", "k");
        Same("PTTL", "k");
        Same("EXPIRETIME", "k");
        Same("PEXPIRETIME", "k");
        Same("SET", Bin.Key, Bin.Value);
        Same("TTL", Bin.Key);
    }

    [Fact]
    public void TtlRoundsAndAbsoluteTimesAreExact()
    {
        long atMs = UnixMs(100_500);
        Same("SET", "k", "v", "PXAT", atMs);
        SameApprox("TTL", "k");
        SameApprox("PTTL", "k");
        Same("EXPIRETIME", "k");
        Same("PEXPIRETIME", "k");
        long farMs = UnixMs(10L * 365 * 24 * 3600 * 1000);
        Same("PEXPIREAT", "k", farMs);
        Same("PEXPIRETIME", "k");
        Same("EXPIRETIME", "k");
        SameApprox("TTL", "k");
    }

    [Fact]
    public void TtlOfAKeyExpiredInThePastIsMinusTwo()
    {
        Same("SET", "k", "v", "PXAT", "1");
        Same("TTL", "k");
        Same("PTTL", "k");
        Same("EXPIRETIME", "k");
        Same("PEXPIRETIME", "k");
    }

    [Fact]
    public void PersistRemovesTheTtlOnce()
    {
        Same("PERSIST", "missing");
        Same("SET", "k", "v");
        Same("PERSIST", "k");
        Same("EXPIRE", "k", "100");
        Same("PERSIST", "k");
        Same("TTL", "k");
        Same("PERSIST", "k");
        Same("SET", Bin.Key, Bin.Value, "EX", "100");
        Same("PERSIST", Bin.Key);
        Same("TTL", Bin.Key);
    }

    [Fact]
    public void CommandsThatReplaceTheValueClearTheTtl()
    {
        Same("SET", "a", "1", "EX", "100");
        Same("SET", "a", "2");
        Same("TTL", "a");
        Same("SET", "b", "1", "EX", "100");
        Same("GETSET", "b", "2");
        Same("TTL", "b");
        Same("SET", "c", "1", "EX", "100");
        Same("MSET", "c", "2");
        Same("TTL", "c");
        Same("SET", "d", "1", "EX", "100");
        Same("SET", "d", "2", "GET");
        Same("TTL", "d");
        Same("SET", "e", "1", "EX", "100");
        Same("DEL", "e");
        Same("SET", "e", "2");
        Same("TTL", "e");
    }

    [Fact]
    public void CommandsThatModifyTheValueKeepTheTtl()
    {
        Same("SET", "k", "1", "EX", "100");
        Same("INCR", "k");
        Same("DECRBY", "k", "5");
        Same("INCRBYFLOAT", "k", "0.5");
        Same("APPEND", "k", "0");
        Same("SETRANGE", "k", "0", "9");
        Same("GET", "k");
        SameApprox("TTL", "k");
        Same("SET", "n", "v", "EX", "100");
        Same("SETNX", "n", "w");
        Same("MSETNX", "n", "w", "o", "x");
        SameApprox("TTL", "n");
        Same("GETEX", "n");
        SameApprox("TTL", "n");
        Same("SET", "n", "z", "NX");
        SameApprox("TTL", "n");
    }

    [Fact]
    public void ExpireTimeOfKeysSetWithRelativeTtls()
    {
        Same("SETEX", "a", "100", "v");
        SameApprox("EXPIRETIME", "a");
        Same("PSETEX", "b", "100000", "v");
        SameApprox("PEXPIRETIME", "b");
        Same("SET", "c", "v", "EX", "1000000000");
        SameApprox("EXPIRETIME", "c");
    }
}
