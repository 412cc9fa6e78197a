using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    /// <summary>
    /// KEYS pattern: every key matching the glob <paramref name="pattern"/> (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>[^a]</c>, <c>\</c>
    /// escapes), taken atomically. Keys are UTF-8 decoded. Walks the whole database: prefer <see cref="KeyScan(string, int, InProcValkey.KeyType?)"/> on large ones.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public IReadOnlyList<string> Keys(string pattern = "*")
    {
        using var p = new Utf8Key(pattern, stackalloc byte[256]);
        var keys = Keys(p.Span);
        var result = new string[keys.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Encoding.UTF8.GetString(keys[i]);
        }
        return result;
    }

    /// <summary>KEYS pattern with a binary pattern; the keys as bytes.</summary>
    public IReadOnlyList<byte[]> Keys(ReadOnlySpan<byte> pattern)
    {
        var clock = NewClock();
        return KeyOps.Keys(Db, pattern, ref clock);
    }

    /// <summary>
    /// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: one step of an iteration. Start with cursor 0 and pass each returned
    /// <see cref="ValkeyScanPage.Cursor"/> back until it is 0. Every key present for the whole iteration is returned at least
    /// once; a key may be returned more than once; a page may be empty.
    /// </summary>
    /// <param name="cursor">0 to start, else the cursor of the previous page.</param>
    /// <param name="pattern">MATCH glob; <c>*</c> matches everything.</param>
    /// <param name="pageSize">COUNT: about how many keys to examine (at least 1).</param>
    /// <param name="type">TYPE: only keys of this type; null for all.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    public ValkeyScanPage Scan(ulong cursor, string pattern = "*", int pageSize = 10, KeyType? type = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Scan(cursor, Encoding.UTF8.GetBytes(pattern), pageSize, type);
    }

    /// <summary>SCAN with a binary MATCH pattern.</summary>
    /// <inheritdoc cref="Scan(ulong, string, int, InProcValkey.KeyType?)"/>
    public ValkeyScanPage Scan(ulong cursor, ReadOnlySpan<byte> pattern, int pageSize = 10, KeyType? type = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var options = new ScanOptions { Pattern = pattern.ToArray(), Count = pageSize, Type = type };
        var keys = new List<byte[]>();
        var clock = NewClock();
        ulong next = KeyOps.Scan(Db, cursor, options, ref clock, keys);
        return new ValkeyScanPage(next, keys);
    }

    /// <summary>
    /// SCAN, iterated: enumerates the keys matching <paramref name="pattern"/> (UTF-8 decoded), one SCAN call per page of about
    /// <paramref name="pageSize"/> examined keys, while the database may change. Every key present for the whole enumeration is
    /// returned at least once; a key may be returned more than once.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    public IEnumerable<string> KeyScan(string pattern = "*", int pageSize = 10, KeyType? type = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return KeyScanIterator(Encoding.UTF8.GetBytes(pattern), pageSize, type).Select(static k => Encoding.UTF8.GetString(k));
    }

    /// <summary>SCAN, iterated, with a binary MATCH pattern; the keys as bytes.</summary>
    /// <inheritdoc cref="KeyScan(string, int, InProcValkey.KeyType?)"/>
    public IEnumerable<byte[]> KeyScan(ReadOnlyMemory<byte> pattern, int pageSize = 10, KeyType? type = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return KeyScanIterator(pattern.ToArray(), pageSize, type);
    }

    private IEnumerable<byte[]> KeyScanIterator(byte[] pattern, int pageSize, KeyType? type)
    {
        var options = new ScanOptions { Pattern = pattern, Count = pageSize, Type = type };
        var keys = new List<byte[]>();
        ulong cursor = 0;
        do
        {
            keys.Clear();
            var clock = NewClock();
            cursor = KeyOps.Scan(Db, cursor, options, ref clock, keys);
            foreach (var k in keys)
            {
                yield return k;
            }
        }
        while (cursor != 0);
    }

    /// <summary>DBSIZE: the number of keys, including expired keys that were not reclaimed yet (as Valkey counts them).</summary>
    public long DatabaseSize() => DatabaseOps.Size(Db);

    /// <summary>FLUSHDB: removes every key of this database, atomically.</summary>
    public void FlushDatabase() => DatabaseOps.Flush(Db);
}
