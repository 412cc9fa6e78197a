using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.Lists;

/// <summary>
/// The list type API over one key's entry (Valkey's "List type API" in <c>t_list.c</c>), shard lock held: hides whether
/// the list is a listpack inline in the entry or a <see cref="Quicklist"/> beside it, and performs Valkey 7.2's
/// conversions (<c>listTypeTryConversionAppend</c> before growing, <c>listTypeTryConversion(SHRINKING)</c> after
/// removing). Indexes given to it are already normalised (0 &lt;= index &lt; Length).
/// </summary>
internal struct ListValue
{
    private readonly Database _db;
    private readonly KeyShard _shard;
    private readonly KeyHash _h;
    private readonly int _index;
    private Quicklist? _ql;

    /// <summary>The key's current entry (replaced when the listpack outgrows it or the encoding changes).</summary>
    public byte[] Entry { get; private set; }

    /// <summary>Opens the list held by <paramref name="entry"/> at slot <paramref name="index"/>.</summary>
    public ListValue(Database db, KeyShard shard, in KeyHash h, int index, byte[] entry)
    {
        _db = db;
        _shard = shard;
        _h = h;
        _index = index;
        Entry = entry;
        _ql = EntryLayout.CollectionEncoding(entry) == CollectionEncodings.ListListpack ? null : (Quicklist)Database.StructureLocked(shard, index)!;
    }

    /// <summary>Whether <paramref name="entry"/> holds a list.</summary>
    public static bool IsList(byte[] entry) => EntryLayout.Kind(entry) == EntryKind.List;

    /// <summary>Creates an empty listpack list for a missing key (the caller pushes right away: an empty list never stays).</summary>
    public static ListValue Create(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, int expectedBytes) =>
        Create(db, shard, h, key, expectedBytes, -1);

    /// <summary>
    /// <see cref="Create(Database, KeyShard, in KeyHash, ReadOnlySpan{byte}, int)"/> replacing the value at slot
    /// <paramref name="index"/> (when &gt;= 0) instead of adding a key: Valkey's <c>setKey</c> on an existing key, which
    /// drops the old value and TTL but is no new key (no <c>new</c> event). Used by SORT … STORE.
    /// </summary>
    public static ListValue Create(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, int expectedBytes, int index)
    {
        int capacity = Math.Min(Math.Max(Listpack.EmptySize + expectedBytes, 16), ListLimits.CapacityHint(db.Engine.Config.ListMaxListpackSize));
        var e = EntryLayout.AllocateCollection(key, EntryKind.List, CollectionEncodings.ListListpack, false, 0, db.Engine.LruClock,
            Listpack.EmptySize, Math.Max(capacity, Listpack.EmptySize + 1), out var data);
        Listpack.InitEmpty(data);
        index = db.StoreLocked(shard, h, index, e);
        return new ListValue(db, shard, h, index, e);
    }

    /// <summary>Whether the list is a listpack (OBJECT ENCODING "listpack") rather than a quicklist.</summary>
    public readonly bool IsListpack => _ql is null;

    private readonly Span<byte> Lp => EntryLayout.CollectionData(Entry);

    /// <summary>Number of elements.</summary>
    public readonly long Length => _ql?.Count ?? Listpack.Count(Lp);

    private readonly int Fill => _db.Engine.Config.ListMaxListpackSize;

    // ---- conversions -------------------------------------------------------------------------------------

    /// <summary>Before adding <paramref name="addCount"/> elements of <paramref name="addBytes"/> string bytes
    /// (<c>listTypeTryConversionAppend</c>): a listpack that would exceed <c>list-max-listpack-size</c> becomes a quicklist.</summary>
    public void PrepareGrow(long addBytes, long addCount)
    {
        if (_ql is not null)
        {
            return;
        }
        var lp = Lp;
        if (ListLimits.Exceeds(Fill, Listpack.TotalBytes(lp) + addBytes, Listpack.Count(lp) + addCount))
        {
            var ql = Quicklist.FromListpack(lp, Fill);
            Replace(CollectionEncodings.ListQuicklist, default, 0, ql);
            _ql = ql;
        }
    }

    /// <summary>After removing elements: deletes the key when empty (returns true), else lets a small single-node
    /// quicklist turn back into a listpack (<c>listTypeTryConversion(LIST_CONV_SHRINKING)</c>).</summary>
    public bool FinishRemoval()
    {
        if (Length == 0)
        {
            _db.RemoveLocked(_shard, _index);
            return true;
        }
        TryShrink();
        return false;
    }

    /// <summary>A quicklist of one small packed node becomes a listpack again (half the limits, as Valkey when shrinking).</summary>
    public void TryShrink()
    {
        if (_ql is not null && _ql.TryGetSingleListpack(Fill, shrinking: true, out var lp))
        {
            Replace(CollectionEncodings.ListListpack, lp, lp.Length + 1, null);
            _ql = null;
        }
    }

    private void Replace(byte tag, ReadOnlySpan<byte> data, int capacity, Quicklist? ql)
    {
        var old = Entry;
        bool hasExpiry = EntryLayout.HasExpiry(old);
        var e = EntryLayout.AllocateCollection(EntryLayout.Key(old), EntryKind.List, tag, hasExpiry, hasExpiry ? EntryLayout.Expiry(old) : 0,
            EntryLayout.Lru(old), data.Length, capacity, out var dst);
        data.CopyTo(dst);
        _db.StoreLocked(_shard, _h, _index, e, ql);
        Entry = e;
    }

