using System.Diagnostics;

namespace InProcValkey.DataTypes.SortedSets;

/// <summary>
/// An order-statistic B+tree of (score, member) pairs ordered as Valkey orders a sorted set (score, then member bytes
/// with <c>memcmp</c> then length, as <c>sdscmp</c>). Each inner node keeps the element count of every child, so rank,
/// select and range bounds are O(log n) and never scan. Leaves are linked both ways for range iteration. Members are
/// the same arrays (score prefix + member bytes) the sorted set's member table holds, so a member costs one array plus two slots here.
/// Not thread-safe: the caller holds the key's shard lock.
/// </summary>
internal sealed class ZsetTree
{
    internal const int LeafCapacity = 64;
    internal const int InnerCapacity = 64;

    internal abstract class Node
    {
        public int Count;
    }

    internal sealed class Leaf : Node
    {
        public readonly double[] Scores = new double[LeafCapacity];
        public readonly byte[][] Members = new byte[LeafCapacity][];
        public Leaf? Prev;
        public Leaf? Next;
    }

    internal sealed class Inner : Node
    {
        public readonly Node[] Children = new Node[InnerCapacity];
        public readonly int[] Sizes = new int[InnerCapacity];
        // Separator i (i >= 1): no key in child i is smaller, no key in child i-1 is larger or equal.
        public readonly double[] SepScores = new double[InnerCapacity];
        public readonly byte[][] SepMembers = new byte[InnerCapacity][];
    }

    private Node _root = new Leaf();
    private Leaf _first;
    private Leaf _last;

    public ZsetTree()
    {
        _first = (Leaf)_root;
        _last = _first;
    }

    /// <summary>Number of elements.</summary>
    public int Count { get; private set; }

    /// <summary>Leaves and inner nodes allocated (for the memory estimate).</summary>
    public int LeafCount { get; private set; } = 1;

    public int InnerCount { get; private set; }

    public Leaf First => _first;

    public Leaf Last => _last;

    /// <summary>The member part of a stored member array (after its score prefix).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> M(byte[] stored) => stored.AsSpan(ZsetMemberTable.Prefix);

    // Compares a stored pair with (score, member) touching the stored member array only when the scores tie: most
    // comparisons then stay within the node's score array (one cache line) instead of visiting a member array each.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int CompareStored(double storedScore, byte[] stored, double score, ReadOnlySpan<byte> member) =>
        storedScore < score ? -1 : storedScore > score ? 1 : M(stored).SequenceCompareTo(member);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Compare(double s1, ReadOnlySpan<byte> m1, double s2, ReadOnlySpan<byte> m2)
    {
        if (s1 < s2)
        {
            return -1;
        }
        if (s1 > s2)
        {
            return 1;
        }
        return m1.SequenceCompareTo(m2);
    }

