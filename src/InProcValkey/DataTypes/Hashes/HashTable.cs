using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.Hashes;

/// <summary>
/// The <c>hashtable</c> encoding of a large hash: open addressing with linear probing and backward-shift deletion (no
/// tombstones). Each field/value pair is ONE <c>byte[]</c>: a LEB128 field length, the field, then the value; each slot
/// holds that array and 32 bits of the field's hash. Per pair that is one object and a 16-byte slot, less than
/// Valkey's dictEntry plus two sds strings. SCAN walks home buckets in reverse-binary order like <c>dictScan</c>.
/// Only the key's shard lock holder touches it.
/// </summary>
internal sealed class HashTable : ICollectionObject
{
    private const int MinCapacity = 4;
    // Seeded per process: field positions must not be predictable by a client.
    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    private struct Slot
    {
        public byte[]? Pair;
        public uint Hash;
    }

    private Slot[] _slots;
    private int _count;
    private long _pairBytes;

    public HashTable(int expected)
    {
        int cap = MinCapacity;
        while (cap * 3 < expected * 4)
        {
            cap *= 2;
        }
        _slots = new Slot[cap];
    }

    private HashTable(Slot[] slots, int count, long pairBytes)
    {
        _slots = slots;
        _count = count;
        _pairBytes = pairBytes;
    }

    public int Count => _count;

    public int Capacity => _slots.Length;

    /// <inheritdoc/>
    public long EstimatedBytes => 32 + 24 + (long)_slots.Length * Unsafe.SizeOf<Slot>() + _pairBytes;

    // ---- memory accounting (issue 6) ----

    /// <inheritdoc/>
    public long AccountedBytes { get; set; }

    /// <inheritdoc/>
    public Keyspace.KeyTable? Owner { get; set; }

    /// <inheritdoc/>
    public int OwnerSlots { get; set; }

