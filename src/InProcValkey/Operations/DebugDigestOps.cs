using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Hashes;
using InProcValkey.DataTypes.Lists;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>
/// DEBUG DIGEST / DIGEST-VALUE (Valkey's <c>computeDatasetDigest</c> / <c>xorObjectDigest</c> in <c>debug.c</c>): SHA1
/// digests of values where the order of unordered collections (set members, hash fields, sorted-set members, keys) does
/// not matter (their digests are xored) and the order of list elements does (each is mixed into the running digest).
/// The same data gives the same digest as in Valkey. Logically expired keys that are still stored count, as in Valkey
/// (which walks its dictionaries without expiring).
/// </summary>
internal static class DebugDigestOps
{
    private const int DigestLength = 20;

    /// <summary>DEBUG DIGEST-VALUE: one digest per key (all zeros for a missing key).</summary>
    public static string[] DigestValues(Database db, ReadOnlySpan<ReadOnlyMemory<byte>> keys)
    {
        var result = new string[keys.Length];
        Span<byte> digest = stackalloc byte[DigestLength];
        for (int i = 0; i < keys.Length; i++)
        {
            digest.Clear();
            var key = keys[i].Span;
            var h = KeyHash.Of(key);
            var shard = db.ShardOf(h);
            using (shard.Lock())
            {
                int index = shard.Table.Find(h.Hash, key);
                if (index >= 0)
                {
                    ObjectDigest(digest, db, shard, h, index, shard.Table.EntryAt(index));
                }
            }
            result[i] = Convert.ToHexStringLower(digest);
        }
        return result;
    }

    /// <summary>DEBUG DIGEST: the digest of every database (all zeros when the store is empty).</summary>
    public static string DatasetDigest(Engine engine)
    {
        Span<byte> final = stackalloc byte[DigestLength];
        Span<byte> digest = stackalloc byte[DigestLength];
        Span<byte> aux = stackalloc byte[4];
        final.Clear();
        foreach (var db in engine.Databases)
        {
            using var locks = ShardLocks.ForDatabases(db);
            bool any = false;
            foreach (var shard in db.Shards)
            {
                var table = shard.Table;
                for (int i = 0; i < table.Capacity; i++)
                {
                    if (!table.IsOccupied(i))
                    {
                        continue;
                    }
                    if (!any)
                    {
                        // The database id, so the same data in another database digests differently.
                        BinaryPrimitives.WriteInt32BigEndian(aux, db.Index);
                        Mix(final, aux);
                        any = true;
                    }
                    var e = table.EntryAt(i);
                    var key = EntryLayout.Key(e);
                    digest.Clear();
                    Mix(digest, key);
                    ObjectDigest(digest, db, shard, KeyHash.Of(key), i, e);
                    Xor(final, digest);
                }
            }
        }
        return Convert.ToHexStringLower(final);
    }

    // xorObjectDigest: the type, the value, and whether the key has a TTL.
    private static void ObjectDigest(Span<byte> digest, Database db, KeyShard shard, in KeyHash h, int index, byte[] e)
    {
        Span<byte> aux = stackalloc byte[4];
        Span<byte> element = stackalloc byte[DigestLength];
        var kind = EntryLayout.Kind(e);
        BinaryPrimitives.WriteInt32BigEndian(aux, kind switch
        {
            EntryKind.String => 0,
            EntryKind.List => 1,
            EntryKind.Set => 2,
            EntryKind.SortedSet => 3,
            _ => 4,
        });
        Mix(digest, aux);
        switch (kind)
        {
            case EntryKind.String:
            {
                Span<byte> scratch = stackalloc byte[24];
                Mix(digest, StringValue.GetSpan(e, scratch));
                break;
            }
            case EntryKind.List:
            {
                // Each element is mixed into the key's running digest, in order.
                var visitor = new ListMixer(digest.ToArray());
                new ListValue(db, shard, h, index, e).ForEach(0, false, ref visitor);
                visitor.Digest.CopyTo(digest);
                break;
            }
            case EntryKind.Set:
            {
                var it = new DataTypes.Sets.SetObject(e, Database.StructureLocked(shard, index)).GetEnumerator();
                while (it.MoveNext())
                {
                    Xor(digest, it.Current);
                }
                break;
            }
            case EntryKind.SortedSet:
            {
                var view = SortedSetOps.ViewLocked(shard, index, e);
                var items = DataTypes.SortedSets.ZsetItems.Rent();
                try
                {
                    SortedSetOps.Collect(view, 0, view.Count, false, items);
                    for (int i = 0; i < items.Count; i++)
                    {
                        element.Clear();
                        Mix(element, items.Member(i));
                        // snprintf("%.17g") of the score.
                        Mix(element, System.Text.Encoding.ASCII.GetBytes(FormatG17(items.Score(i))));
                        Xor(digest, element);
                    }
                }
                finally
                {
                    items.Return();
                }
                break;
            }
            default:
            {
                var it = HashValue.Pairs(HashValue.Open(shard, index, e));
                while (it.MoveNext())
                {
                    element.Clear();
                    Mix(element, it.Field.ToArray());
                    Mix(element, it.Value.ToArray());
                    Xor(digest, element);
                }
                break;
            }
        }
        if (EntryLayout.HasExpiry(e))
        {
            Xor(digest, "!!expire!!"u8);
        }
    }

    // C's %.17g for finite values; inf / -inf / nan as glibc prints them.
    private static string FormatG17(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }
        return CStyle.G17(d);
    }

    // xorDigest: digest ^= SHA1(data).
    private static void Xor(Span<byte> digest, ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[DigestLength];
        SHA1.HashData(data, hash);
        for (int j = 0; j < DigestLength; j++)
        {
            digest[j] ^= hash[j];
        }
    }

    // mixDigest: digest = SHA1(digest ^ SHA1(data)), so the order of calls matters.
    private static void Mix(Span<byte> digest, ReadOnlySpan<byte> data)
    {
        Xor(digest, data);
        Span<byte> copy = stackalloc byte[DigestLength];
        digest.CopyTo(copy);
        SHA1.HashData(copy, digest);
    }

    // Mixes each list element into the digest it was given.
    private struct ListMixer(byte[] digest) : IListVisitor
    {
        public readonly byte[] Digest = digest;

        public readonly bool Visit(in ListpackEntry element)
        {
            Mix(Digest, element.ToArray());
            return true;
        }
    }

    private static class CStyle
    {
        // %.17g: 17 significant digits, exponent form when the exponent is < -4 or >= 17, trailing zeros removed.
        public static string G17(double d)
        {
            if (d == 0)
            {
                return double.IsNegative(d) ? "-0" : "0";
            }
            string e = d.ToString("E16", CultureInfo.InvariantCulture); // d.dddddddddddddddde+XXX
            int exp = int.Parse(e.AsSpan(e.IndexOf('E') + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (exp < -4 || exp >= 17)
            {
                string mantissa = e[..e.IndexOf('E')];
                if (mantissa.Contains('.'))
                {
                    mantissa = mantissa.TrimEnd('0').TrimEnd('.');
                }
                return mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
            }
            string f = d.ToString("F" + Math.Max(0, 16 - exp).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (f.Contains('.'))
            {
                f = f.TrimEnd('0').TrimEnd('.');
            }
            return f;
        }
    }
}