    // Child index of an inner node that may hold (score, member): the last child whose separator is <= the key.
    private static int ChildFor(Inner n, double score, ReadOnlySpan<byte> member)
    {
        int lo = 1, hi = n.Count - 1, ans = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (CompareStored(n.SepScores[mid], n.SepMembers[mid], score, member) <= 0)
            {
                ans = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return ans;
    }

    // Position in a leaf of the first key >= (score, member).
    private static int LeafLowerBound(Leaf l, double score, ReadOnlySpan<byte> member)
    {
        int lo = 0, hi = l.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (CompareStored(l.Scores[mid], l.Members[mid], score, member) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Inserts a pair that is not in the tree yet.</summary>
    public void Insert(double score, byte[] member)
    {
        var split = InsertInto(_root, score, member, out double sepScore, out byte[]? sepMember);
        if (split is not null)
        {
            var root = new Inner();
            InnerCount++;
            root.Children[0] = _root;
            root.Sizes[0] = Size(_root);
            root.Children[1] = split;
            root.Sizes[1] = Size(split);
            root.SepScores[1] = sepScore;
            root.SepMembers[1] = sepMember!;
            root.Count = 2;
            _root = root;
        }
        Count++;
    }

    private static int Size(Node n)
    {
        if (n is Leaf l)
        {
            return l.Count;
        }
        var inner = (Inner)n;
        int s = 0;
        for (int i = 0; i < inner.Count; i++)
        {
            s += inner.Sizes[i];
        }
        return s;
    }

    // Inserts under n; returns a new right sibling when n split (with its separator).
    private Node? InsertInto(Node n, double score, byte[] member, out double sepScore, out byte[]? sepMember)
    {
        if (n is Leaf leaf)
        {
            int pos = LeafLowerBound(leaf, score, M(member));
            if (leaf.Count < LeafCapacity)
            {
                InsertInLeaf(leaf, pos, score, member);
                sepScore = 0;
                sepMember = null;
                return null;
            }
            var right = new Leaf();
            LeafCount++;
            // Appending at the end or prepending at the front keeps the full node full (sequential loads stay dense).
            int keep = pos == LeafCapacity ? LeafCapacity : pos == 0 ? 0 : LeafCapacity / 2;
            int move = LeafCapacity - keep;
            Array.Copy(leaf.Scores, keep, right.Scores, 0, move);
            Array.Copy(leaf.Members, keep, right.Members, 0, move);
            Array.Clear(leaf.Members, keep, move);
            leaf.Count = keep;
            right.Count = move;
            right.Next = leaf.Next;
            right.Prev = leaf;
            if (leaf.Next is { } nx)
            {
                nx.Prev = right;
            }
            else
            {
                _last = right;
            }
            leaf.Next = right;
            bool toLeft = keep == 0 || (keep < LeafCapacity && pos <= keep);
            if (toLeft)
            {
                InsertInLeaf(leaf, pos, score, member);
            }
            else
            {
                InsertInLeaf(right, pos - keep, score, member);
            }
            sepScore = right.Scores[0];
            sepMember = right.Members[0];
            return right;
        }
        var inner = (Inner)n;
        int ci = ChildFor(inner, score, M(member));
        var child = inner.Children[ci];
        var split = InsertInto(child, score, member, out double cs, out byte[]? cm);
        if (split is null)
        {
            inner.Sizes[ci]++;
            sepScore = 0;
            sepMember = null;
            return null;
        }
        inner.Sizes[ci] = Size(child);
        int at = ci + 1;
        if (inner.Count < InnerCapacity)
        {
            InsertChild(inner, at, split, cs, cm!);
            sepScore = 0;
            sepMember = null;
            return null;
        }
        var rightInner = new Inner();
        InnerCount++;
        if (at == InnerCapacity)
        {
            // Appending: the new child alone starts the right node, the full node stays full.
            rightInner.Children[0] = split;
            rightInner.Sizes[0] = Size(split);
            rightInner.Count = 1;
            sepScore = cs;
            sepMember = cm;
            return rightInner;
        }
        int keepInner = InnerCapacity / 2;
        int moveInner = InnerCapacity - keepInner;
        Array.Copy(inner.Children, keepInner, rightInner.Children, 0, moveInner);
        Array.Copy(inner.Sizes, keepInner, rightInner.Sizes, 0, moveInner);
        Array.Copy(inner.SepScores, keepInner, rightInner.SepScores, 0, moveInner);
        Array.Copy(inner.SepMembers, keepInner, rightInner.SepMembers, 0, moveInner);
        sepScore = inner.SepScores[keepInner];
        sepMember = inner.SepMembers[keepInner];
        Array.Clear(inner.Children, keepInner, moveInner);
        Array.Clear(inner.SepMembers, keepInner, moveInner);
        inner.Count = keepInner;
        rightInner.Count = moveInner;
        if (at <= keepInner)
        {
            InsertChild(inner, at, split, cs, cm!);
        }
        else
        {
            InsertChild(rightInner, at - keepInner, split, cs, cm!);
        }
        return rightInner;
    }

    private static void InsertInLeaf(Leaf leaf, int pos, double score, byte[] member)
    {
        int tail = leaf.Count - pos;
        if (tail > 0)
        {
            Array.Copy(leaf.Scores, pos, leaf.Scores, pos + 1, tail);
            Array.Copy(leaf.Members, pos, leaf.Members, pos + 1, tail);
        }
        leaf.Scores[pos] = score;
        leaf.Members[pos] = member;
        leaf.Count++;
    }

    private static void InsertChild(Inner inner, int at, Node child, double sepScore, byte[] sepMember)
    {
        int tail = inner.Count - at;
        if (tail > 0)
        {
            Array.Copy(inner.Children, at, inner.Children, at + 1, tail);
            Array.Copy(inner.Sizes, at, inner.Sizes, at + 1, tail);
            Array.Copy(inner.SepScores, at, inner.SepScores, at + 1, tail);
            Array.Copy(inner.SepMembers, at, inner.SepMembers, at + 1, tail);
        }
        inner.Children[at] = child;
        inner.Sizes[at] = Size(child);
        inner.SepScores[at] = sepScore;
        inner.SepMembers[at] = sepMember;
        inner.Count++;
    }

    /// <summary>Removes a pair known to be in the tree.</summary>
    public void Remove(double score, ReadOnlySpan<byte> member)
    {
        bool removed = RemoveFrom(_root, score, member);
        Debug.Assert(removed, "The pair to remove is in the tree.");
        Count--;
        while (_root is Inner r && r.Count == 1)
        {
            _root = r.Children[0];
            InnerCount--;
        }
        if (_root is Inner { Count: 0 })
        {
            ResetEmpty();
        }
    }

    private void ResetEmpty()
    {
        _root = new Leaf();
        _first = (Leaf)_root;
        _last = _first;
        LeafCount = 1;
        InnerCount = 0;
    }

    private bool RemoveFrom(Node n, double score, ReadOnlySpan<byte> member)
    {
        if (n is Leaf leaf)
        {
            int pos = LeafLowerBound(leaf, score, member);
            if (pos >= leaf.Count || CompareStored(leaf.Scores[pos], leaf.Members[pos], score, member) != 0)
            {
                return false;
            }
            RemoveInLeaf(leaf, pos);
            return true;
        }
        var inner = (Inner)n;
        int ci = ChildFor(inner, score, member);
        if (!RemoveFrom(inner.Children[ci], score, member))
        {
            return false;
        }
        inner.Sizes[ci]--;
        Rebalance(inner, ci);
        return true;
    }

    private static void RemoveInLeaf(Leaf leaf, int pos)
    {
        int tail = leaf.Count - pos - 1;
        if (tail > 0)
        {
            Array.Copy(leaf.Scores, pos + 1, leaf.Scores, pos, tail);
            Array.Copy(leaf.Members, pos + 1, leaf.Members, pos, tail);
        }
        leaf.Count--;
        leaf.Members[leaf.Count] = null!;
    }

    // After a removal under child ci: drop an empty child, or merge an underfull child into a neighbour that has room.
    private void Rebalance(Inner inner, int ci)
    {
        var child = inner.Children[ci];
        int cap = child is Leaf ? LeafCapacity : InnerCapacity;
        if (child.Count == 0)
        {
            if (child is Leaf l)
            {
                UnlinkLeaf(l);
            }
            else
            {
                InnerCount--;
            }
            RemoveChild(inner, ci);
            return;
        }
        if (child.Count >= cap / 4 || inner.Count < 2)
        {
            return;
        }
        int left = ci > 0 ? ci - 1 : ci;
        int right = left + 1;
        var a = inner.Children[left];
        var b = inner.Children[right];
        if (a.Count + b.Count > cap)
        {
            return;
        }
        if (a is Leaf la)
        {
            var lb = (Leaf)b;
            Array.Copy(lb.Scores, 0, la.Scores, la.Count, lb.Count);
            Array.Copy(lb.Members, 0, la.Members, la.Count, lb.Count);
            la.Count += lb.Count;
            lb.Count = 0;
            UnlinkLeaf(lb);
        }
        else
        {
            var ia = (Inner)a;
            var ib = (Inner)b;
            // b's first child needs the separator that led to b.
            ib.SepScores[0] = inner.SepScores[right];
            ib.SepMembers[0] = inner.SepMembers[right];
            Array.Copy(ib.Children, 0, ia.Children, ia.Count, ib.Count);
            Array.Copy(ib.Sizes, 0, ia.Sizes, ia.Count, ib.Count);
            Array.Copy(ib.SepScores, 0, ia.SepScores, ia.Count, ib.Count);
            Array.Copy(ib.SepMembers, 0, ia.SepMembers, ia.Count, ib.Count);
            ia.Count += ib.Count;
            ib.Count = 0;
            InnerCount--;
        }
        inner.Sizes[left] += inner.Sizes[right];
        RemoveChild(inner, right);
    }

    private void UnlinkLeaf(Leaf l)
    {
        if (l.Prev is { } p)
        {
            p.Next = l.Next;
        }
        else if (l.Next is { } n0)
        {
            _first = n0;
        }
        if (l.Next is { } n)
        {
            n.Prev = l.Prev;
        }
        else if (l.Prev is { } p0)
        {
            _last = p0;
        }
        l.Prev = null;
        l.Next = null;
        LeafCount--;
    }

    private static void RemoveChild(Inner inner, int at)
    {
        int tail = inner.Count - at - 1;
        if (tail > 0)
        {
            Array.Copy(inner.Children, at + 1, inner.Children, at, tail);
            Array.Copy(inner.Sizes, at + 1, inner.Sizes, at, tail);
            Array.Copy(inner.SepScores, at + 1, inner.SepScores, at, tail);
            Array.Copy(inner.SepMembers, at + 1, inner.SepMembers, at, tail);
        }
        inner.Count--;
        inner.Children[inner.Count] = null!;
        inner.SepMembers[inner.Count] = null!;
    }

    /// <summary>0-based rank of a pair known to be in the tree.</summary>
    public int Rank(double score, ReadOnlySpan<byte> member)
    {
        int rank = 0;
        var n = _root;
        while (n is Inner inner)
        {
            int ci = ChildFor(inner, score, member);
            for (int i = 0; i < ci; i++)
            {
                rank += inner.Sizes[i];
            }
            n = inner.Children[ci];
        }
        var leaf = (Leaf)n;
        return rank + LeafLowerBound(leaf, score, member);
    }

    /// <summary>The leaf and position of the element at <paramref name="rank"/> (0 &lt;= rank &lt; Count).</summary>
    public Leaf Select(int rank, out int index)
    {
        var n = _root;
        while (n is Inner inner)
        {
            int i = 0;
            while (i < inner.Count - 1 && rank >= inner.Sizes[i])
            {
                rank -= inner.Sizes[i];
                i++;
            }
            n = inner.Children[i];
        }
        index = rank;
        return (Leaf)n;
    }

    /// <summary>Number of elements whose score is below <paramref name="x"/> (or at most <paramref name="x"/> when <paramref name="orEqual"/>).</summary>
    public int CountScoreBelow(double x, bool orEqual)
    {
        int rank = 0;
        var n = _root;
        while (n is Inner inner)
        {
            // Last child whose separator score is still "below": its elements may be, the next child's are not all.
            int ci = 0;
            for (int i = 1; i < inner.Count; i++)
            {
                double s = inner.SepScores[i];
                if (orEqual ? s <= x : s < x)
                {
                    ci = i;
                }
                else
                {
                    break;
                }
            }
            for (int i = 0; i < ci; i++)
            {
                rank += inner.Sizes[i];
            }
            n = inner.Children[ci];
        }
        var leaf = (Leaf)n;
        int lo = 0, hi = leaf.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            double s = leaf.Scores[mid];
            if (orEqual ? s <= x : s < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return rank + lo;
    }

    /// <summary>
    /// Number of elements whose member is below the lex bound (or at most, with <paramref name="orEqual"/>), assuming members
    /// are ordered (all scores equal), as Valkey's lex range commands assume.
    /// </summary>
    public int CountLexBelow(in LexBound bound, bool orEqual)
    {
        int rank = 0;
        var n = _root;
        while (n is Inner inner)
        {
            int ci = 0;
            for (int i = 1; i < inner.Count; i++)
            {
                int c = bound.CompareMember(M(inner.SepMembers[i]));
                // c is bound vs member: member below bound means c > 0.
                if (orEqual ? c >= 0 : c > 0)
                {
                    ci = i;
                }
                else
                {
                    break;
                }
            }
            for (int i = 0; i < ci; i++)
            {
                rank += inner.Sizes[i];
            }
            n = inner.Children[ci];
        }
        var leaf = (Leaf)n;
        int lo = 0, hi = leaf.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = bound.CompareMember(M(leaf.Members[mid]));
            if (orEqual ? c >= 0 : c > 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return rank + lo;
    }
}
