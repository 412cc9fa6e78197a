using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace InProcValkey.MemoryBench;

/// <summary>One measured load: bytes per key by each measure (NaN where a measure does not apply).</summary>
internal sealed record Measurement(string Store, bool Ttl, double AllocatedPerKey, double GcHeapPerKey, double RssPerKey);

/// <summary>Loads the data set into in-process stores and measures what the keys cost.</summary>
internal static class ManagedStores
{
    /// <summary>InProcValkey: SET key value [EX 3600] through the typed API with byte keys.</summary>
    public static Measurement InProcValkey(int count, bool ttl)
    {
        var store = new ValkeyStore();
        var db = store.GetDatabase();
        long usedBefore = UsedMemory(store); // ---- memory accounting (issue 6) ----
        var before = MemorySnapshot.Take();
        Span<byte> key = stackalloc byte[32];
        Span<byte> value = stackalloc byte[Dataset.ValueSize];
        for (int i = 1; i <= count; i++)
        {
            int n = Dataset.Key(i, key);
            Dataset.Value(i, value);
            if (ttl)
            {
                db.StringSet(key[..n], value, Dataset.Ttl);
            }
            else
            {
                db.StringSet(key[..n], value);
            }
        }
        var after = MemorySnapshot.Take();
        // ---- memory accounting (issue 6): the engine's own figure beside the GC's ----
        Console.WriteLine($"InProcValkey ({(ttl ? "EX 3600" : "no TTL")}): INFO used_memory grew by {(UsedMemory(store) - usedBefore) / (double)count:0.0} B/key, " +
            $"GC.GetTotalMemory by {(after.TotalMemory - before.TotalMemory) / (double)count:0.0} B/key.");
        Check(db.StringGet(key[..Dataset.Key(count, key)]) is { Length: Dataset.ValueSize }, "the last key was not stored");
        GC.KeepAlive(store);
        store.Dispose();
        return Delta("InProcValkey", ttl, before, after, count);
    }

    /// <summary>ConcurrentDictionary&lt;string, byte[]&gt; for reference (no TTL: it has none).</summary>
    public static Measurement ConcurrentDictionary(int count)
    {
        var before = MemorySnapshot.Take();
        var map = new ConcurrentDictionary<string, byte[]>();
        for (int i = 1; i <= count; i++)
        {
            map[Dataset.KeyString(i)] = Dataset.ValueArray(i);
        }
        var after = MemorySnapshot.Take();
        Check(map.Count == count, "keys are missing");
        GC.KeepAlive(map);
        return Delta("ConcurrentDictionary<string, byte[]>", false, before, after, count);
    }

    /// <summary>MemoryCache with string keys and byte[] values, for reference.</summary>
    public static Measurement MemoryCache(int count, bool ttl)
    {
        var before = MemorySnapshot.Take();
        var cache = new MemoryCache(new MemoryCacheOptions());
        for (int i = 1; i <= count; i++)
        {
            if (ttl)
            {
                cache.Set(Dataset.KeyString(i), Dataset.ValueArray(i), Dataset.Ttl);
            }
            else
            {
                cache.Set(Dataset.KeyString(i), Dataset.ValueArray(i));
            }
        }
        var after = MemorySnapshot.Take();
        Check(cache.Count == count, "keys are missing");
        GC.KeepAlive(cache);
        cache.Dispose();
        return Delta("MemoryCache (string, byte[])", ttl, before, after, count);
    }

    private static Measurement Delta(string store, bool ttl, MemorySnapshot before, MemorySnapshot after, int count) => new(
        store,
        ttl,
        (after.TotalMemory - before.TotalMemory) / (double)count,
        (after.HeapSize - before.HeapSize) / (double)count,
        (after.Rss - before.Rss) / (double)count);

    // INFO memory used_memory: the engine's running total (docs/memory.md).
    private static long UsedMemory(ValkeyStore store)
    {
        foreach (var line in store.Execute("INFO", "memory").ToString()!.Split("\r\n"))
        {
            if (line.StartsWith("used_memory:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan("used_memory:".Length), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("INFO memory has no used_memory");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
