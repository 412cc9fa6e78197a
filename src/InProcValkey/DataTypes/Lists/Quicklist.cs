using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.Lists;

/// <summary>
/// Valkey 7.2's quicklist: a sequence of nodes, each a listpack (packed) or one large element (plain), with the same
/// node limits, insert/split/merge decisions and no merging on deletion, so node counts and sizes — and therefore the
/// listpack/quicklist conversions OBJECT ENCODING reports — follow Valkey. Nodes are never LZF-compressed
/// (<c>list-compress-depth</c> is accepted but does not change the layout). Held beside the key's entry.
/// </summary>
internal sealed partial class Quicklist : ICollectionObject
{
    private sealed class Node
    {
        /// <summary>A listpack with spare capacity (packed) or the element's exact bytes (plain).</summary>
        public byte[] Data = [];
        public int Count;
        public bool Plain;

        public int Size => Plain ? Data.Length : Listpack.TotalBytes(Data);

        public Node Clone() => new() { Data = Plain ? (byte[])Data.Clone() : Data.AsSpan(0, Size).ToArray(), Count = Count, Plain = Plain };
    }

    private readonly List<Node> _nodes;

    /// <summary>Creates an empty quicklist with the fill (<c>list-max-listpack-size</c>) it keeps for its life.</summary>
    public Quicklist(int fill)
    {
        Fill = fill;
        _nodes = [];
    }

    private Quicklist(int fill, List<Node> nodes, long count)
    {
        Fill = fill;
        _nodes = nodes;
        Count = count;
    }

    /// <summary>The node limit chosen at creation, as Valkey's <c>quicklist->fill</c>.</summary>
    public int Fill { get; }

    /// <summary>Number of elements.</summary>
    public long Count { get; private set; }

    /// <summary>Number of nodes (Valkey's <c>quicklist->len</c>).</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>A quicklist holding <paramref name="listpack"/> as its single node (<c>quicklistAppendListpack</c>), or none when empty.</summary>
    public static Quicklist FromListpack(ReadOnlySpan<byte> listpack, int fill)
    {
        var ql = new Quicklist(fill);
        int count = Listpack.Count(listpack);
        if (count > 0)
        {
            ql._nodes.Add(new Node { Data = listpack[..Listpack.TotalBytes(listpack)].ToArray(), Count = count });
            ql.Count = count;
        }
        return ql;
    }

