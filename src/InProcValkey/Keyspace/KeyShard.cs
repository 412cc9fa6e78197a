using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

/// <summary>
/// One stripe of a database: a <see cref="KeyTable"/>, the lock that guards it, and a version that lets GET read without
/// the lock (a seqlock). See docs/locking.md.
/// </summary>
internal sealed partial class KeyShard
{
    // Guards Table, VolatileCount, ExpireCursor and every entry in the table.
    private readonly Lock _lock = new();

    // Odd while a lock holder may be changing the table or an entry; bumped on every Enter and Exit.
    private int _version;

    /// <summary>Position of this shard in the global lock order (database index × shards + shard index).</summary>
    public readonly int Order;

    public KeyTable Table = new();

    /// <summary>How many entries in <see cref="Table"/> carry an expiry.</summary>
    public int VolatileCount;

    /// <summary>Where the active expiry cycle resumes in this shard (a <see cref="KeyTable.ScanBucket"/> cursor).</summary>
    public ulong ExpireCursor;

    public KeyShard(int order) => Order = order;

    /// <summary>Takes the shard lock until the returned scope is disposed: <c>using (shard.Lock()) { … }</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Scope Lock()
    {
        Enter();
        return new Scope(this);
    }

    public void Enter()
    {
        // Inside EXEC the transaction already holds this shard: re-entry is a no-op (no second version bump).
        if (_txOwner != 0 && _txOwner == Environment.CurrentManagedThreadId)
        {
            return;
        }
        // Not re-entrant: a second Enter would turn the version even while the lock is still held.
        System.Diagnostics.Debug.Assert(!_lock.IsHeldByCurrentThread, "A shard lock is never taken twice by one thread.");
        _lock.Enter();
        Volatile.Write(ref _version, _version + 1);
        // The version must be odd before any change below becomes visible.
        Volatile.WriteBarrier();
    }

    public void Exit()
    {
        if (_txOwner != 0 && _txOwner == Environment.CurrentManagedThreadId)
        {
            return;
        }
        // ---- memory accounting (issue 6): structures changed in place under this lock ----
        if (_touched is not null)
        {
            ChargeTouchedStructures();
        }
        // Release: every change made under the lock is visible before the version turns even again.
        Volatile.Write(ref _version, _version + 1);
        _lock.Exit();
    }

    public bool IsHeldByCurrentThread => _lock.IsHeldByCurrentThread;

    /// <summary>Starts an optimistic read: the version to validate later, or -1 when a writer is active.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BeginOptimisticRead()
    {
        int v = Volatile.Read(ref _version);
        return (v & 1) == 0 ? v : -1;
    }

    /// <summary>True when no lock holder ran since <see cref="BeginOptimisticRead"/> returned <paramref name="version"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Validate(int version)
    {
        // Every read of the table and entries above must complete before the version is read again.
        Volatile.ReadBarrier();
        return Volatile.Read(ref _version) == version;
    }

    // ---- transactions (issue 7) ----

    // Managed thread id of the EXEC (or typed transaction) holding this shard for its whole run, 0 otherwise. Written only
    // by that thread while it holds the lock; another thread reads a value that is not its own id and takes the lock.
    private int _txOwner;

    /// <summary>
    /// Takes the lock for a whole transaction: until <see cref="ExitTransaction"/>, the same thread's
    /// <see cref="Enter"/>/<see cref="Exit"/> (the queued commands' own locking) are no-ops. See docs/locking.md.
    /// </summary>
    public void EnterTransaction()
    {
        Enter();
        _txOwner = Environment.CurrentManagedThreadId;
    }

    /// <summary>Releases a lock taken by <see cref="EnterTransaction"/>.</summary>
    public void ExitTransaction()
    {
        _txOwner = 0;
        Exit();
    }

    /// <summary>Releases the shard lock on dispose.</summary>
    public readonly ref struct Scope
    {
        private readonly KeyShard _shard;

        internal Scope(KeyShard shard) => _shard = shard;

        public void Dispose() => _shard.Exit();
    }
}
