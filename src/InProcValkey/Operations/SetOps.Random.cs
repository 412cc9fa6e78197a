using InProcValkey.DataTypes.Sets;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>
/// SPOP and SRANDMEMBER, drawing from the store's one random source (<see cref="Engine.NextRandom"/>, seeded by
/// <see cref="ValkeyStoreOptions.RandomSeed"/>), with Valkey's strategies for the ratio of count to size
/// (<c>spopWithCountCommand</c>, <c>srandmemberWithCountCommand</c>).
/// </summary>
internal static partial class SetOps
{
    // SPOP: when the remainder times this is at most the count, the remainder is drawn instead (Valkey's SPOP_MOVE_STRATEGY_MUL).
    private const int SpopMoveStrategyMul = 5;

    // SRANDMEMBER: when count times this exceeds the size, random members are removed from a copy (SRANDMEMBER_SUB_STRATEGY_MUL).
    private const int SrandmemberSubStrategyMul = 3;

    /// <summary>SPOP without a count: one random member removed, or null for a missing key.</summary>
    public static string? PopOne(Database db, ReadOnlySpan<byte> key, ref Clock clock, out byte[]? member)
    {
        member = null;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var error = FindLocked(db, shard, h, key, ref clock, out int index, out var set, out bool found);
            if (error is not null || !found)
            {
                return error;
            }
            Span<byte> scratch = stackalloc byte[20];
            member = set.RandomMember(db.Engine, scratch, out int position).ToArray();
            set.RemoveAtPosition(position);
            StoreOrDelete(db, shard, h, index, set);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Set, Ev.Spop, key);
            if (set.Count == 0)
            {
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            }
            return null;
        }
    }

    private static void StoreOrDelete(Database db, KeyShard shard, in KeyHash h, int index, in SetObject set)
    {
        if (set.Count == 0)
        {
            db.RemoveLocked(shard, index);
        }
        else
        {
            set.Store(db, shard, h, index);
        }
    }

    /// <summary>
    /// SPOP with a count (≥ 0): up to <paramref name="count"/> distinct random members removed. The whole set when the count
    /// reaches its size (the key is deleted); random pops when the remainder stays large; otherwise the remainder is drawn
    /// into a new set (intset or listpack first, as Valkey) that replaces the key's value, and the rest is returned.
    /// </summary>
    public static string? Pop(Database db, ReadOnlySpan<byte> key, long count, ref Clock clock, out List<byte[]> members)
    {
        members = [];
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var error = FindLocked(db, shard, h, key, ref clock, out int index, out var set, out bool found);
            if (error is not null || !found || count == 0)
            {
                return error;
            }
            long size = set.Count;
            if (count >= size)
            {
                var limits = SetLimits.Of(db.Engine);
                var copy = SetObject.CreateIntset([], 0);
                foreach (var m in set)
                {
                    copy.Add(m, limits);
                }
                AddAll(copy, members);
                db.RemoveLocked(shard, index);
                db.Notify(KeyspaceEventClasses.Set, Ev.Spop, key);
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
                return null;
            }
            var engine = db.Engine;
            long remaining = size - count;
            Span<byte> scratch = stackalloc byte[20];
            if (remaining * SpopMoveStrategyMul > count)
            {
                if (set.Encoding == CollectionEncodings.SetHashtable)
                {
                    for (long i = 0; i < count; i++)
                    {
                        members.Add(set.RandomMember(engine, scratch, out int slot).ToArray());
                        set.RemoveAtPosition(slot);
                    }
                }
                else
                {
                    // Compact encodings: choose the positions in one pass (selection sampling, Valkey's lpNextRandom), then delete.
                    var positions = SampleIndexes(engine, (int)size, (int)count);
                    for (int i = positions.Length - 1; i >= 0; i--)
                    {
                        members.Add(set.MemberAt(positions[i], scratch).ToArray());
                        set.RemoveAtPosition(positions[i]);
                    }
                    members.Reverse();
                }
                set.Store(db, shard, h, index);
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.Set, Ev.Spop, key);
                return null;
            }
            // Draw the members that stay into a new set; return what is left of the old one.
            var limitsKeep = SetLimits.Of(engine);
            SetObject kept;
            if (set.Encoding == CollectionEncodings.SetListpack)
            {
                kept = SetObject.CreateListpack(key, 0);
                var positions = SampleIndexes(engine, (int)size, (int)remaining);
                for (int i = positions.Length - 1; i >= 0; i--)
                {
                    kept.Add(set.MemberAt(positions[i], scratch), limitsKeep);
                    set.RemoveAtPosition(positions[i]);
                }
            }
            else
            {
                kept = default;
                for (long i = 0; i < remaining; i++)
                {
                    var m = set.RandomMember(engine, scratch, out int position);
                    if (kept.Entry is null)
                    {
                        kept = set.Encoding == CollectionEncodings.SetHashtable ? SetObject.CreateListpack(key, 0) : SetObject.CreateIntset(key, 0);
                    }
                    kept.Add(m, limitsKeep);
                    set.RemoveAtPosition(position);
                }
            }
            AddAll(set, members);
            var old = set.Entry;
            kept.ShrinkToFit(exact: true);
            // Valkey's dbReplaceValue keeps the key's TTL and LRU.
            var entry = EntryLayout.HasExpiry(old) ? EntryLayout.WithExpiry(kept.Entry!, EntryLayout.Expiry(old)) : kept.Entry!;
            EntryLayout.SetLru(entry, EntryLayout.Lru(old));
            db.StoreLocked(shard, h, index, entry, kept.Table);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Set, Ev.Spop, key);
            return null;
        }
    }

    /// <summary>
    /// <paramref name="count"/> distinct indexes of [0, <paramref name="size"/>) in ascending order, each subset equally likely
    /// (Knuth's selection sampling, as Valkey's <c>lpNextRandom</c> walks a listpack once).
    /// </summary>
    private static int[] SampleIndexes(Engine engine, int size, int count)
    {
        var result = new int[count];
        int chosen = 0;
        for (int i = 0; i < size && chosen < count; i++)
        {
            // Choose i with probability (count - chosen) / (size - i).
            if (engine.NextRandom(size - i) < count - chosen)
            {
                result[chosen++] = i;
            }
        }
        return result;
    }

    /// <summary>SRANDMEMBER without a count: one random member, or null for a missing key.</summary>
    public static string? RandomMember(Database db, ReadOnlySpan<byte> key, ref Clock clock, out byte[]? member)
    {
        member = null;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var error = FindLocked(db, shard, h, key, ref clock, out _, out var set, out bool found, read: true);
            if (error is not null || !found)
            {
                return error;
            }
            Span<byte> scratch = stackalloc byte[20];
            member = set.RandomMember(db.Engine, scratch, out _).ToArray();
            return null;
        }
    }

    /// <summary>
    /// SRANDMEMBER with a count: a negative count draws |count| members with repetition (in random order); a positive one
    /// up to count distinct members — the whole set when count reaches the size, a one-pass sample for compact encodings,
    /// else a copy with random members removed (count close to the size) or random draws until enough distinct ones.
    /// </summary>
    public static string? RandomMembers(Database db, ReadOnlySpan<byte> key, long count, ref Clock clock, out List<byte[]> members)
    {
        members = [];
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var error = FindLocked(db, shard, h, key, ref clock, out _, out var set, out bool found, read: true);
            if (error is not null || !found || count == 0)
            {
                return error;
            }
            var engine = db.Engine;
            Span<byte> scratch = stackalloc byte[20];
            bool unique = count > 0;
            long n = Math.Abs(count);
            if (!unique || n == 1)
            {
                for (long i = 0; i < n; i++)
                {
                    members.Add(set.RandomMember(engine, scratch, out _).ToArray());
                }
                return null;
            }
            long size = set.Count;
            if (n >= size)
            {
                AddAll(set, members);
                return null;
            }
            if (set.Encoding != CollectionEncodings.SetHashtable)
            {
                foreach (int i in SampleIndexes(engine, (int)size, (int)n))
                {
                    members.Add(set.MemberAt(i, scratch).ToArray());
                }
                return null;
            }
            var table = set.Table!;
            if (n * SrandmemberSubStrategyMul > size)
            {
                // All slots, then drop random ones until n remain.
                var slots = new List<int>((int)size);
                for (int i = 0; i < table.Capacity; i++)
                {
                    if (table.At(i) is not null)
                    {
                        slots.Add(i);
                    }
                }
                while (slots.Count > n)
                {
                    int r = engine.NextRandom(slots.Count);
                    slots[r] = slots[^1];
                    slots.RemoveAt(slots.Count - 1);
                }
                foreach (int slot in slots)
                {
                    members.Add((byte[])table.At(slot)!.Clone());
                }
                return null;
            }
            var picked = new HashSet<int>();
            while (picked.Count < n)
            {
                int slot = table.RandomSlot(engine);
                if (picked.Add(slot))
                {
                    members.Add((byte[])table.At(slot)!.Clone());
                }
            }
            return null;
        }
    }
}
