using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    private SortedSetEntry[] RangeEntries(ReadOnlySpan<byte> key, in ZRangeSpec spec)
    {
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            ThrowIfError(SortedSetOps.Range(Db, key, spec, ref clock, items, out _));
            return Entries(items);
        }
        finally
        {
            items.Return();
        }
    }

    private byte[][] RangeElements(ReadOnlySpan<byte> key, in ZRangeSpec spec)
    {
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            ThrowIfError(SortedSetOps.Range(Db, key, spec, ref clock, items, out _));
            return Elements(items);
        }
        finally
        {
            items.Return();
        }
    }

    /// <summary>ZRANGE key start stop [REV]: members by rank (negative ranks count from the end).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[][] SortedSetRangeByRank(ReadOnlySpan<byte> key, long start = 0, long stop = -1, Order order = Order.Ascending) =>
        RangeElements(key, ZRangeSpec.ByRank(start, stop, order == Order.Descending));

    /// <summary>ZRANGE with a UTF-8 key, members as text.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string[] SortedSetRangeByRank(string key, long start = 0, long stop = -1, Order order = Order.Ascending) =>
        [.. SortedSetRangeByRank(Utf8Array(key), start, stop, order).Select(m => Text(m)!)];

    /// <summary>ZRANGE key start stop [REV] WITHSCORES.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public SortedSetEntry[] SortedSetRangeByRankWithScores(ReadOnlySpan<byte> key, long start = 0, long stop = -1, Order order = Order.Ascending) =>
        RangeEntries(key, ZRangeSpec.ByRank(start, stop, order == Order.Descending));

    /// <summary>ZRANGE key min max BYSCORE [REV] [LIMIT skip take]: members with a score in the range (take &lt; 0: all).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[][] SortedSetRangeByScore(ReadOnlySpan<byte> key, double min = double.NegativeInfinity, double max = double.PositiveInfinity,
        Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1) =>
        RangeElements(key, ZRangeSpec.ByScore(Range(min, max, exclude), order == Order.Descending, skip, take));

    /// <summary>ZRANGE … BYSCORE with a UTF-8 key, members as text.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string[] SortedSetRangeByScore(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity,
        Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1) =>
        [.. SortedSetRangeByScore(Utf8Array(key), min, max, exclude, order, skip, take).Select(m => Text(m)!)];

    /// <summary>ZRANGE key min max BYSCORE [REV] [LIMIT skip take] WITHSCORES.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public SortedSetEntry[] SortedSetRangeByScoreWithScores(ReadOnlySpan<byte> key, double min = double.NegativeInfinity, double max = double.PositiveInfinity,
        Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1) =>
        RangeEntries(key, ZRangeSpec.ByScore(Range(min, max, exclude), order == Order.Descending, skip, take));

    /// <summary>ZRANGE key min max BYLEX [REV] [LIMIT skip take]: members between two values (null: <c>-</c> / <c>+</c>).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[][] SortedSetRangeByValue(ReadOnlySpan<byte> key, byte[]? min = null, byte[]? max = null,
        Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1) =>
        RangeElements(key, ZRangeSpec.ByLex(LexRangeOf(min, max, exclude), order == Order.Descending, skip, take));

    /// <summary>ZREMRANGEBYRANK key start stop: how many members were removed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetRemoveRangeByRank(ReadOnlySpan<byte> key, long start, long stop)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.RemoveRange(Db, key, ZRangeSpec.ByRank(start, stop), ref clock, out long n));
        return n;
    }

    /// <summary>ZREMRANGEBYSCORE key min max: how many members were removed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetRemoveRangeByScore(ReadOnlySpan<byte> key, double min, double max, Exclude exclude = Exclude.None)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.RemoveRange(Db, key, ZRangeSpec.ByScore(Range(min, max, exclude)), ref clock, out long n));
        return n;
    }

    /// <summary>ZREMRANGEBYLEX key min max: how many members were removed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetRemoveRangeByValue(ReadOnlySpan<byte> key, byte[]? min, byte[]? max, Exclude exclude = Exclude.None)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.RemoveRange(Db, key, ZRangeSpec.ByLex(LexRangeOf(min, max, exclude)), ref clock, out long n));
        return n;
    }

    /// <summary>ZRANGESTORE destination source start stop [REV]: stores a rank range; returns its size.</summary>
    /// <exception cref="ValkeyWrongTypeException">The source holds another type.</exception>
    public long SortedSetRangeAndStore(ReadOnlySpan<byte> destination, ReadOnlySpan<byte> source, long start = 0, long stop = -1, Order order = Order.Ascending)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SortedSetOps.RangeStore(Db, destination, source, ZRangeSpec.ByRank(start, stop, order == Order.Descending), ref clock, out long n));
        return n;
    }

    /// <summary>ZRANDMEMBER key count: distinct random members (count &gt;= 0) or <c>-count</c> draws with repetition.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public SortedSetEntry[] SortedSetRandomMembers(ReadOnlySpan<byte> key, long count)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(count, long.MinValue);
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            ThrowIfError(SortedSetOps.RandomMembers(Db, key, count, ref clock, items, out _));
            return Entries(items);
        }
        finally
        {
            items.Return();
        }
    }

    /// <summary>ZRANDMEMBER key: one random member, or null when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]? SortedSetRandomMember(ReadOnlySpan<byte> key)
    {
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            ThrowIfError(SortedSetOps.RandomMembers(Db, key, null, ref clock, items, out bool exists));
            return exists ? items.Member(0).ToArray() : null;
        }
        finally
        {
            items.Return();
        }
    }

    private static ZCombineOptions CombineOptions(SetOperation operation, int keys, double[]? weights, Aggregate aggregate)
    {
        if (weights is not null && weights.Length != keys)
        {
            throw new ArgumentException("One weight per key.", nameof(weights));
        }
        if (operation == SetOperation.Difference && (weights is not null || aggregate != Aggregate.Sum))
        {
            throw new ArgumentException("ZDIFF takes no weights or aggregate.");
        }
        return new ZCombineOptions
        {
            Operation = operation switch { SetOperation.Union => ZSetOperation.Union, SetOperation.Intersect => ZSetOperation.Inter, _ => ZSetOperation.Diff },
            Weights = weights,
            Aggregate = aggregate switch { Aggregate.Min => ZAggregate.Min, Aggregate.Max => ZAggregate.Max, _ => ZAggregate.Sum },
        };
    }

    /// <summary>ZUNION / ZINTER / ZDIFF numkeys key … [WEIGHTS …] [AGGREGATE …] WITHSCORES. A key may hold a plain set (every member scores 1).</summary>
    /// <exception cref="ValkeyWrongTypeException">A key holds neither a sorted set nor a set.</exception>
    public SortedSetEntry[] SortedSetCombineWithScores(SetOperation operation, IReadOnlyList<ReadOnlyMemory<byte>> keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            ThrowIfError(SortedSetOps.Combine(Db, keys, CombineOptions(operation, keys.Count, weights, aggregate), null, ref clock, items, out _));
            return Entries(items);
        }
        finally
        {
            items.Return();
        }
    }

    /// <summary>ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE destination numkeys key …: the stored set's size. A key may hold a plain set (every member scores 1).</summary>
    /// <exception cref="ValkeyWrongTypeException">A key holds neither a sorted set nor a set.</exception>
    public long SortedSetCombineAndStore(SetOperation operation, ReadOnlyMemory<byte> destination, IReadOnlyList<ReadOnlyMemory<byte>> keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            Db.Engine.ThrowIfOutOfMemory();
            ThrowIfError(SortedSetOps.Combine(Db, keys, CombineOptions(operation, keys.Count, weights, aggregate), destination, ref clock, items, out long n));
            return n;
        }
        finally
        {
            items.Return();
        }
    }

    /// <summary>ZINTERCARD numkeys key … [LIMIT limit]: the size of the intersection (counting stops at <paramref name="limit"/> when &gt; 0). A key may hold a plain set.</summary>
    /// <exception cref="ValkeyWrongTypeException">A key holds neither a sorted set nor a set.</exception>
    public long SortedSetIntersectionLength(IReadOnlyList<ReadOnlyMemory<byte>> keys, long limit = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            var options = new ZCombineOptions { Operation = ZSetOperation.Inter, CardinalityOnly = true, Limit = limit };
            ThrowIfError(SortedSetOps.Combine(Db, keys, options, null, ref clock, items, out long n));
            return n;
        }
        finally
        {
            items.Return();
        }
    }
}
