using InProcValkey.DataTypes.Lists;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>Receives LMPOP/BLPOP-style replies: the key popped from, then the elements.</summary>
internal interface IKeyedListReader : IListReader
{
    /// <summary>Called before <see cref="IListReader.Begin"/> with the key the elements come from.</summary>
    void BeginKey(ReadOnlySpan<byte> key);
}

internal static partial class ListOps
{
    // A key that may now serve a blocked client (lock held); the dispatcher or the typed API serves it after the call.
    private static void SignalReady(Database db, ReadOnlySpan<byte> key) => db.Engine.Blocking.SignalKeyReady(db, key);

    /// <summary>
    /// LMOVE / RPOPLPUSH (<c>lmoveGenericCommand</c>): pops from one end of <paramref name="source"/> and pushes to one
    /// end of <paramref name="destination"/> (which may be the same list: a rotation). <paramref name="moved"/> is the
    /// element, or null when the source is missing. Error: WRONGTYPE for either key (checked before anything moves).
    /// </summary>
    public static string? Move(Database db, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, bool fromHead, bool toHead, ref Clock clock, out byte[]? moved)
    {
        moved = null;
        var hs = KeyHash.Of(source);
        var hd = KeyHash.Of(destination);
        using var locks = ShardLocks.ForKeys(db, [hs, hd]);
        return MoveLocked(db, source, hs, destination, hd, fromHead, toHead, ref clock, out moved);
    }

    /// <summary>LMOVE with both shards already locked (also serves blocked BLMOVE clients).</summary>
    internal static string? MoveLocked(Database db, ReadOnlySpan<byte> source, in KeyHash hs, ReadOnlySpan<byte> destination, in KeyHash hd, bool fromHead, bool toHead, ref Clock clock, out byte[]? moved)
    {
        moved = null;
        var ss = db.ShardOf(hs);
        var sd = db.ShardOf(hd);
        var se = FindListLocked(db, ss, hs, source, ref clock, out _, out var error);
        if (se is null)
        {
            return error;
        }
        var de = FindListLocked(db, sd, hd, destination, ref clock, out _, out error);
        if (error is not null)
        {
            return error;
        }
        // Lookups may have reclaimed expired keys and moved slots: find the source again.
        int si = ss.Table.Find(hs.Hash, source);
        var src = new ListValue(db, ss, hs, si, ss.Table.EntryAt(si));
        long len = src.Length;
        var element = src.Get(fromHead ? 0 : len - 1);
        moved = element.ToArray();
        // Valkey's popped integer is an int-encoded object, which the growing check does not count as bytes.
        long addBytes = element.IsInteger ? 0 : moved.Length;
        src.DeleteRange(fromHead ? 0 : len - 1, 1);
        if (source.SequenceEqual(destination))
        {
            src.PrepareGrow(addBytes, 1);
            src.Push(moved, toHead);
            db.Notify(KeyspaceEventClasses.List, toHead ? Ev.Lpush : Ev.Rpush, destination);
            src.FinishRemoval();
            db.SignalModifiedKey(source);
            db.Notify(KeyspaceEventClasses.List, fromHead ? Ev.Lpop : Ev.Rpop, source);
            return null;
        }
        ListValue dst;
        if (de is null)
        {
            dst = ListValue.Create(db, sd, hd, destination, moved.Length + 2);
        }
        else
        {
            int di = sd.Table.Find(hd.Hash, destination);
            dst = new ListValue(db, sd, hd, di, sd.Table.EntryAt(di));
        }
        dst.PrepareGrow(addBytes, 1);
        dst.Push(moved, toHead);
        db.Notify(KeyspaceEventClasses.List, toHead ? Ev.Lpush : Ev.Rpush, destination);
        SignalReady(db, destination);
        db.SignalModifiedKey(destination);
        // Creating the destination may have grown the table both keys share.
        si = ss.Table.Find(hs.Hash, source);
        bool deleted = new ListValue(db, ss, hs, si, ss.Table.EntryAt(si)).FinishRemoval();
        db.SignalModifiedKey(source);
        db.Notify(KeyspaceEventClasses.List, fromHead ? Ev.Lpop : Ev.Rpop, source);
        if (deleted)
        {
            db.Notify(KeyspaceEventClasses.Generic, Ev.Del, source);
        }
        return null;
    }

    /// <summary>
    /// LMPOP (<c>mpopGenericCommand</c>): pops up to <paramref name="count"/> elements from the first non-empty list among
    /// <paramref name="keys"/>, handing the key then the elements to <paramref name="reader"/>; <paramref name="found"/>
    /// is false when every key is missing. Error: WRONGTYPE for the first key (in order) that holds another type.
    /// </summary>
    public static string? MultiPop<TReader>(Database db, ReadOnlySpan<ReadOnlyMemory<byte>> keys, bool head, long count, ref Clock clock, ref TReader reader, out bool found)
        where TReader : struct, IKeyedListReader
    {
        var hashes = new KeyHash[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            hashes[i] = KeyHash.Of(keys[i].Span);
        }
        using var locks = ShardLocks.ForKeys(db, hashes);
        return MultiPopLocked(db, keys, hashes, head, count, ref clock, ref reader, out found);
    }

    /// <summary>LMPOP with every key's shard locked (also serves BLPOP/BRPOP/BLMPOP).</summary>
    internal static string? MultiPopLocked<TReader>(Database db, ReadOnlySpan<ReadOnlyMemory<byte>> keys, ReadOnlySpan<KeyHash> hashes, bool head, long count, ref Clock clock, ref TReader reader, out bool found)
        where TReader : struct, IKeyedListReader
    {
        found = false;
        for (int i = 0; i < keys.Length; i++)
        {
            var key = keys[i].Span;
            var shard = db.ShardOf(hashes[i]);
            var e = FindListLocked(db, shard, hashes[i], key, ref clock, out int slot, out var error);
            if (error is not null)
            {
                return error;
            }
            if (e is null)
            {
                continue;
            }
            found = true;
            reader.BeginKey(key);
            var list = new ListValue(db, shard, hashes[i], slot, e);
            PopLocked(db, key, ref list, head, count, ref reader);
            db.SignalModifiedKey(key);
            return null;
        }
        return null;
    }
}
