using InProcValkey.DataTypes.Hashes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>
/// The hash commands' semantics (Valkey's "Hash type commands" in <c>t_hash.c</c>), shared by the command handlers
/// (<see cref="Commands.HashCommands"/>) and the typed API. Each call locks the key's shard, returns Valkey's error text
/// or null, and changes nothing when it fails. This file: writes (HSET, HSETNX, HDEL); reads, counters, HRANDFIELD and
/// HSCAN have their own files.
/// </summary>
internal static partial class HashOps
{
    /// <summary>Finds the key (lock held): null when missing; WRONGTYPE in <paramref name="error"/> when not a hash.</summary>
    private static byte[]? FindHashLocked(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, out int index, out string? error, bool read = false)
    {
        // A read is Valkey's lookupKeyRead: it counts a keyspace hit or miss and fires "keymiss".
        var e = read ? db.FindForReadLocked(shard, h, key, ref clock, out index) : db.FindLocked(shard, h, key, ref clock, out index);
        if (e is not null && !HashValue.IsHash(e))
        {
            error = ErrorMessages.WrongType;
            return null;
        }
        error = null;
        return e;
    }

    /// <summary>HSET / HMSET: sets every pair, creating the hash; <paramref name="added"/> is the number of new fields. Error: WRONGTYPE.</summary>
    public static string? Set<TPairs>(Database db, ReadOnlySpan<byte> key, TPairs pairs, ref Clock clock, out long added)
        where TPairs : IHashPairs, allows ref struct
    {
        added = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (error is not null)
            {
                return error;
            }
            added = HashValue.Set(db, shard, h, index, e, key, pairs);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Hash, Ev.Hset, key);
            return null;
        }
    }

    /// <summary>HSETNX: sets the field only when it does not exist; <paramref name="set"/> tells whether it did. Error: WRONGTYPE.</summary>
    public static string? SetIfNotExists(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, ReadOnlySpan<byte> value, ref Clock clock, out bool set)
    {
        set = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (error is not null)
            {
                return error;
            }
            if (e is not null && HashValue.Exists(HashValue.Open(shard, index, e), field))
            {
                return null;
            }
            HashValue.Set(db, shard, h, index, e, key, new OnePair(field, value));
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Hash, Ev.Hset, key);
            set = true;
            return null;
        }
    }

    /// <summary>HDEL: removes the fields; <paramref name="removed"/> counts those that existed. An emptied hash is deleted. Error: WRONGTYPE.</summary>
    public static string? Delete<TFields>(Database db, ReadOnlySpan<byte> key, TFields fields, ref Clock clock, out long removed)
        where TFields : IHashPairs, allows ref struct
    {
        removed = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (e is null)
            {
                return error;
            }
            removed = HashValue.Delete(db, shard, h, index, e, fields, out bool keyRemoved);
            if (removed > 0)
            {
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.Hash, Ev.Hdel, key);
            }
            if (keyRemoved)
            {
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            }
            return null;
        }
    }
}
