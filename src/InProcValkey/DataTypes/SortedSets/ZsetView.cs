using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.SortedSets;

/// <summary>
/// A read-only view of a sorted set whatever its encoding (compact bytes or <see cref="ZsetIndex"/>): the sorted-set type
/// API the operations use (Valkey's <c>zset*</c> functions), so no command sees an encoding. Valid while the shard lock is held.
/// </summary>
internal readonly ref struct ZsetView
{
    private readonly ReadOnlySpan<byte> _compact;
    private readonly ZsetIndex? _index;

    public ZsetView(ReadOnlySpan<byte> compact)
    {
        _compact = compact;
        _index = null;
        Count = ZsetCompact.Count(compact);
    }

    public ZsetView(ZsetIndex index)
    {
        _compact = default;
        _index = index;
        Count = index.Count;
    }

    /// <summary>The view of a sorted-set entry (its structure when it has one).</summary>
    public static ZsetView Of(byte[] entry, ICollectionObject? structure) =>
        structure is ZsetIndex index ? new ZsetView(index) : new ZsetView(EntryLayout.CollectionData(entry));

    public int Count { get; }

    public bool IsCompact => _index is null;

    public ZsetIndex? Index => _index;

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
    {
        if (_index is not null)
        {
            return _index.TryGetScore(member, out score);
        }
        return ZsetCompact.Find(_compact, member, out score, out _) >= 0;
    }

    /// <summary>0-based rank (ascending) of a member, or -1.</summary>
    public int Rank(ReadOnlySpan<byte> member, out double score)
    {
        if (_index is not null)
        {
            return _index.Rank(member, out score);
        }
        ZsetCompact.Find(_compact, member, out score, out int rank);
        return rank;
    }

    /// <summary>How many elements have a score below (or, with <paramref name="orEqual"/>, at most) <paramref name="x"/>.</summary>
    public int CountScoreBelow(double x, bool orEqual)
    {
        if (_index is not null)
        {
            return _index.Tree.CountScoreBelow(x, orEqual);
        }
        int n = 0;
        for (var c = At(0); c.Valid; c.MoveNext())
        {
            double s = c.Score;
            if (orEqual ? s <= x : s < x)
            {
                n++;
            }
            else
            {
                break;
            }
        }
        return n;
    }

    /// <summary>How many elements have a member below (or at most) the lex bound.</summary>
    public int CountLexBelow(in LexBound bound, bool orEqual)
    {
        if (_index is not null)
        {
            return _index.Tree.CountLexBelow(bound, orEqual);
        }
        int n = 0;
        for (var c = At(0); c.Valid; c.MoveNext())
        {
            int cmp = bound.CompareMember(c.Member);
            if (orEqual ? cmp >= 0 : cmp > 0)
            {
                n++;
            }
            else
            {
                break;
            }
        }
        return n;
    }

    /// <summary>The ranks [start, end) of the elements inside a score range.</summary>
    public (int Start, int End) RanksOf(in ScoreRange r)
    {
        if (r.IsEmpty || Count == 0)
        {
            return (0, 0);
        }
        int start = CountScoreBelow(r.Min, r.MinExclusive);
        int end = CountScoreBelow(r.Max, !r.MaxExclusive);
        return (start, Math.Max(start, end));
    }

    /// <summary>The ranks [start, end) of the elements inside a lex range.</summary>
    public (int Start, int End) RanksOf(in LexRange r)
    {
        if (r.IsEmpty || Count == 0)
        {
            return (0, 0);
        }
        int start = CountLexBelow(r.Min, r.Min.Exclusive);
        int end = CountLexBelow(r.Max, !r.Max.Exclusive);
        return (start, Math.Max(start, end));
    }

    /// <summary>A cursor at <paramref name="rank"/> (invalid when out of range).</summary>
    public ZsetCursor At(int rank)
    {
        if (rank < 0 || rank >= Count)
        {
            return default;
        }
        if (_index is not null)
        {
            var leaf = _index.Tree.Select(rank, out int i);
            return new ZsetCursor(leaf, i);
        }
        return new ZsetCursor(_compact, ZsetCompact.Seek(_compact, rank, _compact.Length));
    }
}

/// <summary>A position in a <see cref="ZsetView"/>, moving forwards or backwards.</summary>
internal ref struct ZsetCursor
{
    private readonly ReadOnlySpan<byte> _compact;
    private ZsetTree.Leaf? _leaf;
    private int _pos;
    private int _next;
    private ReadOnlySpan<byte> _member;
    private double _score;

    public ZsetCursor(ReadOnlySpan<byte> compact, int offset)
    {
        _compact = compact;
        _leaf = null;
        _pos = offset;
        Valid = true;
        _next = ZsetCompact.Read(compact, offset, out _member, out _score);
    }

    public ZsetCursor(ZsetTree.Leaf leaf, int index)
    {
        _compact = default;
        _leaf = leaf;
        _pos = index;
        _next = 0;
        Valid = true;
        _member = ZsetTree.M(leaf.Members[index]);
        _score = leaf.Scores[index];
    }

    public bool Valid { get; private set; }

    public readonly ReadOnlySpan<byte> Member => _member;

    public readonly double Score => _score;

    /// <summary>A copy of the member.</summary>
    public readonly byte[] MemberArray => _member.ToArray();

    public void MoveNext()
    {
        if (_leaf is not null)
        {
            _pos++;
            if (_pos >= _leaf.Count)
            {
                _leaf = _leaf.Next;
                _pos = 0;
                if (_leaf is null || _leaf.Count == 0)
                {
                    Valid = false;
                    _leaf = null;
                    return;
                }
            }
            _member = ZsetTree.M(_leaf.Members[_pos]);
            _score = _leaf.Scores[_pos];
            return;
        }
        if (!Valid)
        {
            return;
        }
        if (_next >= ZsetCompact.Header && _next < EndOf())
        {
            _pos = _next;
            _next = ZsetCompact.Read(_compact, _pos, out _member, out _score);
        }
        else
        {
            Valid = false;
        }
    }

    private readonly int EndOf() => _compact.Length;

    public void MovePrev()
    {
        if (_leaf is not null)
        {
            _pos--;
            if (_pos < 0)
            {
                _leaf = _leaf.Prev;
                if (_leaf is null || _leaf.Count == 0)
                {
                    Valid = false;
                    _leaf = null;
                    return;
                }
                _pos = _leaf.Count - 1;
            }
            _member = ZsetTree.M(_leaf.Members[_pos]);
            _score = _leaf.Scores[_pos];
            return;
        }
        if (!Valid)
        {
            return;
        }
        int p = ZsetCompact.Prev(_compact, _pos);
        if (p < 0)
        {
            Valid = false;
            return;
        }
        _pos = p;
        _next = ZsetCompact.Read(_compact, _pos, out _member, out _score);
    }
}
