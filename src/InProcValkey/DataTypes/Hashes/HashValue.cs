using System.Buffers;
using InProcValkey.DataTypes;
using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes.Hashes;

/// <summary>Field/value pairs to write (HSET's arguments, the typed API's entries), read by index without copying.</summary>
internal interface IHashPairs
{
    int Count { get; }

    ReadOnlySpan<byte> Field(int i);

    ReadOnlySpan<byte> Value(int i);
}

/// <summary>A hash found in the keyspace (shard lock held): its entry and, for the <c>hashtable</c> encoding, its table.</summary>
internal readonly ref struct HashRef
{
    public readonly byte[] Entry;
    public readonly HashTable? Table;

    public HashRef(byte[] entry, HashTable? table)
    {
        Entry = entry;
        Table = table;
    }

    /// <summary>The inline listpack (only when <see cref="Table"/> is null).</summary>
    public ReadOnlySpan<byte> Listpack => EntryLayout.CollectionData(Entry);
}

/// <summary>
/// The hash type's API (Valkey's "Hash type API" section of <c>t_hash.c</c>): lookups, iteration, writes and the
/// listpack → hashtable conversion, hiding the two encodings. Callers hold the key's shard lock.
/// Small hashes are a listpack inline in the key's entry (no other object); a hash with more than
/// <c>hash-max-listpack-entries</c> fields or a field or value longer than <c>hash-max-listpack-value</c> bytes becomes a
/// <see cref="HashTable"/> held beside the entry, and never converts back (as in Valkey).
/// </summary>
internal static class HashValue
{
    public static bool IsHash(byte[] e) => EntryLayout.Kind(e) == EntryKind.Hash;

    /// <summary>Opens the hash at <paramref name="index"/> (the entry must be a hash).</summary>
    /// <summary>
    /// <see cref="Open"/> for a caller that only reads the hash (lock held): its structure is not noted for the memory
    /// accounting's recount at unlock.
    /// </summary>
    public static HashRef OpenForRead(KeyShard shard, int index, byte[] e) =>
        new(e, EntryLayout.CollectionEncoding(e) == CollectionEncodings.HashHashtable ? (HashTable)shard.Table.ObjectAt(index)! : null);

    public static HashRef Open(KeyShard shard, int index, byte[] e) =>
        new(e, EntryLayout.CollectionEncoding(e) == CollectionEncodings.HashHashtable ? (HashTable)Database.StructureLocked(shard, index)! : null);

    public static long Length(in HashRef h) =>
        h.Table is { } t ? t.Count : HashListpack.ElementCount(h.Listpack) / 2;

    /// <summary>Valkey's <c>hashTypeGetValue</c>: the value of <paramref name="field"/>, or false when missing.</summary>
    public static bool TryGet(in HashRef h, ReadOnlySpan<byte> field, out ListpackEntry value)
    {
        if (h.Table is { } t)
        {
            var pair = t.Find(field);
            value = pair is null ? default : new ListpackEntry(HashTable.ValueOf(pair));
            return pair is not null;
        }
        var lp = h.Listpack;
        int p = HashListpack.FindField(lp, field);
        if (p < 0)
        {
            value = default;
            return false;
        }
        HashListpack.Read(lp, HashListpack.Skip(lp, p), out value);
        return true;
    }

    public static bool Exists(in HashRef h, ReadOnlySpan<byte> field) => TryGet(h, field, out _);

    /// <summary>Iterates the pairs: listpack order (insertion order, as Valkey) or table slot order.</summary>
    public static Enumerator Pairs(in HashRef h) => new(h);

    /// <summary>Iterator over a hash's pairs (shard lock held, the hash unchanged while iterating).</summary>
    internal ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _lp;
        private readonly HashTable? _table;
        private int _pos;
        private ListpackEntry _field;
        private ListpackEntry _value;

        public Enumerator(in HashRef h)
        {
            _table = h.Table;
            _lp = _table is null ? h.Listpack : default;
            _pos = _table is null ? HashListpack.HeaderSize : -1;
        }

        public readonly ListpackEntry Field => _field;

        public readonly ListpackEntry Value => _value;

