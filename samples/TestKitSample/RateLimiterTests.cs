using InProcValkey.Testing;

namespace TestKitSample;

public sealed class RateLimiterTests
{
    [Fact]
    public async Task AllowsTheLimitThenRefuses()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var limiter = new RateLimiter(kit.Multiplexer, limit: 3, window: TimeSpan.FromMinutes(1));

        Assert.True(await limiter.TryAcquireAsync("alice"));
        Assert.True(await limiter.TryAcquireAsync("alice"));
        Assert.True(await limiter.TryAcquireAsync("alice"));
        Assert.False(await limiter.TryAcquireAsync("alice"));
        Assert.True(await limiter.TryAcquireAsync("bob"));
        Assert.Equal(0, await limiter.RemainingAsync("alice"));
    }

    [Fact]
    public async Task TheWindowEndsWhenTheClockPassesIt()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var limiter = new RateLimiter(kit.Multiplexer, limit: 1, window: TimeSpan.FromMinutes(1));

        Assert.True(await limiter.TryAcquireAsync("alice"));
        Assert.False(await limiter.TryAcquireAsync("alice"));
        kit.Time.Advance(TimeSpan.FromSeconds(61)); // no sleeping: the server's clock is the test's
        Assert.True(await limiter.TryAcquireAsync("alice"));
    }

    [Fact]
    public async Task TheExpiryIsSetOncePerWindow()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var limiter = new RateLimiter(kit.Multiplexer, limit: 10, window: TimeSpan.FromMinutes(1));
        for (int i = 0; i < 5; i++)
        {
            await limiter.TryAcquireAsync("alice");
        }

        var expire = Assert.Single(kit.Log.Named("EXPIRE"));
        Assert.Equal(["ratelimit:{alice}", "60"], expire.Arguments);
        Assert.Equal(TimeSpan.FromMinutes(1), kit.Snapshot()["ratelimit:{alice}"]!.TimeToLive);
    }

    [Fact]
    public async Task FailsOpenWhenRedisFails()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var limiter = new RateLimiter(kit.Multiplexer, limit: 1, window: TimeSpan.FromMinutes(1));
        Assert.True(await limiter.TryAcquireAsync("alice"));

        kit.Faults.FailCommand("INCR", "LOADING Valkey is loading the dataset in memory", count: 1);
        Assert.True(await limiter.TryAcquireAsync("alice"));   // let through
        Assert.False(await limiter.TryAcquireAsync("alice"));  // the counter is back
    }

    [Fact]
    public async Task WorksOnAClusterBecauseEachCallerHasOneSlot()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.ClusterStrict = true);
        var limiter = new RateLimiter(kit.Multiplexer, limit: 2, window: TimeSpan.FromMinutes(1));
        Assert.True(await limiter.TryAcquireAsync("alice"));
        Assert.Equal(1, await limiter.RemainingAsync("alice"));
    }

    [Fact]
    public async Task StartsFromSeededState()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        kit.LoadCommands("SET ratelimit:{alice} 2 EX 30");
        var limiter = new RateLimiter(kit.Multiplexer, limit: 2, window: TimeSpan.FromMinutes(1));

        Assert.False(await limiter.TryAcquireAsync("alice"));
        kit.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await limiter.TryAcquireAsync("alice"));
    }
}
