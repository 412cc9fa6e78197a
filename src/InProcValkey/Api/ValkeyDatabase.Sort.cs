using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

// SORT, SORT_RO.
public sealed partial class ValkeyDatabase
{
    private static SortSpec SortSpecOf(long skip, long take, Order order, SortType sortType, byte[]? by, byte[][]? get)
    {
        var spec = new SortSpec
        {
            LimitOffset = skip,
            LimitCount = take,
            Descending = order == Order.Descending,
            Alpha = sortType == SortType.Alphabetic,
            By = by,
        };
        if (get is not null)
        {
            foreach (var g in get)
            {
                spec.Gets.Add(g ?? throw new ArgumentNullException(nameof(get), "An element is null."));
            }
        }
        return spec;
    }

    private static byte[][]? Utf8Patterns(string[]? get)
    {
        if (get is null)
        {
            return null;
        }
        var result = new byte[get.Length][];
        for (int i = 0; i < get.Length; i++)
        {
            result[i] = Encoding.UTF8.GetBytes(get[i] ?? throw new ArgumentNullException(nameof(get), "An element is null."));
        }
        return result;
    }

    /// <summary>
    /// SORT_RO key [BY by] [LIMIT skip take] [GET pattern ...] [ASC|DESC] [ALPHA]: the elements of a list, set or sorted set in
    /// order (numeric by default, ALPHA with <see cref="SortType.Alphabetic"/>), or ordered by the values the <paramref name="by"/>
    /// pattern names (its first <c>*</c> replaced by the element, <c>-&gt;field</c> reading a hash field; a pattern without
    /// <c>*</c> such as <c>nosort</c> keeps the stored order). With <paramref name="get"/> the reply holds, per element, each
    /// pattern's value (<c>#</c> is the element itself; null when missing). A missing key sorts as empty;
    /// <paramref name="take"/> -1 takes all.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds a string or hash.</exception>
    /// <exception cref="ValkeyException">A numeric sort met a value that is not a number.</exception>
    public string?[] Sort(string key, long skip = 0, long take = -1, Order order = Order.Ascending, SortType sortType = SortType.Numeric, string? by = null, string[]? get = null)
    {
        var result = Sort(Utf8Array(key), skip, take, order, sortType, by is null ? null : Encoding.UTF8.GetBytes(by), Utf8Patterns(get));
        var texts = new string?[result.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = result[i] is { } v ? Encoding.UTF8.GetString(v) : null;
        }
        return texts;
    }

    /// <summary>SORT_RO with a binary key and patterns.</summary>
    /// <inheritdoc cref="Sort(string, long, long, Order, SortType, string, string[])"/>
    public byte[]?[] Sort(byte[] key, long skip = 0, long take = -1, Order order = Order.Ascending, SortType sortType = SortType.Numeric, byte[]? by = null, byte[][]? get = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var spec = SortSpecOf(skip, take, order, sortType, by, get);
        var clock = NewClock();
        ThrowIfError(SortOps.Sort(Db, key, spec, ref clock, out var result));
        return [.. result];
    }

    /// <summary>
    /// SORT key … STORE destination: sorts as <see cref="Sort(string, long, long, Order, SortType, string, string[])"/> and
    /// stores the result as a list in <paramref name="destination"/> (missing GET values as empty strings), replacing any
    /// value and TTL; an empty result deletes the destination. Returns the stored list's length. A set read with a
    /// <c>nosort</c> pattern is sorted as ALPHA, as Valkey does for STORE.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds a string or hash.</exception>
    /// <exception cref="ValkeyException">A numeric sort met a value that is not a number (nothing is stored).</exception>
    public long SortAndStore(string destination, string key, long skip = 0, long take = -1, Order order = Order.Ascending, SortType sortType = SortType.Numeric, string? by = null, string[]? get = null) =>
        SortAndStore(Utf8Array(destination), Utf8Array(key), skip, take, order, sortType, by is null ? null : Encoding.UTF8.GetBytes(by), Utf8Patterns(get));

    /// <summary>SORT … STORE with binary keys and patterns.</summary>
    /// <inheritdoc cref="SortAndStore(string, string, long, long, Order, SortType, string, string[])"/>
    public long SortAndStore(byte[] destination, byte[] key, long skip = 0, long take = -1, Order order = Order.Ascending, SortType sortType = SortType.Numeric, byte[]? by = null, byte[][]? get = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(key);
        var spec = SortSpecOf(skip, take, order, sortType, by, get);
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SortOps.SortAndStore(Db, key, spec, destination, ref clock, out long count));
        return count;
    }
}
