using InProcValkey.DataTypes;
using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>How a ZRANGE-family range is given.</summary>
internal enum ZRangeKind : byte
{
    /// <summary>By rank (index), negative counting from the end.</summary>
    Rank,
    /// <summary>BYSCORE.</summary>
    Score,
    /// <summary>BYLEX.</summary>
    Lex,
}

/// <summary>A parsed range of ZRANGE, ZRANGESTORE, Z[REV]RANGE[BYSCORE|BYLEX], ZREMRANGEBY*.</summary>
internal struct ZRangeSpec
{
    public ZRangeKind Kind;
    public long Start;
    public long Stop;
    public ScoreRange Score;
    public LexRange Lex;
    public bool Reverse;
    /// <summary>LIMIT offset (0 when none).</summary>
    public long Offset;
    /// <summary>LIMIT count; negative for no limit.</summary>
    public long Limit;

    public static ZRangeSpec ByRank(long start, long stop, bool reverse = false) =>
        new() { Kind = ZRangeKind.Rank, Start = start, Stop = stop, Reverse = reverse, Limit = -1 };

    public static ZRangeSpec ByScore(ScoreRange r, bool reverse = false, long offset = 0, long limit = -1) =>
        new() { Kind = ZRangeKind.Score, Score = r, Reverse = reverse, Offset = offset, Limit = limit };

    public static ZRangeSpec ByLex(LexRange r, bool reverse = false, long offset = 0, long limit = -1) =>
        new() { Kind = ZRangeKind.Lex, Lex = r, Reverse = reverse, Offset = offset, Limit = limit };
}

/// <summary>
/// The semantics of the sorted-set commands, once (Valkey's <c>t_zset.c</c> command section). Handlers and the typed API
/// call these; they take the shard locks, return an error text or null, and change nothing when they fail.
/// </summary>
internal static partial class SortedSetOps
{
    /// <summary>The key's sorted-set entry, or null when missing (error null) or of another type (WRONGTYPE).</summary>
    internal static byte[]? FindLocked(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, out int index, out string? error, bool read = false)
    {
        // A read is Valkey's lookupKeyRead: it counts a keyspace hit or miss and fires "keymiss".
        var e = read ? db.FindForReadLocked(shard, h, key, ref clock, out index) : db.FindLocked(shard, h, key, ref clock, out index);
        if (e is not null && EntryLayout.Kind(e) != EntryKind.SortedSet)
        {
            error = ErrorMessages.WrongType;
            return null;
        }
        error = null;
        return e;
    }

    internal static ZsetView ViewLocked(KeyShard shard, int index, byte[] entry) => ZsetView.Of(entry, Database.StructureLocked(shard, index));

