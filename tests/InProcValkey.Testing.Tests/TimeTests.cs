using StackExchange.Redis;

namespace InProcValkey.Testing.Tests;

/// <summary>One clock (the kit's FakeTimeProvider) drives TTLs, active expiry, blocking timeouts, TIME and OBJECT IDLETIME.</summary>
public sealed class TimeTests
{
    [Fact]
    public async Task AdvancingTheClockReclaimsUntouchedKeysAtOnce()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        for (int i = 0; i < 50; i++)
        {
            await db.StringSetAsync("k" + i, i, TimeSpan.FromSeconds(5));
        }
        await db.StringSetAsync("keep", 1);
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        Assert.Equal(51, await server.DatabaseSizeAsync());
        kit.Time.Advance(TimeSpan.FromSeconds(6));
        // DBSIZE counts expired keys nobody read until they are reclaimed: 1 means active expiry ran inside Advance.
        Assert.Equal(1, await server.DatabaseSizeAsync());
    }

    [Fact]
    public async Task TimeAndIdleTimeAreTheKitClock()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        Assert.Equal(kit.Time.GetUtcNow().UtcDateTime, await server.TimeAsync());
        await db.StringSetAsync("k", "v");
        kit.Time.Advance(TimeSpan.FromSeconds(42));
        Assert.Equal(TimeSpan.FromSeconds(42), await db.KeyIdleTimeAsync("k"));
        Assert.Equal(kit.Time.GetUtcNow().UtcDateTime, await server.TimeAsync());
    }

    [Fact]
    public async Task ABlockingPopTimesOutWhenTheClockPassesItsTimeout()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var blocking = await kit.ConnectAsync();
        var pop = blocking.GetDatabase().ExecuteAsync("BLPOP", "queue", "5");
        // The server holds the command: a second connection's round trip proves it is waiting, not answered.
        await kit.Multiplexer.GetDatabase().PingAsync();
        await WaitUntilBlockedAsync(kit);
        Assert.False(pop.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(4));
        await kit.Multiplexer.GetDatabase().PingAsync();
        Assert.False(pop.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(1.001));
        Assert.True((await pop).IsNull);
    }

    [Fact]
    public async Task ABlockingPopIsServedByAPush()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var blocking = await kit.ConnectAsync();
        var pop = blocking.GetDatabase().ExecuteAsync("BLPOP", "queue", "0");
        await WaitUntilBlockedAsync(kit);
        await kit.Multiplexer.GetDatabase().ListRightPushAsync("queue", "job");
        Assert.Equal(["queue", "job"], ((RedisResult[])(await pop)!).Select(r => (string)r!));
    }

    [Fact]
    public async Task ExpiredEventsArePublishedWhenTheClockPassesTheTtl()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        await server.ConfigSetAsync("notify-keyspace-events", "Ex");
        var expired = await kit.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal("__keyevent@0__:expired"));
        await kit.Multiplexer.GetDatabase().StringSetAsync("session", "x", TimeSpan.FromSeconds(10));
        kit.Time.Advance(TimeSpan.FromSeconds(11)); // active expiry reclaims the key (and notifies) inside Advance
        var message = await expired.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("session", (string?)message.Message);
    }

    internal static async Task WaitUntilBlockedAsync(ValkeyTestServer kit)
    {
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        for (int i = 0; i < 2000; i++)
        {
            if ((await server.ClientListAsync()).Any(c => c.Flags.HasFlag(ClientFlags.Blocked)))
            {
                return;
            }
            await Task.Delay(5);
        }
        Assert.Fail("BLPOP never blocked");
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Waits for another thread's progress (not for time to pass): bounded so a broken build fails instead of hanging.
        for (int i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }
        Assert.True(condition());
    }
}
