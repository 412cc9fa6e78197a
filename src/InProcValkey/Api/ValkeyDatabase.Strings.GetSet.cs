using InProcValkey.Operations;

namespace InProcValkey;

// GET-and-change commands: SET … GET, GETSET, GETDEL, GETEX.
public sealed partial class ValkeyDatabase
{
    /// <summary>SET key value GET [EX|PX] [NX|XX] [KEEPTTL]: sets the value (when <paramref name="when"/> holds) and returns the old value, or null when the key was missing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The new value.</param>
    /// <param name="expiry">Time to live (PX), or null for none.</param>
    /// <param name="when">NX / XX condition; the old value is returned either way.</param>
    /// <param name="keepTtl">Keep the key's current TTL (KEEPTTL); not allowed with <paramref name="expiry"/>.</param>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type (nothing is written).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiry"/> is not positive.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="expiry"/> and <paramref name="keepTtl"/> were given.</exception>
    public byte[]? StringSetAndGet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, TimeSpan? expiry = null, When when = When.Always, bool keepTtl = false)
    {
        var clock = NewClock();
        var p = BuildSetParams(expiry, null, when, keepTtl, ref clock);
        p.Get = true;
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.Set(Db, key, value, p, ref clock, out var r));
        return r.OldValue;
    }

    /// <summary>SET key value GET with string key and value (UTF-8).</summary>
    /// <inheritdoc cref="StringSetAndGet(ReadOnlySpan{byte}, ReadOnlySpan{byte}, TimeSpan?, When, bool)"/>
    public string? StringSetAndGet(string key, string value, TimeSpan? expiry = null, When when = When.Always, bool keepTtl = false)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return Text(StringSetAndGet(k, Utf8Array(value), expiry, when, keepTtl));
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>GETSET key value: sets the value, dropping any TTL, and returns the old value, or null when the key was missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type (nothing is written).</exception>
    public byte[]? StringGetSet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var clock = NewClock();
        var p = SetParams.Plain;
        p.Get = true;
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.Set(Db, key, value, p, ref clock, out var r));
        return r.OldValue;
    }

    /// <summary>GETSET with string key and value (UTF-8).</summary>
    /// <inheritdoc cref="StringGetSet(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public string? StringGetSet(string key, string value)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return Text(StringGetSet(k, Utf8Array(value)));
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>GETDEL key: returns the value and deletes the key; null when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type (it is not deleted).</exception>
    public byte[]? StringGetDelete(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(StringOps.GetDelete(Db, key, ref clock, out var value));
        return value;
    }

    /// <summary>GETDEL with a string key; the value as UTF-8 text.</summary>
    /// <inheritdoc cref="StringGetDelete(ReadOnlySpan{byte})"/>
    public string? StringGetDelete(string key)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return Text(StringGetDelete(k));
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>
    /// GETEX key PX milliseconds | PERSIST: returns the value and sets its time to live, or removes it (PERSIST) when
    /// <paramref name="expiry"/> is null. Null when the key is missing (nothing changes).
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiry"/> is less than one millisecond.</exception>
    public byte[]? StringGetSetExpiry(ReadOnlySpan<byte> key, TimeSpan? expiry)
    {
        var p = new GetExParams { Option = ExpireOption.Persist };
        if (expiry is TimeSpan ttl)
        {
            p = new GetExParams { Option = ExpireOption.Px, ArgumentIsInteger = true, Argument = PositiveMilliseconds(ttl, nameof(expiry)) };
        }
        var clock = NewClock();
        ThrowIfError(StringOps.GetEx(Db, key, p, ref clock, out var value));
        return value;
    }

    /// <summary>GETEX with a string key; the value as UTF-8 text.</summary>
    /// <inheritdoc cref="StringGetSetExpiry(ReadOnlySpan{byte}, TimeSpan?)"/>
    public string? StringGetSetExpiry(string key, TimeSpan? expiry)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return Text(StringGetSetExpiry(k, expiry));
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>
    /// GETEX key PXAT unix-time-milliseconds: returns the value and makes the key expire at <paramref name="expiresAt"/>;
    /// a time at or before now deletes the key (the value is still returned). Null when the key is missing.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiresAt"/> is not after the Unix epoch.</exception>
    public byte[]? StringGetSetExpiry(ReadOnlySpan<byte> key, DateTimeOffset expiresAt)
    {
        long ms = expiresAt.ToUnixTimeMilliseconds();
        if (ms <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "The expiry must be after the Unix epoch.");
        }
        var p = new GetExParams { Option = ExpireOption.PxAt, ArgumentIsInteger = true, Argument = ms };
        var clock = NewClock();
        ThrowIfError(StringOps.GetEx(Db, key, p, ref clock, out var value));
        return value;
    }

    /// <summary>GETEX … PXAT with a string key; the value as UTF-8 text.</summary>
    /// <inheritdoc cref="StringGetSetExpiry(ReadOnlySpan{byte}, DateTimeOffset)"/>
    public string? StringGetSetExpiry(string key, DateTimeOffset expiresAt)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return Text(StringGetSetExpiry(k, expiresAt));
        }
        finally
        {
            Return(rented);
        }
    }

    private static long PositiveMilliseconds(TimeSpan ttl, string name)
    {
        long ms = (long)ttl.TotalMilliseconds;
        if (ms <= 0)
        {
            throw new ArgumentOutOfRangeException(name, ttl, "The expiry must be at least one millisecond.");
        }
        return ms;
    }
}
