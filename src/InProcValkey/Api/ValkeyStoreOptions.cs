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
    }
}
