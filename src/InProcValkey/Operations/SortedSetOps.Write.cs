using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>ZADD's options.</summary>
[Flags]
internal enum ZAddFlags : byte
{
    None = 0,
    /// <summary>Only add new members.</summary>
    Nx = 1,
    /// <summary>Only update existing members.</summary>
    Xx = 2,
    /// <summary>Only update when the new score is greater.</summary>
    Gt = 4,
    /// <summary>Only update when the new score is less.</summary>
    Lt = 8,
    /// <summary>Reply added + changed.</summary>
    Ch = 16,
    /// <summary>Increment (ZINCRBY).</summary>
    Incr = 32,
}

/// <summary>What a ZADD did.</summary>
internal struct ZAddResult
{
    public long Added;
    public long Updated;
    /// <summary>Pairs not skipped by NX/XX/GT/LT.</summary>
    public long Processed;
    /// <summary>With INCR: the member's new score (when <see cref="Processed"/> &gt; 0).</summary>
    public double Score;

    /// <summary>ZADD's integer reply.</summary>
    public readonly long Reply(bool ch) => ch ? Added + Updated : Added;
}

internal static partial class SortedSetOps
{
    /// <summary>Checks ZADD's option combinations (Valkey's order of checks); null when valid.</summary>
    public static string? ValidateAdd(ZAddFlags flags, int pairs)
    {
        bool nx = (flags & ZAddFlags.Nx) != 0, xx = (flags & ZAddFlags.Xx) != 0;
        bool gt = (flags & ZAddFlags.Gt) != 0, lt = (flags & ZAddFlags.Lt) != 0;
        if (nx && xx)
        {
            return ErrorMessages.ZsetXxNx;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt))
        {
            return ErrorMessages.ZsetGtLtNx;
        }
        if ((flags & ZAddFlags.Incr) != 0 && pairs > 1)
        {
            return ErrorMessages.ZsetIncrSinglePair;
        }
        return null;
    }

    /// <summary>
    /// ZADD / ZINCRBY (Valkey's <c>zaddGenericCommand</c> + <c>zsetAdd</c>). Scores are parsed by the caller; options are
    /// validated here. A NaN produced by INCR is <c>ERR resulting score is not a number (NaN)</c> and changes nothing.
    /// </summary>
    public static string? Add(Database db, ReadOnlySpan<byte> key, ZAddFlags flags, ReadOnlySpan<double> scores, IReadOnlyList<ReadOnlyMemory<byte>> members, ref Clock clock, out ZAddResult result)
    {
        result = default;
        if (ValidateAdd(flags, scores.Length) is { } invalid)
        {
            return invalid;
        }
        bool nx = (flags & ZAddFlags.Nx) != 0, xx = (flags & ZAddFlags.Xx) != 0;
        bool gt = (flags & ZAddFlags.Gt) != 0, lt = (flags & ZAddFlags.Lt) != 0;
        bool incr = (flags & ZAddFlags.Incr) != 0;
        long maxLength = 0;
        foreach (var m in members)
        {
            maxLength = Math.Max(maxLength, m.Length);
        }
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (error is not null)
            {
                return error;
            }
            if (e is null && xx)
            {
                return null;
            }
            // INCR on an existing member may produce NaN: check before changing anything.
            if (incr && e is not null && ViewLocked(shard, index, e).TryGetScore(members[0].Span, out double current) &&
                !nx && double.IsNaN(current + scores[0]))
            {
                return ErrorMessages.ZsetNaN;
            }
            using var edit = e is null
                ? ZsetEdit.Create(db, shard, h, index, key, scores.Length, maxLength)
                : ZsetEdit.Open(db, shard, h, index, e);
            if (e is not null)
            {
                edit.MaybeConvert(scores.Length);
            }
            for (int i = 0; i < scores.Length; i++)
            {
                double score = scores[i];
                var member = members[i].Span;
                if (edit.TryGetScore(member, out double cur))
                {
                    if (nx)
                    {
                        continue;
                    }
                    if (incr)
                    {
                        score += cur;
                    }
                    if ((lt && score >= cur) || (gt && score <= cur))
                    {
                        continue;
                    }
                    result.Processed++;
                    result.Score = score;
                    if (score != cur)
                    {
                        edit.Update(member, score);
                        result.Updated++;
                    }
                }
                else if (!xx)
                {
                    edit.Add(member, score);
                    result.Added++;
                    result.Processed++;
                    result.Score = score;
                }
            }
            edit.Commit();
            if (result.Added > 0 || result.Updated > 0)
            {
                db.Notify(KeyspaceEventClasses.SortedSet, incr ? Ev.Zincr : Ev.Zadd, key);
            }
            if (result.Added > 0)
            {
                SignalReady(db, key);
            }
            if (result.Added > 0 || result.Updated > 0)
            {
                db.SignalModifiedKey(key);
            }
            return null;
        }
    }

    /// <summary>ZREM: how many members were removed.</summary>
    public static string? Remove(Database db, ReadOnlySpan<byte> key, IReadOnlyList<ReadOnlyMemory<byte>> members, ref Clock clock, out long removed)
    {
        removed = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (e is null)
            {
                return error;
            }
            using var edit = ZsetEdit.Open(db, shard, h, index, e);
            foreach (var m in members)
            {
                if (edit.Remove(m.Span))
                {
                    removed++;
                    if (edit.Count == 0)
                    {
                        break;
                    }
                }
            }
            if (removed > 0)
            {
                bool exists = edit.Commit();
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.SortedSet, Ev.Zrem, key);
                if (!exists)
                {
                    db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
                }
            }
            return null;
        }
    }

    /// <summary>ZREMRANGEBYRANK / ZREMRANGEBYSCORE / ZREMRANGEBYLEX: how many elements were removed.</summary>
    public static string? RemoveRange(Database db, ReadOnlySpan<byte> key, in ZRangeSpec spec, ref Clock clock, out long removed)
    {
        removed = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (e is null)
            {
                return error;
            }
            var (first, count) = Select(ViewLocked(shard, index, e), spec);
            if (count == 0)
            {
                return null;
            }
            using var edit = ZsetEdit.Open(db, shard, h, index, e);
            edit.RemoveRanks(first, first + count);
            bool exists = edit.Commit();
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.SortedSet, spec.Kind switch { ZRangeKind.Rank => Ev.Zremrangebyrank, ZRangeKind.Score => Ev.Zremrangebyscore, _ => Ev.Zremrangebylex }, key);
            if (!exists)
            {
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            }
            removed = count;
            return null;
        }
    }

    /// <summary>
    /// ZPOPMIN / ZPOPMAX / ZMPOP (Valkey's <c>genericZpopCommand</c>): pops up to <paramref name="count"/> elements from the
    /// first non-empty sorted set among <paramref name="keys"/> into <paramref name="output"/>; <paramref name="poppedKey"/>
    /// is the key popped from, or -1 when every key is missing. A key of another type before that is WRONGTYPE.
    /// </summary>
    public static string? Pop(Database db, IReadOnlyList<ReadOnlyMemory<byte>> keys, bool max, long count, ref Clock clock, ZsetItems output, out int poppedKey)
    {
        poppedKey = -1;
        for (int k = 0; k < keys.Count; k++)
        {
            var key = keys[k].Span;
            var h = KeyHash.Of(key);
            var shard = db.ShardOf(h);
            using (shard.Lock())
            {
                var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error);
                if (error is not null)
                {
                    return error;
                }
                if (e is null)
                {
                    continue;
                }
                poppedKey = k;
                PopLocked(db, shard, h, index, e, max, count, output);
                return null;
            }
        }
        return null;
    }

    /// <summary>Pops from one sorted set whose lock is held.</summary>
    internal static void PopLocked(Database db, KeyShard shard, in KeyHash h, int index, byte[] e, bool max, long count, ZsetItems output)
    {
        if (count <= 0)
        {
            return;
        }
        using var edit = ZsetEdit.Open(db, shard, h, index, e);
        var view = edit.View;
        int n = (int)Math.Min(count, view.Count);
        int first = max ? view.Count - 1 : 0;
        Collect(view, first, n, max, output);
        if (max)
        {
            edit.RemoveRanks(view.Count - n, view.Count);
        }
        else
        {
            edit.RemoveRanks(0, n);
        }
        bool exists = edit.Commit();
        db.SignalModifiedKey(EntryLayout.Key(e));
        var key = EntryLayout.Key(e); // e, the entry popped from, keeps its bytes after Commit replaced or removed it
        db.Notify(KeyspaceEventClasses.SortedSet, max ? Ev.Zpopmax : Ev.Zpopmin, key);
        if (!exists)
        {
            db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
        }
    }

    // Blocking pops (BZPOPMIN, BZPOPMAX, BZMPOP) are woken when a sorted set gains members.
    static partial void SignalReady(Database db, ReadOnlySpan<byte> key);
}
