using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>The NX / XX / GT / LT options of the EXPIRE family (Valkey's <c>EXPIRE_NX</c> … flags); XX may combine with GT or LT.</summary>
[Flags]
internal enum ExpireFlags : byte
{
    None = 0,
    /// <summary>Only when the key has no TTL.</summary>
    Nx = 1,
    /// <summary>Only when the key has a TTL.</summary>
    Xx = 2,
    /// <summary>Only when the new expiry is later than the current one (no TTL = infinite).</summary>
    Gt = 4,
    /// <summary>Only when the new expiry is earlier than the current one (no TTL = infinite).</summary>
    Lt = 8,
}

/// <summary>
/// The semantics of the expiry commands, once (Valkey's <c>expire.c</c>): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL,
/// EXPIRETIME, PEXPIRETIME, PERSIST. Shared by <see cref="Commands.ExpireCommands"/> and the typed API.
/// </summary>
internal static class ExpireOps
{
    /// <summary>TTL / PTTL / EXPIRETIME / PEXPIRETIME reply for a missing key.</summary>
    public const long Missing = -2;

    /// <summary>TTL / PTTL / EXPIRETIME / PEXPIRETIME reply for a key without TTL.</summary>
    public const long NoExpiry = -1;

    /// <summary>
    /// Checks the NX/XX/GT/LT combination as Valkey's <c>parseExtendedExpireArgumentsOrReply</c>: NX excludes the others,
    /// GT excludes LT. Returns the error text or null.
    /// </summary>
    public static string? Validate(ExpireFlags flags)
    {
        if ((flags & ExpireFlags.Nx) != 0 && (flags & (ExpireFlags.Xx | ExpireFlags.Gt | ExpireFlags.Lt)) != 0)
        {
            return ErrorMessages.ExpireNxAndOthers;
        }
        if ((flags & (ExpireFlags.Gt | ExpireFlags.Lt)) == (ExpireFlags.Gt | ExpireFlags.Lt))
        {
            return ErrorMessages.ExpireGtAndLt;
        }
        return null;
    }

    /// <summary>
    /// The absolute expiry (unix ms) of an EXPIRE-family argument: seconds are multiplied by 1000, then
    /// <paramref name="baseMs"/> (now for EXPIRE/PEXPIRE, 0 for the …AT forms) is added. Negative values are allowed
    /// (they mean "already expired"); false on overflow, which Valkey reports as <c>invalid expire time in '…' command</c>.
    /// </summary>
    public static bool TryToAbsolute(long value, bool seconds, long baseMs, out long whenMs)
    {
        whenMs = 0;
        if (seconds)
        {
            if (value > long.MaxValue / 1000 || value < long.MinValue / 1000)
            {
                return false;
            }
            value *= 1000;
        }
        if (value > long.MaxValue - baseMs)
        {
            return false;
        }
        whenMs = value + baseMs;
        return true;
    }

    /// <summary>
    /// EXPIRE family (Valkey's <c>expireGenericCommand</c>) with an absolute time: returns true when the TTL was set, or the
    /// key deleted because <paramref name="whenMs"/> is not in the future (<c>checkAlreadyExpired</c>: when &lt;= now);
    /// false when the key is missing or the NX/XX/GT/LT condition did not hold. <paramref name="flags"/> must be valid.
    /// </summary>
    public static bool Expire(Database db, ReadOnlySpan<byte> key, long whenMs, ExpireFlags flags, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out int index);
            if (e is null)
            {
                return false;
            }
            if (flags != ExpireFlags.None)
            {
                bool has = EntryLayout.HasExpiry(e);
                long current = has ? EntryLayout.Expiry(e) : 0;
                if ((flags & ExpireFlags.Nx) != 0 && has)
                {
                    return false;
                }
                if ((flags & ExpireFlags.Xx) != 0 && !has)
                {
                    return false;
                }
                // No TTL counts as an infinite one: GT never holds, LT always does.
                if ((flags & ExpireFlags.Gt) != 0 && (!has || whenMs <= current))
                {
                    return false;
                }
                if ((flags & ExpireFlags.Lt) != 0 && has && whenMs >= current)
                {
                    return false;
                }
            }
            if (whenMs <= clock.NowMs)
            {
                // Deleted as by DEL: not counted as an expired key.
                db.RemoveLocked(shard, index);
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
                return true;
            }
            db.ReshapeLocked(shard, index, EntryLayout.WithExpiry(e, whenMs));
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Generic, Ev.Expire, key);
            return true;
        }
    }

    /// <summary>
    /// The absolute expiry of a key in unix ms, <see cref="NoExpiry"/> or <see cref="Missing"/>. Does not touch the key's LRU
    /// (Valkey looks up with <c>LOOKUP_NOTOUCH</c>); an expired key is reclaimed and reported missing.
    /// </summary>
    public static long ExpireTimeMs(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindForReadLocked(shard, h, key, ref clock, out _, touch: false);
            if (e is null)
            {
                return Missing;
            }
            return EntryLayout.HasExpiry(e) ? EntryLayout.Expiry(e) : NoExpiry;
        }
    }

    /// <summary>PTTL: the remaining time to live in ms (at least 0), <see cref="NoExpiry"/> or <see cref="Missing"/>.</summary>
    public static long TimeToLiveMs(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        long at = ExpireTimeMs(db, key, ref clock);
        return at < 0 ? at : Math.Max(0, at - clock.NowMs);
    }

    /// <summary>
    /// Milliseconds to seconds as TTL and EXPIRETIME round them (Valkey: <c>(ms + 500) / 1000</c>), without overflowing near
    /// <see cref="long.MaxValue"/>; -1 and -2 pass through.
    /// </summary>
    public static long RoundToSeconds(long ms) => ms < 0 ? ms : ms / 1000 + (ms % 1000 + 500) / 1000;

    /// <summary>PERSIST: removes the TTL; true when the key existed and had one.</summary>
    public static bool Persist(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out int index);
            if (e is null || !EntryLayout.HasExpiry(e))
            {
                return false;
            }
            db.ReshapeLocked(shard, index, EntryLayout.WithExpiry(e, -1));
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Generic, Ev.Persist, key);
            return true;
        }
    }
}
