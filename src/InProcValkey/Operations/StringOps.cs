using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

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

/// <summary>The TTL option of GETEX (and the expire part of SET's options).</summary>
internal enum ExpireOption : byte
{
    None,
    /// <summary>EX seconds (relative).</summary>
    Ex,
    /// <summary>PX milliseconds (relative).</summary>
    Px,
    /// <summary>EXAT unix-time-seconds.</summary>
    ExAt,
    /// <summary>PXAT unix-time-milliseconds.</summary>
    PxAt,
    /// <summary>PERSIST (GETEX only).</summary>
    Persist,
}

/// <summary>
/// GETEX's TTL change as parsed from its arguments. The number is validated only once the key has been found to hold a
/// string, as Valkey 7.2 does (so <c>GETEX missing EX 0</c> replies nil, not an error).
/// </summary>
internal struct GetExParams
{
    public ExpireOption Option;
    /// <summary>The EX/PX/EXAT/PXAT argument parsed as a long (Valkey's <c>string2ll</c>).</summary>
    public bool ArgumentIsInteger;
    public long Argument;
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
internal static partial class StringOps
{
    /// <summary>
    /// Valkey's <c>lookupKeyRead</c> + <c>checkType(OBJ_STRING)</c> under the shard lock: the key's string entry, or null
    /// when it is missing (<paramref name="error"/> null) or holds another type (<paramref name="error"/> WRONGTYPE).
    /// </summary>
    private static byte[]? FindStringLocked(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, out int index, out string? error)
    {
        var e = db.FindForReadLocked(shard, h, key, ref clock, out index);
        if (e is not null && !StringValue.IsString(e))
        {
            error = ErrorMessages.WrongType;
            return null;
        }
        error = null;
        return e;
    }

    /// <summary>
    /// GET: hands the value to <paramref name="reader"/> and returns true, or false when the key is missing. Error: WRONGTYPE.
    /// Tries a read without the shard lock first (see docs/locking.md, "Reads without the lock").
    /// </summary>
    public static string? Get<TReader>(Database db, ReadOnlySpan<byte> key, ref Clock clock, ref TReader reader, out bool found)
        where TReader : struct, IStringValueReader
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        if (TryGetOptimistic(db, shard, h, key, ref clock, ref reader, out found, out var error))
        {
            return error;
        }
        using (shard.Lock())
        {
            found = false;
            var e = FindStringLocked(db, shard, h, key, ref clock, out _, out error);
            if (e is null)
            {
                return error;
            }
            Span<byte> scratch = stackalloc byte[StringValue.MaxInt64Chars];
            reader.Read(StringValue.GetSpan(e, scratch));
            reader.Commit();
            found = true;
            return null;
        }
    }

    /// <summary>GET copying the value into a new array (null when missing). Error: WRONGTYPE.</summary>
    public static string? Get(Database db, ReadOnlySpan<byte> key, ref Clock clock, out byte[]? value)
    {
        var reader = new ByteArrayValueReader();
        var error = Get(db, key, ref clock, ref reader, out bool found);
        value = found ? reader.Value : null;
        return error;
    }