        public bool MoveNext()
        {
            if (_table is { } t)
            {
                while (++_pos < t.Capacity)
                {
                    if (t.PairAt(_pos) is { } pair)
                    {
                        _field = new ListpackEntry(HashTable.FieldOf(pair));
                        _value = new ListpackEntry(HashTable.ValueOf(pair));
                        return true;
                    }
                }
                return false;
            }
            if (HashListpack.IsEnd(_lp, _pos))
            {
                return false;
            }
            int v = HashListpack.Read(_lp, _pos, out _field);
            _pos = HashListpack.Read(_lp, v, out _value);
            return true;
        }
    }

    /// <summary>
    /// Valkey's <c>hashTypeTryConversion</c> + <c>hashTypeSet</c> for each pair (HSET, HMSET, HSETNX, HINCRBY*): sets every
    /// pair, creating the hash when <paramref name="e"/> is null; returns how many fields were added. Converts to a hashtable as Valkey would.
    /// </summary>
    public static long Set<TPairs>(Database db, KeyShard shard, in KeyHash h, int index, byte[]? e, ReadOnlySpan<byte> key, TPairs pairs)
        where TPairs : IHashPairs, allows ref struct
    {
        var config = db.Engine.Config;
        long maxValue = config.HashMaxListpackValue;
        HashTable? table = e is not null && EntryLayout.CollectionEncoding(e) == CollectionEncodings.HashHashtable
            ? (HashTable)Database.StructureLocked(shard, index)!
            : null;
        if (table is null)
        {
            // Valkey 7.2 (Redis #12019): more pairs than hash-max-listpack-entries convert up front, duplicates or not.
            bool tooLong = pairs.Count > config.HashMaxListpackEntries;
            for (int i = 0; i < pairs.Count && !tooLong; i++)
            {
                tooLong = pairs.Field(i).Length > maxValue || pairs.Value(i).Length > maxValue;
            }
            if (!tooLong && e is not null && TryOverwriteInPlace(EntryLayout.CollectionData(e), pairs))
            {
                return 0;
            }
            if (!tooLong)
            {
                long added = SetInListpack(db, shard, h, index, e, key, pairs, config.HashMaxListpackEntries, out bool done);
                if (done)
                {
                    return added;
                }
            }
            table = ToTable(e is null ? default : EntryLayout.CollectionData(e), pairs.Count);
            index = StoreTable(db, shard, h, index, e, key, table);
        }
        long n = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            if (table.Set(pairs.Field(i), pairs.Value(i)))
            {
                n++;
            }
        }
        return n;
    }

    // When every field exists and every new value encodes to the size of the old one (a cache entry's timestamps
    // refreshed, a counter that keeps its width), the values are overwritten in the entry itself: no copy, no allocation.
    private static bool TryOverwriteInPlace<TPairs>(Span<byte> lp, TPairs pairs)
        where TPairs : IHashPairs, allows ref struct
    {
        for (int i = 0; i < pairs.Count; i++)
        {
            int p = HashListpack.FindField(lp, pairs.Field(i));
            if (p < 0 || Listpack.EntrySizeAt(lp, HashListpack.Skip(lp, p)) != Listpack.EntrySize(pairs.Value(i)))
            {
                return false;
            }
        }
        for (int i = 0; i < pairs.Count; i++)
        {
            int p = HashListpack.FindField(lp, pairs.Field(i));
            Listpack.WriteEntry(lp[HashListpack.Skip(lp, p)..], pairs.Value(i));
        }
        return true;
    }

    // Builds the new listpack in a rented buffer; writes it back unless the field count passes hash-max-listpack-entries
    // (done = false: the caller converts, nothing was changed).
    private static long SetInListpack<TPairs>(Database db, KeyShard shard, in KeyHash h, int index, byte[]? e, ReadOnlySpan<byte> key, TPairs pairs, long maxEntries, out bool done)
        where TPairs : IHashPairs, allows ref struct
    {
        ReadOnlySpan<byte> old = e is null ? default : EntryLayout.CollectionData(e);
        int capacity = e is null ? HashListpack.EmptySize : old.Length;
        for (int i = 0; i < pairs.Count; i++)
        {
            capacity += HashListpack.EncodedSize(pairs.Field(i)) + HashListpack.EncodedSize(pairs.Value(i));
        }
        var rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var buf = rented.AsSpan();
            int len;
            if (e is null)
            {
                len = Listpack.InitEmpty(buf);
            }
            else
            {
                old.CopyTo(buf);
                len = old.Length;
            }
            long added = 0;
            for (int i = 0; i < pairs.Count; i++)
            {
                var field = pairs.Field(i);
                var value = pairs.Value(i);
                int p = HashListpack.FindField(buf, field);
                if (p >= 0)
                {
                    len = Listpack.Replace(buf, HashListpack.Skip(buf, p), value);
                }
                else
                {
                    Listpack.Append(buf, field);
                    len = Listpack.Append(buf, value);
                    added++;
                }
            }
            int elements = Listpack.Count(buf);
            if (elements / 2 > maxEntries)
            {
                done = false;
                return 0;
            }
            done = true;
            CommitListpack(db, shard, h, index, e, key, buf[..len]);
            return added;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes a new listpack image for the key: in place when the entry has room, else into a new entry (with spare room when
    /// an existing hash grows, exact for a new one), keeping expiry and LRU.
    /// </summary>
    private static void CommitListpack(Database db, KeyShard shard, in KeyHash h, int index, byte[]? e, ReadOnlySpan<byte> key, ReadOnlySpan<byte> lp)
    {
        if (e is not null)
        {
            if (EntryLayout.HasSpare(e))
            {
                if (EntryLayout.TryResizeCollectionData(e, lp.Length, out var data))
                {
                    lp.CopyTo(data);
                    return;
                }
            }
            else if (EntryLayout.CollectionData(e).Length == lp.Length)
            {
                lp.CopyTo(EntryLayout.CollectionData(e));
                return;
            }
        }
        bool hasExpiry = e is not null && EntryLayout.HasExpiry(e);
        int capacity = e is null ? lp.Length : lp.Length + Math.Max(16, lp.Length / 4);
        var n = EntryLayout.AllocateCollection(key, EntryKind.Hash, CollectionEncodings.HashListpack, hasExpiry,
            hasExpiry ? EntryLayout.Expiry(e!) : 0, db.Engine.LruClock, lp.Length, capacity, out var dest);
        lp.CopyTo(dest);
        db.StoreLocked(shard, h, index, n);
    }

    private static HashTable ToTable(ReadOnlySpan<byte> lp, int extra)
    {
        int count = lp.IsEmpty ? 0 : HashListpack.ElementCount(lp) / 2;
        var table = new HashTable(count + extra);
        if (lp.IsEmpty)
        {
            return table;
        }
        Span<byte> fs = stackalloc byte[20];
        Span<byte> vs = stackalloc byte[20];
        for (int p = HashListpack.HeaderSize; !HashListpack.IsEnd(lp, p);)
        {
            p = HashListpack.Read(lp, p, out var f);
            p = HashListpack.Read(lp, p, out var v);
            table.Set(f.AsText(fs), v.AsText(vs));
        }
        return table;
    }

    // Replaces the key's entry with a hashtable-encoded one holding the table; returns the slot.
    private static int StoreTable(Database db, KeyShard shard, in KeyHash h, int index, byte[]? e, ReadOnlySpan<byte> key, HashTable table)
    {
        bool hasExpiry = e is not null && EntryLayout.HasExpiry(e);
        var n = EntryLayout.AllocateCollection(key, EntryKind.Hash, CollectionEncodings.HashHashtable, hasExpiry,
            hasExpiry ? EntryLayout.Expiry(e!) : 0, e is null ? db.Engine.LruClock : EntryLayout.Lru(e), 0, 0, out _);
        return db.StoreLocked(shard, h, index, n, table);
    }

    /// <summary>
    /// Valkey's <c>hashTypeDelete</c> for each field (HDEL): returns how many were removed. A hash left empty is deleted
    /// from the keyspace (<paramref name="keyRemoved"/>).
    /// </summary>
    public static long Delete<TFields>(Database db, KeyShard shard, in KeyHash h, int index, byte[] e, TFields fields, out bool keyRemoved)
        where TFields : IHashPairs, allows ref struct
    {
        long removed = 0;
        var hash = Open(shard, index, e);
        if (hash.Table is { } t)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                if (t.Remove(fields.Field(i)))
                {
                    removed++;
                }
            }
            keyRemoved = t.Count == 0;
        }
        else
        {
            var lp = EntryLayout.CollectionData(e);
            int len = lp.Length;
            for (int i = 0; i < fields.Count; i++)
            {
                int p = HashListpack.FindField(lp, fields.Field(i));
                if (p >= 0)
                {
                    len = Listpack.DeleteRange(lp, p, 2);
                    removed++;
                }
            }
            int elements = Listpack.Count(lp);
            keyRemoved = elements == 0;
            if (removed > 0 && !keyRemoved)
            {
                ShrinkListpack(db, shard, h, index, e, len);
            }
        }
        if (keyRemoved)
        {
            db.RemoveLocked(shard, index);
        }
        return removed;
    }

    // The listpack was compacted in place to newLength bytes: record the new length (or copy into an exact entry).
    private static void ShrinkListpack(Database db, KeyShard shard, in KeyHash h, int index, byte[] e, int newLength)
    {
        if (EntryLayout.HasSpare(e) && EntryLayout.TryResizeCollectionData(e, newLength, out _))
        {
            return;
        }
        var lp = EntryLayout.CollectionData(e)[..newLength];
        bool hasExpiry = EntryLayout.HasExpiry(e);
        var n = EntryLayout.AllocateCollection(EntryLayout.Key(e), EntryKind.Hash, CollectionEncodings.HashListpack, hasExpiry,
            hasExpiry ? EntryLayout.Expiry(e) : 0, EntryLayout.Lru(e), newLength, newLength, out var dest);
        lp.CopyTo(dest);
        db.StoreLocked(shard, h, index, n);
    }

    /// <summary>Bytes of the value of <paramref name="field"/> in the hash (HSTRLEN), 0 when missing.</summary>
    public static long ValueLength(in HashRef h, ReadOnlySpan<byte> field) => TryGet(h, field, out var v) ? v.Length : 0;
}
