namespace InProcValkey.Tests.Server;

public sealed class ServerCommandTests
{
    [Fact]
    public void LastSaveIsTheStoresCreationTime()
    {
        using var t = new TestStore();
        long created = t.Time.GetUtcNow().ToUnixTimeSeconds();
        t.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(created, t.Int("LASTSAVE"));
    }

    [Fact]
    public void DebugSleepReallySleeps()
    {
        using var t = new TestStore();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        t.Ok("DEBUG", "SLEEP", "0.05");
        Assert.True(watch.ElapsedMilliseconds >= 40);
        t.Ok("DEBUG", "SLEEP", "0");
        t.Error("ERR unknown subcommand 'NOPE'. Try DEBUG HELP.", "DEBUG", "NOPE");
    }

    [Fact]
    public void DebugSetActiveExpireTurnsTheActiveCycleOff()
    {
        using var t = new TestStore();
        t.Ok("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        t.Ok("SET", "a", "1", "PX", "10");
        t.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, t.Int("DBSIZE"));
        t.Ok("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        t.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, t.Int("DBSIZE"));
    }

    [Fact]
    public void ClusterIsDisabledAndSentinelIsUnknown()
    {
        using var t = new TestStore();
        t.Error("ERR This instance has cluster support disabled", "CLUSTER", "INFO");
        t.Error("ERR This instance has cluster support disabled", "CLUSTER", "SLOTS");
        t.Error("ERR unknown subcommand 'FOO'. Try CLUSTER HELP.", "CLUSTER", "FOO");
        t.Error("ERR unknown command 'SENTINEL', with args beginning with: 'foo' ", "SENTINEL", "foo");
    }

    [Fact]
    public void SlowlogRecordsCommandsSlowerThanTheThreshold()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Int("SLOWLOG", "LEN"));
        t.Ok("CONFIG", "SET", "slowlog-log-slower-than", "0");
        t.Ok("SET", "k", new string('v', 200));
        var entries = t.Run("SLOWLOG", "GET");
        var entry = entries.Elements[0];
        Assert.Equal(6, entry.Elements.Count);
        Assert.Equal(t.Time.GetUtcNow().ToUnixTimeSeconds(), entry.Elements[1].AsInt64());
        Assert.Equal("SET", entry.Elements[3].Elements[0].ToString());
        Assert.Equal(new string('v', 128) + "... (72 more bytes)", entry.Elements[3].Elements[2].ToString());
        Assert.True(t.Int("SLOWLOG", "LEN") >= 2);
        Assert.Single(t.Run("SLOWLOG", "GET", "1").Elements);
        t.Ok("SLOWLOG", "RESET");
        t.Ok("CONFIG", "SET", "slowlog-log-slower-than", "-1");
        t.Nil("GET", "k2");
        Assert.Equal(1, t.Int("SLOWLOG", "LEN"));
        t.Error("ERR count should be greater than or equal to -1", "SLOWLOG", "GET", "-2");
        t.Error("ERR count should be greater than or equal to -1", "SLOWLOG", "GET", "x");
        t.Error("ERR unknown subcommand or wrong number of arguments for 'GET'. Try SLOWLOG HELP.", "SLOWLOG", "GET", "1", "2");
    }

    [Fact]
    public void SlowlogKeepsAtMostSlowlogMaxLenEntriesAndTruncatesLongArgumentLists()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "slowlog-max-len", "2", "slowlog-log-slower-than", "0");
        t.Nil("GET", "a");
        t.Nil("GET", "b");
        Assert.Equal(2, t.Int("SLOWLOG", "LEN"));
        string[] del = ["DEL", .. Enumerable.Range(0, 40).Select(i => "k" + i)];
        t.Run(del);
        var args = t.Run("SLOWLOG", "GET", "1").Elements[0].Elements[3];
        Assert.Equal(32, args.Elements.Count);
        Assert.Equal("... (10 more arguments)", args.Elements[31].ToString());
        Assert.Equal(12, t.Run("SLOWLOG", "HELP").Elements.Count);
    }
}
