using System.Diagnostics;

namespace InProcValkey.Keyspace;

/// <summary>What <see cref="Evictor.PerformEvictions"/> achieved (Valkey's <c>EVICT_OK</c>, <c>EVICT_RUNNING</c>, <c>EVICT_FAIL</c>).</summary>
internal enum EvictionResult : byte
{
    /// <summary>Under the limit (or no limit).</summary>
    Ok,
    /// <summary>Still over the limit, but the time budget ran out while keys remained evictable: the command runs, the next one evicts more.</summary>
    Running,
    /// <summary>Over the limit with nothing left to evict: denyoom commands are refused.</summary>
    Fail,
}

/// <summary>
/// Valkey 7.2's approximated eviction (<c>evict.c</c>): while used memory is over <c>maxmemory</c>, sample
/// <c>maxmemory-samples</c> keys in every database (only keys with a TTL under the volatile-* policies), rank them by idle
/// time (LRU), 255 − frequency (LFU) or nearness of expiry (volatile-ttl) into the 16-entry eviction pool, and evict the
/// best candidate still present; the random policies evict a random key of the next database round-robin. One eviction
/// runs at a time (the pool is shared); it takes one shard lock at a time and none is held by the caller.
/// </summary>
internal sealed class Evictor
{
    /// <summary>Valkey's <c>EVPOOL_SIZE</c>.</summary>
    public const int PoolSize = 16;

    private sealed class PoolEntry
    {
        public ulong Idle;
        public byte[] Key = new byte[64];
        public int KeyLength;
        public int Db;
        public bool Used;

        public ReadOnlySpan<byte> KeySpan => Key.AsSpan(0, KeyLength);
    }

    private readonly Engine _engine;
    private readonly Lock _lock = new();
    private readonly PoolEntry[] _pool = new PoolEntry[PoolSize];
    private readonly Random _random;
    private int _nextDb;

    public Evictor(Engine engine)
    {
        _engine = engine;
        for (int i = 0; i < PoolSize; i++)
        {
            _pool[i] = new PoolEntry();
        }
        // Derived from the store's random source, so a store with a RandomSeed evicts repeatably in a single-threaded test.
        _random = new Random(engine.NextRandom(int.MaxValue));
    }

    /// <summary>
    /// Valkey's <c>performEvictions</c>: evicts until used memory is at most <c>maxmemory</c>, nothing is left to evict
    /// (<see cref="EvictionResult.Fail"/>), or the time budget of <c>maxmemory-eviction-tenacity</c> is spent
    /// (<see cref="EvictionResult.Running"/>; checked every 16 keys, as Valkey).
    /// </summary>
    public EvictionResult PerformEvictions()
    {
        var config = _engine.Config;
        var memory = _engine.Memory;
        if (config.MaxMemory == 0 || memory.Used <= config.MaxMemory)
        {
            return EvictionResult.Ok;
        }
        if (_engine.Pause.Holds(mayWrite: true))
        {
            // Valkey's isSafeToPerformEvictions: CLIENT PAUSE (WRITE or ALL) pauses evictions, and the step answers OK
            // without evicting, so the dataset stays as it is until the pause ends.
            return EvictionResult.Ok;
        }
        if (config.MaxMemoryPolicy == MaxMemoryPolicy.NoEviction)
        {
            return EvictionResult.Fail;
        }
        lock (_lock)
        {
            long start = Stopwatch.GetTimestamp();
            long limitUs = TimeLimitMicros(config.EvictionTenacity);
            long limitTicks = limitUs == long.MaxValue ? long.MaxValue : limitUs * Stopwatch.Frequency / 1_000_000;
            int freed = 0;
            while (memory.Used > config.MaxMemory)
            {
                var policy = config.MaxMemoryPolicy;
                if (policy == MaxMemoryPolicy.NoEviction || !EvictOne(policy, config.MaxMemorySamples))
                {
                    return EvictionResult.Fail;
                }
                freed++;
                if (freed % 16 == 0 && Stopwatch.GetTimestamp() - start > limitTicks)
                {
                    return EvictionResult.Running;
                }
            }
            return EvictionResult.Ok;
        }
    }

    /// <summary>Valkey's <c>evictionTimeLimitUs</c>: 50 µs per tenacity step up to 10, then 15% more per step, unlimited at 100.</summary>
    internal static long TimeLimitMicros(int tenacity)
    {
        if (tenacity <= 10)
        {
            return 50L * tenacity;
        }
        if (tenacity < 100)
        {
            return (long)(500.0 * Math.Pow(1.15, tenacity - 10.0));
        }
        return long.MaxValue;
    }

    // One key evicted: true; false when no key is evictable.
    private bool EvictOne(MaxMemoryPolicy policy, int samples)
    {
        bool volatileOnly = policy.VolatileOnly();
        var dbs = _engine.Databases;
        if (policy.IsRandom())
        {
            for (int i = 0; i < dbs.Length; i++)
            {
                _nextDb = (_nextDb + 1) % dbs.Length;
                if (EvictRandom(dbs[_nextDb], volatileOnly))
                {
                    return true;
                }
            }
            return false;
        }
        while (true)
        {
            bool anyKeys = false;
            for (int i = 0; i < dbs.Length; i++)
            {
                anyKeys |= Populate(dbs[i], policy, volatileOnly, samples);
            }
            if (!anyKeys)
            {
                return false;
            }
            // From the best candidate (highest idle) down; a key gone or changed meanwhile is a ghost: try the next one.
            for (int k = PoolSize - 1; k >= 0; k--)
            {
                var p = _pool[k];
                if (!p.Used)
                {
                    continue;
                }
                p.Used = false;
                if (TryEvict(dbs[p.Db], p.KeySpan, volatileOnly))
                {
                    return true;
                }
            }
        }
    }

