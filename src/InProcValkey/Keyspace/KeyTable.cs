using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

/// <summary>
/// An open-addressing hash table of entries (linear probing, backward-shift deletion, no tombstones).
/// Each slot holds the packed entry (<see cref="EntryLayout"/>) and, beside it in the same 16 bytes, 32 bits of the key's
/// hash, so a probe touches one cache line of the table. The capacity is a power of two and the mask is derived from the
/// array itself, so a reader that holds one <c>Slot[]</c> always indexes it consistently.
/// Writers hold the <see cref="KeyShard"/> lock; <see cref="FindOptimistic"/> may run without it under the shard's
/// version check (see docs/locking.md).
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
        int mask = slots.Length - 1;
        int i = (int)hash & mask;
        while (true)
        {
            ref var slot = ref slots[i];
            var e = slot.Entry;
            if (e is null)
            {
                return -1;
            }
            if (slot.Hash == hash && EntryLayout.Key(e).SequenceEqual(key))
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// <summary>
    /// <see cref="Find"/> for a reader that does not hold the lock: reads the slot array once, never runs past its length, and
    /// may return a wrong answer while a writer works, which the caller detects with the shard's version and discards.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[]? FindOptimistic(uint hash, ReadOnlySpan<byte> key)
    {
        var slots = Volatile.Read(ref _slots);
        int mask = slots.Length - 1;
        int i = (int)hash & mask;
        for (int n = 0; n < slots.Length; n++)
        {
            ref var slot = ref slots[i];
            var e = slot.Entry;
            if (e is null)
            {
                return null;
            }
            if (slot.Hash == hash && EntryLayout.TryKey(e, out var k) && k.SequenceEqual(key))
            {
                return e;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /// <summary>Adds an entry whose key is not present; returns its slot.</summary>
    public int Add(uint hash, byte[] entry)
    {
        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Resize(_slots.Length * 2);
        }
        int i = Place(_slots, hash, entry);
        _count++;
        return i;
    }

    private static int Place(Slot[] slots, uint hash, byte[] entry)
    {
        int mask = slots.Length - 1;
        int i = (int)hash & mask;
        while (slots[i].Entry is not null)
        {
            i = (i + 1) & mask;
        }
        slots[i].Hash = hash;
        slots[i].Entry = entry;
        return i;
    }

    public void Replace(int index, byte[] entry) => _slots[index].Entry = entry;

    /// <summary>Removes the entry at <paramref name="index"/> and closes the gap (backward shift).</summary>
    public void RemoveAt(int index)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int hole = index;
        int j = index;
        while (true)
        {
            j = (j + 1) & mask;
            var e = slots[j].Entry;
            if (e is null)
            {
                break;
            }
            int home = (int)slots[j].Hash & mask;
            // Move e into the hole when its home is not cyclically within (hole, j].
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                slots[hole] = slots[j];
                if (_objects is { } objs)
                {
                    objs[hole] = objs[j];
                }
                hole = j;
            }
        }
        slots[hole] = default;
        if (_objects is { } o)
        {
            o[hole] = null;
        }
        _count--;
        if (slots.Length > MinCapacity && _count * 8 < slots.Length)
        {
            Resize(slots.Length / 2);
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
                int at = Place(slots, old[i].Hash, e);
                if (objects is not null)
                {
                    objects[at] = oldObjects![i];
                }
            }
        }
        _objects = objects;
        Volatile.Write(ref _slots, slots);
    }

    /// <summary>
    /// Visits every entry whose home bucket is <c>cursor &amp; mask</c>, then returns the next cursor in
    /// reverse-binary order (Valkey's <c>dictScan</c>): an entry present for a whole iteration is visited at least
    /// once however the table grows or shrinks in between. Returns 0 when the iteration is complete.
    /// Linear probing keeps every entry in the unbroken run of occupied slots that starts at its home bucket (backward-shift
    /// deletion preserves this), so walking that run finds all entries of the bucket. The visitor must not change the
    /// table; collect what to remove and remove it after the call. Cursors fit in 32 bits (the table's mask).
    /// </summary>
    public ulong ScanBucket<TState>(ulong cursor, ref TState state, ScanVisitor<TState> visit)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int home = (int)(cursor & (ulong)(uint)mask);
        int i = home;
        while (slots[i].Entry is { } e)
        {
            if (((int)slots[i].Hash & mask) == home)
            {
                visit(ref state, e);
            }
            i = (i + 1) & mask;
        }
        ulong v = cursor | ~(ulong)(uint)mask;
        v = ReverseBits(v);
        v++;
        return ReverseBits(v);
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
