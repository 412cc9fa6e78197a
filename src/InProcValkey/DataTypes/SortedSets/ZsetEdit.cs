using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.SortedSets;

/// <summary>The listpack limits of sorted sets (CONFIG <c>zset-max-listpack-entries</c>, <c>zset-max-listpack-value</c>).</summary>
internal readonly record struct ZsetLimits(long MaxEntries, long MaxValue)
{
    // The last parsed text of each parameter with its value, swapped as one object (CONFIG SET stores a new string).
    private sealed record Parsed(string Text, long Value);

    private static Parsed? s_entries;
    private static Parsed? s_value;

    public static ZsetLimits Of(Engine engine)
    {
        var e = engine.Config.Get("zset-max-listpack-entries") ?? "128";
        var v = engine.Config.Get("zset-max-listpack-value") ?? "64";
        return new ZsetLimits(Parse(e, ref s_entries), Parse(v, ref s_value));
    }

    private static long Parse(string text, ref Parsed? cache)
    {
        var c = Volatile.Read(ref cache);
        if (c is not null && ReferenceEquals(c.Text, text))
        {
            return c.Value;
        }
        long n = long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Volatile.Write(ref cache, new Parsed(text, n));
        return n;
    }

    /// <summary>Valkey's <c>zsetTypeCreate</c> choice: compact when both hints are within the limits.</summary>
    public bool FitsCompact(long sizeHint, long maxLengthHint) => sizeHint <= MaxEntries && maxLengthHint <= MaxValue;
}

/// <summary>
/// A sorted set being changed under its shard lock (Valkey's <c>zsetAdd</c>, <c>zsetDel</c>, conversions): opened on an
/// existing key or created, edited through either encoding, converted to the large one when a limit is passed, then
/// written back with <see cref="Commit"/> (which deletes the key when the set became empty).
/// </summary>
internal sealed class ZsetEdit : IDisposable
{
    private readonly Database _db;
    private readonly KeyShard _shard;
    private readonly KeyHash _h;
    private int _index;
    private byte[]? _entry;
    private readonly byte[] _key;
    private readonly ZsetLimits _limits;
    private ZsetCompactEditor? _compact;
    private ZsetIndex? _tree;
    private bool _structureChanged;

    private ZsetEdit(Database db, KeyShard shard, in KeyHash h, int index, byte[]? entry, ReadOnlySpan<byte> key)
    {
        _db = db;
        _shard = shard;
        _h = h;
        _index = index;
        _entry = entry;
        _key = key.ToArray();
        _limits = ZsetLimits.Of(db.Engine);
    }

    /// <summary>Opens an existing sorted-set entry (lock held).</summary>
    public static ZsetEdit Open(Database db, KeyShard shard, in KeyHash h, int index, byte[] entry)
    {
        var edit = new ZsetEdit(db, shard, h, index, entry, EntryLayout.Key(entry));
        if (Database.StructureLocked(shard, index) is ZsetIndex tree)
        {
            edit._tree = tree;
        }
        else
        {
            edit._compact = new ZsetCompactEditor(EntryLayout.CollectionData(entry));
        }
        return edit;
    }

    /// <summary>A new, empty sorted set for a missing key (<c>zsetTypeCreate</c> with the size and length hints).</summary>
    public static ZsetEdit Create(Database db, KeyShard shard, in KeyHash h, int index, ReadOnlySpan<byte> key, long sizeHint, long maxLengthHint)
    {
        var edit = new ZsetEdit(db, shard, h, index, null, key);
        if (edit._limits.FitsCompact(sizeHint, maxLengthHint))
        {
            edit._compact = new ZsetCompactEditor([]);
        }
        else
        {
            edit._tree = new ZsetIndex((int)Math.Min(sizeHint, 1 << 20));
            edit._structureChanged = true;
        }
        return edit;
    }

    public ZsetLimits Limits => _limits;

    public int Count => _tree?.Count ?? _compact!.Count;

    public bool IsCompact => _tree is null;

    /// <summary>A view of the current content (valid until the next change).</summary>
    public ZsetView View => _tree is not null ? new ZsetView(_tree) : new ZsetView(_compact!.Data);

    /// <summary>
    /// Valkey 7.2's <c>zsetTypeMaybeConvert</c>: converts when the number of pairs a command brings passes the entries limit,
    /// even if they only update existing members (Redis 7.0 converts only on actual growth).
    /// </summary>
    public void MaybeConvert(long sizeHint)
    {
        if (_tree is null && sizeHint > _limits.MaxEntries)
        {
            ConvertToTree();
        }
    }

