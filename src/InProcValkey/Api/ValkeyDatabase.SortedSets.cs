using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    private static ZAddFlags ToFlags(SortedSetWhen when)
    {
        var f = ZAddFlags.None;
        if ((when & SortedSetWhen.Exists) != 0)
        {
            f |= ZAddFlags.Xx;
        }
        if ((when & SortedSetWhen.NotExists) != 0)
        {
            f |= ZAddFlags.Nx;
        }
        if ((when & SortedSetWhen.GreaterThan) != 0)
        {
            f |= ZAddFlags.Gt;
        }
        if ((when & SortedSetWhen.LessThan) != 0)
        {
            f |= ZAddFlags.Lt;
        }
        return f;
    }

    private static void ThrowIfNaN(double value, string name)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, "A score cannot be NaN.");
        }
    }

    /// <summary>ZADD key [NX|XX] [GT|LT] score member: true when the member was added (false when it existed or a condition held it back).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ValkeyException">An invalid combination of conditions (NX with GT/LT).</exception>
    public bool SortedSetAdd(ReadOnlySpan<byte> key, ReadOnlyMemory<byte> member, double score, SortedSetWhen when = SortedSetWhen.Always)
    {
        ThrowIfNaN(score, nameof(score));
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SortedSetOps.Add(Db, key, ToFlags(when), [score], [member], ref clock, out var result));
        return result.Added > 0;
    }

    /// <summary>ZADD with UTF-8 key and member.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool SortedSetAdd(string key, string member, double score, SortedSetWhen when = SortedSetWhen.Always) =>
        SortedSetAdd(Utf8Array(key), Utf8Array(member), score, when);

    /// <summary>ZADD key [NX|XX] [GT|LT] score member …: how many members were added.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetAdd(ReadOnlySpan<byte> key, IReadOnlyList<SortedSetEntry> entries, SortedSetWhen when = SortedSetWhen.Always)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }
        var scores = new double[entries.Count];
        var members = new ReadOnlyMemory<byte>[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            ThrowIfNaN(entries[i].Score, nameof(entries));
            scores[i] = entries[i].Score;
            members[i] = entries[i].Element;
        }
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SortedSetOps.Add(Db, key, ToFlags(when), scores, members, ref clock, out var result));
        return result.Added;
    }

    /// <summary>ZADD with a UTF-8 key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetAdd(string key, IReadOnlyList<SortedSetEntry> entries, SortedSetWhen when = SortedSetWhen.Always) =>
        SortedSetAdd(Utf8Array(key), entries, when);

    /// <summary>ZINCRBY key increment member: the member's new score.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ValkeyException">The result would be NaN (<c>ERR resulting score is not a number (NaN)</c>).</exception>
    public double SortedSetIncrement(ReadOnlySpan<byte> key, ReadOnlyMemory<byte> member, double increment)
    {
        ThrowIfNaN(increment, nameof(increment));
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(SortedSetOps.Add(Db, key, ZAddFlags.Incr, [increment], [member], ref clock, out var result));
        return result.Score;
    }

    /// <summary>ZINCRBY with UTF-8 key and member.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public double SortedSetIncrement(string key, string member, double increment) =>
        SortedSetIncrement(Utf8Array(key), Utf8Array(member), increment);

    /// <summary>ZREM key member …: how many members were removed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetRemove(ReadOnlySpan<byte> key, params IReadOnlyList<ReadOnlyMemory<byte>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var clock = NewClock();
        ThrowIfError(SortedSetOps.Remove(Db, key, members, ref clock, out long removed));
        return removed;
    }

    /// <summary>ZREM with UTF-8 key and member: whether it was removed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool SortedSetRemove(string key, string member) => SortedSetRemove(Utf8Array(key), [Utf8Array(member)]) == 1;

    /// <summary>ZCARD key: the number of members (0 when missing).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetLength(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.Card(Db, key, ref clock, out long n));
        return n;
    }

    /// <summary>ZCARD with a UTF-8 key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetLength(string key) => SortedSetLength(Utf8Array(key));

    /// <summary>ZCOUNT key min max: members with a score in the range.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetLength(ReadOnlySpan<byte> key, double min, double max, Exclude exclude = Exclude.None)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.CountByScore(Db, key, Range(min, max, exclude), ref clock, out long n));
        return n;
    }

    /// <summary>ZLEXCOUNT key min max: members between two values (all scores being equal); null bounds are <c>-</c> / <c>+</c>.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long SortedSetLengthByValue(ReadOnlySpan<byte> key, byte[]? min, byte[]? max, Exclude exclude = Exclude.None)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.CountByLex(Db, key, LexRangeOf(min, max, exclude), ref clock, out long n));
        return n;
    }

    /// <summary>ZSCORE key member: the score, or null when the key or member is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public double? SortedSetScore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> member)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.Score(Db, key, member, ref clock, out double? score));
        return score;
    }

    /// <summary>ZSCORE with UTF-8 key and member.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public double? SortedSetScore(string key, string member) => SortedSetScore(Utf8Array(key), Utf8Array(member));

    /// <summary>ZMSCORE key member …: each member's score or null.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public double?[] SortedSetScores(ReadOnlySpan<byte> key, IReadOnlyList<ReadOnlyMemory<byte>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var clock = NewClock();
        ThrowIfError(SortedSetOps.MScore(Db, key, members, ref clock, out var scores));
        return scores;
    }

    /// <summary>ZRANK / ZREVRANK key member: the 0-based rank, or null when the key or member is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long? SortedSetRank(ReadOnlySpan<byte> key, ReadOnlySpan<byte> member, Order order = Order.Ascending)
    {
        var clock = NewClock();
        ThrowIfError(SortedSetOps.Rank(Db, key, member, order == Order.Descending, ref clock, out long rank, out _));
        return rank < 0 ? null : rank;
    }

    /// <summary>ZRANK / ZREVRANK with UTF-8 key and member.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long? SortedSetRank(string key, string member, Order order = Order.Ascending) =>
        SortedSetRank(Utf8Array(key), Utf8Array(member), order);

    /// <summary>ZPOPMIN / ZPOPMAX key count: up to <paramref name="count"/> members with the lowest (highest) scores, removed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public SortedSetEntry[] SortedSetPop(ReadOnlySpan<byte> key, long count = 1, Order order = Order.Ascending)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            ThrowIfError(SortedSetOps.Pop(Db, [key.ToArray()], order == Order.Descending, count, ref clock, items, out _));
            return Entries(items);
        }
        finally
        {
            items.Return();
        }
    }

    /// <summary>ZPOPMIN / ZPOPMAX with a UTF-8 key.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public SortedSetEntry[] SortedSetPop(string key, long count = 1, Order order = Order.Ascending) =>
        SortedSetPop(Utf8Array(key), count, order);

    private static SortedSetEntry[] Entries(ZsetItems items)
    {
        var result = new SortedSetEntry[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            result[i] = new SortedSetEntry(items.Member(i).ToArray(), items.Score(i));
        }
        return result;
    }

    private static byte[][] Elements(ZsetItems items)
    {
        var result = new byte[items.Count][];
        for (int i = 0; i < items.Count; i++)
        {
            result[i] = items.Member(i).ToArray();
        }
        return result;
    }

    private static ScoreRange Range(double min, double max, Exclude exclude)
    {
        ThrowIfNaN(min, nameof(min));
        ThrowIfNaN(max, nameof(max));
        return new ScoreRange(min, (exclude & Exclude.Start) != 0, max, (exclude & Exclude.Stop) != 0);
    }

    private static LexRange LexRangeOf(byte[]? min, byte[]? max, Exclude exclude)
    {
        // A null bound is "-" (min) or "+" (max); others are "[" or "(" followed by the value.
        static LexBound Bound(byte[]? value, bool exclusive, byte infinity)
        {
            byte[] text = value is null ? [infinity] : [exclusive ? (byte)'(' : (byte)'[', .. value];
            LexBound.TryParse(text, out var b);
            return b;
        }
        return new LexRange(Bound(min, (exclude & Exclude.Start) != 0, (byte)'-'), Bound(max, (exclude & Exclude.Stop) != 0, (byte)'+'));
    }
}