    // Looks up and reads under the shard's version, then validates. False — with nothing observable done — when a writer
    // interfered or the key needs the lock (it has expired and must be reclaimed); the caller then takes the locked path.
    private static bool TryGetOptimistic<TReader>(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, ref TReader reader, out bool found, out string? error)
        where TReader : struct, IStringValueReader
    {
        found = false;
        error = null;
        int version = shard.BeginOptimisticRead();
        if (version < 0)
        {
            return false;
        }
        var e = shard.Table.FindOptimistic(h.Hash, key);
        if (e is not null)
        {
            if (EntryLayout.HasExpiry(e) && EntryLayout.Expiry(e) < clock.NowMs)
            {
                return false;
            }
            if (StringValue.IsString(e))
            {
                Span<byte> scratch = stackalloc byte[StringValue.MaxInt64Chars];
                reader.Read(StringValue.GetSpan(e, scratch));
                found = true;
            }
            else
            {
                error = ErrorMessages.WrongType;
            }
        }
        if (!shard.Validate(version))
        {
            found = false;
            error = null;
            return false;
        }
        if (found)
        {
            reader.Commit();
            db.Engine.Touch(e!);
        }
        db.Engine.KeyspaceHits.Record(e is not null);
        if (e is null)
        {
            db.Notify(KeyspaceEventClasses.KeyMiss, Ev.Keymiss, key);
        }
        return true;
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
        using (shard.Lock())
        {
            var old = p.Get ? db.FindForReadLocked(shard, h, key, ref clock, out int index) : db.FindLocked(shard, h, key, ref clock, out index);
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
            bool shared = db.Engine.Config.SharesIntegers;
            var entry = TryOverwriteInPlace(old, value, expiry, shared) ?? StringValue.Create(key, value, expiry, db.Engine.LruClock, shared);
            db.StoreLocked(shard, h, index, entry);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.String, Ev.Set, key);
            if (p.ExpireAtMs >= 0)
            {
                db.Notify(KeyspaceEventClasses.Generic, Ev.Expire, key);
            }
            result.Written = true;
            return null;
        }
    }

    /// <summary>GETDEL: the value (null when missing), and the key deleted. Error: WRONGTYPE (nothing deleted).</summary>
    public static string? GetDelete(Database db, ReadOnlySpan<byte> key, ref Clock clock, out byte[]? value)
    {
        value = null;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindStringLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (e is null)
            {
                return error;
            }
            value = StringValue.ToArray(e);
            db.RemoveLocked(shard, index);
            db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            return null;
        }
    }

    /// <summary>
    /// GETEX (Valkey 7.2 order): a missing key is nil whatever the options; a non-string is WRONGTYPE; then the TTL
    /// argument is validated; then the value is returned and the TTL changed: EX/PX set it, EXAT/PXAT at or before now
    /// delete the key, PERSIST removes it.
    /// </summary>
    public static string? GetEx(Database db, ReadOnlySpan<byte> key, in GetExParams p, ref Clock clock, out byte[]? value)
    {
        value = null;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindStringLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (e is null)
            {
                return error;
            }
            long when = -1;
            bool hasExpire = p.Option is ExpireOption.Ex or ExpireOption.Px or ExpireOption.ExAt or ExpireOption.PxAt;
            if (hasExpire)
            {
                error = ResolveExpire(p.ArgumentIsInteger, p.Argument, p.Option, "getex", ref clock, out when);
                if (error is not null)
                {
                    return error;
                }
            }
            value = StringValue.ToArray(e);
            if (p.Option is ExpireOption.ExAt or ExpireOption.PxAt && when <= clock.NowMs)
            {
                db.RemoveLocked(shard, index);
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            }
            else if (hasExpire || (p.Option == ExpireOption.Persist && EntryLayout.HasExpiry(e)))
            {
                var updated = EntryLayout.WithExpiry(e, hasExpire ? when : -1);
                if (!ReferenceEquals(updated, e))
                {
                    db.ReshapeLocked(shard, index, updated);
                }
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.Generic, hasExpire ? Ev.Expire : Ev.Persist, key);
            }
            return null;
        }
    }

    /// <summary>
    /// Valkey's <c>getExpireMillisecondsOrReply</c>: an EX/PX/EXAT/PXAT argument as an absolute unix-ms time. Errors:
    /// not an integer; <c>invalid expire time in '&lt;command&gt;' command</c> for values &lt;= 0 or overflow.
    /// </summary>
    internal static string? ResolveExpire(bool isInteger, long value, ExpireOption option, string command, ref Clock clock, out long whenMs)
    {
        whenMs = -1;
        if (!isInteger)
        {
            return ErrorMessages.NotInteger;
        }
        bool seconds = option is ExpireOption.Ex or ExpireOption.ExAt;
        if (value <= 0 || (seconds && value > long.MaxValue / 1000))
        {
            return ErrorMessages.InvalidExpireTime(command);
        }
        if (seconds)
        {
            value *= 1000;
        }
        if (option is ExpireOption.Ex or ExpireOption.Px)
        {
            long now = clock.NowMs;
            if (value > long.MaxValue - now)
            {
                return ErrorMessages.InvalidExpireTime(command);
            }
            value += now;
        }
        whenMs = value;
        return null;
    }

    /// <summary>The expiry an entry carries, or -1 (what a value replacement keeps, as Valkey's <c>dbReplaceValue</c>).</summary>
    internal static long ExpiryOf(byte[]? e) => e is not null && EntryLayout.HasExpiry(e) ? EntryLayout.Expiry(e) : -1;

    // Reuses the old entry when the new value has the same encoding and size and the expiry keeps its shape: no allocation.
    private static byte[]? TryOverwriteInPlace(byte[]? old, ReadOnlySpan<byte> value, long expiry, bool shareIntegers)
    {
        if (old is null || EntryLayout.IsCollection(old) || EntryLayout.HasExpiry(old) != expiry >= 0)
        {
            return null;
        }
        var enc = EntryLayout.Encoding(old);
        if (enc == StringEncoding.Int)
        {
            if (value.Length <= StringValue.MaxInt64Chars && Numbers.TryParseInt64(value, out long l))
            {
                StringValue.WriteIntInPlace(old, l, shareIntegers);
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
