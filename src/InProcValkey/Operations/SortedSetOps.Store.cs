using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

internal static partial class SortedSetOps
{
    /// <summary>
    /// Replaces the destination key (lock held) with a sorted set of <paramref name="sorted"/> (already in order), dropping
    /// any TTL, as Valkey's <c>setKey</c>; an empty result deletes the key. The encoding is what Valkey ends with: listpack when
    /// the result is within both listpack limits (<c>zsetConvertToListpackIfNeeded</c>, or ZRANGESTORE's adds), else skiplist.
    /// </summary>
    internal static void StoreLocked(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ZsetItems sorted, ref Clock clock, KeyspaceEventName ev)
    {
        var old = db.FindLocked(shard, h, key, ref clock, out int index, touch: false);
        if (sorted.Count == 0)
        {
            if (old is not null)
            {
                db.RemoveLocked(shard, index);
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            }
            return;
        }
        var limits = ZsetLimits.Of(db.Engine);
        int maxLength = 0;
        int bytes = ZsetCompact.Header;
        for (int i = 0; i < sorted.Count; i++)
        {
            maxLength = Math.Max(maxLength, sorted.Member(i).Length);
            bytes += ZsetCompact.EntrySize(sorted.Member(i).Length);
        }
        uint lru = db.Engine.LruClock;
        if (limits.FitsCompact(sorted.Count, maxLength))
        {
            var e = EntryLayout.AllocateCollection(key, EntryKind.SortedSet, CollectionEncodings.SortedSetListpack, false, 0, lru, bytes, bytes, out var data);
            ZsetCompact.SetCount(data, sorted.Count);
            int off = ZsetCompact.Header;
            for (int i = 0; i < sorted.Count; i++)
            {
                off += ZsetCompact.Write(data[off..], sorted.Member(i), sorted.Score(i));
            }
            db.StoreLocked(shard, h, index, e);
        }
        else
        {
            var tree = new ZsetIndex(sorted.Count);
            for (int i = 0; i < sorted.Count; i++)
            {
                tree.Add(sorted.Member(i), sorted.Score(i));
            }
            var e = EntryLayout.AllocateCollection(key, EntryKind.SortedSet, CollectionEncodings.SortedSetSkiplist, false, 0, lru, 0, 0, out _);
            db.StoreLocked(shard, h, index, e, tree);
        }
        db.Notify(KeyspaceEventClasses.SortedSet, ev, key);
        SignalReady(db, key);
        db.SignalModifiedKey(key);
    }

    /// <summary>ZRANGESTORE: stores the selected range of <paramref name="source"/> in <paramref name="destination"/>; the count stored.</summary>
    public static string? RangeStore(Database db, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> source, in ZRangeSpec spec, ref Clock clock, out long stored)
    {
        stored = 0;
        var hs = KeyHash.Of(source);
        var hd = KeyHash.Of(destination);
        using var locks = ShardLocks.ForKeys(db, [hs, hd]);
        var items = ZsetItems.Rent();
        try
        {
            var shard = db.ShardOf(hs);
            var e = FindLocked(db, shard, hs, source, ref clock, out int index, out var error, read: true);
            if (error is not null)
            {
                return error;
            }
            if (e is not null)
            {
                var view = ViewLocked(shard, index, e);
                var (first, count) = Select(view, spec);
                Collect(view, first, count, spec.Reverse, items);
            }
            // Collected in reply order; the stored set is ordered anyway.
            items.SortByScoreThenMember();
            StoreLocked(db, db.ShardOf(hd), hd, destination, items, ref clock, Ev.Zrangestore);
            stored = items.Count;
            return null;
        }
        finally
        {
            items.Return();
        }
    }

    /// <summary>
    /// ZRANDMEMBER (Valkey's <c>zrandmemberWithCountCommand</c>): without <paramref name="count"/> one random member;
    /// a negative count draws with repetition; a positive one distinct members (the whole set, highest first, when the
    /// count reaches its size, as Valkey iterates it). Draws from the engine's one random source.
    /// </summary>
    public static string? RandomMembers(Database db, ReadOnlySpan<byte> key, long? count, ref Clock clock, ZsetItems output, out bool exists)
    {
        exists = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        var engine = db.Engine;
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is null)
            {
                return error;
            }
            exists = true;
            var view = ViewLocked(shard, index, e);
            int size = view.Count;
            lock (engine.RandomLock)
            {
                var rng = engine.RandomUnsafe;
                if (count is null)
                {
                    var c = view.At(rng.Next(size));
                    output.Add(c.Member, c.Score);
                    return null;
                }
                long l = count.Value;
                if (l == 0)
                {
                    return null;
                }
                if (l < 0 || l == 1)
                {
                    long n = l < 0 ? -l : 1;
                    for (long i = 0; i < n; i++)
                    {
                        var c = view.At(rng.Next(size));
                        output.Add(c.Member, c.Score);
                    }
                    return null;
                }
                if (l >= size)
                {
                    Collect(view, size - 1, size, true, output);
                    return null;
                }
                int want = (int)l;
                if (view.IsCompact || want * 3 > size)
                {
                    // Selection sampling: distinct ranks, in order.
                    int needed = want;
                    var c = view.At(0);
                    for (int i = 0; i < size && needed > 0; i++, c.MoveNext())
                    {
                        if (rng.Next(size - i) < needed)
                        {
                            output.Add(c.Member, c.Score);
                            needed--;
                        }
                    }
                    return null;
                }
                var picked = new HashSet<int>();
                while (picked.Count < want)
                {
                    int r = rng.Next(size);
                    if (picked.Add(r))
                    {
                        var c = view.At(r);
                        output.Add(c.Member, c.Score);
                    }
                }
                return null;
            }
        }
    }

    /// <summary>
    /// ZSCAN: a compact set is returned whole with cursor 0 (as Valkey scans a listpack); a large one in pages of about
    /// <paramref name="count"/> members by member hash (<see cref="ZsetIndex.ScanPage"/>), the next cursor being the next
    /// hash (0 at the end), so a member present for the whole scan is returned exactly once.
    /// </summary>
    public static string? Scan(Database db, ReadOnlySpan<byte> key, ulong cursor, ReadOnlySpan<byte> pattern, long count, ref Clock clock, ZsetItems output, out ulong next, out bool compact, bool read = true)
    {
        next = 0;
        compact = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindLocked(db, shard, h, key, ref clock, out int index, out var error, read);
            if (e is null)
            {
                return error;
            }
            var view = ViewLocked(shard, index, e);
            compact = view.IsCompact;
            bool all = pattern.IsEmpty || Glob.MatchesEverything(pattern);
            if (view.Index is { } large)
            {
                // Pages by member hash, so members present for the whole scan are returned whatever changes in between.
                var page = new List<byte[]>();
                next = large.ScanPage(cursor, count, page);
                foreach (var a in page)
                {
                    var member = ZsetMemberTable.MemberOf(a);
                    if (all || Glob.Match(pattern, member))
                    {
                        output.Add(member, ZsetMemberTable.ScoreOf(a));
                    }
                }
                return null;
            }
            for (var c = view.At(0); c.Valid; c.MoveNext())
            {
                if (all || Glob.Match(pattern, c.Member))
                {
                    output.Add(c.Member, c.Score);
                }
            }
            return null;
        }
    }
}
