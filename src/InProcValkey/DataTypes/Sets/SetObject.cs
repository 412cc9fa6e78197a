using System.Buffers.Text;
using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.Sets;

/// <summary>Valkey's set encoding thresholds (<c>set-max-intset-entries</c>, <c>set-max-listpack-entries</c>, <c>set-max-listpack-value</c>), read once per command.</summary>
internal readonly record struct SetLimits(long IntsetEntries, long ListpackEntries, long ListpackValue)
{
    public static SetLimits Of(Engine engine) =>
        new(engine.Config.SetMaxIntsetEntries, engine.Config.SetMaxListpackEntries, engine.Config.SetMaxListpackValue);

    /// <summary>Valkey's <c>intsetMaxEntries</c>: the configured limit, capped at 2^30.</summary>
    public long IntsetMax => Math.Min(IntsetEntries, 1L << 30);
}

/// <summary>
/// The set type API (Valkey's "Set type API" in <c>t_set.c</c>): one set as its entry (encoding tag, inline intset or
/// listpack bytes) and, for the hashtable encoding, the <see cref="SetHashtable"/> beside it. Hides the encodings from
/// the operations and follows Valkey 7.2's conversions exactly (<c>setTypeCreate</c>, <c>setTypeMaybeConvert</c>,
/// <c>setTypeAddAux</c>, <c>maybeConvertToIntset</c>): encodings only grow (intset → listpack → hashtable) except where
/// Valkey converts back (SINTERSTORE's all-integer result, SPOP's rebuilt remainder).
/// A mutation may replace <see cref="Entry"/> (a larger or smaller inline value, a new encoding) or <see cref="Table"/>;
/// the caller stores the result (<see cref="Store"/>). A temporary set (SUNION's result) uses an empty key.
/// </summary>
internal struct SetObject
{
    public byte[] Entry;
    public SetHashtable? Table;

    public SetObject(byte[] entry, ICollectionObject? structure)
    {
        Entry = entry;
        Table = structure as SetHashtable;
    }

    public readonly byte Encoding => EntryLayout.CollectionEncoding(Entry);

    private readonly ReadOnlySpan<byte> Data => EntryLayout.CollectionData(Entry);

    /// <summary>SCARD (Valkey's <c>setTypeSize</c>).</summary>
    public readonly int Count => Encoding switch
    {
        CollectionEncodings.SetIntset => Intset.Count(Data),
        CollectionEncodings.SetListpack => Listpack.Count(Data),
        _ => Table!.Count,
    };

    // ---- creation ----

