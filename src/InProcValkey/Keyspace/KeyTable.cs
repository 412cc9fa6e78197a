using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

/// <summary>
/// An open-addressing hash table of entries (Robin Hood linear probing, backward-shift deletion, no tombstones).
/// Each slot holds the packed entry (<see cref="EntryLayout"/>) and, beside it in the same 16 bytes, 32 bits of the key's
/// hash, so a probe touches one cache line of the table. An entry's home slot is <c>hash × capacity / 2³²</c> (the high
/// half of a 64-bit product), which allows any capacity: the table grows in steps of ×1.5 and ×1.33 (capacities
/// 2ᵏ and 1.5 × 2ᵏ) up to a load of 7/8, where a power-of-two table at 75 % would spend on average half again as many slots.
/// Robin Hood keeps every run of occupied slots ordered by home slot, so a lookup stops as soon as it meets an entry
/// closer to its home than the probe is to the key's home (a miss costs about as much as a hit even at high load).
/// The array is the only state a reader needs (its length is the capacity), so a reader that holds one <c>Slot[]</c>
/// always indexes it consistently.
/// Writers hold the <see cref="KeyShard"/> lock; <see cref="FindOptimistic"/> may run without it under the shard's
/// version check (see docs/locking.md). An <see cref="Add"/> or a <see cref="RemoveAt"/> may move other entries (and
/// their structures) to other slots: slot indexes are valid only until the table next changes.
/// </summary>
internal sealed partial class KeyTable
{
    private const int MinCapacity = 8;

    internal struct Slot
    {
        public byte[]? Entry;
        public uint Hash;
    }

    private Slot[] _slots;
    // Collection structures (ICollectionObject) beside their entries, index for index with _slots; allocated when the
    // table first holds one, so a string-only table pays nothing. Only writers (lock held) read it.
    private object?[]? _objects;
    private int _count;

    public KeyTable()
    {
        _slots = new Slot[MinCapacity];
    }

    public int Count => _count;

    public int Capacity => _slots.Length;

    /// <summary>Bytes held by the table's own array (not the entries).</summary>
    public long TableBytes => (long)_slots.Length * Unsafe.SizeOf<Slot>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[] EntryAt(int index) => _slots[index].Entry!;

    public uint HashAt(int index) => _slots[index].Hash;

    public bool IsOccupied(int index) => _slots[index].Entry is not null;

    /// <summary>The home slot of <paramref name="hash"/> in a table of <paramref name="capacity"/> slots (Lemire's range reduction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Home(uint hash, int capacity) => (int)(((ulong)hash * (uint)capacity) >> 32);

    /// <summary>How far the entry with <paramref name="hash"/> sits at slot <paramref name="index"/> from its home slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Distance(uint hash, int index, int capacity)
    {
        int d = index - Home(hash, capacity);
        return d < 0 ? d + capacity : d;
    }

    /// <summary>The collection structure held beside the entry at <paramref name="index"/>, or null (lock held).</summary>
    public object? ObjectAt(int index) => _objects is { } o ? o[index] : null;

    /// <summary>Sets (or clears, with null) the structure held beside the entry at <paramref name="index"/> (lock held).</summary>
    public void SetObject(int index, object? value)
    {
        if (value is null)
        {
            if (_objects is { } o)
            {
                o[index] = null;
            }
            return;
        }
        (_objects ??= new object?[_slots.Length])[index] = value;
    }

    /// <summary>The slot index holding <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(uint hash, ReadOnlySpan<byte> key)
    {
        var slots = _slots;
        int capacity = slots.Length;
        int i = Home(hash, capacity);
        for (int distance = 0; ; distance++)
        {
            ref var slot = ref slots[i];
            var e = slot.Entry;
            if (e is null)
            {
                return -1;
            }
            uint h = slot.Hash;
            if (h == hash)
            {
                if (EntryLayout.Key(e).SequenceEqual(key))
                {
                    return i;
                }
            }
            else if (Distance(h, i, capacity) < distance)
            {
                // Robin Hood: the key would have displaced this entry, so it is not in the table.
                return -1;
            }
            if (++i == capacity)
            {
                i = 0;
            }
        }
    }

