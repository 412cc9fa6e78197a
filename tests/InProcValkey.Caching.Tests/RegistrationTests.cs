using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InProcValkey.Caching.Tests;

/// <summary>AddInProcValkeyCache: which store and clock the cache gets, and what it replaces.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void TheCacheIsBothInterfacesAndReplacesTheMemoryCacheWhateverTheOrder()
    {
        var services = new ServiceCollection();
        services.AddInProcValkeyCache();
        services.AddDistributedMemoryCache();
        using var sp = services.BuildServiceProvider();
        var cache = sp.GetRequiredService<IDistributedCache>();
        Assert.IsType<ValkeyDistributedCache>(cache);
        Assert.Same(cache, sp.GetRequiredService<IBufferDistributedCache>());
    }

    [Fact]
    public void ACreatedStoreUsesTheContainersTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddInProcValkeyCache(o => o.InstanceName = "p:");
        using var sp = services.BuildServiceProvider();
        var cache = sp.GetRequiredService<ValkeyDistributedCache>();
        Assert.Same(time, cache.Store.TimeProvider);
        cache.SetString("k", "v", new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(10) });
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Null(cache.GetString("k"));
    }

    [Fact]
    public void TheContainersStoreIsUsedAndAnExplicitStoreWins()
    {
        var services = new ServiceCollection();
        services.AddInProcValkey();
        services.AddInProcValkeyCache(o => o.Database = 2);
        using (var sp = services.BuildServiceProvider())
        {
            Assert.Same(sp.GetRequiredService<ValkeyStore>(), sp.GetRequiredService<ValkeyDistributedCache>().Store);
        }

        using var mine = new ValkeyStore();
        var explicitServices = new ServiceCollection();
        explicitServices.AddInProcValkey();
        explicitServices.AddInProcValkeyCache(o => o.Store = mine);
        using var sp2 = explicitServices.BuildServiceProvider();
        sp2.GetRequiredService<IDistributedCache>().SetString("k", "v");
        Assert.Equal("v", mine.Execute("HGET", "k", "data").ToString());
    }
}
