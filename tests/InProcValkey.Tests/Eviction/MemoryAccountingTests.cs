using System.Globalization;

namespace InProcValkey.Tests.Eviction;

public sealed class MemoryAccountingTests
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void RunningTotalEqualsARecountAfterEveryKindOfChange()
    {
        using var t = new TestStore(activeExpiry: false);
        Assert.Equal(t.RecountedMemory(), t.UsedMemory());
        for (int i = 0; i < 300; i++)
        {
            t.Ok("SET", "s" + S(i), new string('v', i));
            t.Int("INCR", "n" + S(i));
        }
        t.Int("APPEND", "s5", new string('a', 500));
        t.Int("SETRANGE", "s6", "1000", "x");
        t.Int("EXPIRE", "s7", "100");
        t.Int("PERSIST", "s7");
        t.Ok("SET", "s8", "short", "EX", "100");
        // Collections in compact encodings and as structures beside their entries, grown and shrunk in place.
        for (int i = 0; i < 1000; i++)
        {
            t.Int("HSET", "bighash", "f" + S(i), "value" + S(i));
            t.Int("RPUSH", "biglist", "element" + S(i));
            t.Int("SADD", "bigset", "m" + S(i));
            t.Int("ZADD", "bigzset", S(i), "m" + S(i));
            if (i % 100 == 0)
            {
                Assert.Equal(t.RecountedMemory(), t.UsedMemory());
            }
        }
        // Structures created by one command with their first elements (stored, then filled under the same lock).
        string big = new('x', 5000);
        t.Int("HSET", "hash-big-value", "f", big);
        t.Int("SADD", "set-big-member", big);
        t.Int("ZADD", "zset-big-member", "1", big);
        t.Int("RPUSH", "list-big-element", big, big, big);
        Assert.Equal(t.RecountedMemory(), t.UsedMemory());
        Assert.True(t.Int("MEMORY", "USAGE", "hash-big-value") > 5000);
        t.Int("HSET", "smallhash", "f", "v");
        t.Int("HDEL", "bighash", "f1", "f2", "f3");
        t.Run("LPOP", "biglist", "500");
        t.Int("SREM", "bigset", "m1", "m2");
        t.Int("ZREMRANGEBYRANK", "bigzset", "0", "99");
        Assert.Equal(t.RecountedMemory(), t.UsedMemory());
        // Moved between keys, shards and databases, copied, stored.
        t.Ok("RENAME", "bighash", "bighash2");
        t.Ok("RENAME", "bigzset", "bigzset2");
        t.Int("COPY", "bigset", "bigset2");
        t.Int("MOVE", "biglist", "3");
        t.Int("SUNIONSTORE", "union", "bigset", "bigset2");
        t.Ok("SWAPDB", "0", "3");
        Assert.Equal(t.RecountedMemory(), t.UsedMemory());
        t.Int("DEL", "bighash2", "bigset2", "s1", "n1");
        Assert.Equal(t.RecountedMemory(), t.UsedMemory());
    }

    [Fact]
    public void UsedMemoryGoesBackDownAfterDelAndFlushall()
    {
        using var t = new TestStore();
        long empty = t.InfoField("memory", "used_memory");
        t.Ok("SET", "big", new string('x', 100_000));
        long withBig = t.InfoField("memory", "used_memory");
        Assert.InRange(withBig - empty, 100_000, 100_200);
        t.Int("DEL", "big");
        Assert.Equal(empty, t.InfoField("memory", "used_memory"));
        for (int i = 0; i < 5000; i++)
        {
            t.Ok("SET", "k" + S(i), "value" + S(i));
            t.Int("HSET", "h" + S(i % 10), "f" + S(i), "v");
        }
        Assert.True(t.InfoField("memory", "used_memory") > empty + 5000 * 40);
        Assert.True(t.InfoField("memory", "used_memory_peak") >= t.InfoField("memory", "used_memory"));
        t.Ok("FLUSHALL");
        Assert.Equal(empty, t.InfoField("memory", "used_memory"));
        Assert.True(t.InfoField("memory", "used_memory_peak") > empty + 5000 * 40);
    }

    [Fact]
    public void MemoryUsageGrowsWithTheValueAndCountsTheStructure()
    {
        using var t = new TestStore();
        t.Ok("SET", "small", "x");
        t.Ok("SET", "large", new string('x', 10_000));
        long small = t.Int("MEMORY", "USAGE", "small");
        long large = t.Int("MEMORY", "USAGE", "large");
        Assert.InRange(small, 24, 80);
        Assert.InRange(large - small, 9_990, 10_010);
        for (int i = 0; i < 2000; i++)
        {
            t.Int("SADD", "set", "member-" + S(i));
        }
        long set = t.Int("MEMORY", "USAGE", "set", "SAMPLES", "0");
        Assert.True(set > 2000 * 8, set.ToString(CultureInfo.InvariantCulture));
        // What MEMORY USAGE reports for a key is what used_memory loses when the key goes, plus its share of the slot arrays
        // (which stay until the table shrinks).
        long before = t.UsedMemory();
        long usage = t.Int("MEMORY", "USAGE", "large");
        t.Int("DEL", "large");
        Assert.InRange(usage - (before - t.UsedMemory()), 16, 32);
    }

    [Fact]
    public void MemoryUsageRepliesNilForAMissingKeyAndChecksSamples()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        t.Nil("MEMORY", "USAGE", "nosuch");
        t.Error("ERR syntax error", "MEMORY", "USAGE", "k", "SAMPLES", "-1");
        t.Error("ERR syntax error", "MEMORY", "USAGE", "k", "SAMPLES");
        t.Error("ERR syntax error", "MEMORY", "USAGE", "k", "FOO", "1");
        t.Error("ERR value is not an integer or out of range", "MEMORY", "USAGE", "k", "SAMPLES", "x");
        t.Error("ERR wrong number of arguments for 'memory|usage' command", "MEMORY", "USAGE");
        Assert.True(t.Int("MEMORY", "USAGE", "k", "SAMPLES", "5", "SAMPLES", "0") > 0);
        Assert.Contains("USAGE <key> [SAMPLES <count>]", t.Text("MEMORY", "HELP"));
    }

    [Fact]
    public void InfoReportsTheLimitPolicyAndEvictedKeys()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "maxmemory", "100mb");
        t.Ok("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        string memory = t.Text("INFO", "memory")!;
        Assert.Contains("\r\nmaxmemory:104857600\r\n", memory);
        Assert.Contains("\r\nmaxmemory_human:100.00M\r\n", memory);
        Assert.Contains("\r\nmaxmemory_policy:allkeys-lru\r\n", memory);
        Assert.Contains("\r\nused_memory_human:", memory);
        Assert.Equal(0, t.InfoField("stats", "evicted_keys"));
    }

    [Fact]
    public void StoreOptionsSetTheLimitAndPolicy()
    {
        using var store = new ValkeyStore(new ValkeyStoreOptions { MaxMemory = 64 * 1024 * 1024, MaxMemoryPolicy = "allkeys-lfu" });
        Assert.Equal("[maxmemory, 67108864]", store.Execute("CONFIG", "GET", "maxmemory").ToString());
        Assert.Equal("[maxmemory-policy, allkeys-lfu]", store.Execute("CONFIG", "GET", "maxmemory-policy").ToString());
        Assert.Throws<ArgumentException>(() => new ValkeyStore(new ValkeyStoreOptions { MaxMemoryPolicy = "lru" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValkeyStore(new ValkeyStoreOptions { MaxMemory = -1 }));
    }
}
