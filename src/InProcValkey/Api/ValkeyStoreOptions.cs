namespace InProcValkey;

/// <summary>Options of a <see cref="ValkeyStore"/>.</summary>
public sealed class ValkeyStoreOptions
{
    /// <summary>The clock for TTLs, active expiry, TIME and idle times. Default: <see cref="TimeProvider.System"/>. Tests pass a <c>FakeTimeProvider</c>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Number of logical databases (Valkey's <c>databases</c>). Default 16.</summary>
    public int Databases { get; set; } = 16;

    /// <summary>
    /// Seed of the store's one random source, from which RANDOMKEY, SPOP, SRANDMEMBER, HRANDFIELD and ZRANDMEMBER draw; a
    /// store with a seed gives the same answers to the same single-threaded command sequence every run. Null draws a random seed.
    /// </summary>
    public int? RandomSeed { get; set; }

    /// <summary>Whether a background cycle reclaims expired keys nobody reads (Valkey's active expiry). Default true.</summary>
    public bool ActiveExpiry { get; set; } = true;

    /// <summary>How often the active expiry cycle runs (Valkey's <c>hz</c> 10 = 100 ms).</summary>
    public TimeSpan ActiveExpiryInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest string value in bytes (Valkey's <c>proto-max-bulk-len</c>). Default 512 MB.</summary>
    public long ProtoMaxBulkLen { get; set; } = 512L * 1024 * 1024;

    // ---- keyspace notifications (issue 7) ----

    /// <summary>
    /// Initial <c>notify-keyspace-events</c> (for example <c>"KEA"</c>): which keyspace notifications are published to
    /// pub/sub subscribers, as CONFIG SET would set it. Null (the default) keeps Valkey's default, none. Typed
    /// subscriptions (<see cref="ValkeyStore.SubscribeKeyspaceEvents(KeyspaceEventClasses, KeyspaceEventOptions?)"/>)
    /// do not need it.
    /// </summary>
    public string? NotifyKeyspaceEvents { get; set; }
    // ---- memory limits and eviction (issue 6) ----

    /// <summary>
    /// Valkey's <c>maxmemory</c>: the bytes the store's data may use (INFO <c>used_memory</c>, see docs/memory.md) before
    /// writes evict keys by <see cref="MaxMemoryPolicy"/> or fail with OOM. 0 (the default) means no limit. Changeable later
    /// with <c>CONFIG SET maxmemory</c>.
    /// </summary>
    public long MaxMemory { get; set; }

    /// <summary>
    /// Valkey's <c>maxmemory-policy</c>: <c>noeviction</c> (the default), <c>allkeys-lru</c>, <c>allkeys-lfu</c>,
    /// <c>allkeys-random</c>, <c>volatile-lru</c>, <c>volatile-lfu</c>, <c>volatile-random</c> or <c>volatile-ttl</c>.
    /// </summary>
    public string MaxMemoryPolicy { get; set; } = "noeviction";

    internal void Validate()
    {
        if (Databases < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Databases), Databases, "At least one database is required.");
        }
        if (ActiveExpiryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ActiveExpiryInterval), ActiveExpiryInterval, "The interval must be positive.");
        }
        if (ProtoMaxBulkLen < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ProtoMaxBulkLen), ProtoMaxBulkLen, "The limit must be positive.");
        }
        if (MaxMemory < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMemory), MaxMemory, "The limit must not be negative (0 means none).");
        }
        if (MaxMemoryPolicy is null || Keyspace.MaxMemoryPolicies.Parse(MaxMemoryPolicy.ToLowerInvariant()) == Keyspace.MaxMemoryPolicy.NoEviction
            && !MaxMemoryPolicy.Equals("noeviction", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown maxmemory-policy '{MaxMemoryPolicy}'.", nameof(MaxMemoryPolicy));
        }
    }
}
