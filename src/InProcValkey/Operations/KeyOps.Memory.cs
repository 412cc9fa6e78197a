using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

// ---- memory accounting (issue 6) ----
internal static partial class KeyOps
{
    /// <summary>
    /// MEMORY USAGE: the bytes <paramref name="key"/> occupies — its packed entry with the array header, its collection
    /// structure's estimate, and its share of the shard's slot array — the same bytes INFO used_memory counts for it.
    /// Looks the key up as Valkey's <c>memoryCommand</c> does (no lazy expiry, no LRU update). False when missing.
    /// </summary>
    public static bool MemoryUsage(Database db, ReadOnlySpan<byte> key, out long bytes)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            int index = shard.Table.Find(h.Hash, key);
            bytes = index < 0 ? 0 : Database.KeyBytesLocked(shard, index);
            return index >= 0;
        }
    }
}
