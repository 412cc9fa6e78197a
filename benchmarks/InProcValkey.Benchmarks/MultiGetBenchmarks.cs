using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>MGET of 10 existing keys (consecutive in the round-robin order) beside 10 lookups filling an array.</summary>
[MemoryDiagnoser]
public class MultiGetBenchmarks
{
    private const int BatchSize = 10;
    private const int Batches = BenchData.Count / BatchSize;
    private BenchData _data = null!;
    private string[][] _keyBatches = null!;
    private byte[][][] _keyByteBatches = null!;
    private byte[][][] _mgetCommands = null!;
    private RoundRobin _rr;

    [GlobalSetup(Targets = [nameof(ConcurrentDictionaryTryGetValue), nameof(MemoryCacheTryGetValue)])]
    public void Setup()
    {
        _data = new BenchData();
        _keyBatches = new string[Batches][];
        _keyByteBatches = new byte[Batches][][];
        _mgetCommands = new byte[Batches][][];
        byte[] mget = "MGET"u8.ToArray();
        for (int b = 0; b < Batches; b++)
        {
            _keyBatches[b] = _data.Keys.AsSpan(b * BatchSize, BatchSize).ToArray();
            _keyByteBatches[b] = _data.KeyBytes.AsSpan(b * BatchSize, BatchSize).ToArray();
            _mgetCommands[b] = [mget, .. _keyByteBatches[b]];
        }
    }

    [GlobalSetup(Targets = [nameof(ValkeyMultiGetStringKeys), nameof(ValkeyMultiGetSpanKeys)])]
    public void SetupAndCheck()
    {
        Setup();
        BenchData.EnsureNotError(_data.Session.Execute(_mgetCommands[0]), "MGET");
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "10 x ConcurrentDictionary.TryGetValue")]
    public byte[]?[] ConcurrentDictionaryTryGetValue()
    {
        var keys = _keyBatches[_rr.Next(Batches)];
        var result = new byte[]?[keys.Length];
        for (int j = 0; j < keys.Length; j++)
        {
            _data.Dictionary.TryGetValue(keys[j], out result[j]);
        }
        return result;
    }

    [Benchmark(Description = "10 x MemoryCache.TryGetValue")]
    public byte[]?[] MemoryCacheTryGetValue()
    {
        var keys = _keyBatches[_rr.Next(Batches)];
        var result = new byte[]?[keys.Length];
        for (int j = 0; j < keys.Length; j++)
        {
            _data.Cache.TryGetValue(keys[j], out result[j]);
        }
        return result;
    }

    [Benchmark(Description = "StringGet(string[10])")]
    public string?[] ValkeyMultiGetStringKeys() => _data.Db.StringGet(_keyBatches[_rr.Next(Batches)]);

    [Benchmark(Description = "StringGet(byte[10][])")]
    public byte[]?[] ValkeyMultiGetSpanKeys() => _data.Db.StringGet(_keyByteBatches[_rr.Next(Batches)]);
}
