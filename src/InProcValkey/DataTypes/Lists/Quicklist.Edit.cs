namespace InProcValkey.DataTypes.Lists;

/// <summary>Quicklist deletions, insertions and replacements (Valkey's <c>quicklistDelRange</c>, <c>_quicklistInsert</c>,
/// <c>quicklistReplaceEntry</c>, <c>_quicklistSplitNode</c>, <c>_quicklistMergeNodes</c>).</summary>
internal sealed partial class Quicklist
{
    /// <summary>Deletes <paramref name="count"/> elements from <paramref name="start"/> (both within range). Empty nodes go; nothing merges.</summary>
    public void DeleteRange(long start, long count)
    {
        if (count <= 0)
        {
            return;
        }
        var (ni, off) = Locate(start);
        long remaining = count;
        while (remaining > 0 && ni < _nodes.Count)
        {
            var n = _nodes[ni];
            if (off == 0 && remaining >= n.Count)
            {
                _nodes.RemoveAt(ni);
                remaining -= n.Count;
                Count -= n.Count;
                continue;
            }
            int del = (int)Math.Min(remaining, n.Count - off);
            Listpack.DeleteRange(n.Data, Listpack.Seek(n.Data, off), del);
            n.Count -= del;
            Count -= del;
            remaining -= del;
            ni++;
            off = 0;
        }
    }

    /// <summary>Inserts <paramref name="value"/> after (or before) the element at <paramref name="index"/> (<c>_quicklistInsert</c>).</summary>
    public void Insert(long index, bool after, ReadOnlySpan<byte> value)
    {
        var (ni, off) = Locate(index);
        InsertAt(ni, off, after, value);
    }

    private void InsertAt(int ni, int off, bool after, ReadOnlySpan<byte> value)
    {
        var node = _nodes[ni];
        int sz = value.Length;
        bool full = !AllowInsert(node, sz);
        bool atTail = after && off == node.Count - 1;
        bool atHead = !after && off == 0;
        bool availNext = atTail && AllowInsert(ni + 1 < _nodes.Count ? _nodes[ni + 1] : null, sz);
        bool availPrev = atHead && AllowInsert(ni > 0 ? _nodes[ni - 1] : null, sz);
        Count++;
        if (ListLimits.IsLarge(sz, Fill))
        {
            if (node.Plain || atTail || atHead)
            {
                _nodes.Insert(after ? ni + 1 : ni, NewPlainNode(value));
            }
            else
            {
                var split = SplitNode(node, off, after);
                if (after)
                {
                    _nodes.Insert(ni + 1, NewPlainNode(value));
                    _nodes.Insert(ni + 2, split);
                }
                else
                {
                    _nodes.Insert(ni, NewPlainNode(value));
                    _nodes.Insert(ni, split);
                }
            }
            return;
        }
        if (!full)
        {
            int p = Listpack.Seek(node.Data, off);
            NodeInsert(node, after ? p + Listpack.EntrySizeAt(node.Data, p) : p, value);
        }
        else if (atTail && availNext)
        {
            NodePrepend(_nodes[ni + 1], value);
        }
        else if (atHead && availPrev)
        {
            NodeAppend(_nodes[ni - 1], value);
        }
        else if (atTail || atHead)
        {
            _nodes.Insert(after ? ni + 1 : ni, NewPackedNode(value));
        }
        else
        {
            var split = SplitNode(node, off, after);
            if (after)
            {
                NodePrepend(split, value);
                _nodes.Insert(ni + 1, split);
            }
            else
            {
                NodeAppend(split, value);
                _nodes.Insert(ni, split);
            }
            MergeAround(node);
        }
    }

    // Splits node at offset: with after, node keeps [0..offset] and the new node gets the rest; without, node keeps
    // [offset..] and the new node gets [0..offset-1]. The caller places the new node after/before node.
    private Node SplitNode(Node node, int offset, bool after)
    {
        var copy = new Node { Data = node.Data.AsSpan(0, node.Size).ToArray() };
        if (after)
        {
            Listpack.DeleteRange(node.Data, Listpack.Seek(node.Data, offset + 1), int.MaxValue);
            Listpack.DeleteRange(copy.Data, Listpack.HeaderSize, offset + 1);
        }
        else
        {
            Listpack.DeleteRange(node.Data, Listpack.HeaderSize, offset);
            Listpack.DeleteRange(copy.Data, Listpack.Seek(copy.Data, offset), int.MaxValue);
        }
        node.Count = Listpack.Count(node.Data);
        copy.Count = Listpack.Count(copy.Data);
        return copy;
    }

    // Merges b (right after a) into a; returns a.
    private Node Merge(Node a, Node b)
    {
        var d = new byte[a.Size + b.Size - Listpack.EmptySize];
        Listpack.Concat(a.Data, b.Data, d);
        a.Data = d;
        a.Count += b.Count;
        _nodes.Remove(b);
        return a;
    }

