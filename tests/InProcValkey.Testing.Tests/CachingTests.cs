using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

namespace InProcValkey.Testing.Tests;

/// <summary>Microsoft's RedisCache and HybridCache (with RedisCache as L2) on the kit's tunnel connection, expiry moved by the kit's clock.</summary>
public sealed class CachingTests
{
    [Fact]
    public async Task RedisCacheEntriesExpireWhenTheKitClockPassesTheirExpiry()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        using var cache = new RedisCache(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(kit.Multiplexer),
            InstanceName = "app:",
        });
        await cache.SetStringAsync("absolute", "a", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        await cache.SetStringAsync("sliding", "s", new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(2) });
        Assert.Equal("hash", kit.Snapshot()["app:absolute"]!.Type);

        kit.Time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal("s", await cache.GetStringAsync("sliding")); // the read slides the expiry: 2 more minutes from now
        kit.Time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal("s", await cache.GetStringAsync("sliding"));
        Assert.Equal("a", await cache.GetStringAsync("absolute"));
        kit.Time.Advance(TimeSpan.FromMinutes(2.1));
        Assert.Null(await cache.GetStringAsync("absolute"));
        Assert.Null(await cache.GetStringAsync("sliding"));
        Assert.Equal(0, kit.Snapshot().KeyCount);
    }

    [Fact]
    public async Task HybridCacheReadsItsSecondLevelFromTheKitAndSeesItExpire()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        ServiceProvider Build()
        {
            var services = new ServiceCollection();
            services.AddStackExchangeRedisCache(o => o.ConnectionMultiplexerFactory = () => Task.FromResult(kit.Multiplexer));
            services.AddHybridCache(o => o.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(10),
                LocalCacheExpiration = TimeSpan.FromMinutes(10),
            });
            return services.BuildServiceProvider();
        }

        await using var writerApp = Build();
        await using var readerApp = Build(); // another process: its own L1, the same L2
        int calls = 0;
        ValueTask<string> Factory(CancellationToken _)
        {
            calls++;
            return ValueTask.FromResult("computed-" + calls);
        }

        var writer = writerApp.GetRequiredService<HybridCache>();
        var reader = readerApp.GetRequiredService<HybridCache>();
        Assert.Equal("computed-1", await writer.GetOrCreateAsync("product:1", Factory));
        await TimeTests.WaitUntilAsync(() => kit.Snapshot().KeyCount == 1); // HybridCache writes L2 in the background
        Assert.Equal("computed-1", await reader.GetOrCreateAsync("product:1", Factory)); // from L2 on the kit
        Assert.Equal(1, calls);

        kit.Time.Advance(TimeSpan.FromMinutes(10.1));
        Assert.Equal(0, kit.Snapshot().KeyCount);
        await using var freshApp = Build();
        Assert.Equal("computed-2", await freshApp.GetRequiredService<HybridCache>().GetOrCreateAsync("product:1", Factory));
    }
}
