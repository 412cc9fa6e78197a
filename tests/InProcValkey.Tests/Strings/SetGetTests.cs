using static InProcValkey.Tests.Strings.StringTestKit;

namespace InProcValkey.Tests.Strings;

/// <summary>SET with every option, SETNX, SETEX, PSETEX, GETSET, GETDEL, GETEX (checked against redis-server 7.0 and Valkey 7.2's t_string.c).</summary>
public sealed class SetGetTests
{
    [Fact]
    public void SetConditionsNxAndXx()
    {
        using var t = new TestStore();
        t.Nil("SET", "k", "v", "XX");
        Assert.Equal(-2, t.Pttl("k"));
        t.Ok("SET", "k", "v", "NX");
        t.Nil("SET", "k", "w", "NX");
        t.Ok("SET", "k", "w", "XX");
        Assert.Equal("w", t.Text("GET", "k"));
        t.Nil("SET", "k", "x", "nx", "NX");
    }

    [Theory]
    [InlineData("NX", "XX")]
    [InlineData("XX", "NX")]
    [InlineData("EX", "10", "PX", "20")]
    [InlineData("KEEPTTL", "EX", "10")]
    [InlineData("EX", "10", "KEEPTTL")]
    [InlineData("PXAT", "10", "EXAT", "20")]
    [InlineData("PERSIST")]
    [InlineData("EX")]
    [InlineData("FOO")]
    public void SetRejectsConflictingOrUnknownOptions(params string[] options)
    {
        using var t = new TestStore();
        t.Error(Syntax, ["SET", "k", "v", .. options]);
        Assert.Equal(-2, t.Pttl("k"));
    }

