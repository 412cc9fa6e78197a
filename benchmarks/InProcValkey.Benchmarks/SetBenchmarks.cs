using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Memory;

namespace InProcValkey.Benchmarks;

/// <summary>SET that overwrites an existing key with a value of the same size.</summary>
[MemoryDiagnoser]
public class SetBenchmarks
{
    private BenchData _data = null!;
    private RoundRobin _rr;

    [GlobalSetup]
    public void Setup() => _data = new BenchData();

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary[key] = value")]
    public void ConcurrentDictionarySet()
    {
        int i = _rr.Next();
        _data.Dictionary[_data.Keys[i]] = _data.Values[i];
    }

    [Benchmark(Description = "MemoryCache.Set")]
    public byte[] MemoryCacheSet()
    {
        int i = _rr.Next();
        return _data.Cache.Set(_data.Keys[i], _data.Values[i]);
    }

    [Benchmark(Description = "StringSet(string, byte[])")]
    public bool ValkeySetStringKey()
    {
        int i = _rr.Next();
        return _data.Db.StringSet(_data.Keys[i], _data.Values[i]);
    }

    [Benchmark(Description = "StringSet(bytes, bytes)")]
    public bool ValkeySetSpanKey()
    {
        int i = _rr.Next();
        return _data.Db.StringSet(_data.KeyBytes[i], _data.Values[i]);
    }
}

/// <summary>SET with a time to live (SET … EX 3600) beside MemoryCache.Set with an expiration relative to now.</summary>
[MemoryDiagnoser]
public class SetWithExpiryBenchmarks
{
    private BenchData _data = null!;
    private RoundRobin _rr;

    [GlobalSetup]
    public void Setup() => _data = new BenchData();

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "MemoryCache.Set(ttl)")]
    public byte[] MemoryCacheSet()
    {
        int i = _rr.Next();
        return _data.Cache.Set(_data.Keys[i], _data.Values[i], BenchData.Ttl);
    }

    [Benchmark(Description = "StringSet(string, byte[], ttl)")]
    public bool ValkeySetStringKey()
    {
        int i = _rr.Next();
        return _data.Db.StringSet(_data.Keys[i], _data.Values[i], BenchData.Ttl);
    }

    [Benchmark(Description = "StringSet(bytes, bytes, ttl)")]
    public bool ValkeySetSpanKey()
    {
        int i = _rr.Next();
        return _data.Db.StringSet(_data.KeyBytes[i], _data.Values[i], BenchData.Ttl);
    }
}
