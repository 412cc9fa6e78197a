using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Hashes;
using InProcValkey.DataTypes.Lists;
using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>The options of SORT / SORT_RO (Valkey's <c>sortCommandGeneric</c>), parsed by the command or built by the typed API.</summary>
internal sealed class SortSpec
{
    /// <summary>DESC.</summary>
    public bool Descending;

    /// <summary>ALPHA.</summary>
    public bool Alpha;

    /// <summary>LIMIT offset (0 without LIMIT).</summary>
    public long LimitOffset;

    /// <summary>LIMIT count (-1 without LIMIT: all).</summary>
    public long LimitCount = -1;

    /// <summary>The BY pattern, or null.</summary>
    public byte[]? By;

    /// <summary>The GET patterns in order (<c>#</c> is the element itself).</summary>
    public List<byte[]> Gets { get; } = [];

    /// <summary>Whether a BY pattern without <c>*</c> (such as <c>nosort</c>) turns sorting off.</summary>
    public bool DontSort => By is not null && By.AsSpan().IndexOf((byte)'*') < 0;
}

/// <summary>SORT and SORT_RO (Valkey 7.2's <c>sort.c</c>) over lists, sets and sorted sets.</summary>
internal static class SortOps
{
    private struct Item
    {
        public byte[] Value;
        public double Score;
        public byte[]? CompareBy;
    }

    private struct ListCollector(List<Item> items, long max) : IListVisitor
    {
        public readonly bool Visit(in ListpackEntry element)
        {
            if (items.Count >= max)
            {
                return false;
            }
            items.Add(new Item { Value = element.ToArray() });
            return items.Count < max;
        }
    }

    /// <summary>SORT / SORT_RO without STORE: the elements, or for each element the GET patterns' values (null when missing). Errors: WRONGTYPE, the numeric conversion error.</summary>
    public static string? Sort(Database db, ReadOnlySpan<byte> key, SortSpec spec, ref Clock clock, out List<byte[]?> result)
    {
        result = [];
        var hashes = new[] { KeyHash.Of(key) };
        using var locks = UsesPatterns(spec) ? ShardLocks.ForDatabases(db) : ShardLocks.ForKeys(db, hashes);
        return RunLocked(db, key, hashes[0], spec, false, ref clock, result);
    }

    /// <summary>SORT … STORE: stores the result as a list in <paramref name="destination"/> (missing GET values as empty strings, replacing any value and TTL); an empty result deletes the destination. <paramref name="count"/> is the stored length.</summary>
    public static string? SortAndStore(Database db, ReadOnlySpan<byte> key, SortSpec spec, ReadOnlySpan<byte> destination, ref Clock clock, out long count)
    {
        count = 0;
        var hashes = new[] { KeyHash.Of(key), KeyHash.Of(destination) };
        var hd = hashes[1];
        using var locks = UsesPatterns(spec) ? ShardLocks.ForDatabases(db) : ShardLocks.ForKeys(db, hashes);
        var result = new List<byte[]?>();
        if (RunLocked(db, key, hashes[0], spec, true, ref clock, result) is { } error)
        {
            return error;
        }
        var dshard = db.ShardOf(hd);
        var existing = db.FindLocked(dshard, hd, destination, ref clock, out int dindex, touch: false);
        count = result.Count;
        if (count == 0)
        {
            if (existing is not null)
            {
                db.RemoveLocked(dshard, dindex);
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, destination);
            }
            return null;
        }
        long raw = 0;
        foreach (var v in result)
        {
            raw += v?.Length ?? 0;
        }
        var list = ListValue.Create(db, dshard, hd, destination, (int)Math.Min(raw + 2L * result.Count, int.MaxValue), existing is null ? -1 : dindex);
        list.PrepareGrow(raw, result.Count);
        foreach (var v in result)
        {
            list.Push(v ?? [], head: false);
        }
        db.SignalModifiedKey(destination);
        db.Notify(KeyspaceEventClasses.List, Ev.Sortstore, destination);
        db.Engine.Blocking.SignalKeyReady(db, destination);
        return null;
    }

    // BY with a real pattern, or a GET other than "#", reads arbitrary keys of the database.
    private static bool UsesPatterns(SortSpec spec)
    {
        if (spec.By is not null && !spec.DontSort)
        {
            return true;
        }
        foreach (var g in spec.Gets)
        {
            if (!g.AsSpan().SequenceEqual("#"u8))
            {
                return true;
            }
        }
        return false;
    }

    private static string? RunLocked(Database db, ReadOnlySpan<byte> key, KeyHash h, SortSpec spec, bool store, ref Clock clock, List<byte[]?> output)
    {
        var shard = db.ShardOf(h);
        var e = db.FindForReadLocked(shard, h, key, ref clock, out int index);
        var kind = e is null ? EntryKind.List : EntryLayout.Kind(e);
        if (kind is not (EntryKind.List or EntryKind.Set or EntryKind.SortedSet))
        {
            return ErrorMessages.WrongType;
        }
        bool desc = spec.Descending;
        bool alpha = spec.Alpha;
        byte[]? by = spec.By;
        bool dontSort = spec.DontSort;
        if (dontSort && kind == EntryKind.Set && store)
        {
            // Valkey sorts a set's members for STORE (replication needs one order).
            dontSort = false;
            alpha = true;
            by = null;
        }
        long length = e is null ? 0 : kind switch
        {
            EntryKind.List => new ListValue(db, shard, h, index, e).Length,
            EntryKind.Set => new DataTypes.Sets.SetObject(e, Database.StructureLocked(shard, index)).Count,
            _ => SortedSetOps.ViewLocked(shard, index, e).Count,
        };
        long start = Math.Min(Math.Max(spec.LimitOffset, 0), length);
        long limitCount = Math.Min(Math.Max(spec.LimitCount, -1), length);
        long end = limitCount < 0 ? length - 1 : start + limitCount - 1;
        if (start >= length)
        {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length)
        {
            end = length - 1;
        }
        long vectorLength = length;
        if (e is not null && kind is EntryKind.List or EntryKind.SortedSet && dontSort && (start != 0 || end != length - 1))
        {
            vectorLength = end - start + 1;
        }
        var items = new List<Item>((int)Math.Min(Math.Max(vectorLength, 0), 1 << 16));
        if (e is not null)
        {
            if (kind == EntryKind.List)
            {
                var list = new ListValue(db, shard, h, index, e);
                if (dontSort)
                {
                    if (end >= start)
                    {
                        var collector = new ListCollector(items, vectorLength);
                        if (vectorLength > 0)
                        {
                            list.ForEach(desc ? length - start - 1 : start, desc, ref collector);
                        }
                        end -= start;
                        start = 0;
                    }
                }
                else
                {
                    var collector = new ListCollector(items, long.MaxValue);
                    list.ForEach(0, false, ref collector);
                }
            }
            else if (kind == EntryKind.Set)
            {
                var set = new DataTypes.Sets.SetObject(e, Database.StructureLocked(shard, index));
                var it = set.GetEnumerator();
                while (it.MoveNext())
                {
                    items.Add(new Item { Value = it.Current.ToArray() });
                }
            }
            else
            {
                var view = SortedSetOps.ViewLocked(shard, index, e);
                var zitems = ZsetItems.Rent();
                try
                {
                    if (dontSort)
                    {
                        if (vectorLength > 0)
                        {
                            SortedSetOps.Collect(view, (int)(desc ? length - start - 1 : start), (int)vectorLength, desc, zitems);
                        }
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        SortedSetOps.Collect(view, 0, view.Count, false, zitems);
                    }
                    for (int i = 0; i < zitems.Count; i++)
                    {
                        items.Add(new Item { Value = zitems.Member(i).ToArray() });
                    }
                }
                finally
                {
                    zitems.Return();
                }
            }
        }
        if (!dontSort)
        {
            bool conversionError = false;
            var itemArray = items.ToArray();
            for (int i = 0; i < itemArray.Length; i++)
            {
                byte[]? value;
                if (by is not null)
                {
                    value = LookupByPattern(db, by, itemArray[i].Value, ref clock);
                    if (value is null)
                    {
                        continue;
                    }
                }
                else
                {
                    value = itemArray[i].Value;
                }
                if (alpha)
                {
                    if (by is not null)
                    {
                        itemArray[i].CompareBy = value;
                    }
                }
                else if (!TryParseScore(value, out itemArray[i].Score))
                {
                    conversionError = true;
                }
            }
            if (conversionError)
            {
                return ErrorMessages.SortScoreNotDouble;
            }
            var comparer = new ItemComparer(desc, alpha, by is not null, store);
            // A stable sort: the order of equal elements (ALPHA BY ties) is unspecified in Valkey.
            var sorted = itemArray.Select((item, i) => (item, i)).ToArray();
            Array.Sort(sorted, (a, b) =>
            {
                int c = comparer.Compare(a.item, b.item);
                return c != 0 ? c : a.i.CompareTo(b.i);
            });
            items.Clear();
            foreach (var (item, _) in sorted)
            {
                items.Add(item);
            }
        }
        for (long j = start; j <= end; j++)
        {
            var element = items[(int)j].Value;
            if (spec.Gets.Count == 0)
            {
                output.Add(element);
                continue;
            }
            foreach (var pattern in spec.Gets)
            {
                output.Add(LookupByPattern(db, pattern, element, ref clock));
            }
        }
        return null;
    }

    // strtod over the whole value (C string: stops at a NUL), rejecting trailing bytes, overflow/underflow and NaN.
    private static bool TryParseScore(ReadOnlySpan<byte> value, out double score)
    {
        int nul = value.IndexOf((byte)0);
        if (nul >= 0)
        {
            value = value[..nul];
        }
        score = CStrtod.Parse(value, out int consumed, out bool rangeError);
        if (consumed != value.Length || rangeError || double.IsNaN(score))
        {
            score = 0;
            return false;
        }
        return true;
    }

    /// <summary>
    /// Valkey's <c>lookupKeyByPattern</c> (shard locks held): <c>#</c> is the element; otherwise the first <c>*</c> is replaced
    /// by the element to name a key, whose string value is returned, or with <c>-&gt;field</c> after the <c>*</c> that hash
    /// field's value. Null when the pattern has no <c>*</c>, the key is missing or of another type, or the field is missing.
    /// </summary>
    private static byte[]? LookupByPattern(Database db, byte[] pattern, byte[] element, ref Clock clock)
    {
        var p = pattern.AsSpan();
        if (p.SequenceEqual("#"u8))
        {
            return element;
        }
        int star = p.IndexOf((byte)'*');
        if (star < 0)
        {
            return null;
        }
        int keyEnd = p.Length;
        ReadOnlySpan<byte> field = default;
        bool hasField = false;
        int arrow = p[(star + 1)..].IndexOf("->"u8);
        if (arrow >= 0 && star + 1 + arrow + 2 < p.Length)
        {
            keyEnd = star + 1 + arrow;
            field = p[(keyEnd + 2)..];
            hasField = true;
        }
        var key = new byte[star + element.Length + (keyEnd - star - 1)];
        p[..star].CopyTo(key);
        element.CopyTo(key.AsSpan(star));
        p[(star + 1)..keyEnd].CopyTo(key.AsSpan(star + element.Length));
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        var e = db.FindForReadLocked(shard, h, key, ref clock, out int index);
        if (e is null)
        {
            return null;
        }
        Span<byte> scratch = stackalloc byte[24];
        if (hasField)
        {
            if (!HashValue.IsHash(e) || !HashValue.TryGet(HashValue.Open(shard, index, e), field, out var value))
            {
                return null;
            }
            return value.AsText(scratch).ToArray();
        }
        return StringValue.IsString(e) ? StringValue.GetSpan(e, scratch).ToArray() : null;
    }

    // Valkey's sortCompare: numeric scores, ties broken by the elements' bytes; ALPHA compares the BY values (a missing one
    // first) or the elements, binary with STORE, strcoll otherwise (the C locale: bytes up to a NUL).
    private sealed class ItemComparer(bool desc, bool alpha, bool byPattern, bool store)
    {
        public int Compare(in Item a, in Item b)
        {
            int cmp;
            if (!alpha)
            {
                cmp = a.Score > b.Score ? 1 : a.Score < b.Score ? -1 : Binary(a.Value, b.Value);
            }
            else if (byPattern)
            {
                if (a.CompareBy is null || b.CompareBy is null)
                {
                    cmp = a.CompareBy == b.CompareBy ? 0 : a.CompareBy is null ? -1 : 1;
                }
                else
                {
                    cmp = store ? Binary(a.CompareBy, b.CompareBy) : Collate(a.CompareBy, b.CompareBy);
                }
            }
            else
            {
                cmp = store ? Binary(a.Value, b.Value) : Collate(a.Value, b.Value);
            }
            return desc ? -cmp : cmp;
        }

        private static int Binary(byte[] a, byte[] b) => Math.Sign(a.AsSpan().SequenceCompareTo(b));

        private static int Collate(byte[] a, byte[] b)
        {
            ReadOnlySpan<byte> x = a, y = b;
            int i = x.IndexOf((byte)0);
            if (i >= 0)
            {
                x = x[..i];
            }
            i = y.IndexOf((byte)0);
            if (i >= 0)
            {
                y = y[..i];
            }
            return Math.Sign(x.SequenceCompareTo(y));
        }
    }
}
