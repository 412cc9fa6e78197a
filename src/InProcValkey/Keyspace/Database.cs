using System.Runtime.CompilerServices;

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
        var entry = shard.Table.EntryAt(index);
        if (EntryLayout.HasExpiry(entry))
        {
            shard.VolatileCount--;
        }
        long slots = shard.Table.SlotBytes;
        var structure = (ICollectionObject?)shard.Table.ObjectAt(index);
        shard.Table.RemoveAt(index);
        ChargeRemovedLocked(shard, entry, structure, slots);
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
        return e;
    }
}
