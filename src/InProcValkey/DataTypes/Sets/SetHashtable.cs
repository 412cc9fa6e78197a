using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.Sets;

/// <summary>
/// A large set (Valkey's <c>hashtable</c> encoding): an open-addressing table of members (linear probing, backward-shift
/// deletion) held beside the key's entry. Each member is one <c>byte[]</c>; the table keeps 12 bytes per slot (the member
/// reference and 32 bits of its hash), so a member costs its array (24 B header + bytes, padded to 8) plus ~16–32 B of table.
/// Iteration and SSCAN go by home bucket in reverse-binary order (Valkey's <c>dictScan</c> guarantee).
/// </summary>
internal sealed class SetHashtable : ICollectionObject
{
    private const int MinCapacity = 8;
    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    private byte[]?[] _members;
    private uint[] _hashes;
    private int _count;
    // Bytes of the member arrays (24 B header + bytes, padded to 8), kept current for EstimatedBytes.
    private long _memberBytes;

    public SetHashtable(int sizeHint = 0)
    {
        int cap = MinCapacity;
        while (cap * 3 < sizeHint * 4 + 4 && cap < 1 << 30)
        {
            cap <<= 1;
        }
        _members = new byte[]?[cap];
        _hashes = new uint[cap];
    }

    public int Count => _count;

    public int Capacity => _members.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint HashOf(ReadOnlySpan<byte> member) => (uint)XxHash3.HashToUInt64(member, Seed);

    /// <summary>The slot of <paramref name="member"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> member)
    {
        uint h = HashOf(member);
        var members = _members;
        int mask = members.Length - 1;
        int i = (int)h & mask;
        while (members[i] is { } m)
        {
            if (_hashes[i] == h && m.AsSpan().SequenceEqual(member))
            {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    public bool Contains(ReadOnlySpan<byte> member) => Find(member) >= 0;

    /// <summary>Adds <paramref name="member"/> (copied) when absent; true when added.</summary>
    public bool Add(ReadOnlySpan<byte> member)
    {
        if (Find(member) >= 0)
        {
            return false;
        }
        AddNew(member.ToArray());
        return true;
    }

    /// <summary>Adds a member known to be absent, taking ownership of the array.</summary>
    public void AddNew(byte[] member)
    {
        if ((_count + 1) * 4 > _members.Length * 3)
        {
            Resize(_members.Length * 2);
        }
        Place(_members, _hashes, HashOf(member), member);
        _count++;
        _memberBytes += ArrayBytes(member.Length);
    }

    private static void Place(byte[]?[] members, uint[] hashes, uint h, byte[] member)
    {
        int mask = members.Length - 1;
        int i = (int)h & mask;
        while (members[i] is not null)
        {
            i = (i + 1) & mask;
        }
        members[i] = member;
        hashes[i] = h;
    }

    public bool Remove(ReadOnlySpan<byte> member)
    {
        int i = Find(member);
        if (i < 0)
        {
            return false;
        }
        RemoveAt(i);
        return true;
    }

    /// <summary>Removes the member at slot <paramref name="index"/>; the table may shrink (slots then change).</summary>
    public void RemoveAt(int index)
    {
        var members = _members;
        var hashes = _hashes;
        _memberBytes -= ArrayBytes(members[index]!.Length);
        int mask = members.Length - 1;
        int hole = index;
        int j = index;
        while (true)
        {
            j = (j + 1) & mask;
            if (members[j] is null)
            {
                break;
            }
            int home = (int)hashes[j] & mask;
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                members[hole] = members[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        members[hole] = null;
        _count--;
        if (members.Length > MinCapacity && _count * 8 < members.Length)
        {
            Resize(members.Length / 2);
        }
    }

    private void Resize(int capacity)
    {
        var members = new byte[]?[capacity];
        var hashes = new uint[capacity];
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i] is { } m)
            {
                Place(members, hashes, _hashes[i], m);
            }
        }
        _members = members;
        _hashes = hashes;
    }

    /// <summary>The member at slot <paramref name="index"/>, or null for an empty slot.</summary>
    public byte[]? At(int index) => _members[index];

    /// <summary>A uniformly random member's slot (the set must not be empty): random slots until an occupied one (load ≥ 1/8).</summary>
    public int RandomSlot(Engine engine)
    {
        while (true)
        {
            int i = engine.NextRandom(_members.Length);
            if (_members[i] is not null)
            {
                return i;
            }
        }
    }

    /// <summary>
    /// One SSCAN step: adds the members whose home bucket is <c>cursor &amp; mask</c> to <paramref name="output"/> and returns
    /// the next cursor (reverse-binary increment; 0 when done), as <see cref="KeyTable.ScanBucket"/>.
    /// </summary>
    public ulong ScanBucket(ulong cursor, List<byte[]> output)
    {
        var members = _members;
        int mask = members.Length - 1;
        int home = (int)(cursor & (ulong)(uint)mask);
        int i = home;
        while (members[i] is { } m)
        {
            if (((int)_hashes[i] & mask) == home)
            {
                output.Add(m);
            }
            i = (i + 1) & mask;
        }
        ulong v = cursor | ~(ulong)(uint)mask;
        v = KeyTable.ReverseBits(v);
        v++;
        return KeyTable.ReverseBits(v);
    }

    // ---- memory accounting (issue 6) ----

    /// <inheritdoc/>
    public long AccountedBytes { get; set; }

    /// <inheritdoc/>
    public Keyspace.KeyTable? Owner { get; set; }

    /// <inheritdoc/>
    public int OwnerSlots { get; set; }

    public ICollectionObject DeepCopy()
    {
        var copy = new SetHashtable(0)
        {
            _members = new byte[]?[_members.Length],
            _hashes = (uint[])_hashes.Clone(),
            _count = _count,
            _memberBytes = _memberBytes,
        };
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i] is { } m)
            {
                copy._members[i] = (byte[])m.Clone();
            }
        }
        return copy;
    }

    private static long ArrayBytes(int length) => (24 + length + 7) & ~7;

    /// <summary>The table's arrays and the member arrays.</summary>
    public long EstimatedBytes => 2 * 24 + 12L * _members.Length + 40 + _memberBytes;
}