    [Fact]
    public void SetAllowsARepeatedOptionAndTheLastValueWins()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v", "EX", "10", "EX", "20");
        Assert.Equal(20_000, t.Pttl("k"));
        t.Ok("SET", "k", "v", "KEEPTTL", "KEEPTTL");
        Assert.Equal(20_000, t.Pttl("k"));
        Assert.Equal("v", t.Text("SET", "k", "w", "GET", "GET"));
    }

    [Theory]
    [InlineData("EX", "0")]
    [InlineData("EX", "-1")]
    [InlineData("PX", "0")]
    [InlineData("PXAT", "0")]
    [InlineData("EXAT", "9223372036854775807")]
    [InlineData("PX", "9223372036854775807")]
    public void SetRejectsInvalidExpireTimes(string option, string value)
    {
        using var t = new TestStore();
        t.Error("ERR invalid expire time in 'set' command", "SET", "k", "v", option, value);
        t.Error(NotInteger, "SET", "k", "v", option, "ten");
        Assert.Equal(-2, t.Pttl("k"));
    }

    [Fact]
    public void SetExpireOptionsSetTheTtl()
    {
        using var t = new TestStore();
        long now = t.Time.GetUtcNow().ToUnixTimeMilliseconds();
        t.Ok("SET", "a", "v", "EX", "100");
        Assert.Equal(100_000, t.Pttl("a"));
        t.Ok("SET", "b", "v", "PX", "1500");
        Assert.Equal(1500, t.Pttl("b"));
        t.Ok("SET", "c", "v", "EXAT", ((now / 1000) + 50).ToString());
        Assert.Equal(50_000 - (now % 1000), t.Pttl("c"));
        t.Ok("SET", "d", "v", "PXAT", (now + 2500).ToString());
        Assert.Equal(2500, t.Pttl("d"));
    }

    [Fact]
    public void SetWithoutKeepTtlDropsTheTtlAndKeepTtlKeepsIt()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "1", "EX", "100");
        t.Ok("SET", "k", "2", "KEEPTTL");
        Assert.Equal(100_000, t.Pttl("k"));
        t.Ok("SET", "k", "3");
        Assert.Equal(-1, t.Pttl("k"));
        t.Ok("SET", "k", "4", "KEEPTTL");
        Assert.Equal(-1, t.Pttl("k"));
    }

    [Fact]
    public void SetWithAnExpiryInThePastLeavesNoVisibleKey()
    {
        // Valkey 7.2 stores the key with its past expiry; the next lookup deletes it (Valkey 8.0 skips the store).
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "k", "old");
        t.Ok("SET", "k", "v", "PXAT", "1");
        t.Nil("GET", "k");
        Assert.Equal(0, t.Int("EXISTS", "k"));
    }

    [Fact]
    public void SetGetReturnsTheOldValueWhateverTheCondition()
    {
        using var t = new TestStore();
        t.Nil("SET", "k", "v1", "GET");
        Assert.Equal("v1", t.Text("SET", "k", "v2", "GET"));
        Assert.Equal("v2", t.Text("SET", "k", "v3", "NX", "GET"));
        Assert.Equal("v2", t.Text("GET", "k"));
        t.Nil("SET", "missing", "v", "XX", "GET");
        Assert.Equal(-2, t.Pttl("missing"));
    }

    [Fact]
    public void SetGetOnAnotherTypeIsWrongTypeAndWritesNothing()
    {
        using var t = new TestStore();
        t.PutNonString("l");
        t.Error(WrongType, "SET", "l", "v", "GET");
        t.Error(WrongType, "SET", "l", "v", "NX", "GET");
        t.Error(WrongType, "GETSET", "l", "v");
        t.Error(WrongType, "GET", "l");
        t.Ok("SET", "l", "v");
        Assert.Equal("v", t.Text("GET", "l"));
    }

    [Fact]
    public void SetNxRepliesOneOrZero()
    {
        using var t = new TestStore();
        Assert.Equal(1, t.Int("SETNX", "k", "a"));
        Assert.Equal(0, t.Int("SETNX", "k", "b"));
        Assert.Equal("a", t.Text("GET", "k"));
        t.PutNonString("l");
        Assert.Equal(0, t.Int("SETNX", "l", "b"));
    }

    [Fact]
    public void SetExAndPSetExSetValueAndTtl()
    {
        using var t = new TestStore();
        t.Ok("SETEX", "a", "100", "v");
        Assert.Equal(100_000, t.Pttl("a"));
        t.Ok("PSETEX", "b", "1500", "v");
        Assert.Equal(1500, t.Pttl("b"));
        t.Error("ERR invalid expire time in 'setex' command", "SETEX", "a", "0", "v");
        t.Error("ERR invalid expire time in 'setex' command", "SETEX", "a", "9223372036854776", "v");
        t.Error("ERR invalid expire time in 'psetex' command", "PSETEX", "a", "-1", "v");
        t.Error(NotInteger, "SETEX", "a", "x", "v");
        t.Error("ERR wrong number of arguments for 'setex' command", "SETEX", "a", "1");
        Assert.Equal("v", t.Text("GET", "a"));
    }

    [Fact]
    public void GetSetReplacesTheValueAndDropsTheTtl()
    {
        using var t = new TestStore();
        t.Nil("GETSET", "k", "1");
        t.Ok("SET", "k", "2", "EX", "100");
        Assert.Equal("2", t.Text("GETSET", "k", "3"));
        Assert.Equal(-1, t.Pttl("k"));
        Assert.Equal("3", t.Text("GET", "k"));
    }

    [Fact]
    public void GetDelReturnsAndDeletes()
    {
        using var t = new TestStore();
        t.Nil("GETDEL", "k");
        t.Ok("SET", "k", "12");
        Assert.Equal("12", t.Text("GETDEL", "k"));
        Assert.Equal(0, t.Int("EXISTS", "k"));
        t.PutNonString("l");
        t.Error(WrongType, "GETDEL", "l");
        Assert.Equal(1, t.Int("EXISTS", "l"));
    }

    [Fact]
    public void GetExWithoutOptionsIsGetAndKeepsTheTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v", "EX", "100");
        Assert.Equal("v", t.Text("GETEX", "k"));
        Assert.Equal(100_000, t.Pttl("k"));
        t.Nil("GETEX", "missing");
    }

    [Fact]
    public void GetExSetsOrRemovesTheTtl()
    {
        using var t = new TestStore();
        long now = t.Time.GetUtcNow().ToUnixTimeMilliseconds();
        t.Ok("SET", "k", "v");
        Assert.Equal("v", t.Text("GETEX", "k", "EX", "100"));
        Assert.Equal(100_000, t.Pttl("k"));
        Assert.Equal("v", t.Text("GETEX", "k", "PX", "100", "PX", "200"));
        Assert.Equal(200, t.Pttl("k"));
        Assert.Equal("v", t.Text("GETEX", "k", "PXAT", (now + 5000).ToString()));
        Assert.Equal(5000, t.Pttl("k"));
        Assert.Equal("v", t.Text("GETEX", "k", "PERSIST"));
        Assert.Equal(-1, t.Pttl("k"));
        Assert.Equal("v", t.Text("GETEX", "k", "PERSIST", "PERSIST"));
    }

    [Fact]
    public void GetExAtAPastTimeReturnsTheValueAndDeletesTheKey()
    {
        using var t = new TestStore();
        long now = t.Time.GetUtcNow().ToUnixTimeMilliseconds();
        t.Ok("SET", "a", "v");
        Assert.Equal("v", t.Text("GETEX", "a", "EXAT", "1"));
        Assert.Equal(-2, t.Pttl("a"));
        t.Ok("SET", "b", "v");
        Assert.Equal("v", t.Text("GETEX", "b", "PXAT", now.ToString()));
        Assert.Equal(-2, t.Pttl("b"));
    }

    [Theory]
    [InlineData("KEEPTTL")]
    [InlineData("NX")]
    [InlineData("GET")]
    [InlineData("EX")]
    [InlineData("EX", "10", "PX", "10")]
    [InlineData("PERSIST", "EX", "10")]
    [InlineData("EX", "10", "PERSIST")]
    public void GetExRejectsSetOnlyAndConflictingOptions(params string[] options)
    {
        using var t = new TestStore();
        t.Error(Syntax, ["GETEX", "missing", .. options]);
    }

    [Fact]
    public void GetExValidatesItsTimeOnlyForAnExistingString()
    {
        // Valkey 7.2 looks the key up and checks its type before reading the expire argument.
        using var t = new TestStore();
        t.Nil("GETEX", "missing", "EX", "0");
        t.Nil("GETEX", "missing", "EX", "abc");
        t.PutNonString("l");
        t.Error(WrongType, "GETEX", "l", "EX", "abc");
        t.Ok("SET", "k", "v", "EX", "100");
        t.Error("ERR invalid expire time in 'getex' command", "GETEX", "k", "EX", "0");
        t.Error("ERR invalid expire time in 'getex' command", "GETEX", "k", "PX", "-5");
        t.Error(NotInteger, "GETEX", "k", "EX", "abc");
        Assert.Equal(100_000, t.Pttl("k"));
    }

    [Fact]
    public void AKeyExpiresWhenItsTimeHasPassed()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v", "PX", "1000");
        t.Time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal("v", t.Text("GET", "k"));
        t.Time.Advance(TimeSpan.FromMilliseconds(1));
        t.Nil("GET", "k");
        t.Nil("GETEX", "k", "PERSIST");
    }

    [Fact]
    public void GetExPersistSurvivesTheOldDeadline()
    {
        using var t = new TestStore();
        t.Ok("SETEX", "k", "1", "v");
        Assert.Equal("v", t.Text("GETEX", "k", "PERSIST"));
        t.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("v", t.Text("GET", "k"));
    }
}
