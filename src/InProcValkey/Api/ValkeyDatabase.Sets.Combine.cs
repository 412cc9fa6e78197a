using InProcValkey.Operations;

namespace InProcValkey;

// SINTER, SUNION, SDIFF, their STORE forms, SINTERCARD, SSCAN.
public sealed partial class ValkeyDatabase
{
    private static SetOps.Combine ToCombine(SetOperation operation) => operation switch
    {
        SetOperation.Union => SetOps.Combine.Union,
        SetOperation.Intersect => SetOps.Combine.Intersect,
        SetOperation.Difference => SetOps.Combine.Difference,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown set operation."),
    };

    /// <summary>
    /// SUNION / SINTER / SDIFF key [key ...]: the members of the combination (UTF-8 decoded), in no particular order, taken
    /// atomically. Missing keys are empty sets.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty.</exception>
    /// <exception cref="ValkeyWrongTypeException">A key holds another type.</exception>
    public string[] SetCombine(SetOperation operation, string[] keys) => Texts(Combine(operation, Utf8All(keys, nameof(keys))));

    /// <summary>SUNION / SINTER / SDIFF with binary keys; the members as bytes.</summary>
    /// <inheritdoc cref="SetCombine(SetOperation, string[])"/>
    public byte[][] SetCombine(SetOperation operation, byte[][] keys) => [.. Combine(operation, BytesAll(keys, nameof(keys)))];

    /// <summary>SUNION / SINTER / SDIFF of two sets.</summary>
    /// <inheritdoc cref="SetCombine(SetOperation, string[])"/>
    public string[] SetCombine(SetOperation operation, string first, string second) => SetCombine(operation, [first, second]);

    private List<byte[]> Combine(SetOperation operation, ReadOnlyMemory<byte>[] keys)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length, nameof(keys));
        var clock = NewClock();
        ThrowIfError(SetOps.CombineMembers(Db, ToCombine(operation), keys, ref clock, out var members));
        return members;
    }

    /// <summary>
    /// SUNIONSTORE / SINTERSTORE / SDIFFSTORE destination key [key ...]: stores the combination in <paramref name="destination"/>
    /// (replacing any value and its TTL; deleting it when the result is empty) and returns its size.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty.</exception>
    /// <exception cref="ValkeyWrongTypeException">A source key holds another type.</exception>
    public long SetCombineAndStore(SetOperation operation, string destination, string[] keys)
    {
        var k = Utf8All(keys, nameof(keys));
        using var d = new Utf8Key(destination, stackalloc byte[256]);
        return CombineAndStore(operation, d.Span, k);
    }

    /// <summary>SUNIONSTORE / SINTERSTORE / SDIFFSTORE with binary keys.</summary>
    /// <inheritdoc cref="SetCombineAndStore(SetOperation, string, string[])"/>
    public long SetCombineAndStore(SetOperation operation, ReadOnlySpan<byte> destination, byte[][] keys) =>
        CombineAndStore(operation, destination, BytesAll(keys, nameof(keys)));

    private long CombineAndStore(SetOperation operation, ReadOnlySpan<byte> destination, ReadOnlyMemory<byte>[] keys)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length, nameof(keys));
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SetOps.CombineAndStore(Db, ToCombine(operation), destination, keys, ref clock, out long count));
        return count;
    }

    /// <summary>SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, counting at most <paramref name="limit"/> (0: no limit).</summary>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <exception cref="ValkeyWrongTypeException">A key holds another type.</exception>
    public long SetIntersectionLength(string[] keys, long limit = 0) => IntersectionLength(Utf8All(keys, nameof(keys)), limit);

    /// <summary>SINTERCARD with binary keys.</summary>
    /// <inheritdoc cref="SetIntersectionLength(string[], long)"/>
    public long SetIntersectionLength(byte[][] keys, long limit = 0) => IntersectionLength(BytesAll(keys, nameof(keys)), limit);

    private long IntersectionLength(ReadOnlyMemory<byte>[] keys, long limit)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length, nameof(keys));
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var clock = NewClock();
        ThrowIfError(SetOps.IntersectCardinality(Db, keys, limit, ref clock, out long count));
        return count;
    }

    /// <summary>
    /// SSCAN key cursor [MATCH pattern] [COUNT count]: one step of an iteration over a set's members. Start with cursor 0 and
    /// pass each returned <see cref="ValkeySetScanPage.Cursor"/> back until it is 0. Every member present for the whole
    /// iteration is returned at least once. Small sets (intset, listpack) come whole in the first page.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public ValkeySetScanPage SetScan(string key, ulong cursor, string pattern = "*", int pageSize = 10)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return SetScan(k.Span, cursor, System.Text.Encoding.UTF8.GetBytes(pattern), pageSize);
    }

    /// <summary>SSCAN with a binary key and MATCH pattern.</summary>
    /// <inheritdoc cref="SetScan(string, ulong, string, int)"/>
    public ValkeySetScanPage SetScan(ReadOnlySpan<byte> key, ulong cursor, ReadOnlySpan<byte> pattern, int pageSize = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var options = new ScanOptions { Pattern = pattern.ToArray(), Count = pageSize };
        var clock = NewClock();
        ThrowIfError(SetOps.Scan(Db, key, cursor, () => options, ref clock, out ulong next, out var members));
        return new ValkeySetScanPage(next, members ?? []);
    }

    /// <summary>SSCAN iterated to the end: every member (UTF-8 decoded), one SSCAN call per page as the sequence is enumerated.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public IEnumerable<string> SetScan(string key, string pattern = "*", int pageSize = 10)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return Iterate();

        IEnumerable<string> Iterate()
        {
            ulong cursor = 0;
            do
            {
                var page = SetScan(key, cursor, pattern, pageSize);
                foreach (var m in page.Members)
                {
                    yield return System.Text.Encoding.UTF8.GetString(m);
                }
                cursor = page.Cursor;
            }
            while (cursor != 0);
        }
    }
}
