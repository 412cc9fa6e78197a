using InProcValkey.Errors;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    /// <summary>
    /// PEXPIRE key milliseconds [NX|XX|GT|LT]: the key expires after <paramref name="expiry"/>; null removes the TTL (PERSIST).
    /// A zero or negative expiry deletes the key at once (and counts as applied). Returns false when the key is missing or the
    /// <paramref name="when"/> condition did not hold.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="expiry"/> is null and <paramref name="when"/> is not <see cref="ExpireWhen.Always"/>.</exception>
    public bool KeyExpire(ReadOnlySpan<byte> key, TimeSpan? expiry, ExpireWhen when = ExpireWhen.Always)
    {
        var flags = ToFlags(expiry is null, when);
        var clock = NewClock();
        if (expiry is not TimeSpan ttl)
        {
            return ExpireOps.Persist(Db, key, ref clock);
        }
        if (!ExpireOps.TryToAbsolute(ttl.Ticks / TimeSpan.TicksPerMillisecond, seconds: false, clock.NowMs, out long whenMs))
        {
            throw new ValkeyException(ErrorMessages.InvalidExpireTime("pexpire"));
        }
        return ExpireOps.Expire(Db, key, whenMs, flags, ref clock);
    }

    /// <summary>PEXPIRE with a string key.</summary>
    /// <inheritdoc cref="KeyExpire(ReadOnlySpan{byte}, TimeSpan?, ExpireWhen)"/>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool KeyExpire(string key, TimeSpan? expiry, ExpireWhen when = ExpireWhen.Always)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyExpire(k.Span, expiry, when);
    }

    /// <summary>
    /// PEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT]: the key expires at <paramref name="expiry"/>; null removes the TTL
    /// (PERSIST). A time not in the future deletes the key at once (and counts as applied). Returns false when the key is
    /// missing or the <paramref name="when"/> condition did not hold.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="expiry"/> is null and <paramref name="when"/> is not <see cref="ExpireWhen.Always"/>.</exception>
    public bool KeyExpire(ReadOnlySpan<byte> key, DateTimeOffset? expiry, ExpireWhen when = ExpireWhen.Always)
    {
        var flags = ToFlags(expiry is null, when);
        var clock = NewClock();
        if (expiry is not DateTimeOffset at)
        {
            return ExpireOps.Persist(Db, key, ref clock);
        }
        return ExpireOps.Expire(Db, key, at.ToUnixTimeMilliseconds(), flags, ref clock);
    }

    /// <summary>PEXPIREAT with a string key.</summary>
    /// <inheritdoc cref="KeyExpire(ReadOnlySpan{byte}, DateTimeOffset?, ExpireWhen)"/>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool KeyExpire(string key, DateTimeOffset? expiry, ExpireWhen when = ExpireWhen.Always)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyExpire(k.Span, expiry, when);
    }

    /// <summary>PTTL: the remaining time to live, or null when the key is missing or has no TTL. Does not update its idle time.</summary>
    public TimeSpan? KeyTimeToLive(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        long ms = ExpireOps.TimeToLiveMs(Db, key, ref clock);
        return ms < 0 ? null : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>PTTL with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public TimeSpan? KeyTimeToLive(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyTimeToLive(k.Span);
    }

    /// <summary>PEXPIRETIME: when the key expires (millisecond precision), or null when it is missing or has no TTL.</summary>
    public DateTimeOffset? KeyExpireTime(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        long ms = ExpireOps.ExpireTimeMs(Db, key, ref clock);
        return ms < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(ms, MaxUnixMs));
    }

    /// <summary>PEXPIRETIME with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public DateTimeOffset? KeyExpireTime(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyExpireTime(k.Span);
    }

    /// <summary>PERSIST: removes the key's TTL; true when it existed and had one.</summary>
    public bool KeyPersist(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        return ExpireOps.Persist(Db, key, ref clock);
    }

    /// <summary>PERSIST with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool KeyPersist(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyPersist(k.Span);
    }

    // Largest unix ms a DateTimeOffset holds (PEXPIREAT accepts later times).
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static ExpireFlags ToFlags(bool persist, ExpireWhen when)
    {
        if (persist && when != ExpireWhen.Always)
        {
            throw new ArgumentException("A condition needs an expiry: removing the TTL (PERSIST) takes no condition.", nameof(when));
        }
        return when switch
        {
            ExpireWhen.Always => ExpireFlags.None,
            ExpireWhen.HasExpiry => ExpireFlags.Xx,
            ExpireWhen.HasNoExpiry => ExpireFlags.Nx,
            ExpireWhen.GreaterThanCurrentExpiry => ExpireFlags.Gt,
            ExpireWhen.LessThanCurrentExpiry => ExpireFlags.Lt,
            _ => throw new ArgumentOutOfRangeException(nameof(when), when, null),
        };
    }
}
