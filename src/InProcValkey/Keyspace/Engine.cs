using InProcValkey.Commands;

namespace InProcValkey.Keyspace;

/// <summary>
/// The shared state behind a <see cref="ValkeyStore"/>: its databases, clock, random source, statistics and the
/// active expiry cycle. Every surface (typed API, <c>Execute</c>, later the listener) reaches the same engine.
/// </summary>
internal sealed class Engine : IDisposable
{
    public readonly TimeProvider Time;
    public readonly Database[] Databases;
    public readonly KeyspaceStats Stats = new();
    public readonly CommandTable Commands = CommandTable.Default;
    public readonly long ProtoMaxBulkLen;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly ActiveExpiry _activeExpiry;
    private volatile uint _lruClock;
    private int _disposed;

    public Engine(ValkeyStoreOptions options)
    {
        Time = options.TimeProvider ?? TimeProvider.System;
        ProtoMaxBulkLen = options.ProtoMaxBulkLen;
        _random = options.RandomSeed is int seed ? new Random(seed) : new Random();
        Databases = new Database[options.Databases];
        for (int i = 0; i < Databases.Length; i++)
        {
            Databases[i] = new Database(this, i);
        }
        UpdateLruClock();
        // The periodic timer always runs (it keeps the LRU clock current, like serverCron); it reclaims expired keys
        // only when active expiry is on.
        _activeExpiry = new ActiveExpiry(this, options.ActiveExpiryInterval, reclaim: options.ActiveExpiry);
    }

    /// <summary>Valkey's LRU clock: seconds, 24 bits, refreshed by the periodic cycle (like <c>server.lruclock</c>).</summary>
    public uint LruClock => _lruClock;

    public const uint LruClockMax = (1 << 24) - 1;

    public void UpdateLruClock() =>
        _lruClock = (uint)(Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000) & LruClockMax;

    /// <summary>Idle time in milliseconds of an entry with the given LRU stamp (Valkey's <c>estimateObjectIdleTime</c>).</summary>
    public long IdleTimeMs(uint lru)
    {
        uint now = (uint)(Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000) & LruClockMax;
        return now >= lru ? (long)(now - lru) * 1000 : (long)(LruClockMax - lru + now) * 1000;
    }

    /// <summary>A number in [0, maxExclusive) from the store's one random source.</summary>
    public int NextRandom(int maxExclusive)
    {
        lock (_randomLock)
        {
            return _random.Next(maxExclusive);
        }
    }

    public Random RandomUnsafe => _random;

    public Lock RandomLock => _randomLock;

    public Database GetDatabase(int index) => Databases[index];

    /// <summary>Runs one active expiry cycle now (the timer calls it; tests may too).</summary>
    public void RunActiveExpireCycle() => _activeExpiry.RunCycle();

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _activeExpiry.Dispose();
        }
    }
}
