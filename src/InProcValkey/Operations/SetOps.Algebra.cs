using InProcValkey.DataTypes.Sets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>The set algebra: SINTER, SINTERCARD, SINTERSTORE, SUNION(STORE), SDIFF(STORE), and SMOVE.</summary>
internal static partial class SetOps
{
    /// <summary>Which combination SUNION/SDIFF compute (Valkey's <c>SET_OP_UNION</c>, <c>SET_OP_DIFF</c>); SINTER has its own path.</summary>
    internal enum Combine
    {
        Union,
        Intersect,
        Difference,
    }

    // The sets named by the keys (lock held): null for missing keys; WRONGTYPE stops at the first set of another type.
    private static string? LookupAll(Database db, ReadOnlySpan<ReadOnlyMemory<byte>> keys, ReadOnlySpan<KeyHash> hashes, ref Clock clock, SetObject?[] sets)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            var shard = db.ShardOf(hashes[i]);
            if (FindLocked(db, shard, hashes[i], keys[i].Span, ref clock, out _, out var set, out bool found, read: true) is { } error)
            {
                return error;
            }
            sets[i] = found ? set : null;
        }
        return null;
    }

    private static KeyHash[] HashesOf(ReadOnlySpan<byte> destination, bool hasDestination, ReadOnlySpan<ReadOnlyMemory<byte>> keys)
    {
        var hashes = new KeyHash[keys.Length + (hasDestination ? 1 : 0)];
        for (int i = 0; i < keys.Length; i++)
        {
            hashes[i] = KeyHash.Of(keys[i].Span);
        }
        if (hasDestination)
        {
            hashes[^1] = KeyHash.Of(destination);
        }
        return hashes;
    }

    /// <summary>SINTER, SUNION, SDIFF: the resulting members (order unspecified, as Valkey's).</summary>
    public static string? CombineMembers(Database db, Combine op, ReadOnlySpan<ReadOnlyMemory<byte>> keys, ref Clock clock, out List<byte[]> members)
    {
        members = [];
        var hashes = HashesOf(default, false, keys);
        using var locks = ShardLocks.ForKeys(db, hashes);
        var sets = new SetObject?[keys.Length];
        if (LookupAll(db, keys, hashes, ref clock, sets) is { } error)
        {
            return error;
        }
        var limits = SetLimits.Of(db.Engine);
        if (op == Combine.Intersect)
        {
            Intersect(sets, limits, 0, members, null, out _);
            return null;
        }
        var result = UnionOrDiff(sets, op, limits, db.Engine.LruClock);
        AddAll(result, members);
        return null;
    }

    /// <summary>SINTERCARD: the size of the intersection, counting up to <paramref name="limit"/> (0: no limit).</summary>
    public static string? IntersectCardinality(Database db, ReadOnlySpan<ReadOnlyMemory<byte>> keys, long limit, ref Clock clock, out long count)
    {
        count = 0;
        var hashes = HashesOf(default, false, keys);
        using var locks = ShardLocks.ForKeys(db, hashes);
        var sets = new SetObject?[keys.Length];
        if (LookupAll(db, keys, hashes, ref clock, sets) is { } error)
        {
            return error;
        }
        count = Intersect(sets, SetLimits.Of(db.Engine), limit, null, null, out _);
        return null;
    }

    /// <summary>
    /// SINTERSTORE, SUNIONSTORE, SDIFFSTORE: stores the result in <paramref name="destination"/> (replacing any value and its
    /// TTL) with the encoding Valkey would give it, or deletes the destination when the result is empty; <paramref name="count"/>
    /// is the result's size.
    /// </summary>
    public static string? CombineAndStore(Database db, Combine op, ReadOnlySpan<byte> destination, ReadOnlySpan<ReadOnlyMemory<byte>> keys, ref Clock clock, out long count)
    {
        count = 0;
        var hashes = HashesOf(destination, true, keys);
        using var locks = ShardLocks.ForKeys(db, hashes);
        var sets = new SetObject?[keys.Length];
        if (LookupAll(db, keys, hashes, ref clock, sets) is { } error)
        {
            return error;
        }
        var limits = SetLimits.Of(db.Engine);
        SetObject result;
        if (op == Combine.Intersect)
        {
            Intersect(sets, limits, 0, null, destination.ToArray(), out result);
        }
        else
        {
            result = UnionOrDiff(sets, op, limits, db.Engine.LruClock);
        }
        var dh = hashes[^1];
        var dshard = db.ShardOf(dh);
        var existing = db.FindLocked(dshard, dh, destination, ref clock, out int dindex, touch: false);
        count = result.Entry is null ? 0 : result.Count;
        if (count == 0)
        {
            if (existing is not null)
            {
                db.RemoveLocked(dshard, dindex);
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, destination);
            }
            return null;
        }
        var stored = result.Rekeyed(destination);
        EntryLayout.SetLru(stored.Entry, db.Engine.LruClock);
        stored.Store(db, dshard, dh, dindex);
        db.SignalModifiedKey(destination);
        db.Notify(KeyspaceEventClasses.Set, op switch { Combine.Intersect => Ev.Sinterstore, Combine.Union => Ev.Sunionstore, _ => Ev.Sdiffstore }, destination);
        return null;
    }

    /// <summary>
    /// Valkey's <c>sinterGenericCommand</c>: any missing key makes the result empty; otherwise the members of the smallest
    /// set that every other set holds. Writes them to <paramref name="output"/> (SINTER), or builds the stored set for
    /// <paramref name="storeKey"/> (SINTERSTORE: intset when the smallest set is one, else listpack, converted as members
    /// are added, and back to intset when every member is an integer), or only counts up to <paramref name="limit"/>.
    /// </summary>
    private static long Intersect(SetObject?[] sets, in SetLimits limits, long limit, List<byte[]>? output, byte[]? storeKey, out SetObject stored)
    {
        stored = default;
        foreach (var s in sets)
        {
            if (s is null)
            {
                return 0;
            }
        }
        var ordered = new SetObject[sets.Length];
        for (int i = 0; i < sets.Length; i++)
        {
            ordered[i] = sets[i]!.Value;
        }
        // Stable, like Valkey's qsort on equal sizes is not: the order among equal sizes only changes the reply order.
        var sizes = ordered.Select(s => s.Count).ToArray();
        Array.Sort(sizes, ordered);
        if (storeKey is not null)
        {
            stored = ordered[0].Encoding == CollectionEncodings.SetIntset
                ? SetObject.CreateIntset(storeKey, 0)
                : SetObject.CreateListpack(storeKey, 0);
        }
        long cardinality = 0;
        bool onlyIntegers = true;
        var first = ordered[0];
        var it = first.GetEnumerator();
        while (it.MoveNext())
        {
            var member = it.Current;
            int j = 1;
            for (; j < ordered.Length; j++)
            {
                if (ReferenceEquals(ordered[j].Entry, first.Entry))
                {
                    continue;
                }
                if (!ordered[j].Contains(member))
                {
                    break;
                }
            }
            if (j < ordered.Length)
            {
                continue;
            }
            cardinality++;
            if (output is not null)
            {
                output.Add(member.ToArray());
            }
            else if (storeKey is not null)
            {
                if (onlyIntegers && !it.IsInteger && !DataTypes.Numbers.TryParseInt64(member, out _))
                {
                    onlyIntegers = false;
                }
                stored.Add(member, limits);
            }
            else if (limit > 0 && cardinality >= limit)
            {
                break;
            }
        }
        if (storeKey is not null && cardinality > 0 && onlyIntegers)
        {
            stored.MaybeConvertToIntset(limits);
        }
        return cardinality;
    }

    /// <summary>
    /// Valkey's <c>sunionDiffGenericCommand</c>: the result built into a temporary set that starts as an intset and converts
    /// as members are added (so its encoding is what SUNIONSTORE/SDIFFSTORE store). SDIFF picks Valkey's cheaper algorithm:
    /// testing each member of the first set against the others (sorted by decreasing size), or adding the first set and
    /// removing the others' members.
    /// </summary>
    private static SetObject UnionOrDiff(SetObject?[] sets, Combine op, in SetLimits limits, uint lru)
    {
        var result = SetObject.CreateIntset([], lru);
        if (op == Combine.Union)
        {
            foreach (var s in sets)
            {
                if (s is { } set)
                {
                    foreach (var m in set)
                    {
                        result.Add(m, limits);
                    }
                }
            }
            return result;
        }
        if (sets[0] is not { } head)
        {
            return result;
        }
        for (int j = 1; j < sets.Length; j++)
        {
            if (sets[j] is { } s && ReferenceEquals(s.Entry, head.Entry))
            {
                return result;
            }
        }
        long algoOne = 0, algoTwo = 0;
        foreach (var s in sets)
        {
            if (s is { } set)
            {
                algoOne += head.Count;
                algoTwo += set.Count;
            }
        }
        algoOne /= 2;
        if (algoOne <= algoTwo)
        {
            var others = sets.Skip(1).Where(s => s is not null).Select(s => s!.Value).OrderByDescending(s => s.Count).ToArray();
            foreach (var m in head)
            {
                bool elsewhere = false;
                foreach (var o in others)
                {
                    if (o.Contains(m))
                    {
                        elsewhere = true;
                        break;
                    }
                }
                if (!elsewhere)
                {
                    result.Add(m, limits);
                }
            }
            return result;
        }
        long cardinality = 0;
        for (int j = 0; j < sets.Length; j++)
        {
            if (sets[j] is not { } set)
            {
                continue;
            }
            foreach (var m in set)
            {
                if (j == 0)
                {
                    cardinality += result.Add(m, limits) ? 1 : 0;
                }
                else
                {
                    cardinality -= result.Remove(m) ? 1 : 0;
                }
            }
            if (cardinality == 0)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>
    /// SMOVE: moves <paramref name="member"/> from <paramref name="source"/> to <paramref name="destination"/>; false when the
    /// source is missing or lacks it. A missing source answers false before any type check, as Valkey does.
    /// </summary>
    public static string? Move(Database db, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> member, ref Clock clock, out bool moved)
    {
        moved = false;
        var sh = KeyHash.Of(source);
        var dh = KeyHash.Of(destination);
        using var locks = ShardLocks.ForKeys(db, [sh, dh]);
        var sshard = db.ShardOf(sh);
        var dshard = db.ShardOf(dh);
        var srcEntry = db.FindLocked(sshard, sh, source, ref clock, out int sindex);
        var dstEntry = db.FindLocked(dshard, dh, destination, ref clock, out int dindex);
        if (srcEntry is null)
        {
            return null;
        }
        if (ReferenceEquals(sshard, dshard) && !ReferenceEquals(srcEntry, dstEntry))
        {
            // Reclaiming an expired destination may have shifted the source's slot in a shared shard.
            srcEntry = db.FindLocked(sshard, sh, source, ref clock, out sindex, touch: false)!;
        }
        if (EntryLayout.Kind(srcEntry) != EntryKind.Set || (dstEntry is not null && EntryLayout.Kind(dstEntry) != EntryKind.Set))
        {
            return ErrorMessages.WrongType;
        }
        var src = new SetObject(srcEntry, Database.StructureLocked(sshard, sindex));
        if (ReferenceEquals(srcEntry, dstEntry))
        {
            moved = src.Contains(member);
            return null;
        }
        if (!src.Remove(member))
        {
            return null;
        }
        moved = true;
        var limits = SetLimits.Of(db.Engine);
        if (src.Count == 0)
        {
            db.RemoveLocked(sshard, sindex);
            db.Notify(KeyspaceEventClasses.Set, Ev.Srem, source);
            db.Notify(KeyspaceEventClasses.Generic, Ev.Del, source);
            if (ReferenceEquals(sshard, dshard) && dindex >= 0)
            {
                // Removal may shift slots in a shared shard: find the destination again.
                dstEntry = db.FindLocked(dshard, dh, destination, ref clock, out dindex, touch: false);
            }
        }
        else
        {
            src.Store(db, sshard, sh, sindex);
            db.SignalModifiedKey(source);
            db.Notify(KeyspaceEventClasses.Set, Ev.Srem, source);
        }
        var dst = dstEntry is null
            ? SetObject.Create(destination, member, 1, limits, db.Engine.LruClock)
            : new SetObject(dstEntry, Database.StructureLocked(dshard, dindex));
        if (dstEntry is null)
        {
            dindex = -1;
        }
        bool added = dst.Add(member, limits);
        dst.ShrinkToFit(exact: dstEntry is null);
        dst.Store(db, dshard, dh, dindex);
        db.SignalModifiedKey(destination);
        if (added)
        {
            db.Notify(KeyspaceEventClasses.Set, Ev.Sadd, destination);
        }
        return null;
    }
}