    /// <inheritdoc/>
    public ICollectionObject DeepCopy()
    {
        var slots = (Slot[])_slots.Clone();
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].Pair is { } p)
            {
                slots[i].Pair = (byte[])p.Clone();
            }
        }
        return new HashTable(slots, _count, _pairBytes);
    }

    private static long ObjectBytes(int length) => 24 + ((length + 7) & ~7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint HashOf(ReadOnlySpan<byte> field) => (uint)XxHash3.HashToUInt64(field, Seed);

    private static int FieldStart(byte[] pair, out int fieldLength)
    {
        int len = 0, shift = 0, p = 0;
        byte b;
        do
        {
            b = pair[p++];
            len |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        fieldLength = len;
        return p;
    }

    /// <summary>The field of a pair array.</summary>
    public static ReadOnlySpan<byte> FieldOf(byte[] pair)
    {
        int start = FieldStart(pair, out int len);
        return new ReadOnlySpan<byte>(pair, start, len);
    }

    /// <summary>The value of a pair array.</summary>
    public static ReadOnlySpan<byte> ValueOf(byte[] pair)
    {
        int start = FieldStart(pair, out int len);
        return pair.AsSpan(start + len);
    }

    private static byte[] MakePair(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        int prefix = 1;
        for (int l = field.Length >> 7; l != 0; l >>= 7)
        {
            prefix++;
        }
        var pair = GC.AllocateUninitializedArray<byte>(prefix + field.Length + value.Length);
        int p = 0;
        uint n = (uint)field.Length;
        while (n >= 0x80)
        {
            pair[p++] = (byte)(n | 0x80);
            n >>= 7;
        }
        pair[p++] = (byte)n;
        field.CopyTo(pair.AsSpan(p));
        value.CopyTo(pair.AsSpan(p + field.Length));
        return pair;
    }

    private int FindSlot(ReadOnlySpan<byte> field, uint hash)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = (int)hash & mask;
        while (slots[i].Pair is { } pair)
        {
            if (slots[i].Hash == hash && FieldOf(pair).SequenceEqual(field))
            {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /// <summary>The pair array holding <paramref name="field"/>, or null.</summary>
    public byte[]? Find(ReadOnlySpan<byte> field)
    {
        int i = FindSlot(field, HashOf(field));
        return i < 0 ? null : _slots[i].Pair;
    }

    /// <summary>Sets the field's value; returns true when the field was added, false when its value was replaced.</summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        uint hash = HashOf(field);
        int i = FindSlot(field, hash);
        if (i >= 0 && TryOverwriteValue(_slots[i].Pair!, value))
        {
            return false;
        }
        var pair = MakePair(field, value);
        if (i >= 0)
        {
            var old = _slots[i].Pair!;
            _pairBytes += ObjectBytes(pair.Length) - ObjectBytes(old.Length);
            _slots[i].Pair = pair;
            return false;
        }
        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Resize(_slots.Length * 2);
        }
        Place(_slots, hash, pair);
        _count++;
        _pairBytes += ObjectBytes(pair.Length);
        return true;
    }

    /// <summary>
    /// Sets the value of the pair in slot <paramref name="index"/> (one <see cref="PairAt"/> returned a pair for): in place
    /// when its length is unchanged, else as a new pair array in the same slot.
    /// </summary>
    public void SetValueAt(int index, ReadOnlySpan<byte> value)
    {
        var old = _slots[index].Pair!;
        if (TryOverwriteValue(old, value))
        {
            return;
        }
        var pair = MakePair(FieldOf(old), value);
        _pairBytes += ObjectBytes(pair.Length) - ObjectBytes(old.Length);
        _slots[index].Pair = pair;
    }

    /// <summary>Replaces the value of an existing field in place when its length is unchanged; false otherwise.</summary>
    public bool TryOverwriteValue(byte[] pair, ReadOnlySpan<byte> value)
    {
        int start = FieldStart(pair, out int len);
        if (pair.Length - start - len != value.Length)
        {
            return false;
        }
        value.CopyTo(pair.AsSpan(start + len));
        return true;
    }

    private static void Place(Slot[] slots, uint hash, byte[] pair)
    {
        int mask = slots.Length - 1;
        int i = (int)hash & mask;
        while (slots[i].Pair is not null)
        {
            i = (i + 1) & mask;
        }
        slots[i].Hash = hash;
        slots[i].Pair = pair;
    }

    /// <summary>Removes the field; returns whether it was there.</summary>
    public bool Remove(ReadOnlySpan<byte> field)
    {
        int index = FindSlot(field, HashOf(field));
        if (index < 0)
        {
            return false;
        }
        var slots = _slots;
        _pairBytes -= ObjectBytes(slots[index].Pair!.Length);
        int mask = slots.Length - 1;
        int hole = index;
        int j = index;
        while (true)
        {
            j = (j + 1) & mask;
            if (slots[j].Pair is null)
            {
                break;
            }
            int home = (int)slots[j].Hash & mask;
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = default;
        _count--;
        if (slots.Length > MinCapacity && _count * 8 < slots.Length)
        {
            Resize(slots.Length / 2);
        }
        return true;
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        var slots = new Slot[capacity];
        foreach (var s in old)
        {
            if (s.Pair is { } p)
            {
                Place(slots, s.Hash, p);
            }
        }
        _slots = slots;
    }

    /// <summary>The pair at slot <paramref name="index"/>, or null for an empty slot (iteration: 0 ≤ index &lt; <see cref="Capacity"/>).</summary>
    public byte[]? PairAt(int index) => _slots[index].Pair;

    /// <summary>A random pair (the table must not be empty): Valkey's <c>dictGetFairRandomKey</c> spirit, uniform over slots.</summary>
    public byte[] RandomPair(Random random)
    {
        while (true)
        {
            if (_slots[random.Next(_slots.Length)].Pair is { } p)
            {
                return p;
            }
        }
    }

    /// <summary>
    /// Adds every pair whose home bucket is <c>cursor &amp; mask</c> to <paramref name="pairs"/> and returns the next cursor in
    /// reverse-binary order (0 when complete); see <see cref="KeyTable.ScanBucket"/>.
    /// </summary>
    public ulong ScanBucket(ulong cursor, List<byte[]> pairs)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int home = (int)(cursor & (ulong)(uint)mask);
        int i = home;
        while (slots[i].Pair is { } p)
        {
            if (((int)slots[i].Hash & mask) == home)
            {
                pairs.Add(p);
            }
            i = (i + 1) & mask;
        }
        ulong v = cursor | ~(ulong)(uint)mask;
        v = KeyTable.ReverseBits(v);
        v++;
        return KeyTable.ReverseBits(v);
    }
}