    /// <summary>Whether the quicklist can turn back into a listpack (<c>listTypeTryConvertQuicklist</c>): one packed node
    /// within the limits of <paramref name="fill"/>, halved when <paramref name="shrinking"/>. Gives that node's bytes.</summary>
    public bool TryGetSingleListpack(int fill, bool shrinking, out ReadOnlySpan<byte> listpack)
    {
        listpack = default;
        if (_nodes.Count != 1 || _nodes[0].Plain)
        {
            return false;
        }
        ListLimits.NodeLimit(fill, out long sizeLimit, out long countLimit);
        if (shrinking)
        {
            sizeLimit /= 2;
            countLimit /= 2;
        }
        var n = _nodes[0];
        if (n.Size > sizeLimit || Count > countLimit)
        {
            return false;
        }
        listpack = n.Data.AsSpan(0, n.Size);
        return true;
    }

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
        var nodes = new List<Node>(_nodes.Count);
        foreach (var n in _nodes)
        {
            nodes.Add(n.Clone());
        }
        return new Quicklist(Fill, nodes, Count);
    }

    /// <inheritdoc/>
    public long EstimatedBytes
    {
        get
        {
            // ---- memory accounting (issue 6): the sum is O(nodes) and is read after every write to the list, so a list of
            // more than 16 nodes re-sums only when its node count changed or it gained or lost 32 elements since the last sum.
            if (_nodes.Count > 16 && _nodes.Count == _estimateNodes && Math.Abs(Count - _estimateCount) < 32)
            {
                return _estimate;
            }
            // Object + list array; per node: the node object (~32), its array header (24) and its bytes.
            long bytes = 48 + 8L * _nodes.Capacity;
            foreach (var n in _nodes)
            {
                bytes += 32 + 24 + n.Data.Length;
            }
            _estimate = bytes;
            _estimateNodes = _nodes.Count;
            _estimateCount = Count;
            return bytes;
        }
    }

    private long _estimate;
    private int _estimateNodes = -1;
    private long _estimateCount;

    // ---- limits ------------------------------------------------------------------------------------------

    private bool AllowInsert(Node? n, int size) =>
        n is not null && !n.Plain && !ListLimits.IsLarge(size, Fill) &&
        !ListLimits.Exceeds(Fill, (long)n.Size + size + ListLimits.SizeEstimateOverhead, n.Count + 1L);

    private bool AllowMerge(Node? a, Node? b) =>
        a is not null && b is not null && !a.Plain && !b.Plain &&
        !ListLimits.Exceeds(Fill, (long)a.Size + b.Size - 7, (long)a.Count + b.Count);

    // ---- node listpack edits ----------------------------------------------------------------------------

    private void Reserve(Node n, int needed)
    {
        if (needed > n.Data.Length)
        {
            var d = new byte[ListLimits.Grow(n.Data.Length, needed, Fill)];
            n.Data.AsSpan(0, n.Size).CopyTo(d);
            n.Data = d;
        }
    }

    private void NodeInsert(Node n, int p, ReadOnlySpan<byte> value)
    {
        int total = n.Size;
        int size = Listpack.EntrySize(value);
        Reserve(n, total + size);
        Listpack.Insert(n.Data, p, value);
        n.Count++;
    }

    private void NodeAppend(Node n, ReadOnlySpan<byte> value) => NodeInsert(n, Listpack.EofOffset(n.Data), value);

    private void NodePrepend(Node n, ReadOnlySpan<byte> value) => NodeInsert(n, Listpack.HeaderSize, value);

    private static void TrimCapacity(Node n)
    {
        if (!n.Plain && n.Data.Length > n.Size)
        {
            n.Data = n.Data.AsSpan(0, n.Size).ToArray();
        }
    }

    private Node NewPackedNode(ReadOnlySpan<byte> value)
    {
        var n = new Node { Data = new byte[Math.Max(Listpack.EmptySize + Listpack.EntrySize(value), 64)] };
        Listpack.InitEmpty(n.Data);
        NodeAppend(n, value);
        return n;
    }

    private static Node NewPlainNode(ReadOnlySpan<byte> value) => new() { Data = value.ToArray(), Count = 1, Plain = true };

    // ---- push / locate / read ----------------------------------------------------------------------------

    /// <summary>Adds <paramref name="value"/> at the head (<c>quicklistPushHead</c>) or tail (<c>quicklistPushTail</c>).</summary>
    public void Push(ReadOnlySpan<byte> value, bool head)
    {
        int sz = value.Length;
        Count++;
        if (ListLimits.IsLarge(sz, Fill))
        {
            _nodes.Insert(head ? 0 : _nodes.Count, NewPlainNode(value));
            return;
        }
        var edge = _nodes.Count == 0 ? null : head ? _nodes[0] : _nodes[^1];
        if (AllowInsert(edge, sz))
        {
            if (head)
            {
                NodePrepend(edge!, value);
            }
            else
            {
                NodeAppend(edge!, value);
            }
            return;
        }
        if (edge is not null)
        {
            TrimCapacity(edge);
        }
        _nodes.Insert(head ? 0 : _nodes.Count, NewPackedNode(value));
    }

    // Node and offset of element index (0 <= index < Count).
    private (int Node, int Offset) Locate(long index)
    {
        if (index < Count / 2)
        {
            long acc = 0;
            for (int i = 0; i < _nodes.Count; i++)
            {
                if (index < acc + _nodes[i].Count)
                {
                    return (i, (int)(index - acc));
                }
                acc += _nodes[i].Count;
            }
        }
        else
        {
            long acc = Count;
            for (int i = _nodes.Count - 1; i >= 0; i--)
            {
                acc -= _nodes[i].Count;
                if (index >= acc)
                {
                    return (i, (int)(index - acc));
                }
            }
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    private static ListpackEntry EntryAt(Node n, int p) => n.Plain ? new ListpackEntry(n.Data) : Listpack.Get(n.Data, p);

    /// <summary>The element at <paramref name="index"/> (0 &lt;= index &lt; Count).</summary>
    public ListpackEntry Get(long index)
    {
        var (ni, off) = Locate(index);
        var n = _nodes[ni];
        return n.Plain ? new ListpackEntry(n.Data) : Listpack.Get(n.Data, Listpack.Seek(n.Data, off));
    }

    /// <summary>Visits elements from <paramref name="start"/> (0 &lt;= start &lt; Count) towards the tail, or the head when
    /// <paramref name="reverse"/>, until the visitor returns false or the list ends.</summary>
    public void ForEach<TVisitor>(long start, bool reverse, ref TVisitor visitor)
        where TVisitor : struct, IListVisitor
    {
        var (ni, off) = Locate(start);
        int p = _nodes[ni].Plain ? 0 : Listpack.Seek(_nodes[ni].Data, off);
        while (true)
        {
            var n = _nodes[ni];
            while (p >= 0)
            {
                if (!visitor.Visit(EntryAt(n, p)))
                {
                    return;
                }
                p = n.Plain ? -1 : reverse ? Listpack.Prev(n.Data, p) : Listpack.Next(n.Data, p);
            }
            ni += reverse ? -1 : 1;
            if (ni < 0 || ni >= _nodes.Count)
            {
                return;
            }
            n = _nodes[ni];
            p = n.Plain ? 0 : reverse ? Listpack.Last(n.Data) : Listpack.First(n.Data);
        }
    }
}
