using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Strings;

/// <summary>SET with every option (NX XX GET EX PX EXAT PXAT KEEPTTL), SETNX, SETEX, PSETEX, GETSET, GET, GETDEL.</summary>
public class SetTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void GetOfMissingKeyIsNilAndSetOverwrites()
    {
        Same("GET", "k");
        Same("SET", "k", "v1");
        Same("GET", "k");
        Same("SET", "k", "v2");
        Same("GET", "k");
        Same("SET", "k", "");
        Same("GET", "k");
        Same("STRLEN", "k");
    }

    [Fact]
    public void BinaryKeysAndValuesRoundTrip()
    {
        Same("SET", Bin.Key, Bin.Value);
        Same("GET", Bin.Key);
        Same("SET", Bin.Of(0x00), Bin.Of(0xFF));
        Same("GET", Bin.Of(0x00));
        Same("SET", "", "empty key");
        Same("GET", "");
        Same("EXISTS", Bin.Key, Bin.Of(0x00), "");
        Same("SET", "crlf", "a\r\nb\r\n");
        Same("GET", "crlf");
        Same("STRLEN", "crlf");
    }

    [Fact]
    public void SetNxAndXxAreConditions()
    {
        Same("SET", "k", "v", "XX");
        Same("GET", "k");
        Same("SET", "k", "v", "NX");
        Same("SET", "k", "w", "NX");
        Same("GET", "k");
        Same("SET", "k", "w", "XX");
        Same("GET", "k");
        Same("SET", "k", "x", "nx");
        Same("SET", "k", "x", "xx");
        Same("SET", "k", "y", "NX", "NX");
        Same("SET", "k", "y", "XX", "XX");
        Same("GET", "k");
    }

    [Fact]
    public void SetGetReturnsTheOldValue()
    {
        Same("SET", "k", "v1", "GET");
        Same("SET", "k", "v2", "GET");
        Same("GET", "k");
        Same("SET", "k", "v3", "NX", "GET");
        Same("GET", "k");
        Same("SET", "k", "v4", "XX", "GET");
        Same("SET", "new", "v", "XX", "GET");
        Same("EXISTS", "new");
        Same("SET", "new2", "v", "NX", "GET");
        Same("GET", "new2");
        Same("SET", "k", "v5", "GET", "GET");
        Same("SET", "k", "v6", "GET", "EX", "100");
        SameApprox("TTL", "k");
    }

    [Fact]
    public void SetExpiryOptionsSetTheTtl()
    {
        Same("SET", "ex", "v", "EX", "100");
        SameApprox("TTL", "ex");
        SameApprox("PTTL", "ex");
        Same("SET", "px", "v", "PX", "100000");
        SameApprox("PTTL", "px");
        long at = UnixSeconds(1000);
        Same("SET", "exat", "v", "EXAT", at);
        Same("EXPIRETIME", "exat");
        SameApprox("TTL", "exat");
        long atMs = UnixMs(1_000_000);
        Same("SET", "pxat", "v", "PXAT", atMs);
        Same("PEXPIRETIME", "pxat");
        Same("SET", "lower", "v", "ex", "100");
        SameApprox("TTL", "lower");
        Same("SET", "plain", "v");
        Same("TTL", "plain");
    }

    [Fact]
    public void SetWithoutKeepTtlClearsTheTtl()
    {
        Same("SET", "k", "v", "EX", "100");
        Same("SET", "k", "w");
        Same("TTL", "k");
        Same("SET", "k", "v", "EX", "100");
        Same("SET", "k", "x", "KEEPTTL");
        SameApprox("TTL", "k");
        Same("GET", "k");
        Same("SET", "k", "y", "KEEPTTL", "KEEPTTL");
        SameApprox("TTL", "k");
        Same("SET", "nottl", "v", "KEEPTTL");
        Same("TTL", "nottl");
        Same("SET", "k", "z", "XX", "KEEPTTL", "GET");
        SameApprox("TTL", "k");
    }

    [Fact]
    public void SetWithATimeInThePastDeletesTheKey()
    {
        Same("SET", "k", "old");
        Same("SET", "k", "v", "EXAT", UnixSeconds(-100));
        Same("GET", "k");
        Same("EXISTS", "k");
        Same("SET", "k", "v", "PXAT", UnixMs(-100_000));
        Same("GET", "k");
        Same("SET", "k", "v", "EXAT", "1");
        Same("EXISTS", "k");
        Same("SET", "k", "v", "PXAT", "1", "GET");
        Same("SET", "k", "again");
        Same("SET", "k", "v", "EXAT", "1", "GET");
        Same("EXISTS", "k");
    }

    [Fact]
    public void SetRejectsInvalidExpireTimes()
    {
        Same("SET", "k", "v", "EX", "0");
        Same("SET", "k", "v", "EX", "-1");
        Same("SET", "k", "v", "PX", "0");
        Same("SET", "k", "v", "PX", "-100");
        Same("SET", "k", "v", "EXAT", "0");
        Same("SET", "k", "v", "PXAT", "0");
        Same("SET", "k", "v", "EXAT", "-5");
        Same("SET", "k", "v", "EX", "9223372036854775807");
        Same("SET", "k", "v", "EX", "9223372036854775");
        Same("SET", "k", "v", "PX", "9223372036854775807");
        Same("SET", "k", "v", "EXAT", "9223372036854775807");
        Same("SET", "k", "v", "PXAT", "9223372036854775807");
        Same("SET", "k", "v", "EX", "1.5");
        Same("SET", "k", "v", "EX", "abc");
        Same("SET", "k", "v", "EX", " 10");
        Same("SET", "k", "v", "EX", "+10");
        Same("SET", "k", "v", "EX", "010");
        Same("SET", "k", "v", "EX", "");
        Same("SET", "k", "v", "PX", "99999999999999999999");
        Same("EXISTS", "k");
    }

    [Fact]
    public void SetRejectsConflictingOrUnknownOptions()
    {
        Same("SET", "k", "v", "NX", "XX");
        Same("SET", "k", "v", "XX", "NX");
        Same("SET", "k", "v", "EX", "10", "PX", "10000");
        Same("SET", "k", "v", "EX", "10", "EX", "10");
        Same("SET", "k", "v", "EX", "10", "KEEPTTL");
        Same("SET", "k", "v", "KEEPTTL", "EX", "10");
        Same("SET", "k", "v", "PXAT", "10", "EXAT", "10");
        Same("SET", "k", "v", "EX");
        Same("SET", "k", "v", "PX");
        Same("SET", "k", "v", "EXAT");
        Same("SET", "k", "v", "FOO");
        Same("SET", "k", "v", "GET", "FOO");
        Same("SET", "k", "v", "PERSIST");
        Same("SET", "k", "v", "10");
        Same("EXISTS", "k");
    }

    [Fact]
    public void SetNxIsSetIfNotExists()
    {
        Same("SETNX", "k", "v1");
        Same("SETNX", "k", "v2");
        Same("GET", "k");
        Same("SETNX", Bin.Key, Bin.Value);
        Same("GET", Bin.Key);
        Same("SET", "ttl", "v", "EX", "100");
        Same("SETNX", "ttl", "w");
        SameApprox("TTL", "ttl");
    }

    [Fact]
    public void SetExAndPSetExSetValueAndTtl()
    {
        Same("SETEX", "k", "100", "v");
        Same("GET", "k");
        SameApprox("TTL", "k");
        Same("PSETEX", "p", "100000", "v");
        SameApprox("PTTL", "p");
        Same("SETEX", "k", "200", "w");
        SameApprox("TTL", "k");
        Same("SETEX", "k", "0", "v");
        Same("SETEX", "k", "-10", "v");
        Same("PSETEX", "k", "0", "v");
        Same("PSETEX", "k", "-1", "v");
        Same("SETEX", "k", "abc", "v");
        Same("SETEX", "k", "1.5", "v");
        Same("SETEX", "k", "9223372036854775807", "v");
        Same("PSETEX", "k", "9223372036854775807", "v");
        Same("GET", "k");
    }

    [Fact]
    public void GetSetReplacesAndClearsTtl()
    {
        Same("GETSET", "k", "v1");
        Same("GETSET", "k", "v2");
        Same("GET", "k");
        Same("EXPIRE", "k", "100");
        Same("GETSET", "k", "v3");
        Same("TTL", "k");
        Same("GETSET", Bin.Key, Bin.Value);
        Same("GETSET", Bin.Key, "");
        Same("GET", Bin.Key);
    }

    [Fact]
    public void GetDelReturnsAndDeletes()
    {
        Same("GETDEL", "k");
        Same("SET", "k", "v");
        Same("GETDEL", "k");
        Same("EXISTS", "k");
        Same("GETDEL", "k");
        Same("SET", "n", "123");
        Same("GETDEL", "n");
        Same("SET", "t", "v", "EX", "100");
        Same("GETDEL", "t");
        Same("TTL", "t");
        Same("SET", Bin.Key, Bin.Value);
        Same("GETDEL", Bin.Key);
        Same("DBSIZE");
    }
}
