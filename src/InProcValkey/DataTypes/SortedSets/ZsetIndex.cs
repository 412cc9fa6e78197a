using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.SortedSets;

/// <summary>
/// The large sorted set (OBJECT ENCODING <c>skiplist</c>): a member → score table (<see cref="ZsetMemberTable"/>) plus an
/// order-statistic B+tree (<see cref="ZsetTree"/>) over (score, member), sharing one array per member that holds the score
/// and the member bytes. Score lookups are O(1); rank, select and range bounds O(log n). Valkey uses a skiplist + dict; this
/// gives the same complexities with fewer bytes per member (no node object, no level pointers, one reference per slot).
/// </summary>
internal sealed class ZsetIndex : ICollectionObject
{
    private readonly ZsetMemberTable _table;
    private long _memberBytes;

    public ZsetIndex(int capacity = 0)
    {
        _table = new ZsetMemberTable(capacity);
    }

    public ZsetTree Tree { get; } = new();

    public int Count => _table.Count;

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
    {
        var a = _table.Find(member);
        score = a is null ? 0 : ZsetMemberTable.ScoreOf(a);
        return a is not null;
    }

    /// <summary>Adds a member that is not present.</summary>
    public void Add(ReadOnlySpan<byte> member, double score)
    {
        var a = ZsetMemberTable.NewMember(member, score);
        _table.Add(a);
        Tree.Insert(score, a);
        _memberBytes += ArrayBytes(a.Length);
    }

    /// <summary>Changes the score of a present member.</summary>
    public void Update(ReadOnlySpan<byte> member, double newScore)
    {
        var a = _table.Find(member)!;
        Tree.Remove(ZsetMemberTable.ScoreOf(a), member);
        ZsetMemberTable.SetScore(a, newScore);
        Tree.Insert(newScore, a);
    }

    /// <summary>Removes a member; returns whether it was present.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        var a = _table.Remove(member);
        if (a is null)
        {
            return false;
        }
        Tree.Remove(ZsetMemberTable.ScoreOf(a), member);
        _memberBytes -= ArrayBytes(a.Length);
        return true;
    }

    /// <summary>0-based rank of a member, or -1.</summary>
    public int Rank(ReadOnlySpan<byte> member, out double score)
    {
        var a = _table.Find(member);
        if (a is null)
        {
            score = 0;
            return -1;
        }
        score = ZsetMemberTable.ScoreOf(a);
        return Tree.Rank(score, member);
    }

    private static long ArrayBytes(int length) => 24 + ((length + 7) & ~7);

    /// <inheritdoc/>
    public long EstimatedBytes =>
        _memberBytes +
        64 + (long)_table.Capacity * 12 +
        (long)Tree.LeafCount * (48 + 2 * (24 + 8 * ZsetTree.LeafCapacity)) +
        (long)Tree.InnerCount * (32 + 4 * 24 + (8 + 4 + 8 + 8) * ZsetTree.InnerCapacity);

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
        var copy = new ZsetIndex(Count);
        for (var leaf = Tree.First; leaf is not null; leaf = leaf.Next)
        {
            for (int i = 0; i < leaf.Count; i++)
            {
                copy.Add(ZsetMemberTable.MemberOf(leaf.Members[i]), leaf.Scores[i]);
            }
        }
        return copy;
    }

    /// <summary>
    /// A ZSCAN page of about <paramref name="count"/> members starting at hash <paramref name="cursor"/> (see
    /// <see cref="ZsetMemberTable.CollectHashRange"/>): the member arrays (score then member bytes) and the next cursor, 0 at
    /// the end.
    /// </summary>
    public ulong ScanPage(ulong cursor, long count, List<byte[]> into)
    {
        if (cursor >= ZsetMemberTable.HashSpace)
        {
            return 0;
        }
        ulong to = Math.Min(ZsetMemberTable.HashSpace, cursor + _table.HashSpanFor(count));
        _table.CollectHashRange(cursor, to, into);
        return to >= ZsetMemberTable.HashSpace ? 0 : to;
    }
}
