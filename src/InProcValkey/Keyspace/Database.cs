using System.Runtime.CompilerServices;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Keyspace;

/// <summary>
/// One logical database (SELECT index): <see cref="ShardCount"/> shards, each a hash table with its own lock.
/// Methods named <c>…Locked</c> expect the caller to hold the shard's lock (see docs/locking.md); the others take it.
/// </summary>
internal sealed partial class Database
{
    public const int ShardBits = 6;
    public const int ShardCount = 1 << ShardBits;

    public readonly Engine Engine;
    public readonly int Index;
    public readonly KeyShard[] Shards;

    public Database(Engine engine, int index)
    {
        Engine = engine;
        Index = index;
        Shards = new KeyShard[ShardCount];
        for (int i = 0; i < ShardCount; i++)
        {
            Shards[i] = new KeyShard(index * ShardCount + i) { Memory = engine.Memory };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public KeyShard ShardOf(in KeyHash h) => Shards[h.Shard];

    /// <summary>
    /// Finds a live key (lock held). An expired key is deleted here (lazy expiry) and reported missing.
    /// <paramref name="touch"/> updates the key's LRU clock, as every lookup does in Valkey except OBJECT/TYPE-like ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[]? FindLocked(KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, out int index, bool touch = true)
    {
        index = shard.Table.Find(h.Hash, key);
        if (index < 0)
        {
            return null;
        }
        var e = shard.Table.EntryAt(index);
        if (EntryLayout.HasExpiry(e) && EntryLayout.Expiry(e) < clock.NowMs)
        {
            RemoveLocked(shard, index);
            Engine.Stats.OnExpired();
            Notify(KeyspaceEventClasses.Expired, Ev.Expired, key);
            index = -1;
            return null;
        }
        if (touch)
        {
            Engine.Touch(e);
        }
        return e;
    }

    /// <summary>
    /// Adds (<paramref name="index"/> &lt; 0) or replaces the entry of a key (lock held); returns its slot.
    /// <paramref name="structure"/> is the collection structure held beside the entry (null for strings and compact
    /// encodings): a replaced key's old structure is dropped. To change only the entry's shape (expiry, LRU) and keep its
    /// structure, use <see cref="ReshapeLocked"/>.
    /// </summary>
    public int StoreLocked(KeyShard shard, in KeyHash h, int index, byte[] entry, ICollectionObject? structure = null)
    {
        bool newVolatile = EntryLayout.HasExpiry(entry);
        if (EntryLayout.IsCollection(entry))
        {
            // A collection stored under a key (created, replaced, renamed, copied or moved there) may serve a blocked pop.
            Engine.Blocking.SignalKeyReady(this, EntryLayout.Key(entry));
        }
        if (index < 0)
        {
            if (newVolatile)
            {
                shard.VolatileCount++;
            }
            long slots = shard.Table.SlotBytes;
            int at = shard.Table.Add(h.Hash, entry);
            shard.Table.SetObject(at, structure);
            ChargeAddedLocked(shard, entry, structure, slots);
            Notify(KeyspaceEventClasses.New, Ev.New, EntryLayout.Key(entry));
            return at;
        }
        var old = shard.Table.EntryAt(index);
        bool oldVolatile = EntryLayout.HasExpiry(old);
        shard.VolatileCount += (newVolatile ? 1 : 0) - (oldVolatile ? 1 : 0);
        long slotBytes = shard.Table.SlotBytes;
        var oldStructure = (ICollectionObject?)shard.Table.ObjectAt(index);
        shard.Table.Replace(index, entry);
        shard.Table.SetObject(index, structure);
        ChargeReplacedLocked(shard, old, entry, oldStructure, structure, slotBytes);
        return index;
    }

    /// <summary>Replaces the entry at <paramref name="index"/> with a reshaped copy of it (new expiry), keeping its structure (lock held).</summary>
    public void ReshapeLocked(KeyShard shard, int index, byte[] entry)
    {
        var old = shard.Table.EntryAt(index);
        shard.VolatileCount += (EntryLayout.HasExpiry(entry) ? 1 : 0) - (EntryLayout.HasExpiry(old) ? 1 : 0);
        shard.Table.Replace(index, entry);
        ChargeReplacedLocked(shard, old, entry, null, null, shard.Table.SlotBytes);
    }

    /// <summary>The collection structure held beside the entry at <paramref name="index"/>, or null (lock held).</summary>
    public static ICollectionObject? StructureLocked(KeyShard shard, int index)
    {
        var structure = (ICollectionObject?)shard.Table.ObjectAt(index);
        if (structure is not null)
        {
            // The caller may change it in place: its bytes are charged again when the lock is released (memory accounting).
            shard.NoteStructure(structure);
        }
        return structure;
    }

    /// <summary>Removes the entry at <paramref name="index"/> (lock held).</summary>
    public void RemoveLocked(KeyShard shard, int index)
    {
        var removed = shard.Table.EntryAt(index);
        if (EntryLayout.HasExpiry(removed))
        {
            shard.VolatileCount--;
        }
        long slots = shard.Table.SlotBytes;
        var structure = (ICollectionObject?)shard.Table.ObjectAt(index);
        shard.Table.RemoveAt(index);
        ChargeRemovedLocked(shard, removed, structure, slots);
        // A deleted key (DEL, RENAME's source, an emptied collection, expiry) is always a change for WATCH.
        SignalModifiedKey(EntryLayout.Key(removed));
    }

    /// <summary>Empties every shard (all shard locks held).</summary>
    public void ClearLocked()
    {
        foreach (var s in Shards)
        {
            long slots = s.Table.SlotBytes;
            long data = s.Table.DataBytes;
            s.Table.Clear();
            ChargeClearedLocked(s, data, slots);
            s.VolatileCount = 0;
            s.ExpireCursor = 0;
        }
    }

    /// <summary>Number of keys, counting keys that have expired but were not reclaimed yet (all shard locks held), as DBSIZE does.</summary>
    public long CountLocked()
    {
        long n = 0;
        foreach (var s in Shards)
        {
            n += s.Table.Count;
        }
        return n;
    }

    /// <summary>Swaps the contents of two databases (all shard locks of both held): SWAPDB.</summary>
    public static void SwapContentsLocked(Database a, Database b)
    {
        // ---- eviction (issue 6): each may now hold the other's keys ----
        a.MayHaveKeys = b.MayHaveKeys = true;
        for (int i = 0; i < ShardCount; i++)
        {
            var sa = a.Shards[i];
            var sb = b.Shards[i];
            (sa.Table, sb.Table) = (sb.Table, sa.Table);
            (sa.VolatileCount, sb.VolatileCount) = (sb.VolatileCount, sa.VolatileCount);
            sa.ExpireCursor = 0;
            sb.ExpireCursor = 0;
        }
    }

    // ---- RESP listener (issue 3): keyspace_hits / keyspace_misses ----

    /// <summary>
    /// <see cref="FindLocked"/> for a read (Valkey's <c>lookupKeyRead</c>): also counts a keyspace hit or miss. A key of
    /// the wrong type is a hit (the lookup found it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[]? FindForReadLocked(KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, out int index, bool touch = true)
    {
        var e = FindLocked(shard, h, key, ref clock, out index, touch);
        Engine.KeyspaceHits.Record(e is not null);
        if (e is null)
        {
            Notify(KeyspaceEventClasses.KeyMiss, Ev.Keymiss, key);
        }
        return e;
    }

    // ---- transactions (issue 7): WATCH ----

    /// <summary>The keys of this database that callers WATCH.</summary>
    public readonly WatchRegistry Watches = new();

    /// <summary>
    /// INFO keyspace's <c>avg_ttl</c> (ms): Valkey's running estimate, 2 % from each batch of TTLs the active expiry cycle
    /// samples (keys it did not expire) and 98 % from before. Written by that cycle only.
    /// </summary>
    public long AvgTtl;

    /// <summary>
    /// Valkey's <c>signalModifiedKey</c> for WATCH: call it (the key's shard lock held) right after a write changed the key.
    /// Costs one field read when nothing in this database is watched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalModifiedKey(ReadOnlySpan<byte> key)
    {
        if (Watches.Count != 0)
        {
            Watches.Touch(this, key);
        }
    }

    /// <summary>
    /// Valkey's <c>touchAllWatchedKeysInDb</c>: call it (all shard locks held) right before FLUSHDB/FLUSHALL empties this
    /// database (<paramref name="replacedWith"/> null) or SWAPDB replaces its contents.
    /// </summary>
    public void SignalFlushed(Database? replacedWith)
    {
        if (Watches.Count != 0)
        {
            Watches.TouchAll(this, replacedWith, Engine.Time.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    // ---- keyspace notifications (issue 7) ----

    /// <summary>
    /// Valkey's <c>notifyKeyspaceEvent(type, event, key, dbid)</c>: with nobody listening to <paramref name="type"/> (the
    /// default) one field read and a branch; else publishes at once (see <see cref="KeyspaceNotifier"/>). Call it right
    /// after the change, with the key's shard lock still held.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Notify(KeyspaceEventClasses type, KeyspaceEventName ev, ReadOnlySpan<byte> key)
    {
        var n = Engine.Notifier;
        if ((n.Mask & (int)type) != 0)
        {
            n.Publish(type, ev, Index, key);
        }
    }

    /// <summary>
    /// For maxmemory eviction: call right after removing <paramref name="key"/> (lock held) to fire <c>evicted</c>
    /// (class <c>e</c>), as Valkey's <c>performEvictions</c> does.
    /// </summary>
    public void NotifyEvicted(ReadOnlySpan<byte> key) => Notify(KeyspaceEventClasses.Evicted, Ev.Evicted, key);
}
