using InProcValkey.DataTypes;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>The multi-key string commands: MGET, MSET, MSETNX. Each locks all its keys' shards, so it is atomic as a whole.</summary>
internal static partial class StringOps
{
    /// <summary>MGET: the value of each key; null for a missing key and for a key holding another type (no WRONGTYPE).</summary>
    public static byte[]?[] GetMany(Database db, ReadOnlySpan<ReadOnlyMemory<byte>> keys, ref Clock clock)
    {
        var values = new byte[]?[keys.Length];
        Span<KeyHash> hashes = keys.Length <= 64 ? stackalloc KeyHash[keys.Length] : new KeyHash[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            hashes[i] = KeyHash.Of(keys[i].Span);
        }
        using var locks = ShardLocks.ForKeys(db, hashes);
        for (int i = 0; i < keys.Length; i++)
        {
            var e = db.FindForReadLocked(db.ShardOf(hashes[i]), hashes[i], keys[i].Span, ref clock, out _);
            if (e is not null && StringValue.IsString(e))
            {
                values[i] = StringValue.ToArray(e);
            }
        }
        return values;
    }

    /// <summary>
    /// MSET (and MSETNX when <paramref name="onlyIfNoneExists"/>): sets every key to its value, dropping TTLs, choosing
    /// encodings as SET does; a key named twice ends with its last value. MSETNX sets nothing and returns false when
    /// any key exists. <paramref name="keys"/> and <paramref name="values"/> have the same length.
    /// </summary>
    public static bool SetMany(Database db, ReadOnlySpan<ReadOnlyMemory<byte>> keys, ReadOnlySpan<ReadOnlyMemory<byte>> values, bool onlyIfNoneExists, ref Clock clock)
    {
        Span<KeyHash> hashes = keys.Length <= 64 ? stackalloc KeyHash[keys.Length] : new KeyHash[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            hashes[i] = KeyHash.Of(keys[i].Span);
        }
        using var locks = ShardLocks.ForKeys(db, hashes);
        if (onlyIfNoneExists)
        {
            for (int i = 0; i < keys.Length; i++)
            {
                if (db.FindLocked(db.ShardOf(hashes[i]), hashes[i], keys[i].Span, ref clock, out _, touch: false) is not null)
                {
                    return false;
                }
            }
        }
        uint lru = db.Engine.LruClock;
        for (int i = 0; i < keys.Length; i++)
        {
            var shard = db.ShardOf(hashes[i]);
            var key = keys[i].Span;
            var value = values[i].Span;
            var old = db.FindLocked(shard, hashes[i], key, ref clock, out int index, touch: false);
            bool shared = db.Engine.Config.SharesIntegers;
            var entry = TryOverwriteInPlace(old, value, -1, shared) ?? StringValue.Create(key, value, -1, lru, shared);
            db.StoreLocked(shard, hashes[i], index, entry);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.String, Ev.Set, key);
        }
        return true;
    }
}