    private void ConvertToTree()
    {
        var data = _compact!.Data;
        var tree = new ZsetIndex(Math.Max(ZsetCompact.Count(data), 16));
        for (var c = new ZsetView(data).At(0); c.Valid; c.MoveNext())
        {
            tree.Add(c.Member, c.Score);
        }
        _compact.Dispose();
        _compact = null;
        _tree = tree;
        _structureChanged = true;
    }

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score) =>
        _tree is not null ? _tree.TryGetScore(member, out score) : ZsetCompact.Find(_compact!.Data, member, out score, out _) >= 0;

    /// <summary>Adds a member that is not present, converting first when the compact encoding would pass a limit.</summary>
    public void Add(ReadOnlySpan<byte> member, double score)
    {
        if (_tree is null && (_compact!.Count + 1 > _limits.MaxEntries || member.Length > _limits.MaxValue))
        {
            ConvertToTree();
        }
        if (_tree is not null)
        {
            _tree.Add(member, score);
        }
        else
        {
            _compact!.Insert(member, score);
        }
    }

    /// <summary>Changes the score of a present member.</summary>
    public void Update(ReadOnlySpan<byte> member, double score)
    {
        if (_tree is not null)
        {
            _tree.Update(member, score);
            return;
        }
        _compact!.Remove(member);
        _compact.Insert(member, score);
    }

    public bool Remove(ReadOnlySpan<byte> member) => _tree is not null ? _tree.Remove(member) : _compact!.Remove(member);

    /// <summary>Removes the elements of ranks [start, end).</summary>
    public void RemoveRanks(int start, int end)
    {
        if (end <= start)
        {
            return;
        }
        if (_tree is not null)
        {
            var members = new List<(double, byte[])>(end - start);
            var view = new ZsetView(_tree);
            var c = view.At(start);
            for (int i = start; i < end && c.Valid; i++, c.MoveNext())
            {
                members.Add((c.Score, c.MemberArray));
            }
            foreach (var (_, m) in members)
            {
                _tree.Remove(m);
            }
            return;
        }
        var data = _compact!.Data;
        int from = ZsetCompact.Seek(data, start, data.Length);
        int to = from;
        for (int i = start; i < end; i++)
        {
            to = ZsetCompact.Read(data, to, out _, out _);
        }
        _compact.RemoveRange(from, to, end - start);
    }

    /// <summary>
    /// Writes the set back to its key (lock held): the compact bytes into the entry (in place when they fit), or the
    /// structure beside it; deletes the key when the set is empty. Returns whether the key still exists.
    /// </summary>
    public bool Commit()
    {
        if (Count == 0)
        {
            if (_entry is not null)
            {
                _db.RemoveLocked(_shard, _index);
                _entry = null;
                _index = -1;
            }
            return false;
        }
        bool hasExpiry = _entry is not null && EntryLayout.HasExpiry(_entry);
        long expiry = hasExpiry ? EntryLayout.Expiry(_entry!) : 0;
        uint lru = _entry is not null ? EntryLayout.Lru(_entry) : _db.Engine.LruClock;
        if (_tree is not null)
        {
            if (_structureChanged || _entry is null)
            {
                var e = EntryLayout.AllocateCollection(_key, EntryKind.SortedSet, CollectionEncodings.SortedSetSkiplist, hasExpiry, expiry, lru, 0, 0, out _);
                _index = _db.StoreLocked(_shard, _h, _index, e, _tree);
                _entry = e;
                _structureChanged = false;
            }
            return true;
        }
        var data = _compact!.Data;
        if (_entry is not null && EntryLayout.CollectionEncoding(_entry) == CollectionEncodings.SortedSetListpack &&
            EntryLayout.TryResizeCollectionData(_entry, data.Length, out var inPlace))
        {
            data.CopyTo(inPlace);
            return true;
        }
        int capacity = data.Length + Math.Max(16, data.Length / 2);
        var n = EntryLayout.AllocateCollection(_key, EntryKind.SortedSet, CollectionEncodings.SortedSetListpack, hasExpiry, expiry, lru, data.Length, capacity, out var dest);
        data.CopyTo(dest);
        _index = _db.StoreLocked(_shard, _h, _index, n);
        _entry = n;
        return true;
    }

    public void Dispose()
    {
        _compact?.Dispose();
        _compact = null;
    }
}
