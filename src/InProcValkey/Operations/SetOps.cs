using InProcValkey.DataTypes.Sets;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>
/// The set commands' semantics (Valkey's "Set commands" in <c>t_set.c</c>), shared by the command handlers and the typed API.
/// Each returns Valkey's error text or null. Single-key operations hold their key's shard lock; multi-key ones lock every
/// shard involved (ascending order), so each command is atomic. A set that becomes empty deletes its key.
/// </summary>
internal static partial class SetOps
{
    /// <summary>The members of SADD/SREM: many argument views, or one span (the typed API's single-member calls allocate nothing).</summary>
    internal readonly ref struct MemberArgs
    {
        private readonly ReadOnlySpan<ReadOnlyMemory<byte>> _many;
        private readonly ReadOnlySpan<byte> _one;
        private readonly bool _single;

        public MemberArgs(ReadOnlySpan<ReadOnlyMemory<byte>> many)
        {
            _many = many;
            _single = false;
        }

        public MemberArgs(ReadOnlySpan<byte> one)
        {
            _one = one;
            _single = true;
        }

        public int Length => _single ? 1 : _many.Length;

        public ReadOnlySpan<byte> this[int index] => _single ? _one : _many[index].Span;

        public static implicit operator MemberArgs(ReadOnlyMemory<byte>[] many) => new(many);
    }

    /// <summary>Finds <paramref name="key"/> (lock held): null and no error when missing; WRONGTYPE for another type.</summary>
    internal static string? FindLocked(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, out int index, out SetObject set, out bool found, bool read = false)
    {
        // A read is Valkey's lookupKeyRead: it counts a keyspace hit or miss and fires "keymiss".
        var e = read ? db.FindForReadLocked(shard, h, key, ref clock, out index) : db.FindLocked(shard, h, key, ref clock, out index);
        set = default;
        found = false;
        if (e is null)
        {
            return null;
        }
        if (EntryLayout.Kind(e) != EntryKind.Set)
        {
            return ErrorMessages.WrongType;
        }
        set = new SetObject(e, Database.StructureLocked(shard, index));
        found = true;
        return null;
    }

    /// <summary>SADD: adds the members, creating the set as Valkey's <c>setTypeCreate</c> sizes it; <paramref name="added"/> counts new members.</summary>
    public static string? Add(Database db, ReadOnlySpan<byte> key, MemberArgs members, ref Clock clock, out long added)
    {
        added = 0;
        var limits = SetLimits.Of(db.Engine);
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            if (FindLocked(db, shard, h, key, ref clock, out int index, out var set, out bool found) is { } error)
            {
                return error;
            }
            if (!found)
            {
                set = SetObject.Create(key, members[0], members.Length, limits, db.Engine.LruClock);
            }
            else
            {
                set.MaybeConvert(members.Length, limits);
            }
            for (int i = 0; i < members.Length; i++)
            {
                if (set.Add(members[i], limits))
                {
                    added++;
                }
            }
            set.ShrinkToFit(exact: !found);
            set.Store(db, shard, h, index);
            if (added > 0)
            {
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.Set, Ev.Sadd, key);
            }
        }
        return null;
    }

    /// <summary>SREM: removes the members; <paramref name="removed"/> counts those that were members. An emptied set deletes its key.</summary>
    public static string? Remove(Database db, ReadOnlySpan<byte> key, MemberArgs members, ref Clock clock, out long removed)
    {
        removed = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var error = FindLocked(db, shard, h, key, ref clock, out int index, out var set, out bool found);
            if (error is not null || !found)
            {
                return error;
            }
            for (int i = 0; i < members.Length; i++)
            {
                if (set.Remove(members[i]))
                {
                    removed++;
                    if (set.Count == 0)
                    {
                        db.RemoveLocked(shard, index);
                        db.Notify(KeyspaceEventClasses.Set, Ev.Srem, key);
                        db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
                        return null;
                    }
                }
            }
            if (removed > 0)
            {
                set.Store(db, shard, h, index);
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.Set, Ev.Srem, key);
            }
        }
        return null;
    }

    /// <summary>SCARD: the number of members (0 for a missing key).</summary>
    public static string? Cardinality(Database db, ReadOnlySpan<byte> key, ref Clock clock, out long count)
    {
        count = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var error = FindLocked(db, shard, h, key, ref clock, out _, out var set, out bool found, read: true);
            if (found)
            {
                count = set.Count;
            }
            return error;
        }
    }

    /// <summary>SISMEMBER.</summary>
    public static string? Contains(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> member, ref Clock clock, out bool isMember)
    {
        isMember = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var error = FindLocked(db, shard, h, key, ref clock, out _, out var set, out bool found, read: true);
            isMember = found && set.Contains(member);
            return error;
        }
    }

    /// <summary>SMISMEMBER: one flag per member (a missing key is an empty set).</summary>
    public static string? ContainsMany(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<ReadOnlyMemory<byte>> members, ref Clock clock, out bool[] flags)
    {
        flags = new bool[members.Length];
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            if (FindLocked(db, shard, h, key, ref clock, out _, out var set, out bool found, read: true) is { } error)
            {
                return error;
            }
            for (int i = 0; found && i < members.Length; i++)
            {
                flags[i] = set.Contains(members[i].Span);
            }
            return null;
        }
    }

    /// <summary>SMEMBERS: every member, in the encoding's order (unspecified, as in Valkey).</summary>
    public static string? Members(Database db, ReadOnlySpan<byte> key, ref Clock clock, out List<byte[]> members)
    {
        members = [];
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            if (FindLocked(db, shard, h, key, ref clock, out _, out var set, out bool found, read: true) is { } error)
            {
                return error;
            }
            if (found)
            {
                AddAll(set, members);
            }
            return null;
        }
    }

    internal static void AddAll(in SetObject set, List<byte[]> output)
    {
        output.Capacity = Math.Max(output.Capacity, output.Count + set.Count);
        foreach (var m in set)
        {
            output.Add(m.ToArray());
        }
    }

    /// <summary>
    /// SSCAN (Valkey's <c>scanGenericCommand</c> on a set): a hashtable is walked by bucket from <paramref name="cursor"/>
    /// until COUNT members were seen or 10 × COUNT buckets visited; an intset or listpack is returned whole with cursor 0.
    /// MATCH filters afterwards. A missing key is an empty, finished scan. Options are parsed by the caller after the lookup
    /// (Valkey checks the key before the options), so they come as a callback result here.
    /// </summary>
    public static string? Scan(Database db, ReadOnlySpan<byte> key, ulong cursor, Func<ScanOptions?> parseOptions, ref Clock clock, out ulong next, out List<byte[]>? members)
    {
        next = 0;
        members = null;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            if (FindLocked(db, shard, h, key, ref clock, out _, out var set, out bool found, read: true) is { } error)
            {
                return error;
            }
            if (!found)
            {
                members = [];
                return null;
            }
            if (parseOptions() is not { } options)
            {
                return null;
            }
            var output = new List<byte[]>();
            if (set.Table is { } table)
            {
                long count = options.Count;
                long maxIterations = count > long.MaxValue / 10 ? long.MaxValue : count * 10;
                do
                {
                    cursor = table.ScanBucket(cursor, output);
                }
                while (cursor != 0 && maxIterations-- > 0 && output.Count < count);
                next = cursor;
            }
            else
            {
                AddAll(set, output);
            }
            if (options.Pattern is { } p && !Glob.MatchesEverything(p))
            {
                output.RemoveAll(m => !Glob.Match(p, m));
            }
            members = set.Table is null ? output : output.ConvertAll(m => (byte[])m.Clone());
            return null;
        }
    }
}