    /// <summary>
    /// <see cref="Find"/> for a reader that does not hold the lock: reads the slot array once, never runs past its length
    /// nor probes more than its length, and may return a wrong answer while a writer works, which the caller detects with
    /// the shard's version and discards.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[]? FindOptimistic(uint hash, ReadOnlySpan<byte> key)
    {
        var slots = Volatile.Read(ref _slots);
        int capacity = slots.Length;
        int i = Home(hash, capacity);
        for (int distance = 0; distance < capacity; distance++)
        {
            ref var slot = ref slots[i];
            var e = slot.Entry;
            if (e is null)
            {
                return null;
            }
            uint h = slot.Hash;
            if (h == hash)
            {
                if (EntryLayout.TryKey(e, out var k) && k.SequenceEqual(key))
                {
                    return e;
                }
            }
            else if (Distance(h, i, capacity) < distance)
            {
                return null;
            }
            if (++i == capacity)
            {
                i = 0;
            }
        }
        return null;
    }

    /// <summary>Adds an entry whose key is not present; returns its slot. Other entries may move (Robin Hood).</summary>
    public int Add(uint hash, byte[] entry)
    {
        if ((_count + 1) * 8L > _slots.Length * 7L)
        {
            Resize(Grown(_slots.Length));
        }
        int i = Place(_slots, _objects, hash, entry, null);
        _count++;
        return i;
    }

    // The capacity after a grow: 2ᵏ → 1.5 × 2ᵏ → 2ᵏ⁺¹ (steps of ×1.5 and ×1.33).
    private static int Grown(int capacity) =>
        (capacity & (capacity - 1)) == 0 ? capacity + capacity / 2 : capacity / 3 * 4;

    /// <summary>
    /// Robin Hood insertion: walks from the home slot and, wherever the entry being placed is farther from its home than
    /// the resident is from its own, swaps them and carries the resident on (with its structure). Returns where
    /// <paramref name="entry"/> landed.
    /// </summary>
    private static int Place(Slot[] slots, object?[]? objects, uint hash, byte[] entry, object? structure)
    {
        int capacity = slots.Length;
        int i = Home(hash, capacity);
        int placedAt = -1;
        for (int distance = 0; ; distance++)
        {
            ref var slot = ref slots[i];
            if (slot.Entry is null)
            {
                slot.Hash = hash;
                slot.Entry = entry;
                if (objects is not null)
                {
                    objects[i] = structure;
                }
                return placedAt < 0 ? i : placedAt;
            }
            int resident = Distance(slot.Hash, i, capacity);
            if (resident < distance)
            {
                (slot.Hash, hash) = (hash, slot.Hash);
                (slot.Entry, entry) = (entry, slot.Entry);
                if (objects is not null)
                {
                    (objects[i], structure) = (structure, objects[i]);
                }
                if (placedAt < 0)
                {
                    placedAt = i;
                }
                distance = resident;
            }
            if (++i == capacity)
            {
                i = 0;
            }
        }
    }

    public void Replace(int index, byte[] entry) => _slots[index].Entry = entry;

    /// <summary>
    /// Removes the entry at <paramref name="index"/> and closes the gap (backward shift): the following entries that are
    /// not at their home slot move back by one, up to the first empty slot or entry at home. Other entries may move.
    /// </summary>
    public void RemoveAt(int index)
    {
        var slots = _slots;
        var objects = _objects;
        int capacity = slots.Length;
        int hole = index;
        while (true)
        {
            int j = hole + 1 == capacity ? 0 : hole + 1;
            ref var next = ref slots[j];
            if (next.Entry is null || Distance(next.Hash, j, capacity) == 0)
            {
                break;
            }
            slots[hole] = next;
            if (objects is not null)
            {
                objects[hole] = objects[j];
            }
            hole = j;
        }
        slots[hole] = default;
        if (objects is not null)
        {
            objects[hole] = null;
        }
        _count--;
        if (slots.Length > MinCapacity && _count * 8 < slots.Length)
        {
            Resize(Math.Max(MinCapacity, slots.Length / 2));
        }
    }

