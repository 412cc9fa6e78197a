using InProcValkey.Commands;

namespace InProcValkey.Keyspace;

/// <summary>
/// The shared state behind a <see cref="ValkeyStore"/>: its databases, clock, random source, statistics and the
/// active expiry cycle. Every surface (typed API, <c>Execute</c>, later the listener) reaches the same engine.
/// </summary>
internal sealed partial class Engine : IDisposable
{
    public readonly TimeProvider Time;
    public readonly Database[] Databases;
    public readonly KeyspaceStats Stats = new();
    public readonly CommandTable Commands = CommandTable.Default;
    public readonly EngineConfig Config;
    public readonly ServerStats ServerStats;

    /// <summary>Blocked commands (BLPOP, BZPOPMIN, …) and the keys they wait on.</summary>
    public readonly Blocking.BlockingRegistry Blocking;

    /// <summary><c>proto-max-bulk-len</c>, settable with CONFIG SET.</summary>
    public long ProtoMaxBulkLen => Config.ProtoMaxBulkLen;

    /// <summary>Connected clients for INFO (the listener counts its connections here).</summary>
    public int ConnectedClients;

    /// <summary>used_memory_peak as last computed by INFO memory.</summary>
    public long PeakMemory;

    /// <summary>When the store was created, unix ms (LASTSAVE, uptime).</summary>
    public readonly long StartedUnixMs;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly ActiveExpiry _activeExpiry;
    private volatile uint _lruClock;
    private int _disposed;

    public Engine(ValkeyStoreOptions options)
    {
        // ---- memory accounting (issue 6): what building the engine allocates is its fixed overhead ----
        long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        Time = options.TimeProvider ?? TimeProvider.System;
        Config = new EngineConfig(options.Databases, options.ProtoMaxBulkLen);
        ServerStats = new ServerStats(Commands.Count);
        Blocking = new Blocking.BlockingRegistry(this);
        StartedUnixMs = Time.GetUtcNow().ToUnixTimeMilliseconds();
        _random = options.RandomSeed is int seed ? new Random(seed) : new Random();
        Databases = new Database[options.Databases];
        for (int i = 0; i < Databases.Length; i++)
        {
            Databases[i] = new Database(this, i);
        }
        Notifier = new Notifications.KeyspaceNotifier(PubSub, Config); // ---- keyspace notifications ----
        UpdateLruClock();
        // The periodic timer always runs (it keeps the LRU clock current, like serverCron); it reclaims expired keys
        // only when active expiry is on.
        _activeExpiry = new ActiveExpiry(this, options.ActiveExpiryInterval, reclaim: options.ActiveExpiry);
        if (options.NotifyKeyspaceEvents is { } classes && Config.Set("notify-keyspace-events", classes) is { } error)
        {
            throw new ArgumentException(error, nameof(options));
        }
        InitializeMemory(allocatedAtStart, options);
    }

    /// <summary>
    /// The stamp a new entry starts with: Valkey's LRU clock (seconds, 24 bits, refreshed by the periodic cycle like
    /// <c>server.lruclock</c>), or under an LFU <c>maxmemory-policy</c> the LFU data a new object starts with (minutes and
    /// <c>LFU_INIT_VAL</c>), as Valkey's <c>createObject</c>. The clock itself is <see cref="LruClockRaw"/>.
    /// </summary>
    public uint LruClock => Config.LfuPolicy ? NewLfuStamp() : _lruClock;

    /// <summary>Valkey's LRU clock (INFO <c>lru_clock</c>).</summary>
    public uint LruClockRaw => _lruClock;

    public const uint LruClockMax = (1 << 24) - 1;

    public void UpdateLruClock()
    {
        long nowMs = Time.GetUtcNow().ToUnixTimeMilliseconds();
        _lruClock = (uint)(nowMs / 1000) & LruClockMax;
        // ---- eviction (issue 6): Valkey's LFUGetTimeInMinutes ----
        _lfuMinutes = (uint)(nowMs / 60000) & 0xFFFF;
    }

    /// <summary>Idle time in milliseconds of an entry with the given LRU stamp (Valkey's <c>estimateObjectIdleTime</c>).</summary>
    public long IdleTimeMs(uint lru)
    {
        uint now = (uint)(Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000) & LruClockMax;
        return now >= lru ? (long)(now - lru) * 1000 : (long)(LruClockMax - lru + now) * 1000;
    }

    public Random RandomUnsafe => _random;

    public Lock RandomLock => _randomLock;

    /// <summary>
    /// A uniform draw in [0, <paramref name="maxExclusive"/>) from the store's one random source (SPOP, SRANDMEMBER,
    /// HRANDFIELD, ZRANDMEMBER; RANDOMKEY draws under <see cref="RandomLock"/> too), seeded by
    /// <see cref="ValkeyStoreOptions.RandomSeed"/> so a seeded single-threaded test is repeatable. Thread-safe.
    /// </summary>
    public int NextRandom(int maxExclusive)
    {
        lock (_randomLock)
        {
            return _random.Next(maxExclusive);
        }
    }

    /// <summary><see cref="NextRandom(int)"/> over a 64-bit range.</summary>
    public long NextRandomInt64(long maxExclusive)
    {
        lock (_randomLock)
        {
            return _random.NextInt64(maxExclusive);
        }
    }

    public Database GetDatabase(int index) => Databases[index];

    /// <summary>Runs one active expiry cycle now (the timer calls it; tests may too).</summary>
    public void RunActiveExpireCycle() => _activeExpiry.RunCycle();

    /// <summary>DEBUG SET-ACTIVE-EXPIRE: turns the reclaiming part of the active expiry cycle on or off.</summary>
    public bool ActiveExpiryEnabled
    {
        get => _activeExpiry.Reclaim;
        set => _activeExpiry.Reclaim = value;
    }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _activeExpiry.Dispose();
        }
    }

    // ---- RESP listener (issue 3): connection statistics, client pause, keyspace hits ----

    /// <summary>INFO <c>keyspace_hits</c> / <c>keyspace_misses</c>.</summary>
    public readonly KeyspaceHitStats KeyspaceHits = new();

    /// <summary>INFO <c>total_connections_received</c> (the listener counts its accepted connections here).</summary>
    public long TotalConnectionsReceived;

    /// <summary>INFO <c>rejected_connections</c> (maxclients refusals).</summary>
    public long RejectedConnections;

    private ClientPause? _pause;

    /// <summary>CLIENT PAUSE / UNPAUSE state.</summary>
    public ClientPause Pause => _pause ?? Interlocked.CompareExchange(ref _pause, new ClientPause(Time), null) ?? _pause;

    // ---- Pub/sub (issue 7) ----

    /// <summary>PUBLISH / SUBSCRIBE and friends: channels, patterns, shard channels and their subscribers.</summary>
    public readonly PubSub.PubSubHub PubSub = new();

    // ---- keyspace notifications (issue 7) ----

    /// <summary><c>notify-keyspace-events</c> and typed keyspace event subscriptions; call sites use <see cref="Database.Notify"/>.</summary>
    public readonly Notifications.KeyspaceNotifier Notifier;
}
