using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Hashes;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>HRANDFIELD, drawing from the store's one random source (seeded by <see cref="ValkeyStoreOptions.RandomSeed"/>).</summary>
internal static partial class HashOps
{
    /// <summary>HRANDFIELD key: one random field into <paramref name="items"/> (nothing for a missing key). Error: WRONGTYPE.</summary>
    public static string? RandomField(Database db, ReadOnlySpan<byte> key, ref Clock clock, ValkeyValueBuffer items, out bool found)
    {
        found = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is null)
            {
                return error;
            }
            var hash = HashValue.Open(shard, index, e);
            var random = db.Engine.RandomUnsafe;
            lock (db.Engine.RandomLock)
            {
                AddRandomPair(hash, random, items, withValue: false);
            }
            found = true;
            return null;
        }
    }

    /// <summary>
    /// HRANDFIELD key count [WITHVALUES] (Valkey's <c>hrandfieldWithCountCommand</c>): a negative count returns that many
    /// fields, repetitions allowed, in random order; a positive count returns distinct fields: the whole hash in its own order
    /// when the count reaches the size, else a random subset (a listpack's in listpack order, as <c>lpRandomPairsUnique</c>).
    /// Fields (and values) go to <paramref name="items"/>, field then value per pick. Error: WRONGTYPE.
    /// </summary>
    public static string? RandomFields(Database db, ReadOnlySpan<byte> key, long count, bool withValues, ref Clock clock, ValkeyValueBuffer items)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is null || count == 0)
            {
                return error;
            }
            var hash = HashValue.Open(shard, index, e);
            long size = HashValue.Length(hash);
            var random = db.Engine.RandomUnsafe;
            if (count < 0 || count == 1)
            {
                ulong n = count < 0 ? (ulong)(-count) : 1;
                lock (db.Engine.RandomLock)
                {
                    for (ulong i = 0; i < n; i++)
                    {
                        AddRandomPair(hash, random, items, withValues);
                    }
                }
                return null;
            }
            if (count >= size)
            {
                var all = HashValue.Pairs(hash);
                while (all.MoveNext())
                {
                    Add(items, all.Field, all.Value, withValues);
                }
                return null;
            }
            lock (db.Engine.RandomLock)
            {
                if (hash.Table is null)
                {
                    // Selection sampling (Knuth's algorithm S): each pair is taken with probability needed / remaining.
                    long needed = count, remaining = size;
                    var it = HashValue.Pairs(hash);
                    while (needed > 0 && it.MoveNext())
                    {
                        if (random.NextInt64(remaining) < needed)
                        {
                            Add(items, it.Field, it.Value, withValues);
                            needed--;
                        }
                        remaining--;
                    }
                }
                else
                {
                    RandomDistinctFromTable(hash.Table, (int)count, random, items, withValues);
                }
            }
            return null;
        }
    }

    // Valkey's CASE 3 (count close to the size: drop random pairs from a copy) and CASE 4 (pick until enough distinct).
    private static void RandomDistinctFromTable(HashTable table, int count, Random random, ValkeyValueBuffer items, bool withValues)
    {
        if ((long)count * 3 > table.Count)
        {
            var pairs = new List<byte[]>(table.Count);
            for (int i = 0; i < table.Capacity; i++)
            {
                if (table.PairAt(i) is { } p)
                {
                    pairs.Add(p);
                }
            }
            while (pairs.Count > count)
            {
                int r = random.Next(pairs.Count);
                pairs[r] = pairs[^1];
                pairs.RemoveAt(pairs.Count - 1);
            }
            foreach (var p in pairs)
            {
                AddPair(items, p, withValues);
            }
            return;
        }
        var picked = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        while (picked.Count < count)
        {
            var p = table.RandomPair(random);
            if (picked.Add(p))
            {
                AddPair(items, p, withValues);
            }
        }
    }

    private static void AddRandomPair(in HashRef hash, Random random, ValkeyValueBuffer items, bool withValue)
    {
        if (hash.Table is { } t)
        {
            AddPair(items, t.RandomPair(random), withValue);
            return;
        }
        var lp = hash.Listpack;
        int pick = random.Next(HashListpack.ElementCount(lp) / 2);
        int p = HashListpack.HeaderSize;
        for (int i = 0; i < pick; i++)
        {
            p = HashListpack.Skip(lp, HashListpack.Skip(lp, p));
        }
        p = HashListpack.Read(lp, p, out var f);
        HashListpack.Read(lp, p, out var v);
        Add(items, f, v, withValue);
    }

    private static void AddPair(ValkeyValueBuffer items, byte[] pair, bool withValue)
    {
        items.Add(HashTable.FieldOf(pair));
        if (withValue)
        {
            items.Add(HashTable.ValueOf(pair));
        }
    }

    private static void Add(ValkeyValueBuffer items, ListpackEntry field, ListpackEntry value, bool withValue)
    {
        items.Add(field);
        if (withValue)
        {
            items.Add(value);
        }
    }
}