    /// <summary>
    /// An empty set for a key about to receive <paramref name="sizeHint"/> members, the first being <paramref name="first"/>
    /// (Valkey's <c>setTypeCreate</c>): intset when that member is an integer and the hint fits an intset, else listpack when
    /// the hint fits a listpack, else a hashtable presized for the hint.
    /// </summary>
    public static SetObject Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> first, long sizeHint, in SetLimits limits, uint lru)
    {
        if (Numbers.TryParseInt64(first, out _) && sizeHint <= limits.IntsetEntries)
        {
            return CreateIntset(key, lru, (int)Math.Min(sizeHint, 64));
        }
        if (sizeHint <= limits.ListpackEntries)
        {
            return CreateListpack(key, lru, 0);
        }
        return CreateHashtable(key, false, 0, lru, (int)Math.Min(sizeHint, 1 << 20));
    }

    /// <summary>An empty intset (Valkey's <c>createIntsetObject</c>) with room for <paramref name="room"/> 16-bit members.</summary>
    public static SetObject CreateIntset(ReadOnlySpan<byte> key, uint lru, int room = 0)
    {
        var e = EntryLayout.AllocateCollection(key, EntryKind.Set, CollectionEncodings.SetIntset, false, 0, lru, Intset.HeaderSize, Intset.HeaderSize + 2 * room, out var data);
        Intset.WriteEmpty(data);
        return new SetObject(e, null);
    }

    /// <summary>An empty listpack set (Valkey's <c>createSetListpackObject</c>) with <paramref name="room"/> spare bytes.</summary>
    public static SetObject CreateListpack(ReadOnlySpan<byte> key, uint lru, int room = 0)
    {
        var e = EntryLayout.AllocateCollection(key, EntryKind.Set, CollectionEncodings.SetListpack, false, 0, lru, Listpack.EmptySize, Listpack.EmptySize + room, out var data);
        Listpack.InitEmpty(data);
        return new SetObject(e, null);
    }

    private static SetObject CreateHashtable(ReadOnlySpan<byte> key, bool hasExpiry, long expiry, uint lru, int capacity)
    {
        var e = EntryLayout.AllocateCollection(key, EntryKind.Set, CollectionEncodings.SetHashtable, hasExpiry, expiry, lru, 0, 0, out _);
        return new SetObject(e, new SetHashtable(capacity));
    }

    /// <summary>This set under <paramref name="key"/>, without expiry (SINTERSTORE and friends replace the destination).</summary>
    public readonly SetObject Rekeyed(ReadOnlySpan<byte> key) => new(EntryLayout.WithKey(Entry, key, keepExpiry: false), Table);

    /// <summary>Stores the (possibly replaced) entry and structure at <paramref name="index"/> (lock held).</summary>
    public readonly void Store(Database db, KeyShard shard, in KeyHash h, int index) => db.StoreLocked(shard, h, index, Entry, Table);

    // ---- membership ----

    /// <summary>SISMEMBER (Valkey's <c>setTypeIsMember</c>).</summary>
    public readonly bool Contains(ReadOnlySpan<byte> member)
    {
        switch (Encoding)
        {
            case CollectionEncodings.SetIntset:
                return Numbers.TryParseInt64(member, out long v) && Intset.Contains(Data, v);
            case CollectionEncodings.SetListpack:
                return FindInListpack(Data, member) >= 0;
            default:
                return Table!.Contains(member);
        }
    }

    /// <summary>
    /// The offset of <paramref name="member"/>'s entry in a listpack, or -1. A value has exactly one listpack encoding (integers
    /// canonical, strings by length class), so the member is encoded once and entries are compared as raw bytes: one size
    /// decode per entry instead of a full decode and compare (Valkey's <c>lpFind</c> is also a linear walk).
    /// </summary>
    private static int FindInListpack(ReadOnlySpan<byte> lp, ReadOnlySpan<byte> member)
    {
        int size = Listpack.EntrySize(member);
        byte[]? rented = null;
        Span<byte> target = size <= 128 ? stackalloc byte[128] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size));
        target = target[..size];
        Listpack.WriteEntry(target, member);
        try
        {
            int p = Listpack.HeaderSize;
            byte first = target[0];
            while (true)
            {
                byte b = lp[p];
                // The common small encodings inline (7-bit uint, 6-bit-length string, 13-bit int), the rest from the codec.
                int entry = b < 0x80 ? 2 : (b & 0xC0) == 0x80 ? (b & 0x3F) + 2 : (b & 0xE0) == 0xC0 ? 3 : b == Listpack.Eof ? 0 : Listpack.EntrySizeAt(lp, p);
                if (entry == 0)
                {
                    return -1;
                }
                if (entry == size && lp[p] == first && lp.Slice(p, size).SequenceEqual(target))
                {
                    return p;
                }
                p += entry;
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // ---- mutation ----

    /// <summary>Valkey's <c>setTypeMaybeConvert</c>: straight to a hashtable when <paramref name="sizeHint"/> new members cannot fit the compact encoding.</summary>
    public void MaybeConvert(long sizeHint, in SetLimits limits)
    {
        byte enc = Encoding;
        if ((enc == CollectionEncodings.SetListpack && sizeHint > limits.ListpackEntries) ||
            (enc == CollectionEncodings.SetIntset && sizeHint > limits.IntsetEntries))
        {
            ConvertToHashtable((int)Math.Min(sizeHint, 1 << 20));
        }
    }

    /// <summary>SADD of one member (Valkey's <c>setTypeAdd</c>): true when it was not a member.</summary>
    public bool Add(ReadOnlySpan<byte> member, in SetLimits limits)
    {
        switch (Encoding)
        {
            case CollectionEncodings.SetHashtable:
                return Table!.Add(member);
            case CollectionEncodings.SetListpack:
                {
                    var lp = Data;
                    if (FindInListpack(lp, member) >= 0)
                    {
                        return false;
                    }
                    int count = Listpack.Count(lp);
                    if (count < limits.ListpackEntries && member.Length <= limits.ListpackValue && SafeToAdd(lp.Length + member.Length))
                    {
                        int total = lp.Length;
                        var target = Resize(total + Listpack.EntrySize(member));
                        Listpack.Append(target, member);
                    }
                    else
                    {
                        ConvertToHashtable(count + 1);
                        Table!.AddNew(member.ToArray());
                    }
                    return true;
                }
            default:
                {
                    var data = Data;
                    if (Numbers.TryParseInt64(member, out long v))
                    {
                        int at = Intset.Search(data, v);
                        if (at >= 0)
                        {
                            return false;
                        }
                        int length = Intset.LengthAfterInsert(data, v);
                        var before = Data;
                        var target = Resize(length);
                        Intset.Insert(before, ~at, v, target);
                        if (Intset.Count(target) > limits.IntsetMax)
                        {
                            ConvertToHashtable(Intset.Count(target));
                        }
                        return true;
                    }
                    int n = Intset.Count(data);
                    long maxLength = 0, total = 0;
                    if (n != 0)
                    {
                        long min = Intset.Min(data), max = Intset.Max(data);
                        maxLength = Math.Max(Listpack.DecimalLength(min), Listpack.DecimalLength(max));
                        total = (long)Math.Max(Listpack.EntrySize(min), Listpack.EntrySize(max)) * n;
                    }
                    if (n < limits.ListpackEntries && member.Length <= limits.ListpackValue && maxLength <= limits.ListpackValue && SafeToAdd(total + member.Length))
                    {
                        ConvertToListpack(Listpack.EntrySize(member));
                        var lp = Data;
                        var target = Resize(lp.Length + Listpack.EntrySize(member));
                        Listpack.Append(target, member);
                    }
                    else
                    {
                        ConvertToHashtable(n + 1);
                        Table!.AddNew(member.ToArray());
                    }
                    return true;
                }
        }
    }

    // Valkey's lpSafeToAdd: a listpack stays under 1 GB.
    private static bool SafeToAdd(long bytes) => bytes <= 1L << 30;

    /// <summary>SREM of one member (Valkey's <c>setTypeRemove</c>): true when it was a member.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        switch (Encoding)
        {
            case CollectionEncodings.SetHashtable:
                return Table!.Remove(member);
            case CollectionEncodings.SetListpack:
                {
                    var lp = Data;
                    int p = FindInListpack(lp, member);
                    if (p < 0)
                    {
                        return false;
                    }
                    RemoveListpackAt(p);
                    return true;
                }
            default:
                {
                    var data = Data;
                    if (!Numbers.TryParseInt64(member, out long v))
                    {
                        return false;
                    }
                    int at = Intset.Search(data, v);
                    if (at < 0)
                    {
                        return false;
                    }
                    RemoveIntsetAt(at);
                    return true;
                }
        }
    }

    // Deletes in place (the lock is held and readers never read collections without it), then shrinks the inline length:
    // in place within a spare-capacity entry, else into a new exact entry that copies the shortened bytes.
    private void RemoveListpackAt(int offset) => Resize(Listpack.Delete(EntryLayout.CollectionData(Entry), offset));

    private void RemoveIntsetAt(int index) => Resize(Intset.RemoveAt(EntryLayout.CollectionData(Entry), index));

    // ---- random access (SPOP, SRANDMEMBER) ----

    /// <summary>
    /// A uniformly random member (Valkey's <c>setTypeRandomElement</c>), written as text into <paramref name="scratch"/> or
    /// returned as a view of the set; for the hashtable also its slot (for removal), else its index.
    /// </summary>
    public readonly ReadOnlySpan<byte> RandomMember(Engine engine, Span<byte> scratch, out int position)
    {
        if (Encoding == CollectionEncodings.SetHashtable)
        {
            position = Table!.RandomSlot(engine);
            return Table.At(position);
        }
        position = engine.NextRandom(Count);
        return MemberAt(position, scratch);
    }

    /// <summary>The member at <paramref name="index"/> of an intset or listpack set (in its order).</summary>
    public readonly ReadOnlySpan<byte> MemberAt(int index, Span<byte> scratch)
    {
        var data = Data;
        if (Encoding == CollectionEncodings.SetIntset)
        {
            Utf8Formatter.TryFormat(Intset.Get(data, index), scratch, out int n);
            return scratch[..n];
        }
        var e = Listpack.Get(data, Listpack.Seek(data, index));
        return e.IsInteger ? scratch[..e.CopyTo(scratch)] : e.Bytes;
    }

    /// <summary>Removes the member <see cref="RandomMember"/> returned at <paramref name="position"/>.</summary>
    public void RemoveAtPosition(int position)
    {
        switch (Encoding)
        {
            case CollectionEncodings.SetHashtable:
                Table!.RemoveAt(position);
                break;
            case CollectionEncodings.SetListpack:
                RemoveListpackAt(Listpack.Seek(Data, position));
                break;
            default:
                RemoveIntsetAt(position);
                break;
        }
    }

    // ---- iteration ----

    /// <summary>Every member in the encoding's order (intset ascending, listpack insertion order, hashtable by bucket).</summary>
    public readonly Enumerator GetEnumerator() => new(this);

    /// <summary>Iterates members as text (integers formatted into a private buffer; valid until the next MoveNext).</summary>
    public ref struct Enumerator
    {
        private readonly byte _encoding;
        private readonly ReadOnlySpan<byte> _data;
        private readonly SetHashtable? _table;
        private readonly byte[] _scratch;
        private int _position;
        private int _index;

        internal Enumerator(SetObject set)
        {
            _encoding = set.Encoding;
            _data = set.Data;
            _table = set.Table;
            _scratch = _encoding == CollectionEncodings.SetHashtable ? [] : new byte[20];
            _position = -1;
            _index = -1;
            Current = default;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>True when <see cref="Current"/> is a canonical integer (<see cref="Integer"/> holds it).</summary>
        public bool IsInteger { get; private set; }

        public long Integer { get; private set; }

        public bool MoveNext()
        {
            switch (_encoding)
            {
                case CollectionEncodings.SetIntset:
                    if (++_index >= Intset.Count(_data))
                    {
                        return false;
                    }
                    Integer = Intset.Get(_data, _index);
                    IsInteger = true;
                    Utf8Formatter.TryFormat(Integer, _scratch, out int n);
                    Current = _scratch.AsSpan(0, n);
                    return true;
                case CollectionEncodings.SetListpack:
                    _position = _position < 0 ? Listpack.First(_data) : Listpack.Next(_data, _position);
                    if (_position < 0)
                    {
                        return false;
                    }
                    var e = Listpack.Get(_data, _position);
                    IsInteger = e.IsInteger;
                    Integer = e.Integer;
                    Current = e.IsInteger ? _scratch.AsSpan(0, e.CopyTo(_scratch)) : e.Bytes;
                    return true;
                default:
                    while (++_index < _table!.Capacity)
                    {
                        if (_table.At(_index) is { } m)
                        {
                            Current = m;
                            IsInteger = false;
                            return true;
                        }
                    }
                    return false;
            }
        }
    }

    // ---- conversions ----

    /// <summary>Converts to a hashtable presized for <paramref name="capacity"/> members (Valkey's <c>setTypeConvertAndExpand(…, OBJ_ENCODING_HT, …)</c>).</summary>
    public void ConvertToHashtable(int capacity)
    {
        var table = new SetHashtable(Math.Max(capacity, Count));
        foreach (var m in this)
        {
            table.AddNew(m.ToArray());
        }
        bool hasExpiry = EntryLayout.HasExpiry(Entry);
        var e = EntryLayout.AllocateCollection(EntryLayout.Key(Entry), EntryKind.Set, CollectionEncodings.SetHashtable, hasExpiry,
            hasExpiry ? EntryLayout.Expiry(Entry) : 0, EntryLayout.Lru(Entry), 0, 0, out _);
        Entry = e;
        Table = table;
    }

    // Intset → listpack, with room for one more entry of extraBytes.
    private void ConvertToListpack(int extraBytes)
    {
        var data = Data;
        int n = Intset.Count(data);
        int size = Listpack.EmptySize;
        for (int i = 0; i < n; i++)
        {
            size += Listpack.EntrySize(Intset.Get(data, i));
        }
        var lp = new byte[size];
        Listpack.InitEmpty(lp);
        for (int i = 0; i < n; i++)
        {
            Listpack.InsertInteger(lp, Listpack.EofOffset(lp), Intset.Get(data, i));
        }
        Reallocate(CollectionEncodings.SetListpack, lp, size + extraBytes);
    }

    /// <summary>
    /// Valkey's <c>maybeConvertToIntset</c>: when every member is an integer (the caller knows) and the count fits an
    /// intset, re-encodes the set as an intset.
    /// </summary>
    public void MaybeConvertToIntset(in SetLimits limits)
    {
        if (Encoding == CollectionEncodings.SetIntset || Count > limits.IntsetMax)
        {
            return;
        }
        var values = new long[Count];
        int i = 0;
        var it = GetEnumerator();
        while (it.MoveNext())
        {
            values[i++] = it.IsInteger ? it.Integer : Numbers.TryParseInt64(it.Current, out long v) ? v : throw new InvalidOperationException("not an integer");
        }
        Array.Sort(values);
        Reallocate(CollectionEncodings.SetIntset, Intset.FromSorted(values), 0);
        Table = null;
    }

    private void Reallocate(byte encoding, ReadOnlySpan<byte> data, int capacity)
    {
        bool hasExpiry = EntryLayout.HasExpiry(Entry);
        Entry = EntryLayout.AllocateCollection(EntryLayout.Key(Entry), EntryKind.Set, encoding, hasExpiry,
            hasExpiry ? EntryLayout.Expiry(Entry) : 0, EntryLayout.Lru(Entry), data.Length, capacity, out var target);
        data.CopyTo(target);
        Table = null;
    }

    /// <summary>
    /// Resizes the inline data to <paramref name="length"/> bytes, in place when the entry's capacity allows, else in a new
    /// entry (same key, expiry, LRU, encoding) with the old bytes copied and a quarter of spare room when growing.
    /// </summary>
    private Span<byte> Resize(int length)
    {
        if (EntryLayout.TryResizeCollectionData(Entry, length, out var data))
        {
            return data;
        }
        var old = Data;
        int capacity = length > old.Length && length > 32 ? length + length / 4 : length;
        bool hasExpiry = EntryLayout.HasExpiry(Entry);
        var e = EntryLayout.AllocateCollection(EntryLayout.Key(Entry), EntryKind.Set, Encoding, hasExpiry,
            hasExpiry ? EntryLayout.Expiry(Entry) : 0, EntryLayout.Lru(Entry), length, capacity, out var target);
        old[..Math.Min(old.Length, length)].CopyTo(target);
        Entry = e;
        return target;
    }

    /// <summary>
    /// Drops spare inline capacity beyond a quarter of the data (Valkey's <c>lpShrinkToFit</c> after bulk adds), or all of it
    /// (and the entry's spare-length field) when <paramref name="exact"/>: a set created by one SADD keeps no slack.
    /// </summary>
    public void ShrinkToFit(bool exact = false)
    {
        if (Encoding == CollectionEncodings.SetHashtable)
        {
            return;
        }
        var data = Data;
        int capacity = EntryLayout.CollectionDataCapacity(Entry);
        if ((exact && EntryLayout.HasSpare(Entry)) || capacity - data.Length > Math.Max(8, data.Length / 4))
        {
            Reallocate(Encoding, data.ToArray(), data.Length);
        }
    }
}
