using System.Buffers;
using BenchmarkDotNet.Attributes;
using InProcValkey.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace InProcValkey.Benchmarks;

/// <summary>
/// The IDistributedCache adapter (<see cref="ValkeyDistributedCache"/>) beside <see cref="MemoryDistributedCache"/> on the
/// same data: 200-byte values under 16-character keys with a 5-minute sliding expiry. Get hit, Get miss, Set with sliding
/// expiry, Refresh, and (ours only: MemoryDistributedCache has no buffer interface) TryGet into a reused buffer writer.
/// </summary>
[MemoryDiagnoser]
public class DistributedCacheBenchmarks
{
    private static readonly DistributedCacheEntryOptions Sliding = new() { SlidingExpiration = TimeSpan.FromMinutes(5) };

    private ValkeyStore _store = null!;
    private ValkeyDistributedCache _valkey = null!;
    private MemoryDistributedCache _memory = null!;
    private ArrayBufferWriter<byte> _writer = null!;
    private byte[] _value = null!;
    private string _hit = null!;
    private string _miss = null!;

    [Params("Valkey", "Memory")]
    public string Cache { get; set; } = "Valkey";

    private IDistributedCache Target => Cache == "Valkey" ? _valkey : _memory;

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore(new ValkeyStoreOptions { ActiveExpiry = false });
        _valkey = new ValkeyDistributedCache(new ValkeyDistributedCacheOptions { Store = _store, InstanceName = "app:" });
        _memory = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _writer = new ArrayBufferWriter<byte>(1024);
        _value = new byte[200];
        new Random(42).NextBytes(_value);
        _hit = "session:00000042";
        _miss = "session:99999999";
        _valkey.Set(_hit, _value, Sliding);
        _memory.Set(_hit, _value, Sliding);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _valkey.Dispose();
        _store.Dispose();
    }

    [Benchmark(Description = "Get hit (byte[])")]
    public byte[]? GetHit() => Target.Get(_hit);

    [Benchmark(Description = "Get miss")]
    public byte[]? GetMiss() => Target.Get(_miss);

    [Benchmark(Description = "Set, sliding 5 min (overwrite)")]
    public void SetSliding() => Target.Set(_hit, _value, Sliding);

    [Benchmark(Description = "Refresh")]
    public void Refresh() => Target.Refresh(_hit);

    [Benchmark(Description = "TryGet -> IBufferWriter")]
    public bool TryGetIntoWriter()
    {
        if (Target is not IBufferDistributedCache buffered)
        {
            return false; // MemoryDistributedCache does not implement IBufferDistributedCache
        }
        _writer.ResetWrittenCount();
        return buffered.TryGet(_hit, _writer);
    }
}
