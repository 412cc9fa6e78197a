using StackExchange.Redis;

namespace InProcValkey.Testing.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task TheNextCommandsFailWithTheGivenError()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        kit.Faults.FailNext(2, "READONLY You can't write against a read only replica.");
        var first = await Assert.ThrowsAsync<RedisServerException>(() => db.StringSetAsync("k", "v"));
        Assert.Equal("READONLY You can't write against a read only replica.", first.Message);
        await Assert.ThrowsAsync<RedisServerException>(() => db.StringGetAsync("k"));
        Assert.True(await db.StringSetAsync("k", "v"));
        Assert.Equal("v", (string?)await db.StringGetAsync("k"));
        // The failed commands did not run, but they were sent: the log has them.
        Assert.Equal(2, kit.Log.Named("SET").Count);
    }

    [Fact]
    public async Task OnlyCommandsOfTheGivenNameOrPredicateFail()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        kit.Faults.FailCommand("HGETALL", "ERR boom", count: 1);
        kit.Faults.FailWhere(c => c.Name == "SETNX" || (c.Name == "SET" && c.HasArgument("NX")), "ERR no nx today");
        await db.HashSetAsync("h", "f", "v");
        var e = await Assert.ThrowsAsync<RedisServerException>(() => db.HashGetAllAsync("h"));
        Assert.Equal("ERR boom", e.Message);
        Assert.Single(await db.HashGetAllAsync("h"));
        Assert.True(await db.StringSetAsync("plain", "1"));
        await Assert.ThrowsAsync<RedisServerException>(() => db.StringSetAsync("nx", "1", when: StackExchange.Redis.When.NotExists));
        Assert.False(await db.KeyExistsAsync("nx"));
    }

    [Fact]
    public async Task RandomFaultsRepeatWithTheSameSeed()
    {
        async Task<string> RunAsync(int seed)
        {
            await using var kit = await ValkeyTestServer.StartAsync(o => o.Seed = seed);
            kit.Faults.FailRandomly(0.5, command: "INCR");
            var db = kit.Multiplexer.GetDatabase();
            var outcomes = new System.Text.StringBuilder();
            for (int i = 0; i < 40; i++)
            {
                try
                {
                    await db.StringIncrementAsync("n");
                    outcomes.Append('+');
                }
                catch (RedisServerException)
                {
                    outcomes.Append('x');
                }
            }
            return outcomes.ToString();
        }

        string a = await RunAsync(7);
        Assert.Equal(a, await RunAsync(7));
        Assert.Contains('+', a);
        Assert.Contains('x', a);
    }

    [Fact]
    public async Task ADroppedConnectionFailsTheCommandAndTheClientReconnects()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.ConfigureConnection = c => c.AbortOnConnectFail = false);
        var db = kit.Multiplexer.GetDatabase();
        await db.StringSetAsync("k", "v");
        kit.Faults.DropNext("GET");
        await Assert.ThrowsAnyAsync<RedisException>(() => db.StringGetAsync("k"));
        // StackExchange.Redis reconnects through the tunnel on its own; wait for it (progress, not time).
        string? value = null;
        for (int i = 0; i < 400 && value is null; i++)
        {
            try
            {
                value = await db.StringGetAsync("k");
            }
            catch (RedisException)
            {
                await Task.Delay(25);
            }
        }
        Assert.Equal("v", value);
    }

    [Fact]
    public async Task DroppingConnectionsNowClosesThemAll()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.ConfigureConnection = c => c.AbortOnConnectFail = false);
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        long before = (await server.ClientListAsync()).Max(c => c.Id);
        kit.Faults.DropConnections();
        ClientInfo[]? clients = null;
        for (int i = 0; i < 400 && clients is null; i++)
        {
            try
            {
                clients = await server.ClientListAsync();
            }
            catch (RedisException)
            {
                await Task.Delay(25);
            }
        }
        Assert.NotNull(clients);
        Assert.All(clients, c => Assert.True(c.Id > before));
    }

    [Fact]
    public async Task ADelayedReplyIsReleasedWhenTheClockPassesTheDelay()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var observer = (await kit.ConnectAsync()).GetDatabase();
        var db = kit.Multiplexer.GetDatabase();
        kit.Faults.DelayReplies(TimeSpan.FromSeconds(2), count: 1, command: "SET");
        var set = db.StringSetAsync("k", "v");
        // The command ran at once (another connection sees its effect) but its reply is held.
        await TimeTests.WaitUntilAsync(() => kit.Execute("EXISTS", "k").AsInt64() == 1);
        Assert.Equal("v", (string?)await observer.StringGetAsync("k"));
        Assert.False(set.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await observer.PingAsync();
        Assert.False(set.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await set);
        Assert.Equal("v", (string?)await db.StringGetAsync("k"));
    }

    [Fact]
    public async Task ResetClearsTheRules()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        kit.Faults.FailCommand("GET");
        Assert.Equal(1, kit.Faults.ActiveRules);
        kit.Reset();
        Assert.Equal(0, kit.Faults.ActiveRules);
        Assert.True((await kit.Multiplexer.GetDatabase().StringGetAsync("k")).IsNull);
    }
}
