namespace InProcValkey.Keyspace;

/// <summary>
/// The engine's running <c>used_memory</c>: the bytes of every key's packed entry (with its array header), of every
/// collection structure held beside an entry (its own estimate), of every shard's slot arrays, plus the fixed bytes the
/// engine allocated when it was built. <see cref="Database"/> adds each change under the shard lock where it happens (see
/// docs/memory.md), so reading it costs one load: the maxmemory check before a command and INFO read it as they are.
/// </summary>
internal sealed class MemoryAccounting
{
    private long _used;
    private long _peak;
    private long _evicted;

    /// <summary>Bytes the engine allocated when it was built, besides the (empty) slot arrays: shards, locks, tables, statistics.</summary>
    public long StartupBytes { get; private set; }

    /// <summary>INFO <c>used_memory</c>.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>INFO <c>used_memory_peak</c>.</summary>
    public long Peak => Math.Max(Volatile.Read(ref _peak), Used);

    /// <summary>INFO <c>evicted_keys</c>.</summary>
    public long EvictedKeys => Interlocked.Read(ref _evicted);

    public void Initialize(long startupBytes, long slotBytes)
    {
        StartupBytes = startupBytes;
        Interlocked.Add(ref _used, startupBytes + slotBytes);
    }

    /// <summary>Adds a change of <paramref name="delta"/> bytes (negative when memory was released).</summary>
    public void Add(long delta)
    {
        long now = Interlocked.Add(ref _used, delta);
        if (delta > 0 && now > Volatile.Read(ref _peak))
        {
            Volatile.Write(ref _peak, now);
        }
    }

    public void OnEvicted() => Interlocked.Increment(ref _evicted);

    /// <summary>CONFIG RESETSTAT: INFO <c>evicted_keys</c> back to 0.</summary>
    public void ResetEvictedKeys() => Interlocked.Exchange(ref _evicted, 0);
}
