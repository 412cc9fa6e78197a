using System.Buffers;
using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    // ---- hashes: HSET, HSETNX, HMSET, HGET, HDEL, HLEN, HEXISTS, HSTRLEN (issue 4) ----

    /// <summary>
    /// HSET key field value (or HSETNX with <see cref="When.NotExists"/>): sets one field; returns true when the field was
    /// added, false when it existed (its value replaced, or with HSETNX left alone).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="when"/> is <see cref="When.Exists"/> (Valkey has no such option).</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool HashSet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, ReadOnlySpan<byte> value, When when = When.Always)
    {
        var clock = NewClock();
        switch (when)
        {
            case When.Always:
                Db.Engine.ThrowIfOutOfMemory();
                ThrowIfError(HashOps.Set(Db, key, new OnePair(field, value), ref clock, out long added));
                return added == 1;
            case When.NotExists:
                Db.Engine.ThrowIfOutOfMemory();
                ThrowIfError(HashOps.SetIfNotExists(Db, key, field, value, ref clock, out bool set));
                return set;
            default:
                throw new ArgumentException("HSET has no XX condition: use When.Always or When.NotExists.", nameof(when));
        }
    }

    /// <summary>HSET / HSETNX with UTF-8 text.</summary>
    /// <inheritdoc cref="HashSet(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, When)"/>
    public bool HashSet(string key, string field, string value, When when = When.Always)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var f = new Utf8Key(field, stackalloc byte[256]);
        using var v = new Utf8Key(value, stackalloc byte[256]);
        return HashSet(k.Span, f.Span, v.Span, when);
    }

    /// <summary>HSET key field value [field value …]: sets every entry (a later duplicate wins); returns how many fields were added.</summary>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is empty.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashSet(ReadOnlySpan<byte> key, params ReadOnlySpan<HashEntry> entries)
    {
        if (entries.IsEmpty)
        {
            throw new ArgumentException("HSET needs at least one field.", nameof(entries));
        }
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(HashOps.Set(Db, key, new EntryPairs(entries), ref clock, out long added));
        return added;
    }

    /// <summary>HSET with a string key.</summary>
    /// <inheritdoc cref="HashSet(ReadOnlySpan{byte}, ReadOnlySpan{HashEntry})"/>
    public long HashSet(string key, params ReadOnlySpan<HashEntry> entries)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return HashSet(k.Span, entries);
    }

    /// <summary>HGET: the field's value, or null when the key or field is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]? HashGet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field)
    {
        var clock = NewClock();
        var reader = new ByteArrayValueReader();
        ThrowIfError(HashOps.Get(Db, key, field, ref clock, ref reader, out bool found));
        return found ? reader.Value : null;
    }

    /// <summary>HGET with UTF-8 text: the value, or null when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string? HashGet(string key, string field)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var f = new Utf8Key(field, stackalloc byte[256]);
        var clock = NewClock();
        var reader = new TextValueReader();
        ThrowIfError(HashOps.Get(Db, k.Span, f.Span, ref clock, ref reader, out bool found));
        return found ? reader.Value : null;
    }

    /// <summary>HGET into a caller's buffer: writes the value to <paramref name="destination"/> and returns true, or false when missing. Allocates nothing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool HashGet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var clock = NewClock();
        var reader = new BufferValueReader(destination);
        ThrowIfError(HashOps.Get(Db, key, field, ref clock, ref reader, out bool found));
        return found;
    }

    /// <summary>HDEL: removes the field; true when it existed. A hash left empty is deleted.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool HashDelete(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field)
    {
        var clock = NewClock();
        ThrowIfError(HashOps.Delete(Db, key, new OnePair(field, default), ref clock, out long removed));
        return removed == 1;
    }

    /// <summary>HDEL key field [field …]: removes the fields; returns how many existed. A hash left empty is deleted.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashDelete(ReadOnlySpan<byte> key, ReadOnlySpan<ReadOnlyMemory<byte>> fields)
    {
        var clock = NewClock();
        ThrowIfError(HashOps.Delete(Db, key, new MemoryFields(fields), ref clock, out long removed));
        return removed;
    }

    /// <summary>HDEL with UTF-8 text: true when the field existed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool HashDelete(string key, string field)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var f = new Utf8Key(field, stackalloc byte[256]);
        return HashDelete(k.Span, f.Span);
    }

    /// <summary>HDEL key field [field …] with UTF-8 text: returns how many fields existed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashDelete(string key, params string[] fields)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return HashDelete(k.Span, Utf8Fields(fields));
    }

    /// <summary>HLEN: the number of fields (0 when the key is missing).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashLength(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(HashOps.Length(Db, key, ref clock, out long length));
        return length;
    }

    /// <summary>HLEN with a string key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashLength(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return HashLength(k.Span);
    }

    /// <summary>HEXISTS: whether the field exists.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool HashExists(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field)
    {
        var clock = NewClock();
        ThrowIfError(HashOps.Exists(Db, key, field, ref clock, out bool exists));
        return exists;
    }

    /// <summary>HEXISTS with UTF-8 text.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool HashExists(string key, string field)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var f = new Utf8Key(field, stackalloc byte[256]);
        return HashExists(k.Span, f.Span);
    }

    /// <summary>HSTRLEN: the length in bytes of the field's value (0 when missing).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashStringLength(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field)
    {
        var clock = NewClock();
        ThrowIfError(HashOps.ValueLength(Db, key, field, ref clock, out long length));
        return length;
    }

    /// <summary>HSTRLEN with UTF-8 text.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashStringLength(string key, string field)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var f = new Utf8Key(field, stackalloc byte[256]);
        return HashStringLength(k.Span, f.Span);
    }

    private static ReadOnlyMemory<byte>[] Utf8Fields(string[] fields, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(fields))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fields, name);
        var result = new ReadOnlyMemory<byte>[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            result[i] = Encoding.UTF8.GetBytes(fields[i] ?? throw new ArgumentNullException(name));
        }
        return result;
    }
}
