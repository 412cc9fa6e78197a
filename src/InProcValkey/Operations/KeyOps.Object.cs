using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>What OBJECT reports about a key (Valkey's <c>objectCommand</c> in <c>object.c</c>).</summary>
internal enum ObjectField : byte
{
    Encoding,
    RefCount,
    IdleTime,
    Freq,
}

internal static partial class KeyOps
{
    /// <summary>Valkey's <c>OBJ_SHARED_INTEGERS</c>: integers 0..9999 are shared objects.</summary>
    public const long SharedIntegers = 10000;

    /// <summary>Valkey's <c>OBJ_SHARED_REFCOUNT</c> (INT_MAX), what OBJECT REFCOUNT reports for a shared object.</summary>
    public const long SharedRefCount = int.MaxValue;

    /// <summary>
    /// OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ of a key. Looks up without touching the LRU (Valkey's
    /// <c>LOOKUP_NOTOUCH</c>) but reclaims an expired key. <paramref name="found"/> is false for a missing key (OBJECT replies
    /// nil, checked before FREQ's error). <paramref name="encoding"/> is set for ENCODING, <paramref name="number"/> for the
    /// others (IDLETIME in seconds). As in Valkey, the entry's 24-bit field holds either an LRU stamp or LFU data depending on
    /// <c>maxmemory-policy</c>: FREQ (the decayed logarithmic counter) fails unless an LFU policy is selected, IDLETIME fails under one.
    /// </summary>
    public static string? Object(Database db, ReadOnlySpan<byte> key, ObjectField field, ref Clock clock, out bool found, out string? encoding, out long number)
    {
        encoding = null;
        number = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindForReadLocked(shard, h, key, ref clock, out _, touch: false);
            found = e is not null;
            if (e is null)
            {
                return null;
            }
            switch (field)
            {
                case ObjectField.Encoding:
                    encoding = EntryLayout.IsCollection(e)
                        ? CollectionEncodings.Name(EntryLayout.Kind(e), EntryLayout.CollectionEncoding(e))
                        : StringValue.EncodingName(e);
                    return null;
                case ObjectField.RefCount:
                    number = RefCount(e);
                    return null;
                case ObjectField.IdleTime:
                    if (db.Engine.Config.LfuPolicy)
                    {
                        // Under an LFU policy the field holds LFU data, not an access time.
                        return ErrorMessages.LruNotSelected;
                    }
                    number = db.Engine.IdleTimeMs(EntryLayout.Lru(e)) / 1000;
                    return null;
                default:
                    if (!db.Engine.Config.LfuPolicy)
                    {
                        return ErrorMessages.LfuNotSelected;
                    }
                    number = db.Engine.LfuDecrAndReturn(EntryLayout.Lru(e));
                    return null;
            }
        }
    }

    // Valkey 7.2 stores the integers 0..9999 as shared objects (with the default noeviction policy), whose refcount
    // is OBJ_SHARED_REFCOUNT; any other value is owned by its key alone.
    private static long RefCount(byte[] e) =>
        EntryLayout.Encoding(e) == StringEncoding.Int && !EntryLayout.IsUnshared(e) && StringValue.ReadInt(e) is >= 0 and < SharedIntegers
            ? SharedRefCount
            : 1;
}
