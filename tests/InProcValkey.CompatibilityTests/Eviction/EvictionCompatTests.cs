using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Eviction;

/// <summary>
/// maxmemory, its policies and the commands that report on them (issue 6) against redis-server. The reference server is
/// shared by the whole assembly, so every case puts maxmemory and the policy back to their defaults when it ends.
/// </summary>
public class EvictionCompatTests(RedisServerFixture server) : CompatTest(server)
{
    private void Restore()
    {
        Same("CONFIG", "SET", "maxmemory", "0");
        Same("CONFIG", "SET", "maxmemory-policy", "noeviction");
        Same("CONFIG", "SET", "lfu-log-factor", "10");
        Same("CONFIG", "SET", "lfu-decay-time", "1");
    }

    /// <summary>
    /// Integers 0..9999 are shared objects (OBJECT REFCOUNT 2147483647) except with a maxmemory and an LRU or LFU policy,
    /// decided when each value is created (SET, MSET, APPEND, INCR): values made before a policy change keep their kind.
    /// </summary>
    [Theory]
    [InlineData("allkeys-lru")]
    [InlineData("volatile-lfu")]
    [InlineData("allkeys-random")]
    public void SharedIntegersFollowMaxmemoryAndThePolicy(string policy)
    {
        try
        {
            Same("SET", "before", "5");
            Same("CONFIG", "SET", "maxmemory-policy", policy);
            Same("SET", "nolimit", "5");
            Same("OBJECT", "REFCOUNT", "nolimit");
            Same("CONFIG", "SET", "maxmemory", "1gb");
            Same("SET", "a", "5");
            Same("OBJECT", "REFCOUNT", "a");
            Same("SET", "a", "6");
            Same("OBJECT", "REFCOUNT", "a");
            Same("INCR", "a");
            Same("OBJECT", "REFCOUNT", "a");
            Same("MSET", "m", "9", "n", "12345");
            Same("OBJECT", "REFCOUNT", "m");
            Same("OBJECT", "REFCOUNT", "n");
            Same("APPEND", "p", "42");
            Same("OBJECT", "REFCOUNT", "p");
            Same("INCRBY", "q", "7");
            Same("OBJECT", "REFCOUNT", "q");
            Same("OBJECT", "REFCOUNT", "before");
            Same("CONFIG", "SET", "maxmemory", "0");
            Same("OBJECT", "REFCOUNT", "a");
            Same("INCR", "a");
            Same("OBJECT", "REFCOUNT", "a");
        }
        finally
        {
            Restore();
        }
    }

    [Fact]
    public void ObjectFreqAndIdletimeFollowThePolicy()
    {
        try
        {
            Same("SET", "k", "v");
            Same("OBJECT", "FREQ", "k");
            Same("OBJECT", "FREQ", "missing");
            Same("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
            Same("SET", "fresh", "v");
            Same("OBJECT", "FREQ", "fresh");
            Same("GET", "fresh");
            Same("OBJECT", "FREQ", "fresh");
            Same("OBJECT", "IDLETIME", "fresh");
            Same("OBJECT", "IDLETIME", "missing");
            Same("CONFIG", "SET", "lfu-log-factor", "0");
            Same("GET", "fresh");
            Same("STRLEN", "fresh");
            Same("OBJECT", "FREQ", "fresh");
            Same("CONFIG", "SET", "maxmemory-policy", "volatile-lru");
            Same("OBJECT", "FREQ", "fresh");
        }
        finally
        {
            Restore();
        }
    }

    [Theory]
    [InlineData("maxmemory-policy", "lru")]
    [InlineData("maxmemory-policy", "ALLKEYS-LFU")]
    [InlineData("maxmemory-eviction-tenacity", "101")]
    [InlineData("maxmemory-eviction-tenacity", "-1")]
    [InlineData("maxmemory", "-1")]
    [InlineData("maxmemory", "1.5")]
    [InlineData("lfu-log-factor", "-1")]
    [InlineData("lfu-decay-time", "x")]
    public void EvictionParametersAreValidated(string name, string value)
    {
        try
        {
            Same("CONFIG", "SET", name, value);
            Same("CONFIG", "GET", name);
        }
        finally
        {
            Restore();
        }
    }

    [Fact]
    public void NoevictionOverTheLimitRefusesWritesAndServesReads()
    {
        try
        {
            Same("SET", "k", "v");
            Same("CONFIG", "SET", "maxmemory", "1");
            Same("SET", "x", "y");
            Same("GET", "x");
            Same("GET", "k");
            Same("INCR", "counter");
            Same("LPUSH", "list", "a");
            Same("HSET", "hash", "f", "v");
            Same("EXISTS", "counter", "list", "hash");
            Same("EXPIRE", "k", "100");
            Same("DEL", "k");
            Same("SET", "x", "y");
        }
        finally
        {
            Restore();
        }
    }

    [Theory]
    [InlineData("allkeys-lru")]
    [InlineData("allkeys-random")]
    [InlineData("volatile-ttl")]
    public void WhenEvictingEverythingIsNotEnoughWritesFail(string policy)
    {
        try
        {
            Same("SET", "plain", "v");
            Same("SET", "volatile", "v", "EX", "100");
            Same("CONFIG", "SET", "maxmemory-policy", policy);
            Same("CONFIG", "SET", "maxmemory", "1");
            Same("SET", "x", "y");
            Same("EXISTS", "volatile");
            Same("GET", "x");
        }
        finally
        {
            Restore();
        }
    }

    [Fact]
    public void MemoryUsageArguments()
    {
        Same("SET", "k", "v");
        Same("MEMORY", "USAGE", "missing");
        Same("MEMORY", "USAGE", "k", "SAMPLES", "-1");
        Same("MEMORY", "USAGE", "k", "SAMPLES");
        Same("MEMORY", "USAGE", "k", "SAMPLES", "x");
        Same("MEMORY", "USAGE", "k", "BOGUS");
        Same("MEMORY", "USAGE");
        Same("MEMORY");
        SameShape("MEMORY", "USAGE", "k", "SAMPLES", "0");
    }
}
