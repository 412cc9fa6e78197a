using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// Hashes through the typed API: HSET/HGET on a 10-field hash, HGETALL of 10 fields, and the 3-field shape the
/// IDistributedCache adapter stores (absexp, sldexp, data). Reads into caller buffers (<see cref="IBufferWriter{T}"/>,
/// <see cref="ValkeyValueBuffer"/>) allocate nothing; the array-returning overloads are shown beside them.
/// </summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private ValkeyStore _store = null!;
    private ValkeyDatabase _db = null!;
    private ArrayBufferWriter<byte> _writer = null!;
    private ValkeyValueBuffer _values = null!;
    private byte[] _key = null!;
    private byte[] _cacheKey = null!;
    private byte[][] _fields = null!;
    private byte[] _value = null!;
    private HashEntry[] _cacheEntries = null!;
    private ReadOnlyMemory<byte>[] _cacheFields = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore(new ValkeyStoreOptions { ActiveExpiry = false });
        _db = _store.GetDatabase(0);
        _writer = new ArrayBufferWriter<byte>(256);
        _values = new ValkeyValueBuffer();
        _key = "user:1000"u8.ToArray();
        _cacheKey = "cache:entry:1"u8.ToArray();
        _fields = [.. Enumerable.Range(0, 10).Select(i => Encoding.ASCII.GetBytes($"field{i}"))];
        _value = "value-0123456789"u8.ToArray();
        foreach (var f in _fields)
        {
            _db.HashSet(_key, f, _value);
        }
        _cacheEntries =
        [
            new HashEntry("absexp"u8.ToArray(), "1767225600000"u8.ToArray()),
            new HashEntry("sldexp"u8.ToArray(), "-1"u8.ToArray()),
            new HashEntry("data"u8.ToArray(), new byte[200]),
        ];
        _cacheFields = [.. _cacheEntries.Select(e => e.Name)];
        _db.HashSet(_cacheKey, _cacheEntries);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    private byte[] NextField() => _fields[_i++ % 10];

    [Benchmark(Description = "HSET 10-field hash (existing field)")]
    public bool HashSetExisting() => _db.HashSet(_key, NextField(), _value);

    [Benchmark(Description = "HGET 10-field hash -> IBufferWriter")]
    public bool HashGetIntoBuffer()
    {
        _writer.ResetWrittenCount();
        return _db.HashGet(_key, NextField(), _writer);
    }

    [Benchmark(Description = "HGET 10-field hash -> byte[]")]
    public byte[]? HashGetArray() => _db.HashGet(_key, NextField());

    [Benchmark(Description = "HGETALL 10 fields -> ValkeyValueBuffer")]
    public int HashGetAllIntoBuffer() => _db.HashGetAll(_key, _values);

    [Benchmark(Description = "HGETALL 10 fields -> HashEntry[]")]
    public HashEntry[] HashGetAllArray() => _db.HashGetAll(_key);

    [Benchmark(Description = "HSET 3 fields (cache entry shape)")]
    public long HashSetCacheEntry() => _db.HashSet(_cacheKey, _cacheEntries);

    [Benchmark(Description = "HMGET 3 fields -> ValkeyValueBuffer")]
    public int HashGetCacheEntry()
    {
        _db.HashGet(_cacheKey, _cacheFields, _values);
        return _values.Count;
    }
}
