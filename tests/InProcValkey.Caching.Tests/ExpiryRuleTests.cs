using Microsoft.Extensions.Caching.Distributed;
using static InProcValkey.Caching.Tests.CacheTestContext;

namespace InProcValkey.Caching.Tests;

/// <summary>The expiry rules of docs/distributed-cache.md, driven by a FakeTimeProvider (RedisCache's rules, in ms).</summary>
public sealed class ExpiryRuleTests
{
    [Fact]
    public void AnEntryWithoutExpiryHasNoTtlAndStays()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), new DistributedCacheEntryOptions());
        Assert.Equal(-1, t.Pttl("k"));
        t.Time.Advance(TimeSpan.FromDays(400));
        Assert.Equal("v", t.Text("k"));
    }

    [Fact]
    public void RelativeExpiryKeepsMillisecondsWhereRedisCacheTruncatesToSeconds()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(relative: TimeSpan.FromMilliseconds(1500)));
        Assert.Equal(1500, t.Pttl("k"));
        t.Time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal("v", t.Text("k")); // expires when expiry < now, as Valkey
        t.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(t.Cache.Get("k"));
        Assert.False(t.Exists("k"));
    }

    [Fact]
    public void SubSecondSlidingWindowIsKeptNotDeletedAtOnce()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(sliding: TimeSpan.FromMilliseconds(500)));
        Assert.Equal(500, t.Pttl("k"));
        Assert.Equal("v", t.Text("k"));
    }

    [Fact]
    public void AbsoluteExpiryIsStoredAsTicksAndSetsTheTtl()
    {
        using var t = new CacheTestContext();
        var at = t.Time.GetUtcNow().AddMinutes(10);
        t.Cache.Set("k", Bytes("v"), Options(absolute: at));
        Assert.Equal(600_000, t.Pttl("k"));
        Assert.Equal(at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Store.Execute("HGET", "app:k", "absexp").ToString());
    }

    [Fact]
    public void AbsoluteExpiryInThePastIsRejectedAndTheOldEntryKept()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("old"), new DistributedCacheEntryOptions());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.Cache.Set("k", Bytes("new"), Options(absolute: t.Time.GetUtcNow().AddSeconds(-1))));
        Assert.Equal("AbsoluteExpiration", ex.ParamName);
        Assert.StartsWith("The absolute expiration value must be in the future.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Cache.Set("k", Bytes("new"), Options(absolute: t.Time.GetUtcNow())));
        Assert.Equal("old", t.Text("k"));
    }

    [Fact]
    public async Task AbsoluteExpiryInThePastFailsTheAsyncTask()
    {
        using var t = new CacheTestContext();
        var task = t.Cache.SetAsync("k", Bytes("v"), Options(absolute: t.Time.GetUtcNow().AddSeconds(-1)), TestContext.Current.CancellationToken);
        Assert.True(task.IsFaulted);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => task);
    }

    [Fact]
    public void RelativeExpiryWinsOverAbsoluteEvenWhenLater()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(relative: TimeSpan.FromMinutes(20), absolute: t.Time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(1_200_000, t.Pttl("k"));
        var expected = t.Time.GetUtcNow().AddMinutes(20).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, t.Store.Execute("HGET", "app:k", "absexp").ToString());
    }

    [Fact]
    public void SlidingExpiryLapsesWithoutAccess()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(sliding: TimeSpan.FromMinutes(1)));
        t.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(t.Cache.Get("k"));
    }

    [Fact]
    public void SlidingExpiryIsRenewedByGetTryGetAndRefresh()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(sliding: TimeSpan.FromMinutes(1)));
        t.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(10_000, t.Pttl("k"));
        Assert.Equal("v", t.Text("k"));
        Assert.Equal(60_000, t.Pttl("k"));
        t.Time.Advance(TimeSpan.FromSeconds(50));
        t.Cache.Refresh("k");
        Assert.Equal(60_000, t.Pttl("k"));
        t.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(t.Cache.TryGet("k", new System.Buffers.ArrayBufferWriter<byte>()));
        Assert.Equal(60_000, t.Pttl("k"));
        t.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal("v", t.Text("k"));
    }

    [Fact]
    public void SlidingExpiryIsCappedByTheAbsoluteOne()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(relative: TimeSpan.FromSeconds(90), sliding: TimeSpan.FromMinutes(1)));
        Assert.Equal(60_000, t.Pttl("k"));
        t.Time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal("v", t.Text("k"));
        Assert.Equal(45_000, t.Pttl("k")); // min(absolute - now, sliding)
        t.Time.Advance(TimeSpan.FromSeconds(40));
        t.Cache.Refresh("k");
        Assert.Equal(5_000, t.Pttl("k"));
        t.Time.Advance(TimeSpan.FromMilliseconds(5_001));
        Assert.Null(t.Cache.Get("k"));
    }

    [Fact]
    public void AbsoluteOnlyEntriesAreNotExtendedByReadsOrRefresh()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(relative: TimeSpan.FromMinutes(1)));
        t.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("v", t.Text("k"));
        t.Cache.Refresh("k");
        Assert.Equal(30_000, t.Pttl("k"));
    }

    [Fact]
    public void SetReplacesTheEntryAndItsTtlUnlikeRedisCacheWhichKeepsTheOldTtl()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v1"), Options(relative: TimeSpan.FromMinutes(1)));
        t.Cache.Set("k", Bytes("v2"), new DistributedCacheEntryOptions());
        Assert.Equal(-1, t.Pttl("k"));
        Assert.Equal("-1", t.Store.Execute("HGET", "app:k", "absexp").ToString());
        t.Cache.Set("k", Bytes("v3"), Options(sliding: TimeSpan.FromSeconds(5)));
        Assert.Equal(5_000, t.Pttl("k"));
        Assert.Equal("v3", t.Text("k"));
    }

    [Fact]
    public void RefreshAndRemoveOfAMissingKeyDoNothing()
    {
        using var t = new CacheTestContext();
        t.Cache.Refresh("missing");
        t.Cache.Remove("missing");
        Assert.False(t.Exists("missing"));
        Assert.False(t.Cache.TryGet("missing", new System.Buffers.ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void RemoveDeletesTheEntry()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), Options(sliding: TimeSpan.FromMinutes(1)));
        t.Cache.Remove("k");
        Assert.Null(t.Cache.Get("k"));
        Assert.False(t.Exists("k"));
    }
}
