using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

// ---- memory limits and eviction (issue 6) ----
internal sealed partial class Engine
{
    /// <summary>Valkey's <c>LFU_INIT_VAL</c>: the logarithmic counter a new object starts with.</summary>
    public const int LfuInitVal = 5;

    /// <summary>The running <c>used_memory</c> (see docs/memory.md).</summary>
    public readonly MemoryAccounting Memory = new();

    // Valkey's LFUGetTimeInMinutes (16 bits), refreshed with the LRU clock.
    private volatile uint _lfuMinutes;
    private Evictor? _evictor;

    /// <summary>The eviction pool and loop (created on first use).</summary>
    public Evictor Evictor => _evictor ?? Interlocked.CompareExchange(ref _evictor, new Evictor(this), null) ?? _evictor;

    private void InitializeMemory(long allocatedAtStart, ValkeyStoreOptions options)
    {
        if (options.MaxMemory != 0 || !options.MaxMemoryPolicy.Equals("noeviction", StringComparison.OrdinalIgnoreCase))
        {
            Config.Seed("maxmemory", options.MaxMemory);
            Config.Set("maxmemory-policy", options.MaxMemoryPolicy);
        }
        long slots = 0;
        foreach (var db in Databases)
        {
            foreach (var shard in db.Shards)
            {
                slots += shard.Table.SlotBytes;
            }
        }
        long built = GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart;
        Memory.Initialize(Math.Max(0, built - slots), slots);
    }

    /// <summary>
    /// Valkey's maxmemory step of <c>processCommand</c>: with <c>maxmemory</c> set and used memory over it, evicts keys by
    /// the policy (<c>performEvictions</c>); true when memory is still over the limit and nothing more could be evicted
    /// (<c>EVICT_FAIL</c>), so a command flagged <c>denyoom</c> must be refused. With <c>maxmemory</c> 0 this is one branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OutOfMemory()
    {
        long max = Config.MaxMemory;
        return max != 0 && Memory.Used > max && Evictor.PerformEvictions() == EvictionResult.Fail;
    }

    /// <summary><see cref="OutOfMemory"/> for the typed API's writes: throws Valkey's OOM error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ThrowIfOutOfMemory()
    {
        if (OutOfMemory())
        {
            throw new ValkeyException(Errors.ErrorMessages.OutOfMemory);
        }
    }

    /// <summary>LFU data for a new object: now in minutes and <see cref="LfuInitVal"/>.</summary>
    public uint NewLfuStamp() => (_lfuMinutes << 8) | LfuInitVal;

    /// <summary>
    /// Records an access to <paramref name="e"/> (Valkey's lookupKey): its LRU stamp, or under an LFU policy its decayed
    /// and logarithmically incremented counter (<c>updateLFU</c>). Safe without the shard lock (the optimistic GET): a racing
    /// access may lose an update, which both approximations tolerate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(byte[] e)
    {
        if (!Config.LfuPolicy)
        {
            EntryLayout.TouchLru(e, _lruClock);
            return;
        }
        TouchLfu(e);
    }

    private void TouchLfu(byte[] e)
    {
        int counter = LfuDecrAndReturn(EntryLayout.Lru(e));
        counter = LfuLogIncr(counter, Config.LfuLogFactor);
        EntryLayout.SetLru(e, (_lfuMinutes << 8) | (uint)counter);
    }

    /// <summary>Valkey's <c>LFUDecrAndReturn</c>: the counter of LFU data <paramref name="stamp"/> after its decay periods (OBJECT FREQ).</summary>
    public int LfuDecrAndReturn(uint stamp)
    {
        uint ldt = stamp >> 8;
        int counter = (int)(stamp & 255);
        uint now = _lfuMinutes;
        long elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
        int decay = Config.LfuDecayTime;
        long periods = decay != 0 ? elapsed / decay : 0;
        if (periods != 0)
        {
            counter = periods > counter ? 0 : counter - (int)periods;
        }
        return counter;
    }

    /// <summary>Valkey's <c>LFULogIncr</c>: increments the counter with probability 1 / ((counter - LFU_INIT_VAL) × factor + 1).</summary>
    public static int LfuLogIncr(int counter, int logFactor)
    {
        if (counter == 255)
        {
            return 255;
        }
        double r = Random.Shared.NextDouble();
        double baseval = Math.Max(0, counter - LfuInitVal);
        double p = 1.0 / (baseval * logFactor + 1);
        return r < p ? counter + 1 : counter;
    }
}
