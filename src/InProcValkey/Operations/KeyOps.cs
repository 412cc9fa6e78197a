using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>
/// The semantics of the generic key commands, once (Valkey's <c>db.c</c>), for the handlers and the typed API. Split by
/// feature: this file has DEL, UNLINK, EXISTS, TYPE, TOUCH; <c>KeyOps.Rename.cs</c> RENAME, COPY, MOVE;
/// <c>KeyOps.Scan.cs</c> KEYS, SCAN, RANDOMKEY; <c>KeyOps.Object.cs</c> OBJECT.
/// Multi-key operations lock every involved shard at once (<see cref="ShardLocks"/>), so each is atomic.
/// </summary>
internal static partial class KeyOps
{
    /// <summary>DEL / UNLINK: removes the keys that exist, atomically; returns how many were removed.</summary>
    public static long Delete(Database db, ReadOnlySpan<byte[]> keys, ref Clock clock)
    {
        Span<KeyHash> hashes = keys.Length <= 64 ? stackalloc KeyHash[keys.Length] : new KeyHash[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            hashes[i] = KeyHash.Of(keys[i]);
        }
        using var locks = ShardLocks.ForKeys(db, hashes);
        long removed = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            var shard = db.ShardOf(hashes[i]);
            if (db.FindLocked(shard, hashes[i], keys[i], ref clock, out int index, touch: false) is not null)
            {
                db.RemoveLocked(shard, index);
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, keys[i]);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>DEL of one key.</summary>
    public static bool Delete(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            if (db.FindLocked(shard, h, key, ref clock, out int index, touch: false) is null)
            {
                return false;
            }
            db.RemoveLocked(shard, index);
            db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            return true;
        }
    }

    /// <summary>EXISTS: how many of the keys exist (a key named twice counts twice). Does not touch the LRU (Valkey's <c>LOOKUP_NOTOUCH</c>).</summary>
    public static long Exists(Database db, ReadOnlySpan<byte[]> keys, ref Clock clock) => CountExisting(db, keys, touch: false, ref clock);

    /// <summary>EXISTS of one key.</summary>
    public static bool Exists(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            return db.FindForReadLocked(shard, h, key, ref clock, out _, touch: false) is not null;
        }
    }

    /// <summary>TOUCH: how many of the keys exist (duplicates count), updating their LRU as any read does.</summary>
    public static long Touch(Database db, ReadOnlySpan<byte[]> keys, ref Clock clock) => CountExisting(db, keys, touch: true, ref clock);

    // EXISTS and TOUCH of several keys: one atomic pass over all of them.
    private static long CountExisting(Database db, ReadOnlySpan<byte[]> keys, bool touch, ref Clock clock)
    {
        Span<KeyHash> hashes = keys.Length <= 64 ? stackalloc KeyHash[keys.Length] : new KeyHash[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            hashes[i] = KeyHash.Of(keys[i]);
        }
        using var locks = ShardLocks.ForKeys(db, hashes);
        long n = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (db.FindForReadLocked(db.ShardOf(hashes[i]), hashes[i], keys[i], ref clock, out _, touch) is not null)
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>TOUCH of one key.</summary>
    public static bool Touch(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            return db.FindForReadLocked(shard, h, key, ref clock, out _, touch: true) is not null;
        }
    }

    /// <summary>TYPE: the key's type, <see cref="KeyType.None"/> when missing. Does not touch the LRU.</summary>
    public static KeyType Type(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindForReadLocked(shard, h, key, ref clock, out _, touch: false);
            return e is null ? KeyType.None : KeyTypes.Of(e);
        }
    }
}
