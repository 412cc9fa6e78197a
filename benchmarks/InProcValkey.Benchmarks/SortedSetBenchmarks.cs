using System.Text;
using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// Sorted-set operations on one 100,000-member sorted set (skiplist encoding: the member table + order-statistic tree):
/// ZADD of an existing member with a new score (a move inside the tree), ZSCORE, ZRANK and ZRANGE 0 9, through the typed API,
/// and ZRANGE 0 9 WITHSCORES through a session (command parsing and reply building included).
/// </summary>
[MemoryDiagnoser]
public class SortedSetBenchmarks
{
    private const int Members = 100_000;
    private ValkeyStore _store = null!;
    private ValkeyDatabase _db = null!;
    private ValkeySession _session = null!;
    private byte[] _key = null!;
    private byte[][] _members = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore();
        _db = _store.GetDatabase();
        _session = _store.CreateSession();
        _key = "zset"u8.ToArray();
        _members = new byte[Members][];
        var order = Enumerable.Range(0, Members).ToArray();
        new Random(42).Shuffle(order);
        for (int i = 0; i < Members; i++)
        {
            _members[i] = Encoding.ASCII.GetBytes($"member:{order[i]:D6}");
            _db.SortedSetAdd(_key, _members[i], order[i]);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    private byte[] Next()
    {
        int i = _i;
        _i = i + 1 == Members ? 0 : i + 1;
        return _members[i];
    }

    [Benchmark(Description = "ZADD (update score, 100k zset)")]
    public bool ZAdd()
    {
        var m = Next();
        return _db.SortedSetAdd(_key, m, _i * 1.5);
    }

    [Benchmark(Description = "ZSCORE (100k zset)")]
    public double? ZScore() => _db.SortedSetScore(_key, Next());

    [Benchmark(Description = "ZRANK (100k zset)")]
    public long? ZRank() => _db.SortedSetRank(_key, Next());

    [Benchmark(Description = "ZRANGE 0 9 (100k zset)")]
    public byte[][] ZRange() => _db.SortedSetRangeByRank(_key, 0, 9);

    [Benchmark(Description = "session ZRANGE 0 9 WITHSCORES")]
    public ValkeyReply ZRangeCommand() => _session.Execute("ZRANGE", "zset", "0", "9", "WITHSCORES");
}