    // The inline listpack with room for extra bytes (reallocating the entry when its spare capacity is short).
    private Span<byte> ReserveLp(int extra)
    {
        var lp = Lp;
        int total = Listpack.TotalBytes(lp);
        int need = total + extra;
        if (need <= lp.Length)
        {
            return lp;
        }
        if (EntryLayout.TryResizeCollectionData(Entry, need, out var data))
        {
            return data;
        }
        int capacity = ListLimits.Grow(EntryLayout.CollectionDataCapacity(Entry), need, Fill);
        Replace(CollectionEncodings.ListListpack, lp[..total], Math.Max(capacity, need + 1), null);
        EntryLayout.TryResizeCollectionData(Entry, need, out data);
        return data;
    }

    // Keeps the inline data length equal to the listpack's size after an in-place shrink.
    private readonly void CommitLp(int total) => EntryLayout.TryResizeCollectionData(Entry, total, out _);

    // ---- edits -------------------------------------------------------------------------------------------

    /// <summary>Adds one element at the head or tail (no conversion check: call <see cref="PrepareGrow"/> first).</summary>
    public void Push(ReadOnlySpan<byte> value, bool head)
    {
        if (_ql is not null)
        {
            _ql.Push(value, head);
            return;
        }
        var lp = ReserveLp(Listpack.EntrySize(value));
        Listpack.Insert(lp, head ? Listpack.HeaderSize : Listpack.EofOffset(lp), value);
    }

    /// <summary>Deletes <paramref name="count"/> elements from <paramref name="start"/> (in range).</summary>
    public readonly void DeleteRange(long start, long count)
    {
        if (count <= 0)
        {
            return;
        }
        if (_ql is not null)
        {
            _ql.DeleteRange(start, count);
            return;
        }
        var lp = Lp;
        CommitLp(Listpack.DeleteRange(lp, Listpack.Seek(lp, start), (int)Math.Min(count, int.MaxValue)));
    }

    /// <summary>Inserts <paramref name="value"/> after or before the element at <paramref name="index"/>.</summary>
    public void Insert(long index, bool after, ReadOnlySpan<byte> value)
    {
        if (_ql is not null)
        {
            _ql.Insert(index, after, value);
            return;
        }
        var cur = Lp;
        int p = Listpack.Seek(cur, index);
        if (after)
        {
            p += Listpack.EntrySizeAt(cur, p);
        }
        var lp = ReserveLp(Listpack.EntrySize(value));
        Listpack.Insert(lp, p, value);
    }

    /// <summary>Replaces the element at <paramref name="index"/>.</summary>
    public void Set(long index, ReadOnlySpan<byte> value)
    {
        if (_ql is not null)
        {
            _ql.Replace(index, value);
            return;
        }
        var cur = Lp;
        int p = Listpack.Seek(cur, index);
        int delta = Listpack.EntrySize(value) - Listpack.EntrySizeAt(cur, p);
        var lp = delta > 0 ? ReserveLp(delta) : cur;
        int total = Listpack.Replace(lp, p, value);
        if (delta < 0)
        {
            CommitLp(total);
        }
    }

    /// <summary>LREM's removal (count &gt; 0 from the head, &lt; 0 from the tail, 0 all); returns how many went.</summary>
    public readonly long RemoveMatches(ReadOnlySpan<byte> value, long count)
    {
        if (_ql is not null)
        {
            return _ql.RemoveMatches(value, count);
        }
        var m = new ListMatcher(value);
        var lp = Lp;
        long limit = count == 0 ? long.MaxValue : Math.Abs(count);
        long removed = 0;
        if (count >= 0)
        {
            int p = Listpack.First(lp);
            while (p >= 0 && removed < limit)
            {
                if (m.Matches(Listpack.Get(lp, p)))
                {
                    Listpack.Delete(lp, p);
                    removed++;
                    if (lp[p] == Listpack.Eof)
                    {
                        p = -1;
                    }
                }
                else
                {
                    p = Listpack.Next(lp, p);
                }
            }
        }
        else
        {
            int p = Listpack.Last(lp);
            while (p >= 0 && removed < limit)
            {
                int q = Listpack.Prev(lp, p);
                if (m.Matches(Listpack.Get(lp, p)))
                {
                    Listpack.Delete(lp, p);
                    removed++;
                }
                p = q;
            }
        }
        CommitLp(Listpack.TotalBytes(lp));
        return removed;
    }

    // ---- reads -------------------------------------------------------------------------------------------

    /// <summary>The element at <paramref name="index"/> (aliases the list's storage).</summary>
    public readonly ListpackEntry Get(long index)
    {
        if (_ql is not null)
        {
            return _ql.Get(index);
        }
        var lp = Lp;
        return Listpack.Get(lp, Listpack.Seek(lp, index));
    }

    /// <summary>Visits elements from <paramref name="start"/> towards the tail (or the head when <paramref name="reverse"/>)
    /// until the visitor says stop.</summary>
    public readonly void ForEach<TVisitor>(long start, bool reverse, ref TVisitor visitor)
        where TVisitor : struct, IListVisitor
    {
        if (_ql is not null)
        {
            _ql.ForEach(start, reverse, ref visitor);
            return;
        }
        var lp = Lp;
        for (int p = Listpack.Seek(lp, start); p >= 0; p = reverse ? Listpack.Prev(lp, p) : Listpack.Next(lp, p))
        {
            if (!visitor.Visit(Listpack.Get(lp, p)))
            {
                return;
            }
        }
    }
}
