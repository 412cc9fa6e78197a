using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InProcValkey.Caching.Tests;

/// <summary>
/// HybridCache (Microsoft.Extensions.Caching.Hybrid) with the in-process cache as its L2: HybridCache ignores an L2 that is
/// MemoryDistributedCache, ours it uses. Several HybridCache instances (each its own container and empty L1) over one store
/// show that values, tag invalidations and expiry travel through the store, driven by a FakeTimeProvider.
/// </summary>
public sealed class HybridCacheTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));
    private readonly ValkeyStore _store;
    private readonly List<ServiceProvider> _providers = [];

    public HybridCacheTests() => _store = new ValkeyStore(new ValkeyStoreOptions { TimeProvider = _time, ActiveExpiry = false });

    public void Dispose()
    {
        foreach (var p in _providers)
        {
            p.Dispose();
        }
        _store.Dispose();
    }

    // A fresh HybridCache (empty L1) whose L2 is the shared store.
    private HybridCache NewHybridCache()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(_store); // the cache takes the container's ValkeyStore
        services.AddInProcValkeyCache(o => o.InstanceName = "hc:");
        services.AddHybridCache();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        Assert.IsType<ValkeyDistributedCache>(provider.GetRequiredService<IDistributedCache>());
        Assert.Same(_store, provider.GetRequiredService<ValkeyDistributedCache>().Store);
        return provider.GetRequiredService<HybridCache>();
    }

    // HybridCache writes L2 after it has handed the value to the caller ("everything else here is background"), so a test
    // that depends on the write waits for it (bounded; this is not waiting for an expiry, which the fake clock drives).
    private void WaitForL2Write(string key) =>
        Assert.True(SpinWait.SpinUntil(() => _store.Execute("EXISTS", key).AsInt64() == 1, TimeSpan.FromSeconds(10)), "HybridCache never wrote " + key);

    private static ValueTask<string> Fail(CancellationToken ct) => throw new InvalidOperationException("the factory must not run: the value is in L2");

    [Fact]
    public async Task HybridCacheWritesToTheStoreAndAnotherInstanceReadsFromIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = NewHybridCache();
        Assert.Equal("v1", await first.GetOrCreateAsync("user:1", _ => ValueTask.FromResult("v1"), cancellationToken: ct));
        WaitForL2Write("hc:user:1");

        Assert.Equal("hash", _store.Execute("TYPE", "hc:user:1").ToString());
        Assert.Equal(300_000, _store.Execute("PTTL", "hc:user:1").AsInt64()); // HybridCache's default 5 minutes, on the fake clock

        var second = NewHybridCache();
        Assert.Equal("v1", await second.GetOrCreateAsync("user:1", Fail, cancellationToken: ct));
    }

    [Fact]
    public async Task RemoveReachesTheStore()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = NewHybridCache();
        await first.GetOrCreateAsync("k", _ => ValueTask.FromResult("v1"), cancellationToken: ct);
        WaitForL2Write("hc:k");
        await first.RemoveAsync("k", ct);
        Assert.Equal(0, _store.Execute("EXISTS", "hc:k").AsInt64());
        Assert.Equal("v2", await NewHybridCache().GetOrCreateAsync("k", _ => ValueTask.FromResult("v2"), cancellationToken: ct));
    }

    [Fact]
    public async Task TagInvalidationIsStoredAndSeenByOtherInstances()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = NewHybridCache();
        string[] tags = ["tenant:7"];
        await first.GetOrCreateAsync("report", _ => ValueTask.FromResult("old"), tags: tags, cancellationToken: ct);
        WaitForL2Write("hc:report");
        Assert.Equal("old", await NewHybridCache().GetOrCreateAsync("report", Fail, tags: tags, cancellationToken: ct));

        _time.Advance(TimeSpan.FromSeconds(1));
        await first.RemoveByTagAsync("tenant:7", ct);
        Assert.Equal(1, _store.Execute("EXISTS", "hc:__MSFT_HCT__tenant:7").AsInt64()); // the invalidation lives in L2

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("new", await NewHybridCache().GetOrCreateAsync("report", _ => ValueTask.FromResult("new"), tags: tags, cancellationToken: ct));
        Assert.Equal("new", await first.GetOrCreateAsync("report", _ => ValueTask.FromResult("new"), tags: tags, cancellationToken: ct));
    }

    [Fact]
    public async Task L2ExpiryFollowsTheFakeClock()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
        await NewHybridCache().GetOrCreateAsync("e", _ => ValueTask.FromResult("v1"), options, cancellationToken: ct);
        WaitForL2Write("hc:e");
        Assert.Equal(60_000, _store.Execute("PTTL", "hc:e").AsInt64());

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("v1", await NewHybridCache().GetOrCreateAsync("e", Fail, options, cancellationToken: ct));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, _store.Execute("EXISTS", "hc:e").AsInt64());
        Assert.Equal("v2", await NewHybridCache().GetOrCreateAsync("e", _ => ValueTask.FromResult("v2"), options, cancellationToken: ct));
    }
}
