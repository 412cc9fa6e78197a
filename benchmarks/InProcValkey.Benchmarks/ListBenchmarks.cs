using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// Issue 4's list benchmarks through the typed API: LPUSH then RPOP of one element (the list stays at 100 items, a
/// listpack inline in its entry), and LRANGE 0 9 on a 1,000-item list (a quicklist), into caller buffers or as arrays.
/// </summary>
[MemoryDiagnoser]
public class ListBenchmarks
{
    private ValkeyStore _store = null!;
    private ValkeyDatabase _db = null!;
    private readonly byte[] _queue = "bench:queue"u8.ToArray();
    private readonly byte[] _big = "bench:list1000"u8.ToArray();
    private readonly byte[] _value = "payload-0123456789"u8.ToArray();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly int[] _lengths = new int[10];

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore();
        _db = _store.GetDatabase();
        for (int i = 0; i < 100; i++)
        {
            _db.ListRightPush(_queue, _value);
        }
        for (int i = 0; i < 1000; i++)
        {
            _db.ListRightPush(_big, System.Text.Encoding.ASCII.GetBytes("element:" + i));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "LPUSH + RPOP (into IBufferWriter)")]
    public bool PushPop()
    {
        _db.ListLeftPush(_queue, _value);
        _buffer.ResetWrittenCount();
        return _db.ListRightPop(_queue, _buffer);
    }

    [Benchmark(Description = "LPUSH + RPOP -> byte[]")]
    public byte[]? PushPopArray()
    {
        _db.ListLeftPush(_queue, _value);
        return _db.ListRightPop(_queue);
    }

    [Benchmark(Description = "LRANGE 0 9 of 1,000 (into IBufferWriter)")]
    public int Range10()
    {
        _buffer.ResetWrittenCount();
        return _db.ListRange(_big, 0, 9, _buffer, _lengths);
    }

    [Benchmark(Description = "LRANGE 0 9 of 1,000 -> byte[][]")]
    public byte[][] Range10Arrays() => _db.ListRange(_big, 0, 9);
}