    public void Clear()
    {
        Volatile.Write(ref _slots, new Slot[MinCapacity]);
        _objects = null;
        _count = 0;
    }

    // Builds the new array completely before publishing it, so an optimistic reader sees either array whole.
    private void Resize(int capacity)
    {
        var old = _slots;
        var oldObjects = _objects;
        var slots = new Slot[capacity];
        object?[]? objects = oldObjects is null ? null : new object?[capacity];
        for (int i = 0; i < old.Length; i++)
        {
            if (old[i].Entry is { } e)
            {
                Place(slots, objects, old[i].Hash, e, oldObjects?[i]);
            }
        }
        _objects = objects;
        Volatile.Write(ref _slots, slots);
    }

    /// <summary>
    /// Visits every entry whose hash is at least <paramref name="cursor"/> and whose home slot is the home slot of
    /// <paramref name="cursor"/> (read as a 32-bit hash), then returns the first hash of the next home slot, or 0 when the
    /// table is done. Since home slots are increasing ranges of the hash space, the cursor is a position in the hash space
    /// that does not depend on the capacity: after a call, every entry with a hash below the returned cursor has been
    /// visited, so an entry present for a whole iteration is visited exactly once however the table grows or shrinks in
    /// between (Valkey's <c>dictScan</c> guarantees at least once). Robin Hood keeps a run of occupied slots ordered by
    /// home slot, so the walk stops at the first entry whose home is later. The visitor must not change the table;
    /// collect what to remove and remove it after the call. Cursors fit in 32 bits.
    /// </summary>
    public ulong ScanBucket<TState>(ulong cursor, ref TState state, ScanVisitor<TState> visit)
    {
        var slots = _slots;
        int capacity = slots.Length;
        uint from = (uint)cursor;
        int home = Home(from, capacity);
        int i = home;
        for (int offset = 0; offset < capacity; offset++)
        {
            var e = slots[i].Entry;
            if (e is null)
            {
                break;
            }
            uint h = slots[i].Hash;
            int distance = Distance(h, i, capacity);
            if (distance < offset)
            {
                break;
            }
            if (distance == offset && h >= from)
            {
                visit(ref state, e);
            }
            if (++i == capacity)
            {
                i = 0;
            }
        }
        if (home + 1 == capacity)
        {
            return 0;
        }
        // The least hash whose home is home + 1: ceil((home + 1) × 2³² / capacity).
        return (((ulong)(home + 1) << 32) + (ulong)(capacity - 1)) / (ulong)capacity;
    }

    /// <summary>Reverses the 64 bits of <paramref name="v"/> (swap halves, quarters, … bytes, nibbles, pairs, bits).</summary>
    internal static ulong ReverseBits(ulong v)
    {
        v = BinaryPrimitives.ReverseEndianness(v);
        v = ((v >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((v & 0x0F0F0F0F0F0F0F0FUL) << 4);
        v = ((v >> 2) & 0x3333333333333333UL) | ((v & 0x3333333333333333UL) << 2);
        v = ((v >> 1) & 0x5555555555555555UL) | ((v & 0x5555555555555555UL) << 1);
        return v;
    }

    /// <summary>A random occupied slot (the table must not be empty).</summary>
    public int RandomSlot(Random random)
    {
        while (true)
        {
            int i = random.Next(_slots.Length);
            if (_slots[i].Entry is not null)
            {
                return i;
            }
        }
    }
}

/// <summary>Callback for <see cref="KeyTable.ScanBucket"/>.</summary>
internal delegate void ScanVisitor<TState>(ref TState state, byte[] entry);
