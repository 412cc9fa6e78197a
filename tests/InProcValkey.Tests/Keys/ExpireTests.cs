using System.Globalization;

namespace InProcValkey.Tests.Keys;

public sealed class ExpireTests
{
    private static string S(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static long NowMs(TestStore t) => t.Time.GetUtcNow().ToUnixTimeMilliseconds();

    // current: the key's TTL in seconds before the command (null: no TTL); then the options, the new TTL, the reply and the TTL after.
    [Theory]
    [InlineData(null, "NX", 100, 1, 100)]
    [InlineData(50L, "NX", 100, 0, 50)]
    [InlineData(null, "XX", 100, 0, -1)]
    [InlineData(50L, "XX", 100, 1, 100)]
    [InlineData(null, "GT", 100, 0, -1)] // no TTL counts as infinite: nothing is greater
    [InlineData(50L, "GT", 100, 1, 100)]
    [InlineData(50L, "GT", 50, 0, 50)]
    [InlineData(50L, "GT", 10, 0, 50)]
    [InlineData(null, "LT", 100, 1, 100)] // no TTL counts as infinite: anything is less
    [InlineData(50L, "LT", 10, 1, 10)]
    [InlineData(50L, "LT", 50, 0, 50)]
    [InlineData(50L, "LT", 100, 0, 50)]
    [InlineData(null, "XX GT", 100, 0, -1)]
    [InlineData(50L, "XX GT", 100, 1, 100)]
    [InlineData(null, "XX LT", 10, 0, -1)]
    [InlineData(50L, "xx lt", 10, 1, 10)]
    [InlineData(50L, "GT GT", 100, 1, 100)]
    [InlineData(null, "NX NX", 100, 1, 100)]
    [InlineData(50L, "", 10, 1, 10)]
    public void ConditionsDecideWhetherTheTtlIsSet(long? current, string options, long seconds, long reply, long ttlAfter)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        if (current is long c)
        {
            Assert.Equal(1, t.Int("EXPIRE", "k", S(c)));
        }
        string[] cmd = ["EXPIRE", "k", S(seconds), .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        Assert.Equal(reply, t.Int(cmd));
        Assert.Equal(ttlAfter, t.Int("TTL", "k"));
    }

    [Theory]
    [InlineData("EXPIRE")]
    [InlineData("PEXPIRE")]
    [InlineData("EXPIREAT")]
    [InlineData("PEXPIREAT")]
    public void OptionErrorsComeFirstInValkeysOrder(string command)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        const string NxAndOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
        t.Error(NxAndOthers, command, "k", "100", "NX", "XX");
        t.Error(NxAndOthers, command, "k", "100", "xx", "nx");
        t.Error(NxAndOthers, command, "k", "100", "NX", "GT");
        t.Error(NxAndOthers, command, "k", "100", "LT", "NX");
        t.Error(NxAndOthers, command, "missing", "100", "NX", "XX");
        t.Error("ERR GT and LT options at the same time are not compatible", command, "k", "100", "GT", "LT");
        t.Error("ERR GT and LT options at the same time are not compatible", command, "k", "100", "XX", "GT", "LT");
        t.Error("ERR Unsupported option foo", command, "k", "100", "foo");
        t.Error("ERR Unsupported option bar", command, "k", "100", "NX", "XX", "bar"); // checked before incompatibility
        t.Error("ERR Unsupported option foo", command, "k", "notanumber", "foo"); // and before the number
        t.Error("ERR value is not an integer or out of range", command, "k", "notanumber");
        t.Error("ERR value is not an integer or out of range", command, "k", "1.5", "NX");
        t.Error("ERR value is not an integer or out of range", command, "missing", "");
        t.Error($"ERR wrong number of arguments for '{command.ToLowerInvariant()}' command", command, "k");
        Assert.Equal(-1, t.Int("TTL", "k"));
    }

