using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// The cost of keyspace notifications on SET (same-size overwrite of 100k existing keys, typed API): off (the default),
/// configured <c>KEA</c> with nobody subscribed, <c>KEA</c> with one PSUBSCRIBE <c>__key*__:*</c> in-process subscription,
/// and a typed <see cref="KeyspaceEventSubscription"/> (no CONFIG). Subscribers never read: their bounded queues stay full
/// and drop the oldest event, which is the steady state of a slow consumer.
/// </summary>
[MemoryDiagnoser]
public class NotificationBenchmarks
{
    public enum Mode
    {
        Off,
        ConfiguredNoSubscriber,
        ConfiguredPatternSubscriber,
        TypedSubscription,
    }

    private BenchData _data = null!;
    private IDisposable? _subscription;
    private RoundRobin _rr;

    [Params(Mode.Off, Mode.ConfiguredNoSubscriber, Mode.ConfiguredPatternSubscriber, Mode.TypedSubscription)]
    public Mode Notifications { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new BenchData();
        if (Notifications is Mode.ConfiguredNoSubscriber or Mode.ConfiguredPatternSubscriber)
        {
            BenchData.EnsureNotError(_data.Store.Execute("CONFIG", "SET", "notify-keyspace-events", "KEA"), "CONFIG SET");
        }
        _subscription = Notifications switch
        {
            Mode.ConfiguredPatternSubscriber => _data.Store.SubscribePattern("__key*__:*", new ValkeySubscriptionOptions { Capacity = 1024 }),
            Mode.TypedSubscription => _data.Store.SubscribeKeyspaceEvents(options: new KeyspaceEventOptions { Capacity = 1024 }),
            _ => null,
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscription?.Dispose();
        _data.Dispose();
    }

    [Benchmark(Description = "StringSet(bytes, bytes)")]
    public bool Set()
    {
        int i = _rr.Next();
        return _data.Db.StringSet(_data.KeyBytes[i], _data.Values[i]);
    }
}
