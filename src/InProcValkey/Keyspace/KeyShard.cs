namespace InProcValkey.Keyspace;

/// <summary>
/// One stripe of a database: a <see cref="KeyTable"/> and the lock that guards it. See docs/locking.md.
/// </summary>
internal sealed class KeyShard
{
    /// <summary>Guards <see cref="Table"/>, <see cref="VolatileCount"/> and every entry in the table.</summary>
    public readonly Lock Lock = new();

    /// <summary>Position of this shard in the global lock order (database index × shards + shard index).</summary>
    public readonly int Order;

    public KeyTable Table = new();

    /// <summary>How many entries in <see cref="Table"/> carry an expiry.</summary>
    public int VolatileCount;

    /// <summary>Where the active expiry cycle resumes in this shard (a <see cref="KeyTable.ScanBucket"/> cursor).</summary>
    public ulong ExpireCursor;

    public KeyShard(int order) => Order = order;
}