    [Fact]
    public void OverflowIsAnInvalidExpireTimeNamingTheCommand()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        t.Error("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "9223372036854776");
        t.Error("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "9223372036854775"); // fits in ms, not with now added
        t.Error("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "-9223372036854776");
        t.Error("ERR invalid expire time in 'pexpire' command", "PEXPIRE", "k", "9223372036854775807");
        t.Error("ERR invalid expire time in 'expireat' command", "EXPIREAT", "k", "9223372036854776");
        t.Error("ERR invalid expire time in 'expire' command", "EXPIRE", "missing", "9223372036854776");
        Assert.Equal(1, t.Int("PEXPIREAT", "k", "9223372036854775807"));
        Assert.Equal(9223372036854775807, t.Int("PEXPIRETIME", "k"));
        Assert.Equal(9223372036854776, t.Int("EXPIRETIME", "k")); // rounded without overflowing
        Assert.Equal((long.MaxValue - NowMs(t)) / 1000 + ((long.MaxValue - NowMs(t)) % 1000 + 500) / 1000, t.Int("TTL", "k"));
    }

    [Theory]
    [InlineData("EXPIRE", "0")]
    [InlineData("EXPIRE", "-5")]
    [InlineData("PEXPIRE", "0")]
    [InlineData("EXPIREAT", "1")]
    [InlineData("PEXPIREAT", "-9223372036854775808")]
    [InlineData("EXPIRE", "-9223372036854775")]
    public void ATimeInThePastDeletesTheKeyAndReportsOne(string command, string when)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(1, t.Int(command, "k", when));
        Assert.Equal(0, t.Int("EXISTS", "k"));
        Assert.Equal(0, t.Store.Engine.Stats.ExpiredKeys); // deleted like DEL, not counted as expired
    }

    [Fact]
    public void NowCountsAsThePastAndOneMillisecondLaterDoesNot()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "a", "v");
        t.Ok("SET", "b", "v");
        Assert.Equal(1, t.Int("PEXPIREAT", "a", S(NowMs(t))));
        Assert.Equal(0, t.Int("EXISTS", "a"));
        Assert.Equal(1, t.Int("PEXPIREAT", "b", S(NowMs(t) + 1)));
        Assert.Equal(1, t.Int("EXISTS", "b"));
    }

    [Fact]
    public void PastTimesRespectTheConditions()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(0, t.Int("EXPIRE", "k", "-5", "GT"));
        Assert.Equal(0, t.Int("EXPIRE", "k", "-5", "XX"));
        Assert.Equal(1, t.Int("EXISTS", "k"));
        Assert.Equal(1, t.Int("EXPIRE", "k", "-5", "LT"));
        Assert.Equal(0, t.Int("EXISTS", "k"));
    }

    [Fact]
    public void MissingKeysReportZeroAndMinusTwo()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Int("EXPIRE", "missing", "10"));
        Assert.Equal(0, t.Int("PEXPIREAT", "missing", "1"));
        Assert.Equal(-2, t.Int("TTL", "missing"));
        Assert.Equal(-2, t.Int("PTTL", "missing"));
        Assert.Equal(-2, t.Int("EXPIRETIME", "missing"));
        Assert.Equal(-2, t.Int("PEXPIRETIME", "missing"));
        Assert.Equal(0, t.Int("PERSIST", "missing"));
    }

    [Fact]
    public void KeysWithoutTtlReportMinusOne()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(-1, t.Int("TTL", "k"));
        Assert.Equal(-1, t.Int("PTTL", "k"));
        Assert.Equal(-1, t.Int("EXPIRETIME", "k"));
        Assert.Equal(-1, t.Int("PEXPIRETIME", "k"));
        Assert.Equal(0, t.Int("PERSIST", "k"));
    }

    [Theory]
    [InlineData(1500, 2)]
    [InlineData(1499, 1)]
    [InlineData(500, 1)]
    [InlineData(499, 0)]
    [InlineData(100_000, 100)]
    public void TtlRoundsMillisecondsToTheNearestSecond(long pttl, long ttl)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(1, t.Int("PEXPIRE", "k", S(pttl)));
        Assert.Equal(pttl, t.Int("PTTL", "k"));
        Assert.Equal(ttl, t.Int("TTL", "k"));
    }

    [Fact]
    public void ExpireTimeReportsTheAbsoluteTimeRoundedLikeTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(1, t.Int("PEXPIREAT", "k", "99999999999500"));
        Assert.Equal(99999999999500, t.Int("PEXPIRETIME", "k"));
        Assert.Equal(100000000000, t.Int("EXPIRETIME", "k"));
        Assert.Equal(1, t.Int("PEXPIREAT", "k", "99999999999499"));
        Assert.Equal(99999999999, t.Int("EXPIRETIME", "k"));
        Assert.Equal(1, t.Int("EXPIREAT", "k", "99999999999"));
        Assert.Equal(99999999999000, t.Int("PEXPIRETIME", "k"));
    }

    [Fact]
    public void RelativeExpiryCountsFromTheStoreClock()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(1, t.Int("EXPIRE", "k", "10"));
        Assert.Equal(NowMs(t) + 10_000, t.Int("PEXPIRETIME", "k"));
        t.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(6000, t.Int("PTTL", "k"));
        Assert.Equal(6, t.Int("TTL", "k"));
    }

    [Fact]
    public void PersistRemovesTheTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v", "EX", "10");
        Assert.Equal(1, t.Int("PERSIST", "k"));
        Assert.Equal(-1, t.Int("TTL", "k"));
        Assert.Equal(0, t.Int("PERSIST", "k"));
        t.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("v", t.Text("GET", "k"));
    }

    [Fact]
    public void AKeyLivesThroughItsExpiryMillisecondAndIsGoneAfterIt()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "k", "v");
        Assert.Equal(1, t.Int("PEXPIRE", "k", "100"));
        t.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, t.Int("PTTL", "k"));
        Assert.Equal("v", t.Text("GET", "k"));
        t.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(-2, t.Int("PTTL", "k"));
        Assert.Equal(1, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void LazyExpiryReclaimsOnAccessOnlyWithoutActiveExpiry()
    {
        using var t = new TestStore(activeExpiry: false);
        for (int i = 0; i < 10; i++)
        {
            t.Ok("SET", "k" + i, "v", "PX", "50");
        }
        t.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(10, t.Int("DBSIZE")); // nobody reclaimed them: DBSIZE counts them, as Valkey's does
        Assert.Equal(-2, t.Int("TTL", "k3"));
        Assert.Equal(9, t.Int("DBSIZE"));
        Assert.Equal(1, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void ActiveExpiryReclaimsUntouchedKeysWhenTimeAdvances()
    {
        using var t = new TestStore();
        for (int i = 0; i < 2000; i++)
        {
            t.Ok("SET", "tmp" + i, "v", "PX", (100 + i % 900).ToString(CultureInfo.InvariantCulture));
            t.Ok("SET", "keep" + i, "v");
        }
        var other = t.Store.CreateSession(7);
        for (int i = 0; i < 500; i++)
        {
            other.Execute("SET", "x" + i, "v", "EX", "1");
        }
        Assert.Equal(4000, t.Int("DBSIZE"));
        t.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2000, t.Int("DBSIZE"));
        Assert.Equal(0, other.Execute("DBSIZE").AsInt64());
        Assert.Equal(2500, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void ActiveExpiryFindsAFewVolatileKeysAmongManyPersistentOnes()
    {
        using var t = new TestStore();
        for (int i = 0; i < 20_000; i++)
        {
            t.Db.StringSet("p" + i, "v");
        }
        for (int i = 0; i < 5; i++)
        {
            t.Ok("SET", "tmp" + i, "v", "PX", "100");
        }
        t.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(20_000, t.Int("DBSIZE"));
        Assert.Equal(5, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void ActiveExpiryLeavesKeysThatHaveNotExpired()
    {
        using var t = new TestStore();
        for (int i = 0; i < 100; i++)
        {
            t.Ok("SET", "k" + i, "v", "EX", "60");
        }
        t.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(100, t.Int("DBSIZE"));
        Assert.Equal(0, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void JumpingTheClockYearsAheadReclaimsKeysWithoutReplayingEveryMissedTick()
    {
        using var t = new TestStore();
        for (int i = 0; i < 100; i++)
        {
            t.Ok("SET", "k" + i, "v", "EX", "60");
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        t.Time.Advance(TimeSpan.FromDays(3650));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"advancing took {started.Elapsed}");
        Assert.Equal(0, t.Int("DBSIZE"));
        Assert.Equal(100, t.Store.Engine.Stats.ExpiredKeys);
    }
}
