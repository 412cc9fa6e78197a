using InProcValkey.Operations;

namespace InProcValkey;

// APPEND, STRLEN, GETRANGE, SETRANGE.
public sealed partial class ValkeyDatabase
{
    /// <summary>APPEND key value: appends to the string (creating it when missing) and returns the new length; the TTL is kept.</summary>
    /// <exception cref="ValkeyException">The result would exceed <c>proto-max-bulk-len</c> (<see cref="ValkeyStoreOptions.ProtoMaxBulkLen"/>).</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long StringAppend(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.Append(Db, key, value, ref clock, out long length));
        return length;
    }

    /// <summary>APPEND with string key and value (UTF-8).</summary>
    /// <inheritdoc cref="StringAppend(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public long StringAppend(string key, string value)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringAppend(k, Utf8Array(value));
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>STRLEN key: the length in bytes of the value, 0 when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long StringLength(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(StringOps.Length(Db, key, ref clock, out long length));
        return length;
    }

    /// <summary>STRLEN with a string key.</summary>
    /// <inheritdoc cref="StringLength(ReadOnlySpan{byte})"/>
    public long StringLength(string key)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringLength(k);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>
    /// GETRANGE key start end: the bytes from <paramref name="start"/> to <paramref name="end"/> inclusive; negative
    /// indexes count from the end (-1 is the last byte); out-of-range indexes are clamped; empty when missing.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[] StringGetRange(ReadOnlySpan<byte> key, long start, long end)
    {
        var clock = NewClock();
        ThrowIfError(StringOps.GetRange(Db, key, start, end, ref clock, out var value));
        return value;
    }

    /// <summary>GETRANGE with a string key; the bytes decoded as UTF-8 (a range that cuts a character yields U+FFFD).</summary>
    /// <inheritdoc cref="StringGetRange(ReadOnlySpan{byte}, long, long)"/>
    public string StringGetRange(string key, long start, long end)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return Text(StringGetRange(k, start, end))!;
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>
    /// SETRANGE key offset value: overwrites the string from byte <paramref name="offset"/>, zero-padding when it is
    /// shorter or missing, and returns the new length; the TTL is kept. An empty value changes nothing (a missing key is not created).
    /// </summary>
    /// <exception cref="ValkeyException"><paramref name="offset"/> is negative (<c>ERR offset is out of range</c>), or the result would exceed <c>proto-max-bulk-len</c>.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long StringSetRange(ReadOnlySpan<byte> key, long offset, ReadOnlySpan<byte> value)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.SetRange(Db, key, offset, value, ref clock, out long length));
        return length;
    }

    /// <summary>SETRANGE with string key and value (UTF-8; the offset is in bytes).</summary>
    /// <inheritdoc cref="StringSetRange(ReadOnlySpan{byte}, long, ReadOnlySpan{byte})"/>
    public long StringSetRange(string key, long offset, string value)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringSetRange(k, offset, Utf8Array(value));
        }
        finally
        {
            Return(rented);
        }
    }
}
