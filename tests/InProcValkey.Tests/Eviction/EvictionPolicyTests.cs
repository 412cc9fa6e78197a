using System.Globalization;
using static InProcValkey.Tests.Eviction.EvictionTestHelpers;

namespace InProcValkey.Tests.Eviction;

public sealed class EvictionPolicyTests
{
    // The bytes one "key:N" → 100-byte value adds, averaged over 200 keys so that a slot array doubling does not count as
    // one key's cost (measured, so the tests follow the layout).
    private static long KeyCost(TestStore t)
    {
        long before = t.UsedMemory();
        for (int i = 0; i < 200; i++)
        {
            t.Ok("SET", "probe:" + S(i), Value);
        }
        long cost = (t.UsedMemory() - before) / 200;
        for (int i = 0; i < 200; i++)
        {
            t.Int("DEL", "probe:" + S(i));
        }
        return cost;
    }

    [Fact]
    public void NoevictionRefusesWritesOverTheLimitAndChangesNothing()
    {
        using var t = NewStore();
        t.LimitTo(20_000, "noeviction");
        int n = 0;
        while (true)
        {
            var r = t.Run("SET", "key:" + S(n), Value);
            if (r.IsError)
            {
                Assert.Equal(Oom, r.ErrorMessage);
                break;
            }
            Assert.True(++n < 10_000, "the limit was never reached");
        }
        long used = t.UsedMemory();
        t.Nil("GET", "key:" + S(n));
        t.Error(Oom, "SET", "key:0", "other");
        t.Error(Oom, "LPUSH", "list", "a");
        t.Error(Oom, "HSET", "hash", "f", "v");
        t.Error(Oom, "SADD", "set", "m");
        t.Error(Oom, "ZADD", "zset", "1", "m");
        t.Error(Oom, "APPEND", "key:0", "more");
        t.Error(Oom, "INCR", "counter");
        Assert.Equal(used, t.UsedMemory());
        Assert.Equal(Value, t.Text("GET", "key:0"));
        Assert.Equal(n, t.Int("DBSIZE"));
        Assert.Equal(1, t.Int("EXPIRE", "key:1", "100"));
        var ex = Assert.Throws<ValkeyException>(() => t.Db.StringSet("typed", "value"));
        Assert.Equal(Oom, ex.Message);
        Assert.Equal(0, t.InfoField("stats", "evicted_keys"));
        Assert.Contains("cmdstat_set:calls=" + S(n) + ",", t.Text("INFO", "commandstats"));
        // Deleting makes room again.
        Assert.Equal(5, t.Int("DEL", "key:0", "key:1", "key:2", "key:3", "key:4"));
        t.Ok("SET", "key:0", Value);
    }

    [Theory]
    [InlineData("allkeys-random")]
    [InlineData("allkeys-lru")]
    [InlineData("allkeys-lfu")]
    public void AllkeysPoliciesKeepMemoryUnderTheLimitByEvicting(string policy)
    {
        using var t = NewStore();
        long cost = KeyCost(t);
        long limit = t.LimitTo(200 * cost, policy);
        for (int i = 0; i < 1000; i++)
        {
            t.Ok("SET", "key:" + S(i), Value);
            Assert.True(t.UsedMemory() <= limit + 2 * cost + 1024, "used " + S(t.UsedMemory()) + " > limit " + S(limit));
        }
        long evicted = t.InfoField("stats", "evicted_keys");
        Assert.InRange(evicted, 700, 900);
        Assert.Equal(1000 - evicted, t.Int("DBSIZE"));
        Assert.Equal(t.RecountedMemory(), t.UsedMemory());
        t.Ok("CONFIG", "RESETSTAT");
        Assert.Equal(0, t.InfoField("stats", "evicted_keys"));
    }

