using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    // ---- hashes: HRANDFIELD, HSCAN (issue 4) ----

    /// <summary>HRANDFIELD key: a random field, or null when the key is missing. Draws from the store's random source (<see cref="ValkeyStoreOptions.RandomSeed"/>).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]? HashRandomField(ReadOnlySpan<byte> key)
    {
        var buffer = new ValkeyValueBuffer();
        var clock = NewClock();
        ThrowIfError(HashOps.RandomField(Db, key, ref clock, buffer, out bool found));
        return found ? buffer.ToArray(0) : null;
    }

    /// <summary>HRANDFIELD key with a string key: a random field as UTF-8 text, or null.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string? HashRandomField(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return HashRandomField(k.Span) is { } f ? Encoding.UTF8.GetString(f) : null;
    }

    /// <summary>
    /// HRANDFIELD key count: a positive <paramref name="count"/> returns up to that many distinct fields; a negative one
    /// returns exactly -<paramref name="count"/> fields, repetitions allowed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is <see cref="long.MinValue"/>.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[][] HashRandomFields(ReadOnlySpan<byte> key, long count)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(count, long.MinValue);
        var buffer = new ValkeyValueBuffer();
        var clock = NewClock();
        ThrowIfError(HashOps.RandomFields(Db, key, count, withValues: false, ref clock, buffer));
        var result = new byte[buffer.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = buffer[i].ToArray();
        }
        return result;
    }

    /// <summary>HRANDFIELD key count with UTF-8 text.</summary>
    /// <inheritdoc cref="HashRandomFields(ReadOnlySpan{byte}, long)"/>
    public string[] HashRandomFields(string key, long count)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return Array.ConvertAll(HashRandomFields(k.Span, count), static b => Encoding.UTF8.GetString(b));
    }

    /// <summary>HRANDFIELD key count WITHVALUES: as <see cref="HashRandomFields(ReadOnlySpan{byte}, long)"/>, with each field's value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is beyond ±<see cref="long.MaxValue"/> / 2.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public HashEntry[] HashRandomFieldsWithValues(ReadOnlySpan<byte> key, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, -long.MaxValue / 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, long.MaxValue / 2);
        var buffer = new ValkeyValueBuffer();
        var clock = NewClock();
        ThrowIfError(HashOps.RandomFields(Db, key, count, withValues: true, ref clock, buffer));
        return ToEntries(buffer);
    }

    /// <summary>HRANDFIELD key count WITHVALUES with a string key.</summary>
    /// <inheritdoc cref="HashRandomFieldsWithValues(ReadOnlySpan{byte}, long)"/>
    public HashEntry[] HashRandomFieldsWithValues(string key, long count)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return HashRandomFieldsWithValues(k.Span, count);
    }

    /// <summary>
    /// HSCAN key cursor [MATCH pattern] [COUNT count]: one step of an iteration over the hash's fields. Start with cursor 0 and
    /// pass each returned <see cref="ValkeyHashScanPage.Cursor"/> back until it is 0. A small (listpack) hash comes whole in one page.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public ValkeyHashScanPage HashScanPage(ReadOnlySpan<byte> key, ulong cursor, ReadOnlySpan<byte> pattern = default, int pageSize = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var options = new ScanOptions { Pattern = pattern.IsEmpty ? null : pattern.ToArray(), Count = pageSize };
        var buffer = new ValkeyValueBuffer();
        var clock = NewClock();
        ThrowIfError(HashOps.Scan(Db, key, cursor, options, null, ref clock, buffer, out ulong next));
        return new ValkeyHashScanPage(next, ToEntries(buffer));
    }

    /// <summary>
    /// HSCAN, iterated: enumerates the hash's fields matching <paramref name="pattern"/> with their values, one HSCAN call per
    /// page, while the hash may change. Every field present for the whole enumeration is returned at least once.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    public IEnumerable<HashEntry> HashScan(string key, string pattern = "*", int pageSize = 10)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return HashScanIterator(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(pattern), pageSize);
    }

    /// <summary>HSCAN, iterated, with a binary key and pattern.</summary>
    /// <inheritdoc cref="HashScan(string, string, int)"/>
    public IEnumerable<HashEntry> HashScan(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> pattern, int pageSize = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return HashScanIterator(key.ToArray(), pattern.ToArray(), pageSize);
    }

    private IEnumerable<HashEntry> HashScanIterator(byte[] key, byte[] pattern, int pageSize)
    {
        ulong cursor = 0;
        do
        {
            var page = HashScanPage(key, cursor, pattern, pageSize);
            foreach (var e in page.Entries)
            {
                yield return e;
            }
            cursor = page.Cursor;
        }
        while (cursor != 0);
    }

    private static HashEntry[] ToEntries(ValkeyValueBuffer buffer)
    {
        var result = new HashEntry[buffer.Count / 2];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new HashEntry(buffer[2 * i].ToArray(), buffer[2 * i + 1].ToArray());
        }
        return result;
    }
}
