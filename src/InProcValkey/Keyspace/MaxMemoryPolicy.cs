namespace InProcValkey.Keyspace;

/// <summary>Valkey's <c>maxmemory-policy</c>: which keys eviction may remove and how it ranks them.</summary>
internal enum MaxMemoryPolicy : byte
{
    /// <summary>Evict nothing: writes fail with OOM over the limit.</summary>
    NoEviction,
    /// <summary>Least recently used among keys with a TTL.</summary>
    VolatileLru,
    /// <summary>Least frequently used among keys with a TTL.</summary>
    VolatileLfu,
    /// <summary>Any key with a TTL, at random.</summary>
    VolatileRandom,
    /// <summary>The key with the nearest expiry.</summary>
    VolatileTtl,
    /// <summary>Least recently used among all keys.</summary>
    AllKeysLru,
    /// <summary>Least frequently used among all keys.</summary>
    AllKeysLfu,
    /// <summary>Any key, at random.</summary>
    AllKeysRandom,
}

internal static class MaxMemoryPolicies
{
    public static MaxMemoryPolicy Parse(string name) => name switch
    {
        "volatile-lru" => MaxMemoryPolicy.VolatileLru,
        "volatile-lfu" => MaxMemoryPolicy.VolatileLfu,
        "volatile-random" => MaxMemoryPolicy.VolatileRandom,
        "volatile-ttl" => MaxMemoryPolicy.VolatileTtl,
        "allkeys-lru" => MaxMemoryPolicy.AllKeysLru,
        "allkeys-lfu" => MaxMemoryPolicy.AllKeysLfu,
        "allkeys-random" => MaxMemoryPolicy.AllKeysRandom,
        _ => MaxMemoryPolicy.NoEviction,
    };

    /// <summary>Whether the policy only evicts keys that have a TTL (Valkey's <c>MAXMEMORY_FLAG_ALLKEYS</c> unset).</summary>
    public static bool VolatileOnly(this MaxMemoryPolicy p) => p is MaxMemoryPolicy.VolatileLru or MaxMemoryPolicy.VolatileLfu or MaxMemoryPolicy.VolatileRandom or MaxMemoryPolicy.VolatileTtl;

    /// <summary>Whether the policy picks at random rather than through the eviction pool.</summary>
    public static bool IsRandom(this MaxMemoryPolicy p) => p is MaxMemoryPolicy.VolatileRandom or MaxMemoryPolicy.AllKeysRandom;
}
