using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// Eviction under steady overload (issue 6): a store holding 100,000 keys (16-byte values) with <c>maxmemory</c> set to what
/// they use, so every SET of a new key first evicts about one key by the policy. The baseline does the same work by hand on a
/// store without a limit (SET a new key, DEL the oldest), so the difference is the cost of choosing a key by sampling. One
/// operation evicts one key on average: keys evicted per second = 1 / (time per operation).
/// </summary>
[MemoryDiagnoser]
public class EvictionBenchmarks
{
    private const int Preload = 100_000;
    private ValkeyStore _store = null!;
    private ValkeyDatabase _db = null!;
    private byte[] _value = null!;
    private byte[][] _keys = null!;
    private long _next;
    private long _oldest;

    [Params("none (SET + DEL)", "allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-ttl")]
    public string Policy { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore();
        _db = _store.GetDatabase();
        _value = Encoding.UTF8.GetBytes("value-0123456789");
        // Enough distinct keys for any run; keys are reused round-robin once evicted.
        _keys = new byte[4 * 1024 * 1024][];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = Encoding.UTF8.GetBytes("key:" + i.ToString("D8", CultureInfo.InvariantCulture));
        }
        for (int i = 0; i < Preload; i++)
        {
            _db.StringSet(_keys[i], _value, TimeSpan.FromHours(1 + i % 24));
        }
        _next = Preload;
        if (Policy.StartsWith("none", StringComparison.Ordinal))
        {
            return;
        }
        var session = _store.CreateSession();
        BenchData.EnsureNotError(session.Execute("CONFIG", "SET", "maxmemory-policy", Policy), "CONFIG SET");
        long used = long.Parse(session.Execute("INFO", "memory").ToString()!.Split("\r\n")
            .First(l => l.StartsWith("used_memory:", StringComparison.Ordinal))["used_memory:".Length..], CultureInfo.InvariantCulture);
        BenchData.EnsureNotError(session.Execute("CONFIG", "SET", "maxmemory", used.ToString(CultureInfo.InvariantCulture)), "CONFIG SET");
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "SET of a new key (evicts ~1 key)")]
    public void SetNewKey()
    {
        var key = _keys[_next++ % _keys.Length];
        _db.StringSet(key, _value, TimeSpan.FromHours(1 + _next % 24));
        if (Policy[0] == 'n')
        {
            _db.KeyDelete(_keys[_oldest++ % _keys.Length]);
        }
    }
}