    [Theory]
    [InlineData("volatile-random")]
    [InlineData("volatile-lru")]
    [InlineData("volatile-lfu")]
    [InlineData("volatile-ttl")]
    public void VolatilePoliciesEvictOnlyKeysWithATtl(string policy)
    {
        using var t = NewStore();
        for (int i = 0; i < 200; i++)
        {
            t.Ok("SET", "persistent:" + S(i), Value);
        }
        long cost = KeyCost(t);
        t.LimitTo(200 * cost, policy);
        for (int i = 0; i < 1000; i++)
        {
            t.Ok("SET", "volatile:" + S(i), Value, "EX", S(1000 + i));
        }
        Assert.True(t.InfoField("stats", "evicted_keys") >= 700);
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(1, t.Int("EXISTS", "persistent:" + S(i)));
        }
        // Once no key has a TTL, nothing is evictable: writes fail, reads work.
        int n = 0;
        while (t.Run("SET", "more:" + S(n), Value) is { IsError: false })
        {
            Assert.True(++n < 10_000);
        }
        t.Error(Oom, "SET", "more:x", Value);
        Assert.Equal(0, t.Int("EXISTS", "more:x"));
        Assert.Equal(Value, t.Text("GET", "persistent:0"));
    }

    [Fact]
    public void VolatileTtlEvictsTheSoonestExpiringKeys()
    {
        using var t = NewStore();
        var ttl = Enumerable.Range(0, 1000).OrderBy(i => (i * 7919) % 1000).ToArray();
        for (int i = 0; i < 1000; i++)
        {
            t.Ok("SET", "key:" + S(i), Value, "EX", S(1000 + ttl[i]));
        }
        long cost = KeyCost(t);
        t.LimitTo(-300 * cost, "volatile-ttl");
        t.Ok("SET", "trigger", "x");
        var evicted = Enumerable.Range(0, 1000).Where(i => t.Int("EXISTS", "key:" + S(i)) == 0).ToList();
        Assert.InRange(evicted.Count, 280, 420);
        // Sampling approximates: nearly all evicted keys are among the soonest-expiring half.
        double soon = evicted.Count(i => ttl[i] < 500) / (double)evicted.Count;
        Assert.True(soon >= 0.9, $"only {soon:P0} of the evicted keys were among the soonest-expiring half");
    }

    // Sets the limit 300 keys below what is used, writes once, and checks that about 300 of key:0…999 were evicted, at most a
    // tenth of them among the even ("hot") keys the test read.
    private static void EvictAboutThirtyPercentKeepingTheEvenKeys(TestStore t, string policy, string hotMeans)
    {
        long cost = KeyCost(t);
        t.LimitTo(-300 * cost, policy);
        t.Ok("SET", "trigger", "x");
        int hotEvicted = Enumerable.Range(0, 500).Count(i => t.Int("EXISTS", "key:" + S(2 * i)) == 0);
        long evicted = t.InfoField("stats", "evicted_keys");
        Assert.InRange(evicted, 280, 420);
        Assert.True(hotEvicted <= evicted / 10, $"{hotEvicted} of {evicted} evicted keys {hotMeans}");
    }

    [Fact]
    public void LruKeepsTheRecentlyReadKeys()
    {
        using var t = new TestStore(activeExpiry: true);
        t.Ok("CONFIG", "SET", "maxmemory-eviction-tenacity", "100");
        for (int i = 0; i < 1000; i++)
        {
            t.Ok("SET", "key:" + S(i), Value);
        }
        t.Time.Advance(TimeSpan.FromSeconds(10));
        for (int i = 0; i < 1000; i += 2)
        {
            Assert.Equal(Value, t.Text("GET", "key:" + S(i)));
        }
        Assert.Equal(0, t.Int("OBJECT", "IDLETIME", "key:0"));
        Assert.Equal(10, t.Int("OBJECT", "IDLETIME", "key:1"));
        EvictAboutThirtyPercentKeepingTheEvenKeys(t, "allkeys-lru", "had just been read");
    }

    [Fact]
    public void LfuKeepsTheOftenReadKeys()
    {
        using var t = NewStore();
        t.Ok("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
        for (int i = 0; i < 1000; i++)
        {
            t.Ok("SET", "key:" + S(i), Value);
        }
        for (int r = 0; r < 5; r++)
        {
            for (int i = 0; i < 1000; i += 2)
            {
                Assert.Equal(Value, t.Text("GET", "key:" + S(i)));
            }
        }
        Assert.True(t.Int("OBJECT", "FREQ", "key:0") > 5);
        Assert.Equal(5, t.Int("OBJECT", "FREQ", "key:1"));
        EvictAboutThirtyPercentKeepingTheEvenKeys(t, "allkeys-lfu", "were read often");
    }

    [Fact]
    public void TenacityBoundsTheKeysOneCommandEvicts()
    {
        using var t = NewStore();
        for (int i = 0; i < 1000; i++)
        {
            t.Ok("SET", "key:" + S(i), Value);
        }
        long cost = KeyCost(t);
        // Tenacity 0 is a time budget of 0 µs, checked every 16 keys: each command runs after 16 evictions (INFO included,
        // which reads the counter after its own).
        t.Ok("CONFIG", "SET", "maxmemory-eviction-tenacity", "0");
        t.LimitTo(-500 * cost, "allkeys-random");
        Assert.Equal(16, t.InfoField("stats", "evicted_keys"));
        t.Ok("SET", "b", "x");
        Assert.Equal(48, t.InfoField("stats", "evicted_keys"));
    }

    [Fact]
    public void AnOverLimitReadEvictsButRuns()
    {
        using var t = NewStore();
        for (int i = 0; i < 100; i++)
        {
            t.Ok("SET", "key:" + S(i), Value);
        }
        long cost = KeyCost(t);
        t.LimitTo(-10 * cost, "allkeys-random");
        // Valkey evicts before every command while over the limit, not only before writes: the read runs after.
        Assert.InRange(t.Int("DBSIZE"), 80, 90);
        Assert.Equal(100 - t.Int("DBSIZE"), t.InfoField("stats", "evicted_keys"));
    }
}