    /// <summary>ZCARD.</summary>
    public static string? Card(Database db, ReadOnlySpan<byte> key, ref Clock clock, out long count)
    {
        count = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                count = ViewLocked(shard, index, e).Count;
            }
            return error;
        }
    }

    /// <summary>ZSCORE: the member's score, or null.</summary>
    public static string? Score(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> member, ref Clock clock, out double? score)
    {
        score = null;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null && ViewLocked(shard, index, e).TryGetScore(member, out double s))
            {
                score = s;
            }
            return error;
        }
    }

    /// <summary>ZMSCORE: each member's score or null (a missing key is an empty set).</summary>
    public static string? MScore(Database db, ReadOnlySpan<byte> key, IReadOnlyList<ReadOnlyMemory<byte>> members, ref Clock clock, out double?[] scores)
    {
        scores = new double?[members.Count];
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                var view = ViewLocked(shard, index, e);
                for (int i = 0; i < members.Count; i++)
                {
                    if (view.TryGetScore(members[i].Span, out double s))
                    {
                        scores[i] = s;
                    }
                }
            }
            return error;
        }
    }

    /// <summary>ZRANK / ZREVRANK: the rank (or -1 when the key or member is missing) and the score.</summary>
    public static string? Rank(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> member, bool reverse, ref Clock clock, out long rank, out double score)
    {
        rank = -1;
        score = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                var view = ViewLocked(shard, index, e);
                int r = view.Rank(member, out score);
                if (r >= 0)
                {
                    rank = reverse ? view.Count - 1 - r : r;
                }
            }
            return error;
        }
    }

    /// <summary>ZCOUNT.</summary>
    public static string? CountByScore(Database db, ReadOnlySpan<byte> key, in ScoreRange range, ref Clock clock, out long count)
    {
        count = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                var (start, end) = ViewLocked(shard, index, e).RanksOf(range);
                count = end - start;
            }
            return error;
        }
    }

    /// <summary>ZLEXCOUNT.</summary>
    public static string? CountByLex(Database db, ReadOnlySpan<byte> key, in LexRange range, ref Clock clock, out long count)
    {
        count = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is not null)
            {
                var view = ViewLocked(shard, index, e);
                if (view.IsCompact)
                {
                    count = CompactLexRun(view, range, false, 0, -1).Count;
                }
                else
                {
                    var (start, end) = view.RanksOf(range);
                    count = end - start;
                }
            }
            return error;
        }
    }

    /// <summary>
    /// The elements a range selects, as ranks: the first rank visited, how many, and the direction (Valkey's
    /// <c>genericZrangebyrankCommand</c>, <c>genericZrangebyscoreCommand</c>, <c>genericZrangebylexCommand</c>).
    /// </summary>
    internal static (int First, int Count) Select(in ZsetView view, in ZRangeSpec spec)
    {
        long llen = view.Count;
        if (spec.Kind == ZRangeKind.Rank)
        {
            long start = spec.Start, end = spec.Stop;
            if (!RankRange.TryResolve(ref start, ref end, llen))
            {
                return (0, 0);
            }
            int n = (int)(end - start + 1);
            return spec.Reverse ? ((int)(llen - 1 - start), n) : ((int)start, n);
        }
        // LIMIT: a negative offset walks past the end (Valkey decrements it until it hits zero or the list ends).
        if (spec.Offset < 0 || (spec.Offset > 0 && spec.Offset >= llen) || spec.Limit == 0)
        {
            return (0, 0);
        }
        if (spec.Kind == ZRangeKind.Lex && view.IsCompact)
        {
            return CompactLexRun(view, spec.Lex, spec.Reverse, spec.Offset, spec.Limit);
        }
        var (lo, hi) = spec.Kind == ZRangeKind.Score ? view.RanksOf(spec.Score) : view.RanksOf(spec.Lex);
        long available = hi - lo - spec.Offset;
        if (available <= 0)
        {
            return (0, 0);
        }
        int count = (int)(spec.Limit < 0 ? available : Math.Min(available, spec.Limit));
        return spec.Reverse ? ((int)(hi - 1 - spec.Offset), count) : ((int)(lo + spec.Offset), count);
    }

    /// <summary>
    /// A lex range over a listpack exactly as Valkey walks it (<c>zzlFirstInLexRange</c> / <c>zzlLastInLexRange</c>, then
    /// the offset skipped unchecked, then elements while the far bound holds). The same as a binary search when members are
    /// ordered (all scores equal); when they are not, Valkey's answer is this walk's, which this reproduces.
    /// </summary>
    internal static (int First, int Count) CompactLexRun(in ZsetView view, in LexRange r, bool reverse, long offset, long limit)
    {
        int n = view.Count;
        if (n == 0 || r.IsEmpty || !r.AboveMin(view.At(n - 1).Member) || !r.BelowMax(view.At(0).Member))
        {
            return (0, 0);
        }
        int start = -1;
        if (!reverse)
        {
            var c = view.At(0);
            for (int i = 0; i < n; i++, c.MoveNext())
            {
                if (r.AboveMin(c.Member))
                {
                    start = r.BelowMax(c.Member) ? i : -1;
                    break;
                }
            }
        }
        else
        {
            var c = view.At(n - 1);
            for (int i = n - 1; i >= 0; i--, c.MovePrev())
            {
                if (r.BelowMax(c.Member))
                {
                    start = r.AboveMin(c.Member) ? i : -1;
                    break;
                }
            }
        }
        if (start < 0)
        {
            return (0, 0);
        }
        long s = reverse ? start - offset : start + offset;
        if (s < 0 || s >= n)
        {
            return (0, 0);
        }
        int count = 0;
        var k = view.At((int)s);
        while (k.Valid && (limit < 0 || count < limit) && (reverse ? r.AboveMin(k.Member) : r.BelowMax(k.Member)))
        {
            count++;
            if (reverse)
            {
                k.MovePrev();
            }
            else
            {
                k.MoveNext();
            }
        }
        return ((int)s, count);
    }

    /// <summary>Copies the selected elements into <paramref name="output"/> in reply order.</summary>
    internal static void Collect(in ZsetView view, int first, int count, bool reverse, ZsetItems output)
    {
        var c = view.At(first);
        for (int i = 0; i < count && c.Valid; i++)
        {
            output.Add(c.Member, c.Score);
            if (reverse)
            {
                c.MovePrev();
            }
            else
            {
                c.MoveNext();
            }
        }
    }

    /// <summary>
    /// ZRANGE and its variants: the selected members and scores into <paramref name="output"/>;
    /// <paramref name="exists"/> tells whether the key exists.
    /// </summary>
    public static string? Range(Database db, ReadOnlySpan<byte> key, in ZRangeSpec spec, ref Clock clock, ZsetItems output, out bool exists)
    {
        exists = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is null)
            {
                return error;
            }
            exists = true;
            var view = ViewLocked(shard, index, e);
            var (first, count) = Select(view, spec);
            Collect(view, first, count, spec.Reverse, output);
            return null;
        }
    }
}
