using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Server;

public sealed class EngineConfigTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("100", 100L)]
    [InlineData("1k", 1000L)]
    [InlineData("1KB", 1024L)]
    [InlineData("2m", 2_000_000L)]
    [InlineData("2mb", 2L * 1024 * 1024)]
    [InlineData("1g", 1_000_000_000L)]
    [InlineData("1Gb", 1024L * 1024 * 1024)]
    public void MemoryValuesAcceptValkeysUnits(string text, long bytes)
    {
        Assert.True(EngineConfig.TryParseMemory(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1xb")]
    [InlineData("kb")]
    [InlineData("1.5gb")]
    [InlineData("99999999999gb")]
    public void MalformedMemoryValuesAreRejected(string text) => Assert.False(EngineConfig.TryParseMemory(text, out _));

    [Fact]
    public void StoreOptionsSeedTheConfiguration()
    {
        using var store = new ValkeyStore(new ValkeyStoreOptions { Databases = 4, ProtoMaxBulkLen = 2 * 1024 * 1024 });
        var s = store.CreateSession();
        Assert.Equal("[databases, 4, proto-max-bulk-len, 2097152]", s.Execute("CONFIG", "GET", "databases", "proto-max-bulk-len").ToString());
    }

    [Fact]
    public void NotifyKeyspaceEventsAcceptsOnlyValkeysClassCharacters()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "notify-keyspace-events", "KEA");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
            "CONFIG", "SET", "notify-keyspace-events", "Q");
    }

    [Fact]
    public void InfoReflectsConfigChanges()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "maxmemory", "100mb", "maxmemory-policy", "allkeys-lru", "maxclients", "50");
        string info = t.Text("INFO", "memory", "clients")!;
        Assert.Contains("\r\nmaxmemory:104857600\r\nmaxmemory_human:100.00M\r\nmaxmemory_policy:allkeys-lru\r\n", info);
        Assert.Contains("\r\nmaxclients:50\r\n", info);
        Assert.Contains($"\r\nrdb_last_save_time:{t.Int("LASTSAVE")}\r\n", t.Text("INFO", "persistence"));
    }

    [Fact]
    public void TypedAccessorsForTheListener()
    {
        var config = new EngineConfig(16, 512L * 1024 * 1024);
        Assert.Null(config.RequirePass);
        Assert.Equal(10000, config.MaxClients);
        Assert.Equal(TimeSpan.Zero, config.IdleTimeout);
        Assert.Null(config.Set("requirepass", "secret"));
        Assert.Null(config.Set("timeout", "30"));
        Assert.Equal("secret", config.RequirePass);
        Assert.Equal(TimeSpan.FromSeconds(30), config.IdleTimeout);
        Assert.Equal("ERR Unknown option or number of arguments for CONFIG SET - 'nope'", config.Set("nope", "1"));
    }
}
