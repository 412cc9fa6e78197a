using System.Collections.Concurrent;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>INCR of existing counters (100k keys <c>counter:000000</c>…, round-robin) beside ConcurrentDictionary.AddOrUpdate.</summary>
[MemoryDiagnoser]
public class IncrBenchmarks
{
    private BenchData _data = null!;
    private string[] _counterKeys = null!;
    private byte[][] _counterKeyBytes = null!;
    private byte[][][] _incrCommands = null!;
    private ConcurrentDictionary<string, long> _counters = null!;
    private RoundRobin _rr;

    [GlobalSetup(Target = nameof(ConcurrentDictionaryIncrement))]
    public void Setup()
    {
        _data = new BenchData();
        _counterKeys = new string[BenchData.Count];
        _counterKeyBytes = new byte[BenchData.Count][];
        _incrCommands = new byte[BenchData.Count][][];
        _counters = new ConcurrentDictionary<string, long>(Environment.ProcessorCount, BenchData.Count);
        byte[] incr = "INCR"u8.ToArray();
        for (int i = 0; i < BenchData.Count; i++)
        {
            _counterKeys[i] = $"counter:{i:D6}";
            _counterKeyBytes[i] = Encoding.UTF8.GetBytes(_counterKeys[i]);
            _incrCommands[i] = [incr, _counterKeyBytes[i]];
            _data.Db.StringSet(_counterKeys[i], "0");
            _counters[_counterKeys[i]] = 0;
        }
    }

    [GlobalSetup(Targets = [nameof(ValkeyIncrementStringKey), nameof(ValkeyIncrementSpanKey)])]
    public void SetupAndCheck()
    {
        Setup();
        BenchData.EnsureNotError(_data.Session.Execute(_incrCommands[0]), "INCR");
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary.AddOrUpdate(+1)")]
    public long ConcurrentDictionaryIncrement() =>
        _counters.AddOrUpdate(_counterKeys[_rr.Next()], 1, static (_, v) => v + 1);

    [Benchmark(Description = "StringIncrement(string)")]
    public long ValkeyIncrementStringKey() => _data.Db.StringIncrement(_counterKeys[_rr.Next()]);

    [Benchmark(Description = "StringIncrement(bytes)")]
    public long ValkeyIncrementSpanKey() => _data.Db.StringIncrement(_counterKeyBytes[_rr.Next()]);
}
