using System.Globalization;

namespace InProcValkey.Caching.Tests;

/// <summary>The adapter under maxmemory (issue 6): OOM surfaces as RedisCache's does (the server's error), eviction frees entries.</summary>
public sealed class MemoryLimitTests
{
    private static long UsedMemory(ValkeyStore store)
    {
        var line = store.Execute("INFO", "memory").ToString()!.Split("\r\n").First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line.AsSpan("used_memory:".Length), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void SetOverTheLimitUnderNoevictionThrowsTheOomErrorAndReadsWork()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("kept", CacheTestContext.Bytes("value"), CacheTestContext.Options(sliding: TimeSpan.FromMinutes(5)));
        Assert.Equal("OK", t.Store.Execute("CONFIG", "SET", "maxmemory", "1").ToString());
        var ex = Assert.Throws<ValkeyException>(() => t.Cache.Set("new", CacheTestContext.Bytes("value"), CacheTestContext.Options(relative: TimeSpan.FromMinutes(1))));
        Assert.Equal("OOM command not allowed when used memory > 'maxmemory'.", ex.Message);
        Assert.False(t.Exists("new"));
        Assert.Equal("value", t.Text("kept"));
        t.Cache.Refresh("kept");
        t.Cache.Remove("kept");
        Assert.False(t.Exists("kept"));
    }

    [Fact]
    public void UnderAllkeysLruTheCacheStaysWithinTheLimit()
    {
        using var t = new CacheTestContext();
        long limit = UsedMemory(t.Store) + 64 * 1024;
        t.Store.Execute("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        t.Store.Execute("CONFIG", "SET", "maxmemory", limit.ToString(CultureInfo.InvariantCulture));
        var payload = new byte[1000];
        for (int i = 0; i < 500; i++)
        {
            t.Cache.Set("entry" + i.ToString(CultureInfo.InvariantCulture), payload, CacheTestContext.Options(sliding: TimeSpan.FromMinutes(5)));
            Assert.True(UsedMemory(t.Store) <= limit + 4096);
        }
        long kept = Enumerable.Range(0, 500).Count(i => t.Exists("entry" + i.ToString(CultureInfo.InvariantCulture)));
        Assert.InRange(kept, 10, 70);
        Assert.True(t.Exists("entry499"));
    }
}
