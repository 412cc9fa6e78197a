using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>Condition of a SET: always, only when missing (NX), only when present (XX).</summary>
internal enum SetCondition : byte
{
    Always,
    NotExists,
    Exists,
}

/// <summary>Parsed options of SET (and of the commands built on it: SETNX, SETEX, PSETEX, GETSET, MSET…).</summary>
internal struct SetParams
{
    public SetCondition Condition;
    /// <summary>Return the old value (SET … GET).</summary>
    public bool Get;
    public bool KeepTtl;
    /// <summary>Absolute expiry in unix ms, or -1 for none.</summary>
    public long ExpireAtMs;

    public static SetParams Plain => new() { ExpireAtMs = -1 };
}

/// <summary>What a SET did.</summary>
internal struct SetResult
{
    /// <summary>The value was written (the NX/XX condition held).</summary>
    public bool Written;
    /// <summary>With <see cref="SetParams.Get"/>: the old value, or null when the key was missing.</summary>
    public byte[]? OldValue;
}

/// <summary>
/// The semantics of the string commands, once (Valkey's <c>t_string.c</c>). The command handlers and the typed API
/// both call these; they take the shard locks themselves and return an error text (from <see cref="ErrorMessages"/>)
/// or null on success. A call that returns an error has changed nothing.
/// </summary>
internal static class StringOps
{
    /// <summary>GET into a callback-free result: the entry's value copied out, or null. Error: WRONGTYPE.</summary>
    public static string? Get(Database db, ReadOnlySpan<byte> key, ref Clock clock, out byte[]? value)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        lock (shard.Lock)
        {
            var e = db.FindLocked(shard, h, key, ref clock, out _);
            if (e is null)
            {
                value = null;
                return null;
            }
            if (!StringValue.IsString(e))
            {
                value = null;
                return ErrorMessages.WrongType;
            }
            value = StringValue.ToArray(e);
            return null;
        }
    }

    /// <summary>GET into a caller's buffer; <paramref name="found"/> false when missing. Allocates nothing.</summary>
    public static string? Get(Database db, ReadOnlySpan<byte> key, ref Clock clock, System.Buffers.IBufferWriter<byte> destination, out bool found)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        lock (shard.Lock)
        {
            var e = db.FindLocked(shard, h, key, ref clock, out _);
            if (e is null)
            {
                found = false;
                return null;
            }
            if (!StringValue.IsString(e))
            {
                found = false;
                return ErrorMessages.WrongType;
            }
            StringValue.CopyTo(e, destination);
            found = true;
            return null;
        }
    }

    /// <summary>
    /// SET with all its options (Valkey's <c>setGenericCommand</c>). With GET, a non-string old value is WRONGTYPE and
    /// nothing is written. A same-size overwrite of a raw/embstr value is done in place.
    /// </summary>
    public static string? Set(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, in SetParams p, ref Clock clock, out SetResult result)
    {
        result = default;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        lock (shard.Lock)
        {
            var old = db.FindLocked(shard, h, key, ref clock, out int index);
            if (p.Get && old is not null)
            {
                if (!StringValue.IsString(old))
                {
                    return ErrorMessages.WrongType;
                }
                result.OldValue = StringValue.ToArray(old);
            }
            if ((p.Condition == SetCondition.NotExists && old is not null) || (p.Condition == SetCondition.Exists && old is null))
            {
                return null;
            }
            long expiry = p.ExpireAtMs;
            if (expiry < 0 && p.KeepTtl && old is not null && EntryLayout.HasExpiry(old))
            {
                expiry = EntryLayout.Expiry(old);
            }
            var entry = TryOverwriteInPlace(old, value, expiry) ?? StringValue.Create(key, value, expiry, db.Engine.LruClock);
            db.StoreLocked(shard, h, index, entry);
            result.Written = true;
            return null;
        }
    }

    // Reuses the old entry when the new value has the same encoding and size and the expiry keeps its shape: no allocation.
    private static byte[]? TryOverwriteInPlace(byte[]? old, ReadOnlySpan<byte> value, long expiry)
    {
        if (old is null || EntryLayout.IsObject(old) || EntryLayout.HasExpiry(old) != expiry >= 0)
        {
            return null;
        }
        var enc = EntryLayout.Encoding(old);
        if (enc == StringEncoding.Int)
        {
            if (value.Length <= StringValue.MaxInt64Chars && Numbers.TryParseInt64(value, out long l))
            {
                StringValue.WriteIntInPlace(old, l);
                if (expiry >= 0)
                {
                    EntryLayout.SetExpiryInPlace(old, expiry);
                }
                return old;
            }
            return null;
        }
        var stored = EntryLayout.StoredValue(old);
        var wanted = value.Length <= EntryLayout.EmbstrLimit ? StringEncoding.Embstr : StringEncoding.Raw;
        if (stored.Length != value.Length || enc != wanted ||
            (value.Length <= StringValue.MaxInt64Chars && Numbers.TryParseInt64(value, out _)))
        {
            return null;
        }
        value.CopyTo(stored);
        if (expiry >= 0)
        {
            EntryLayout.SetExpiryInPlace(old, expiry);
        }
        return old;
    }
}
