using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

internal static partial class KeyOps
{
    /// <summary>
    /// RENAME / RENAMENX (Valkey's <c>renameGenericCommand</c>): moves the value, its encoding and its TTL to
    /// <paramref name="newKey"/>, replacing it (RENAME) or only when it is missing (<paramref name="onlyIfNewKeyMissing"/>).
    /// Error <c>ERR no such key</c> when <paramref name="key"/> is missing. Renaming a key to itself changes nothing:
    /// RENAME succeeds, RENAMENX reports false. Both shards are locked together, so the rename is atomic.
    /// </summary>
    public static string? Rename(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> newKey, bool onlyIfNewKeyMissing, ref Clock clock, out bool renamed)
    {
        renamed = false;
        var hs = KeyHash.Of(key);
        var hd = KeyHash.Of(newKey);
        using var locks = ShardLocks.ForKeys(db, [hs, hd]);
        var ss = db.ShardOf(hs);
        var e = db.FindLocked(ss, hs, key, ref clock, out int si);
        if (e is null)
        {
            return ErrorMessages.NoSuchKey;
        }
        // Taken now: the destination lookup below may reclaim an expired key and shift this shard's slots.
        var structure = Database.StructureLocked(ss, si);
        if (key.SequenceEqual(newKey))
        {
            renamed = !onlyIfNewKeyMissing;
            return null;
        }
        var sd = db.ShardOf(hd);
        var old = db.FindLocked(sd, hd, newKey, ref clock, out int di);
        if (old is not null && onlyIfNewKeyMissing)
        {
            return null;
        }
        db.StoreLocked(sd, hd, di, Relocated(db.Engine, e, newKey), structure);
        db.SignalModifiedKey(newKey);
        if (old is not null)
        {
            db.Notify(KeyspaceEventClasses.New, Ev.New, newKey); // Valkey deletes the old destination, then dbAdd fires "new"
        }
        // Storing may have resized the table both keys share: find the source again.
        db.RemoveLocked(ss, ss.Table.Find(hs.Hash, key));
        db.Notify(KeyspaceEventClasses.Generic, Ev.RenameFrom, key);
        db.Notify(KeyspaceEventClasses.Generic, Ev.RenameTo, newKey);
        renamed = true;
        return null;
    }

    /// <summary>
    /// COPY (Valkey's <c>copyCommand</c>): copies the value with its encoding and TTL to <paramref name="newKey"/> in
    /// <paramref name="destination"/>; false when the source is missing or the destination exists and
    /// <paramref name="replace"/> is false. Error <c>ERR source and destination objects are the same</c> for the same key in the
    /// same database. The source lookup is a read (it updates the source's LRU).
    /// </summary>
    public static string? Copy(Database source, ReadOnlySpan<byte> key, Database destination, ReadOnlySpan<byte> newKey, bool replace, ref Clock clock, out bool copied)
    {
        copied = false;
        if (ReferenceEquals(source, destination) && key.SequenceEqual(newKey))
        {
            return ErrorMessages.SameObject;
        }
        var hs = KeyHash.Of(key);
        var hd = KeyHash.Of(newKey);
        var ss = source.ShardOf(hs);
        var sd = destination.ShardOf(hd);
        using var locks = ShardLocks.ForShards([ss, sd]);
        var e = source.FindForReadLocked(ss, hs, key, ref clock, out int si);
        if (e is null)
        {
            return null;
        }
        var structure = Database.StructureLocked(ss, si);
        var old = destination.FindLocked(sd, hd, newKey, ref clock, out int di);
        if (old is not null && !replace)
        {
            return null;
        }
        // Strings and compact encodings are copied whole with the entry; a collection's structure is duplicated.
        var copy = Relocated(destination.Engine, e, newKey);
        EntryLayout.MarkUnshared(copy); // dupStringObject: the copy is its own object, never a shared integer
        destination.StoreLocked(sd, hd, di, copy, structure?.DeepCopy());
        destination.SignalModifiedKey(newKey);
        if (old is not null)
        {
            destination.Notify(KeyspaceEventClasses.New, Ev.New, newKey); // REPLACE deletes the old destination, then dbAdd fires "new"
        }
        destination.Notify(KeyspaceEventClasses.Generic, Ev.CopyTo, newKey);
        copied = true;
        return null;
    }

    /// <summary>
    /// MOVE (Valkey's <c>moveCommand</c>): moves the key with its value and TTL to <paramref name="destination"/>; false when
    /// it is missing or already exists there. Error <c>ERR source and destination objects are the same</c> when both
    /// databases are the same (checked before the key is looked up).
    /// </summary>
    public static string? Move(Database source, ReadOnlySpan<byte> key, Database destination, ref Clock clock, out bool moved)
    {
        moved = false;
        if (ReferenceEquals(source, destination))
        {
            return ErrorMessages.SameObject;
        }
        var h = KeyHash.Of(key);
        var ss = source.ShardOf(h);
        var sd = destination.ShardOf(h);
        using var locks = ShardLocks.ForShards([ss, sd]);
        var e = source.FindLocked(ss, h, key, ref clock, out int si);
        if (e is null)
        {
            return null;
        }
        if (destination.FindLocked(sd, h, key, ref clock, out int di) is not null)
        {
            return null;
        }
        var moving = Relocated(destination.Engine, e, key);
        destination.StoreLocked(sd, h, di, moving, Database.StructureLocked(ss, si));
        destination.SignalModifiedKey(key);
        source.RemoveLocked(ss, si);
        source.Notify(KeyspaceEventClasses.Generic, Ev.MoveFrom, key);
        destination.Notify(KeyspaceEventClasses.Generic, Ev.MoveTo, key);
        moved = true;
        return null;
    }

    // A copy of the entry under a (possibly equal) key, keeping value, encoding and expiry; its LRU is now, as Valkey's
    // dbAdd resets it (initObjectLRUOrLFU).
    private static byte[] Relocated(Engine engine, byte[] e, ReadOnlySpan<byte> newKey)
    {
        var n = EntryLayout.WithKey(e, newKey, keepExpiry: true);
        EntryLayout.SetLru(n, engine.LruClock);
        return n;
    }
}
