using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace InProcValkey.Benchmarks;

/// <summary>
/// The data every benchmark works on, built once per benchmark process so that building keys is never measured:
/// <see cref="Count"/> keys <c>key:000000</c>… with 16-byte values, loaded into a <see cref="ValkeyStore"/>, a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> and a <see cref="MemoryCache"/>. Benchmarks pick keys round-robin
/// from the pre-built arrays.
/// </summary>
public sealed class BenchData : IDisposable
{
    public const int Count = 100_000;
    public const int ValueSize = 16;
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    public readonly string[] Keys = new string[Count];
    public readonly byte[][] KeyBytes = new byte[Count][];
    public readonly string[] MissingKeys = new string[Count];
    public readonly byte[][] MissingKeyBytes = new byte[Count][];
    public readonly byte[][] Values = new byte[Count][];

    public readonly ValkeyStore Store;
    public readonly ValkeyDatabase Db;
    public readonly ValkeySession Session;
    public readonly ConcurrentDictionary<string, byte[]> Dictionary;
    public readonly MemoryCache Cache;

    public BenchData()
    {
        for (int i = 0; i < Count; i++)
        {
            Keys[i] = $"key:{i:D6}";
            KeyBytes[i] = Encoding.UTF8.GetBytes(Keys[i]);
            MissingKeys[i] = $"miss:{i:D6}";
            MissingKeyBytes[i] = Encoding.UTF8.GetBytes(MissingKeys[i]);
            // 16 bytes that are not an integer, so Valkey keeps them as a string (embstr), as a cache would.
            Values[i] = Encoding.UTF8.GetBytes($"value-{i:D10}");
        }

        Store = new ValkeyStore();
        Db = Store.GetDatabase();
        Session = Store.CreateSession();
        Dictionary = new ConcurrentDictionary<string, byte[]>(Environment.ProcessorCount, Count);
        Cache = new MemoryCache(new MemoryCacheOptions());
        for (int i = 0; i < Count; i++)
        {
            Db.StringSet(KeyBytes[i], Values[i]);
            Dictionary[Keys[i]] = Values[i];
            Cache.Set(Keys[i], Values[i]);
        }
    }

    /// <summary>Throws when <paramref name="reply"/> is an error: a benchmark must not measure an error path.</summary>
    public static void EnsureNotError(ValkeyReply reply, string what)
    {
        if (reply.IsError)
        {
            throw new InvalidOperationException($"{what} failed: {reply.ErrorMessage}. This build cannot run this benchmark.");
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        Cache.Dispose();
    }
}

/// <summary>Round-robin position over <see cref="BenchData.Count"/> entries.</summary>
public struct RoundRobin
{
    private int _next;

    public int Next(int count = BenchData.Count)
    {
        int i = _next;
        _next = i + 1 == count ? 0 : i + 1;
        return i;
    }
}