    private static bool TryEvict(Database db, ReadOnlySpan<byte> key, bool volatileOnly)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            int index = shard.Table.Find(h.Hash, key);
            if (index < 0 || (volatileOnly && !EntryLayout.HasExpiry(shard.Table.EntryAt(index))))
            {
                return false;
            }
            db.EvictLocked(shard, index);
            return true;
        }
    }

    // A shard of db holding (volatile) keys, from a random start; null when the database has none.
    private KeyShard? PickShard(Database db, bool volatileOnly)
    {
        if (!db.MayHaveKeys)
        {
            return null;
        }
        var found = ScanShards(db, volatileOnly);
        if (found is null && !volatileOnly)
        {
            // Empty: mark it, then look once more, so that a key added meanwhile (which sets the mark again) is not missed.
            db.MayHaveKeys = false;
            found = ScanShards(db, volatileOnly);
            if (found is not null)
            {
                db.MayHaveKeys = true;
            }
        }
        return found;
    }

    private KeyShard? ScanShards(Database db, bool volatileOnly)
    {
        var shards = db.Shards;
        int start = _random.Next(shards.Length);
        for (int i = 0; i < shards.Length; i++)
        {
            var s = shards[(start + i) & (shards.Length - 1)];
            if (volatileOnly ? Volatile.Read(ref s.VolatileCount) > 0 : s.Table.Count > 0)
            {
                return s;
            }
        }
        return null;
    }

    private bool EvictRandom(Database db, bool volatileOnly)
    {
        // A shard seen non-empty may be emptied before its lock is taken: look again a few times.
        for (int attempt = 0; attempt < 4; attempt++)
        {
            var shard = PickShard(db, volatileOnly);
            if (shard is null)
            {
                return false;
            }
            using (shard.Lock())
            {
                int index = shard.Table.NextOccupied(_random.Next(), volatileOnly, int.MaxValue);
                if (index >= 0)
                {
                    db.EvictLocked(shard, index);
                    return true;
                }
            }
        }
        return false;
    }

    // Valkey's evictionPoolPopulate for one database; false when it holds no (volatile) key.
    private bool Populate(Database db, MaxMemoryPolicy policy, bool volatileOnly, int samples)
    {
        bool any = false;
        for (int s = 0; s < samples; s++)
        {
            var shard = PickShard(db, volatileOnly);
            if (shard is null)
            {
                return any;
            }
            any = true;
            using (shard.Lock())
            {
                int index = shard.Table.NextOccupied(_random.Next(), volatileOnly, int.MaxValue);
                if (index < 0)
                {
                    continue;
                }
                var e = shard.Table.EntryAt(index);
                Insert(db.Index, e, Score(policy, e));
            }
        }
        return any;
    }

    // Higher is a better candidate (Valkey's "idle").
    private ulong Score(MaxMemoryPolicy policy, byte[] e) => policy switch
    {
        MaxMemoryPolicy.AllKeysLru or MaxMemoryPolicy.VolatileLru => (ulong)IdleMs(EntryLayout.Lru(e)),
        MaxMemoryPolicy.AllKeysLfu or MaxMemoryPolicy.VolatileLfu => 255UL - (ulong)_engine.LfuDecrAndReturn(EntryLayout.Lru(e)),
        _ => ulong.MaxValue - (ulong)EntryLayout.Expiry(e),
    };

    // Valkey's estimateObjectIdleTime against the cached LRU clock, in milliseconds.
    private long IdleMs(uint lru)
    {
        uint now = _engine.LruClockRaw;
        return now >= lru ? (long)(now - lru) * 1000 : (long)(Engine.LruClockMax - lru + now) * 1000;
    }

    // The pool is kept in ascending idle order; inserts as Valkey's evictionPoolPopulate does.
    private void Insert(int dbIndex, byte[] e, ulong idle)
    {
        var key = EntryLayout.Key(e);
        int k = 0;
        while (k < PoolSize && _pool[k].Used && _pool[k].Idle < idle)
        {
            k++;
        }
        if (k == 0 && _pool[PoolSize - 1].Used)
        {
            // Worse than every candidate of a full pool.
            return;
        }
        for (int j = 0; j < PoolSize; j++)
        {
            if (_pool[j].Used && _pool[j].Db == dbIndex && _pool[j].KeySpan.SequenceEqual(key))
            {
                // Already a candidate (sampled again): refresh nothing, as its rank barely moved.
                return;
            }
        }
        PoolEntry slot;
        if (k < PoolSize && !_pool[k].Used)
        {
            slot = _pool[k];
        }
        else if (!_pool[PoolSize - 1].Used)
        {
            // Free space on the right: shift k.. one place right.
            slot = _pool[PoolSize - 1];
            Array.Copy(_pool, k, _pool, k + 1, PoolSize - 1 - k);
            _pool[k] = slot;
        }
        else
        {
            // No free space: drop the worst candidate (index 0) and shift 1..k-1 left, inserting at k-1.
            k--;
            slot = _pool[0];
            Array.Copy(_pool, 1, _pool, 0, k);
            _pool[k] = slot;
        }
        if (slot.Key.Length < key.Length)
        {
            slot.Key = new byte[Math.Max(key.Length, slot.Key.Length * 2)];
        }
        key.CopyTo(slot.Key);
        slot.KeyLength = key.Length;
        slot.Idle = idle;
        slot.Db = dbIndex;
        slot.Used = true;
    }
}
