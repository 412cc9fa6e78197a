using StackExchange.Redis;

namespace InProcValkey.Testing.Tests;

public sealed class CommandLogTests
{
    [Fact]
    public async Task TheLogShowsExactlyOneSetWithEx60()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.ClientName = "orders-service");
        var db = kit.Multiplexer.GetDatabase(3);
        await db.StringSetAsync("order:1", "pending", TimeSpan.FromSeconds(60), when: StackExchange.Redis.When.NotExists);
        await db.StringGetAsync("order:1");
        var set = Assert.Single(kit.Log.Named("SET"));
        Assert.Equal("60", set.OptionValue("EX"));
        Assert.True(set.HasArgument("nx"));
        Assert.Equal(["order:1", "pending", "EX", "60", "NX"], set.Arguments);
        Assert.Equal("orders-service", set.ClientName);
        Assert.Equal(3, set.Database);
        Assert.Equal(kit.Time.GetUtcNow(), set.Time);
        Assert.Equal("SET \"order:1\" \"pending\" \"EX\" \"60\" \"NX\"", set.ToString());
        // StackExchange.Redis sends SETEX for an unconditional set with expiry
        await db.StringSetAsync("order:2", "paid", TimeSpan.FromSeconds(60));
        Assert.Equal(["order:2", "60", "paid"], Assert.Single(kit.Log.Named("SETEX")).Arguments);
        Assert.Single(kit.Log.Named("get"));
    }

    [Fact]
    public async Task SeedingAndSnapshotsAreNotLoggedAndClearForgets()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        kit.Execute("SET", "a", "1");
        kit.LoadCommands("SET b 2");
        _ = kit.Snapshot();
        Assert.Empty(kit.Log.Named("SET"));
        await kit.Multiplexer.GetDatabase().StringSetAsync("c", "3");
        Assert.Single(kit.Log.Named("SET"));
        kit.Log.Clear();
        Assert.Empty(kit.Log.Named("SET"));
    }

    [Fact]
    public async Task EachConnectionIsIdentified()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var other = await kit.ConnectAsync(c => c.ClientName = "worker");
        await kit.Multiplexer.GetDatabase().StringSetAsync("a", "1");
        await other.GetDatabase().StringSetAsync("b", "2");
        var sets = kit.Log.Named("SET");
        Assert.Equal(2, sets.Count);
        Assert.NotEqual(sets[0].ClientId, sets[1].ClientId);
        Assert.Equal(["inprocvalkey-test", "worker"], sets.Select(s => s.ClientName));
    }
}
