using Microsoft.Extensions.Caching.Distributed;
using static InProcValkey.Caching.Tests.CacheTestContext;

namespace InProcValkey.Caching.Tests;

/// <summary>Each call is one step: no reader sees an entry's hash without its TTL, or a half-replaced entry.</summary>
public sealed class AtomicityTests
{
    [Fact]
    public async Task ConcurrentReadersNeverSeeAnEntryWithoutItsTtl()
    {
        using var t = new CacheTestContext();
        var sliding = Options(sliding: TimeSpan.FromMinutes(1));
        var small = Bytes("small");
        var large = new byte[500];
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var writer = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                t.Cache.Remove("k"); // every Set then creates the hash anew (the path that adds the TTL after HSET)
                t.Cache.Set("k", i % 2 == 0 ? small : large, sliding);
            }
        }, TestContext.Current.CancellationToken);
        long seen = 0;
        while (!stop.IsCancellationRequested)
        {
            // PTTL is -2 (missing) or the sliding window, never -1 (a hash without TTL).
            long pttl = t.Store.Execute("PTTL", "app:k").AsInt64();
            Assert.NotEqual(-1, pttl);
            var data = t.Cache.Get("k");
            if (data is not null)
            {
                Assert.True(data.Length is 5 or 500);
                seen++;
            }
        }
        await writer;
        Assert.True(seen > 0);
    }
}
