using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// GET of a key that exists: InProcValkey's typed API beside ConcurrentDictionary and MemoryCache.
/// <see cref="Order"/> <c>insertion</c> reads keys in the order they were inserted, which gives node-based dictionaries
/// (whose nodes and key strings were allocated in that order) near-perfect spatial locality; <c>random</c> reads the same keys
/// in a fixed shuffled order, as an application's requests would.
/// </summary>
[MemoryDiagnoser]
public class GetHitBenchmarks
{
    private BenchData _data = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private RoundRobin _rr;
    private string[] _keys = null!;
    private byte[][] _keyBytes = null!;

    [Params("insertion", "random")]
    public string Order { get; set; } = "insertion";

    [GlobalSetup]
    public void Setup()
    {
        _data = new BenchData();
        _buffer = new ArrayBufferWriter<byte>(256);
        _keys = [.. _data.Keys];
        _keyBytes = [.. _data.KeyBytes];
        if (Order == "random")
        {
            var order = Enumerable.Range(0, BenchData.Count).ToArray();
            new Random(42).Shuffle(order);
            _keys = [.. order.Select(i => _data.Keys[i])];
            _keyBytes = [.. order.Select(i => _data.KeyBytes[i])];
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary.TryGetValue")]
    public byte[]? ConcurrentDictionaryTryGetValue()
    {
        _data.Dictionary.TryGetValue(_keys[_rr.Next()], out var value);
        return value;
    }

    [Benchmark(Description = "MemoryCache.TryGetValue")]
    public byte[]? MemoryCacheTryGetValue()
    {
        _data.Cache.TryGetValue(_keys[_rr.Next()], out byte[]? value);
        return value;
    }

    [Benchmark(Description = "StringGet(string) -> string")]
    public string? ValkeyGetStringKey() => _data.Db.StringGet(_keys[_rr.Next()]);

    [Benchmark(Description = "StringGet(string, IBufferWriter)")]
    public bool ValkeyGetStringKeyIntoBuffer()
    {
        _buffer.ResetWrittenCount();
        return _data.Db.StringGet(_keys[_rr.Next()], _buffer);
    }

    [Benchmark(Description = "StringGet(bytes) -> byte[]")]
    public byte[]? ValkeyGetSpanKey() => _data.Db.StringGet(_keyBytes[_rr.Next()]);

    [Benchmark(Description = "StringGet(bytes, IBufferWriter)")]
    public bool ValkeyGetSpanKeyIntoBuffer()
    {
        _buffer.ResetWrittenCount();
        return _data.Db.StringGet(_keyBytes[_rr.Next()], _buffer);
    }
}

/// <summary>GET of a key that does not exist.</summary>
[MemoryDiagnoser]
public class GetMissBenchmarks
{
    private BenchData _data = null!;
    private RoundRobin _rr;

    [GlobalSetup]
    public void Setup() => _data = new BenchData();

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary.TryGetValue")]
    public byte[]? ConcurrentDictionaryTryGetValue()
    {
        _data.Dictionary.TryGetValue(_data.MissingKeys[_rr.Next()], out var value);
        return value;
    }

    [Benchmark(Description = "MemoryCache.TryGetValue")]
    public byte[]? MemoryCacheTryGetValue()
    {
        _data.Cache.TryGetValue(_data.MissingKeys[_rr.Next()], out byte[]? value);
        return value;
    }

    [Benchmark(Description = "StringGet(string)")]
    public string? ValkeyGetStringKey() => _data.Db.StringGet(_data.MissingKeys[_rr.Next()]);

    [Benchmark(Description = "StringGet(bytes)")]
    public byte[]? ValkeyGetSpanKey() => _data.Db.StringGet(_data.MissingKeyBytes[_rr.Next()]);
}
