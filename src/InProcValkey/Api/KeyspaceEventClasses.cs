namespace InProcValkey;

/// <summary>
/// The classes of keyspace events (Valkey's <c>notify-keyspace-events</c> letters), combinable. Used by
/// <see cref="ValkeyStore.SubscribeKeyspaceEvents(KeyspaceEventClasses, KeyspaceEventOptions?)"/> and reported on each
/// <see cref="KeyspaceEvent"/>. The numeric values are Valkey's <c>NOTIFY_*</c> bits.
/// </summary>
[Flags]
public enum KeyspaceEventClasses
{
    /// <summary>No class.</summary>
    None = 0,

    /// <summary><c>g</c>: type-independent commands (DEL, EXPIRE, RENAME, COPY, MOVE, PERSIST, …).</summary>
    Generic = 1 << 2,

    /// <summary><c>$</c>: string commands.</summary>
    String = 1 << 3,

    /// <summary><c>l</c>: list commands.</summary>
    List = 1 << 4,

    /// <summary><c>s</c>: set commands.</summary>
    Set = 1 << 5,

    /// <summary><c>h</c>: hash commands.</summary>
    Hash = 1 << 6,

    /// <summary><c>z</c>: sorted set commands.</summary>
    SortedSet = 1 << 7,

    /// <summary><c>x</c>: <c>expired</c>, when an expired key is reclaimed (lazily on access or by active expiry).</summary>
    Expired = 1 << 8,

    /// <summary><c>e</c>: <c>evicted</c>, when maxmemory eviction removes a key.</summary>
    Evicted = 1 << 9,

    /// <summary><c>t</c>: stream commands (accepted; the store has no streams, so none fire).</summary>
    Stream = 1 << 10,

    /// <summary><c>m</c>: <c>keymiss</c>, a read of a missing key. Not part of <see cref="All"/>.</summary>
    KeyMiss = 1 << 11,

    /// <summary><c>d</c>: module key type events (accepted; the store has no modules, so none fire).</summary>
    Module = 1 << 13,

    /// <summary><c>n</c>: <c>new</c>, a key added to a database. Not part of <see cref="All"/>.</summary>
    New = 1 << 14,

    /// <summary><c>A</c>: alias for <c>g$lshzxetd</c> (everything but <see cref="KeyMiss"/> and <see cref="New"/>).</summary>
    All = Generic | String | List | Set | Hash | SortedSet | Expired | Evicted | Stream | Module,
}
