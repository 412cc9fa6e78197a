using System.Buffers;
using InProcValkey.Operations;

namespace InProcValkey;

/// <summary>Whether a write happens only when the key exists, only when it doesn't, or always (SET's NX/XX).</summary>
public enum When
{
    /// <summary>Always write.</summary>
    Always,
    /// <summary>Only when the key exists (XX).</summary>
    Exists,
    /// <summary>Only when the key does not exist (NX).</summary>
    NotExists,
}

public sealed partial class ValkeyDatabase
{
    /// <summary>GET: the value of <paramref name="key"/>, or null when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]? StringGet(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(StringOps.Get(Db, key, ref clock, out var value));
        return value;
    }

    /// <summary>GET: the value of <paramref name="key"/> as UTF-8 text, or null when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string? StringGet(string key)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            var clock = NewClock();
            var reader = new TextValueReader();
            ThrowIfError(StringOps.Get(Db, k, ref clock, ref reader, out bool found));
            return found ? reader.Value : null;
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>GET into a caller's buffer: writes the value to <paramref name="destination"/> and returns true, or false when missing. Allocates nothing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool StringGet(ReadOnlySpan<byte> key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var clock = NewClock();
        var reader = new BufferValueReader(destination);
        ThrowIfError(StringOps.Get(Db, key, ref clock, ref reader, out bool found));
        return found;
    }

    /// <summary>GET into a caller's buffer, with a string key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool StringGet(string key, IBufferWriter<byte> destination)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringGet(k, destination);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>SET key value [EX|PX] [NX|XX] [KEEPTTL]: sets the value; returns false when the <paramref name="when"/> condition did not hold.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="expiry">Time to live (PX), or null for none.</param>
    /// <param name="when">NX / XX condition.</param>
    /// <param name="keepTtl">Keep the key's current TTL (KEEPTTL); not allowed with <paramref name="expiry"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiry"/> is not positive.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="expiry"/> and <paramref name="keepTtl"/> were given.</exception>
    public bool StringSet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, TimeSpan? expiry = null, When when = When.Always, bool keepTtl = false)
    {
        var clock = NewClock();
        var p = BuildSetParams(expiry, null, when, keepTtl, ref clock);
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.Set(Db, key, value, p, ref clock, out var r));
        return r.Written;
    }

    /// <summary>SET with string key and value (UTF-8).</summary>
    /// <inheritdoc cref="StringSet(ReadOnlySpan{byte}, ReadOnlySpan{byte}, TimeSpan?, When, bool)"/>
    public bool StringSet(string key, string value, TimeSpan? expiry = null, When when = When.Always, bool keepTtl = false)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringSet(k, Utf8Array(value), expiry, when, keepTtl);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>SET with a string key and binary value.</summary>
    /// <inheritdoc cref="StringSet(ReadOnlySpan{byte}, ReadOnlySpan{byte}, TimeSpan?, When, bool)"/>
    public bool StringSet(string key, byte[] value, TimeSpan? expiry = null, When when = When.Always, bool keepTtl = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringSet(k, value, expiry, when, keepTtl);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>SET key value PXAT: sets the value expiring at an absolute time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiresAt"/> is not after the Unix epoch.</exception>
    public bool StringSet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, DateTimeOffset expiresAt, When when = When.Always)
    {
        var clock = NewClock();
        var p = BuildSetParams(null, expiresAt, when, false, ref clock);
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.Set(Db, key, value, p, ref clock, out var r));
        return r.Written;
    }

    /// <summary>SET key value PXAT with string key and value.</summary>
    /// <inheritdoc cref="StringSet(ReadOnlySpan{byte}, ReadOnlySpan{byte}, DateTimeOffset, When)"/>
    public bool StringSet(string key, string value, DateTimeOffset expiresAt, When when = When.Always)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringSet(k, Utf8Array(value), expiresAt, when);
        }
        finally
        {
            Return(rented);
        }
    }

    private static SetParams BuildSetParams(TimeSpan? expiry, DateTimeOffset? expiresAt, When when, bool keepTtl, ref Keyspace.Clock clock)
    {
        var p = SetParams.Plain;
        p.Condition = when switch
        {
            When.Exists => SetCondition.Exists,
            When.NotExists => SetCondition.NotExists,
            _ => SetCondition.Always,
        };
        if (keepTtl && (expiry is not null || expiresAt is not null))
        {
            throw new ArgumentException("KEEPTTL cannot be combined with an expiry.", nameof(keepTtl));
        }
        p.KeepTtl = keepTtl;
        if (expiry is TimeSpan ttl)
        {
            long ms = (long)ttl.TotalMilliseconds;
            if (ms <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(expiry), expiry, "The expiry must be at least one millisecond.");
            }
            p.ExpireAtMs = clock.NowMs + ms;
        }
        else if (expiresAt is DateTimeOffset at)
        {
            long ms = at.ToUnixTimeMilliseconds();
            if (ms <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "The expiry must be after the Unix epoch.");
            }
            p.ExpireAtMs = ms;
        }
        return p;
    }
}
