using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

/// <summary>
/// An open-addressing hash table of entries (linear probing, backward-shift deletion, no tombstones).
/// Slots hold the packed entry (<see cref="EntryLayout"/>) and, beside it, 32 bits of the key's hash.
/// Not thread-safe: its <see cref="KeyShard"/> lock guards it.
/// </summary>
internal sealed class KeyTable
{
    private const int MinCapacity = 8;
    private byte[]?[] _slots;
    private uint[] _hashes;
    private int _count;
    private int _mask;

    public KeyTable()
    {
        _slots = new byte[]?[MinCapacity];
        _hashes = new uint[MinCapacity];
        _mask = MinCapacity - 1;
    }

    public int Count => _count;

    public int Capacity => _slots.Length;

    /// <summary>Bytes held by the table's own arrays (not the entries).</summary>
    public long TableBytes => (long)_slots.Length * (IntPtr.Size + sizeof(uint));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte[] EntryAt(int index) => _slots[index]!;

    public uint HashAt(int index) => _hashes[index];

    public bool IsOccupied(int index) => _slots[index] is not null;

    /// <summary>The slot index holding <paramref name="key"/>, or -1.</summary>
    public int Find(uint hash, ReadOnlySpan<byte> key)
    {
        var slots = _slots;
        var hashes = _hashes;
        int mask = _mask;
        int i = (int)hash & mask;
        while (true)
        {
            var e = slots[i];
            if (e is null)
            {
                return -1;
            }
            if (hashes[i] == hash && EntryLayout.Key(e).SequenceEqual(key))
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// <summary>Adds an entry whose key is not present; returns its slot.</summary>
    public int Add(uint hash, byte[] entry)
    {
        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Resize(_slots.Length * 2);
        }
        int i = Place(hash, entry);
        _count++;
        return i;
    }

    private int Place(uint hash, byte[] entry)
    {
        int mask = _mask;
        int i = (int)hash & mask;
        while (_slots[i] is not null)
        {
            i = (i + 1) & mask;
        }
        _slots[i] = entry;
        _hashes[i] = hash;
        return i;
    }

    public void Replace(int index, byte[] entry) => _slots[index] = entry;

    /// <summary>Removes the entry at <paramref name="index"/> and closes the gap (backward shift).</summary>
    public void RemoveAt(int index)
    {
        var slots = _slots;
        var hashes = _hashes;
        int mask = _mask;
        int hole = index;
        int j = index;
        while (true)
        {
            j = (j + 1) & mask;
            var e = slots[j];
            if (e is null)
            {
                break;
            }
            int home = (int)hashes[j] & mask;
            // Move e into the hole when its home is not cyclically within (hole, j].
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                slots[hole] = e;
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        slots[hole] = null;
        hashes[hole] = 0;
        _count--;
        if (_slots.Length > MinCapacity && _count * 8 < _slots.Length)
        {
            Resize(_slots.Length / 2);
        }
    }

    public void Clear()
    {
        _slots = new byte[]?[MinCapacity];
        _hashes = new uint[MinCapacity];
        _mask = MinCapacity - 1;
        _count = 0;
    }

    private void Resize(int capacity)
    {
        var oldSlots = _slots;
        var oldHashes = _hashes;
        _slots = new byte[]?[capacity];
        _hashes = new uint[capacity];
        _mask = capacity - 1;
        for (int i = 0; i < oldSlots.Length; i++)
        {
            var e = oldSlots[i];
            if (e is not null)
            {
                Place(oldHashes[i], e);
            }
        }
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
        int mask = _mask;
        int home = (int)(cursor & (ulong)(uint)mask);
        int i = home;
        while (_slots[i] is { } e)
        {
            if (((int)_hashes[i] & mask) == home)
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
            if (_slots[i] is not null)
            {
                return i;
            }
        }
    }

    internal static int BitLength(int capacity) => BitOperations.Log2((uint)capacity);
}

/// <summary>Callback for <see cref="KeyTable.ScanBucket"/>.</summary>
internal delegate void ScanVisitor<TState>(ref TState state, byte[] entry);
