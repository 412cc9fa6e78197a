using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Expiry;

/// <summary>EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX/XX/GT/LT, times in the past, overflow and parse errors.</summary>
public class ExpireTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void ExpireSetsRelativeTtls()
    {
        Same("SET", "k", "v");
        Same("EXPIRE", "k", "100");
        SameApprox("TTL", "k");
        SameApprox("EXPIRETIME", "k");
        Same("PEXPIRE", "k", "200000");
        SameApprox("PTTL", "k");
        SameApprox("PEXPIRETIME", "k");
        Same("EXPIRE", "missing", "100");
        Same("PEXPIRE", "missing", "100");
        Same("EXISTS", "missing");
        Same("EXPIRE", Bin.Key, "100");
        Same("SET", Bin.Key, Bin.Value);
        Same("EXPIRE", Bin.Key, "100");
        SameApprox("TTL", Bin.Key);
    }

    [Fact]
    public void ExpireAtSetsAbsoluteTimes()
    {
        Same("SET", "k", "v");
        long at = UnixSeconds(1000);
        Same("EXPIREAT", "k", at);
        Same("EXPIRETIME", "k");
        Same("PEXPIRETIME", "k");
        SameApprox("TTL", "k");
        long atMs = UnixMs(2_000_123);
        Same("PEXPIREAT", "k", atMs);
        Same("PEXPIRETIME", "k");
        Same("EXPIRETIME", "k");
        Same("EXPIREAT", "missing", at);
        Same("PEXPIREAT", "missing", atMs);
    }

    [Theory]
    [InlineData("EXPIRE", "0")]
    [InlineData("EXPIRE", "-1")]
    [InlineData("EXPIRE", "-9223372036854775808")]
    [InlineData("PEXPIRE", "0")]
    [InlineData("PEXPIRE", "-100000")]
    [InlineData("EXPIREAT", "0")]
    [InlineData("EXPIREAT", "1")]
    [InlineData("EXPIREAT", "-100")]
    [InlineData("PEXPIREAT", "1")]
    [InlineData("PEXPIREAT", "-9223372036854775808")]
    public void ExpireInThePastDeletesTheKey(string command, string time)
    {
        Same("SET", "k", "v");
        Same(command, "k", time);
        Same("EXISTS", "k");
        Same("TTL", "k");
        Same(command, "k", time);
        Same("SET", "t", "v", "EX", "100");
        Same(command, "t", time, "XX");
        Same("EXISTS", "t");
    }

    [Theory]
    [InlineData("EXPIRE", "9223372036854775807")]
    [InlineData("EXPIRE", "9223372036854775")]
    [InlineData("EXPIRE", "9223372036854776")]
    [InlineData("PEXPIRE", "9223372036854775807")]
    [InlineData("EXPIREAT", "9223372036854775807")]
    [InlineData("EXPIREAT", "9223372036854776")]
    [InlineData("PEXPIREAT", "9223372036854775807")]
    [InlineData("EXPIRE", "9223372036854775808")]
    [InlineData("EXPIRE", "abc")]
    [InlineData("EXPIRE", "1.5")]
    [InlineData("EXPIRE", " 10")]
    [InlineData("EXPIRE", "")]
    [InlineData("PEXPIREAT", "+100")]
    public void ExpireRejectsOverflowsAndNonIntegers(string command, string time)
    {
        Same("SET", "k", "v");
        Same(command, "k", time);
        Same(command, "missing", time);
        Same("TTL", "k");
    }

    [Fact]
    public void ExpireNxXxGtLtOnAKeyWithoutTtl()
    {
        Same("SET", "k", "v");
        Same("EXPIRE", "k", "100", "XX");
        Same("TTL", "k");
        Same("EXPIRE", "k", "100", "GT");
        Same("TTL", "k");
        Same("EXPIRE", "k", "100", "LT");
        SameApprox("TTL", "k");
        Same("PERSIST", "k");
        Same("EXPIRE", "k", "100", "NX");
        SameApprox("TTL", "k");
        Same("PERSIST", "k");
        Same("PEXPIRE", "k", "100000", "GT");
        Same("PEXPIREAT", "k", UnixMs(100_000), "LT");
        SameApprox("PTTL", "k");
    }

    [Fact]
    public void ExpireNxXxGtLtOnAKeyWithTtl()
    {
        Same("SET", "k", "v", "EX", "100");
        Same("EXPIRE", "k", "200", "NX");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "200", "XX");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "100", "GT");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "300", "GT");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "400", "LT");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "50", "LT");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "40", "xx", "gt"); // not greater than the 50 s set just before (an equal TTL would race the clock)
        Same("EXPIRE", "k", "60", "XX", "GT");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "10", "LT", "XX");
        SameApprox("TTL", "k");
        Same("EXPIRE", "k", "-1", "GT");
        Same("EXISTS", "k");
        Same("EXPIRE", "k", "-1", "LT");
        Same("EXISTS", "k");
    }

    [Fact]
    public void ExpireGtLtWithAbsoluteTimes()
    {
        Same("SET", "k", "v");
        long t = UnixSeconds(1000);
        Same("EXPIREAT", "k", t);
        Same("EXPIREAT", "k", t, "GT");
        Same("EXPIREAT", "k", t, "LT");
        Same("EXPIREAT", "k", t + 1, "GT");
        Same("EXPIRETIME", "k");
        Same("EXPIREAT", "k", t - 1, "LT");
        Same("EXPIRETIME", "k");
        Same("PEXPIREAT", "k", (t - 1) * 1000, "GT");
        Same("PEXPIREAT", "k", (t - 1) * 1000 + 1, "GT");
        Same("PEXPIRETIME", "k");
        Same("EXPIREAT", "k", t, "NX");
        Same("EXPIREAT", "k", t, "XX");
        Same("EXPIRETIME", "k");
    }

    [Fact]
    public void ExpireRejectsIncompatibleOptions()
    {
        Same("SET", "k", "v", "EX", "100");
        Same("EXPIRE", "k", "10", "NX", "XX");
        Same("EXPIRE", "k", "10", "NX", "GT");
        Same("EXPIRE", "k", "10", "NX", "LT");
        Same("EXPIRE", "k", "10", "GT", "LT");
        Same("EXPIRE", "k", "10", "LT", "GT");
        Same("EXPIRE", "k", "10", "XX", "NX");
        Same("EXPIRE", "k", "10", "GT", "NX");
        Same("PEXPIRE", "k", "10", "NX", "XX");
        Same("EXPIREAT", "k", "10", "GT", "LT");
        Same("EXPIRE", "k", "10", "FOO");
        Same("EXPIRE", "k", "10", "NX", "FOO");
        Same("PEXPIREAT", "k", "10", "BAR");
        Same("EXPIRE", "k", "10", "NX", "NX");
        Same("EXPIRE", "k", "10", "XX", "XX");
        Same("EXPIRE", "missing", "10", "FOO");
        Same("EXPIRE", "missing", "10", "NX", "XX");
        Same("EXPIRE", "k", "abc", "NX", "XX");
        Same("EXPIRE", "k", "abc", "FOO");
        SameApprox("TTL", "k");
    }

    [Fact]
    public void ExpireOnMissingKeyWithOptions()
    {
        Same("EXPIRE", "missing", "100", "NX");
        Same("EXPIRE", "missing", "100", "XX");
        Same("EXPIRE", "missing", "100", "GT");
        Same("EXPIRE", "missing", "100", "LT");
        Same("EXPIRE", "missing", "-1");
        Same("EXISTS", "missing");
    }
}
