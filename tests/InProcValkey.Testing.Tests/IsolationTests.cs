using StackExchange.Redis;

namespace InProcValkey.Testing.Tests;

public sealed class IsolationTests
{
    [Fact]
    public async Task AThousandKitsCanBeCreatedConnectedAndDisposedInARow()
    {
        for (int i = 0; i < 1000; i++)
        {
            await using var kit = await ValkeyTestServer.StartAsync();
            Assert.True(kit.Multiplexer.IsConnected);
        }
    }

    [Fact]
    public async Task ResetEmptiesTheKeyspaceConfigurationLogAndFaults()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        await db.StringSetAsync("a", "1");
        await kit.Multiplexer.GetDatabase(4).StringSetAsync("b", "2");
        string initial = (await server.ConfigGetAsync("hash-max-listpack-entries")).Single().Value;
        await server.ConfigSetAsync("hash-max-listpack-entries", "7");
        kit.Faults.FailCommand("DEL");
        Assert.Equal(2, kit.Log.Named("SET").Count);
        kit.Reset();
        Assert.Equal(0, kit.Snapshot().KeyCount);
        // (StackExchange.Redis may re-read CONFIG on its own after CONFIG SET, so only the test's own commands are checked)
        Assert.Empty(kit.Log.Named("SET"));
        Assert.NotEqual("7", initial);
        Assert.Equal(initial, (await server.ConfigGetAsync("hash-max-listpack-entries")).Single().Value);
        Assert.False(await db.KeyDeleteAsync("a"));
    }

    [Fact]
    public async Task IsolatedDatabasesOnASharedKitDoNotSeeEachOther()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var first = kit.GetIsolatedDatabase();
        var second = kit.GetIsolatedDatabase();
        await first.StringSetAsync("k", "first");
        await second.StringSetAsync("k", "second");
        Assert.Equal("first", (string?)await first.StringGetAsync("k"));
        Assert.Equal("second", (string?)await second.StringGetAsync("k"));
        Assert.Equal(["test-1:k", "test-2:k"], kit.Snapshot().Databases[0].Keys);
    }

    [Fact]
    public async Task AGivenTimeProviderDrivesTheServer()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var kit = await ValkeyTestServer.StartAsync(o => o.TimeProvider = clock);
        Assert.Same(clock, kit.Time);
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), await server.TimeAsync());
    }

    [Fact]
    public async Task TheDatabaseCountIsConfigurable()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Databases = 2);
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        Assert.Equal("2", (await server.ConfigGetAsync("databases")).Single().Value);
    }
}
