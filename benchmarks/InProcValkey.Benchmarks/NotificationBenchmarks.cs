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

/// <summary>
/// The check every notifying call site pays with notifications off: <c>Database.Notify</c> (one field read and a branch),
/// against the same loop without it. Eight calls per invocation, as a command touching a few keys would make at most.
/// </summary>
public class NotifyFastPathBenchmarks
{
    private ValkeyStore _store = null!;
    private Keyspace.Database _db = null!;
    private byte[] _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore();
        _db = _store.Engine.Databases[0];
        _key = "key:000001"u8.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, Description = "8 × key length (no notify)", OperationsPerInvoke = 8)]
    public int Baseline()
    {
        int n = 0;
        for (int i = 0; i < 8; i++)
        {
            n += _key.Length;
        }
        return n;
    }

    [Benchmark(Description = "8 × Database.Notify, notifications off", OperationsPerInvoke = 8)]
    public int NotifyOff()
    {
        int n = 0;
        for (int i = 0; i < 8; i++)
        {
            _db.Notify(KeyspaceEventClasses.String, Keyspace.Notifications.Ev.Set, _key);
            n += _key.Length;
        }
        return n;
    }
}
