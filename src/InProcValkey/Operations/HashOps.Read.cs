using InProcValkey.DataTypes.Hashes;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>Which parts of each pair HGETALL-like reads copy.</summary>
[Flags]
internal enum HashParts
{
    Fields = 1,
    Values = 2,
    Both = Fields | Values,
}

/// <summary>The reads: HGET, HMGET, HGETALL, HKEYS, HVALS, HLEN, HEXISTS, HSTRLEN.</summary>
internal static partial class HashOps
{
    /// <summary>HGET: hands the field's value to <paramref name="reader"/> (under the lock); <paramref name="found"/> is false when the key or field is missing. Error: WRONGTYPE.</summary>
    public static string? Get<TReader>(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, ref Clock clock, ref TReader reader, out bool found)
        where TReader : struct, IStringValueReader
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
            if (HashValue.TryGet(HashValue.Open(shard, index, e), field, out var value))
            {
                Span<byte> scratch = stackalloc byte[20];
                reader.Read(value.AsText(scratch));
                reader.Commit();
                found = true;
            }
            return null;
        }
    }

    /// <summary>HMGET: appends each field's value to <paramref name="values"/>, null for a missing field (all null for a missing key). Error: WRONGTYPE.</summary>
    public static string? GetMany<TFields>(Database db, ReadOnlySpan<byte> key, TFields fields, ref Clock clock, ValkeyValueBuffer values)
        where TFields : IHashPairs, allows ref struct
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (error is not null)
            {
                return error;
            }
            if (e is null)
            {
                for (int i = 0; i < fields.Count; i++)
                {
                    values.AddNull();
                }
                return null;
            }
            var hash = HashValue.Open(shard, index, e);
            for (int i = 0; i < fields.Count; i++)
            {
                if (HashValue.TryGet(hash, fields.Field(i), out var v))
                {
                    values.Add(v);
                }
                else
                {
                    values.AddNull();
                }
            }
            return null;
        }
    }

    /// <summary>HGETALL (both parts), HKEYS (fields), HVALS (values): appends every pair's parts to <paramref name="items"/>. Error: WRONGTYPE.</summary>
    public static string? GetAll(Database db, ReadOnlySpan<byte> key, HashParts parts, ref Clock clock, ValkeyValueBuffer items)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is null)
            {
                return error;
            }
            var it = HashValue.Pairs(HashValue.Open(shard, index, e));
            while (it.MoveNext())
            {
                if ((parts & HashParts.Fields) != 0)
                {
                    items.Add(it.Field);
                }
                if ((parts & HashParts.Values) != 0)
                {
                    items.Add(it.Value);
                }
            }
            return null;
        }
    }

    /// <summary>HLEN: the number of fields (0 for a missing key). Error: WRONGTYPE.</summary>
    public static string? Length(Database db, ReadOnlySpan<byte> key, ref Clock clock, out long length)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                length = HashValue.Length(HashValue.Open(shard, index, e));
            }
            return error;
        }
    }

    /// <summary>HEXISTS: whether the field exists. Error: WRONGTYPE.</summary>
    public static string? Exists(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, ref Clock clock, out bool exists)
    {
        exists = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                exists = HashValue.Exists(HashValue.Open(shard, index, e), field);
            }
            return error;
        }
    }

    /// <summary>HSTRLEN: the length of the field's value (0 when missing). Error: WRONGTYPE.</summary>
    public static string? ValueLength(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, ref Clock clock, out long length)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                length = HashValue.ValueLength(HashValue.Open(shard, index, e), field);
            }
            return error;
        }
    }
}
