using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    // ---- hashes: HMGET, HGETALL, HKEYS, HVALS (issue 4) ----

    /// <summary>
    /// HMGET into a reusable buffer: after the call <paramref name="destination"/> holds one element per field, null
    /// (<see cref="ValkeyValueBuffer.IsNull"/>) for a missing field. Allocates nothing once the buffer has grown.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public void HashGet(ReadOnlySpan<byte> key, ReadOnlySpan<ReadOnlyMemory<byte>> fields, ValkeyValueBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Clear();
        var clock = NewClock();
        ThrowIfError(HashOps.GetMany(Db, key, new MemoryFields(fields), ref clock, destination));
    }

    /// <summary>HMGET: the values of the fields, null for a missing field.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]?[] HashGet(ReadOnlySpan<byte> key, ReadOnlySpan<ReadOnlyMemory<byte>> fields)
    {
        var buffer = new ValkeyValueBuffer();
        HashGet(key, fields, buffer);
        var result = new byte[]?[buffer.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = buffer.ToArray(i);
        }
        return result;
    }

    /// <summary>HMGET with UTF-8 text: the values of the fields, null for a missing field.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string?[] HashGet(string key, params string[] fields)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        var buffer = new ValkeyValueBuffer();
        HashGet(k.Span, Utf8Fields(fields), buffer);
        var result = new string?[buffer.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = buffer.GetString(i);
        }
        return result;
    }

    /// <summary>
    /// HGETALL into a reusable buffer: field, value, field, value… (elements 2i and 2i + 1); returns the number of fields.
    /// Allocates nothing once the buffer has grown.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public int HashGetAll(ReadOnlySpan<byte> key, ValkeyValueBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Clear();
        var clock = NewClock();
        ThrowIfError(HashOps.GetAll(Db, key, HashParts.Both, ref clock, destination));
        return destination.Count / 2;
    }

    /// <summary>HGETALL: every field and value (small hashes in insertion order); empty when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public HashEntry[] HashGetAll(ReadOnlySpan<byte> key)
    {
        var buffer = new ValkeyValueBuffer();
        int n = HashGetAll(key, buffer);
        var result = new HashEntry[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = new HashEntry(buffer[2 * i].ToArray(), buffer[2 * i + 1].ToArray());
        }
        return result;
    }

    /// <summary>HGETALL with a string key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public HashEntry[] HashGetAll(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return HashGetAll(k.Span);
    }

    /// <summary>HKEYS: every field.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[][] HashKeys(ReadOnlySpan<byte> key) => Parts(key, HashParts.Fields);

    /// <summary>HKEYS with UTF-8 text.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string[] HashKeys(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return Array.ConvertAll(Parts(k.Span, HashParts.Fields), static b => Encoding.UTF8.GetString(b));
    }

    /// <summary>HVALS: every value.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[][] HashValues(ReadOnlySpan<byte> key) => Parts(key, HashParts.Values);

    /// <summary>HVALS with UTF-8 text.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string[] HashValues(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return Array.ConvertAll(Parts(k.Span, HashParts.Values), static b => Encoding.UTF8.GetString(b));
    }

    private byte[][] Parts(ReadOnlySpan<byte> key, HashParts parts)
    {
        var buffer = new ValkeyValueBuffer();
        var clock = NewClock();
        ThrowIfError(HashOps.GetAll(Db, key, parts, ref clock, buffer));
        var result = new byte[buffer.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = buffer[i].ToArray();
        }
        return result;
    }
}
