using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.SortedSets;

/// <summary>
/// The large sorted set (OBJECT ENCODING <c>skiplist</c>): a member → score dictionary plus an order-statistic B+tree
/// (<see cref="ZsetTree"/>) over (score, member), sharing one <c>byte[]</c> per member. Score lookups are O(1); rank,
/// select and range bounds O(log n). Valkey uses a skiplist + dict; the tree gives the same complexities with fewer
/// bytes per member (no per-node object, no level pointers).
/// </summary>
internal sealed class ZsetIndex : ICollectionObject
{
    private readonly Dictionary<byte[], double> _dict;
    private readonly Dictionary<byte[], double>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private long _memberBytes;

    public ZsetIndex(int capacity = 0)
    {
        _dict = new Dictionary<byte[], double>(capacity, MemberComparer.Instance);
        _lookup = _dict.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public ZsetTree Tree { get; } = new();

    public int Count => _dict.Count;

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score) => _lookup.TryGetValue(member, out score);

    /// <summary>Adds a member that is not present.</summary>
    public void Add(ReadOnlySpan<byte> member, double score)
    {
        var m = member.ToArray();
        _dict.Add(m, score);
        Tree.Insert(score, m);
        _memberBytes += ArrayBytes(m.Length);
    }

    /// <summary>Changes the score of a present member.</summary>
    public void Update(ReadOnlySpan<byte> member, double newScore)
    {
        _lookup.TryGetValue(member, out byte[]? key, out double old);
        Tree.Remove(old, key!);
        Tree.Insert(newScore, key!);
        _dict[key!] = newScore;
    }

    /// <summary>Removes a member; returns whether it was present.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (!_lookup.Remove(member, out byte[]? key, out double score))
        {
            return false;
        }
        Tree.Remove(score, key);
        _memberBytes -= ArrayBytes(key.Length);
        return true;
    }

    /// <summary>0-based rank of a member, or -1.</summary>
    public int Rank(ReadOnlySpan<byte> member, out double score)
    {
        if (!_lookup.TryGetValue(member, out byte[]? key, out score))
        {
            return -1;
        }
        return Tree.Rank(score, key);
    }

    private static long ArrayBytes(int length) => 24 + ((length + 7) & ~7);

    /// <inheritdoc/>
    public long EstimatedBytes =>
        _memberBytes +
        // Dictionary: an int bucket and a 24-byte entry (hash, next, key, value) per slot of capacity.
        (long)_dict.EnsureCapacity(0) * 28 +
        (long)Tree.LeafCount * (48 + 2 * (24 + 8 * ZsetTree.LeafCapacity)) +
        (long)Tree.InnerCount * (32 + 4 * 24 + (8 + 4 + 8 + 8) * ZsetTree.InnerCapacity);

    /// <inheritdoc/>
    public ICollectionObject DeepCopy()
    {
        var copy = new ZsetIndex(Count);
        for (var leaf = Tree.First; leaf is not null; leaf = leaf.Next)
        {
            for (int i = 0; i < leaf.Count; i++)
            {
                copy.Add(leaf.Members[i], leaf.Scores[i]);
            }
        }
        return copy;
    }

    /// <summary>Byte-wise member equality and a seeded hash, with span lookups.</summary>
    private sealed class MemberComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly MemberComparer Instance = new();

        private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)XxHash3.HashToUInt64(alternate, Seed);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