    private Node? At(int i) => i >= 0 && i < _nodes.Count ? _nodes[i] : null;

    private void MergeAround(Node center)
    {
        int ci = _nodes.IndexOf(center);
        Node? prev = At(ci - 1), prevPrev = At(ci - 2), next = At(ci + 1), nextNext = At(ci + 2);
        if (AllowMerge(prev, prevPrev))
        {
            Merge(prevPrev!, prev!);
        }
        if (AllowMerge(next, nextNext))
        {
            Merge(next!, nextNext!);
        }
        ci = _nodes.IndexOf(center);
        var target = center;
        if (AllowMerge(center, At(ci - 1)))
        {
            target = Merge(_nodes[ci - 1], center);
        }
        int ti = _nodes.IndexOf(target);
        if (AllowMerge(target, At(ti + 1)))
        {
            Merge(target, _nodes[ti + 1]);
        }
    }

    /// <summary>Replaces the element at <paramref name="index"/> (<c>quicklistReplaceEntry</c>).</summary>
    public void Replace(long index, ReadOnlySpan<byte> value)
    {
        var (ni, off) = Locate(index);
        var node = _nodes[ni];
        int sz = value.Length;
        bool large = ListLimits.IsLarge(sz, Fill);
        if (!node.Plain && !large)
        {
            int p = Listpack.Seek(node.Data, off);
            int total = node.Size;
            Reserve(node, total - Listpack.EntrySizeAt(node.Data, p) + Listpack.EntrySize(value));
            Listpack.Replace(node.Data, p, value);
            return;
        }
        if (node.Plain)
        {
            if (large)
            {
                node.Data = value.ToArray();
            }
            else
            {
                InsertAt(ni, 0, after: true, value);
                _nodes.Remove(node);
                Count--;
            }
            return;
        }
        // A packed node and a large value: split after the entry, put the value in its own node, drop the old entry.
        Node? split = off != node.Count - 1 ? SplitNode(node, off, after: true) : null;
        var plain = NewPlainNode(value);
        _nodes.Insert(ni + 1, plain);
        if (split is not null)
        {
            _nodes.Insert(ni + 2, split);
        }
        Count++;
        if (node.Count == 1)
        {
            _nodes.RemoveAt(ni);
            Count--;
        }
        else
        {
            Listpack.Delete(node.Data, Listpack.Last(node.Data));
            node.Count--;
            Count--;
            MergeAround(plain);
        }
    }

    /// <summary>LREM: removes up to |<paramref name="count"/>| elements equal to <paramref name="value"/> from the head
    /// (count &gt; 0), the tail (count &lt; 0) or all (0); returns how many went.</summary>
    public long RemoveMatches(ReadOnlySpan<byte> value, long count)
    {
        var m = new ListMatcher(value);
        long limit = count == 0 ? long.MaxValue : Math.Abs(count);
        long removed = 0;
        if (count >= 0)
        {
            for (int ni = 0; ni < _nodes.Count && removed < limit;)
            {
                var n = _nodes[ni];
                if (n.Plain)
                {
                    if (m.Matches(new ListpackEntry(n.Data)))
                    {
                        _nodes.RemoveAt(ni);
                        removed++;
                        Count--;
                        continue;
                    }
                    ni++;
                    continue;
                }
                int p = Listpack.First(n.Data);
                while (p >= 0 && removed < limit)
                {
                    if (m.Matches(Listpack.Get(n.Data, p)))
                    {
                        Listpack.Delete(n.Data, p);
                        n.Count--;
                        Count--;
                        removed++;
                        if (n.Data[p] == Listpack.Eof)
                        {
                            p = -1;
                        }
                    }
                    else
                    {
                        p = Listpack.Next(n.Data, p);
                    }
                }
                if (n.Count == 0)
                {
                    _nodes.RemoveAt(ni);
                }
                else
                {
                    ni++;
                }
            }
            return removed;
        }
        for (int ni = _nodes.Count - 1; ni >= 0 && removed < limit; ni--)
        {
            var n = _nodes[ni];
            if (n.Plain)
            {
                if (m.Matches(new ListpackEntry(n.Data)))
                {
                    _nodes.RemoveAt(ni);
                    removed++;
                    Count--;
                }
                continue;
            }
            int p = Listpack.Last(n.Data);
            while (p >= 0 && removed < limit)
            {
                int q = Listpack.Prev(n.Data, p);
                if (m.Matches(Listpack.Get(n.Data, p)))
                {
                    Listpack.Delete(n.Data, p);
                    n.Count--;
                    Count--;
                    removed++;
                }
                p = q;
            }
            if (n.Count == 0)
            {
                _nodes.RemoveAt(ni);
            }
        }
        return removed;
    }
}
