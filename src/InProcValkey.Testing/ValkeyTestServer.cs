using System.Net;
using InProcValkey.Server;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace InProcValkey.Testing;

/// <summary>
/// An in-process Valkey 7.2-compatible server for tests, reached by StackExchange.Redis with no socket (an in-memory
/// <see cref="ConfigurationOptions.Tunnel"/>), on a clock the test moves.
/// </summary>
/// <example>
/// <code>
/// await using var kit = await ValkeyTestServer.StartAsync();
/// var db = kit.Multiplexer.GetDatabase();
/// await db.StringSetAsync("k", "v", TimeSpan.FromMinutes(1));
/// kit.Time.Advance(TimeSpan.FromMinutes(1));
/// Assert.False(await db.KeyExistsAsync("k"));
/// </code>
/// </example>
public sealed partial class ValkeyTestServer : IAsyncDisposable, IDisposable
{
    private readonly ValkeyServer _server;
    private readonly InProcTunnel _tunnel;
    private readonly KitInterceptor _interceptor;
    private readonly List<(string Name, string Value)> _initialConfig;
    private readonly List<IConnectionMultiplexer> _connections = [];
    private readonly Lock _lock = new();
    private readonly ValkeyTestServerOptions _options;
    private long _prefixes;
    private int _disposed;

    private ValkeyTestServer(ValkeyTestServerOptions options)
    {
        _options = options;
        TimeProvider = options.TimeProvider ?? new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Store = new ValkeyStore(new ValkeyStoreOptions { TimeProvider = TimeProvider, Databases = options.Databases, RandomSeed = options.Seed });
        var serverOptions = new ValkeyServerOptions { Port = 0 };
        serverOptions.Bind.Clear();
        _server = new ValkeyServer(Store, serverOptions);
        Log = new CommandLog();
        Faults = new FaultInjector(options.Seed, TimeProvider, DropConnections);
        _interceptor = new KitInterceptor(Log, Faults, TimeProvider, options.ClusterStrict);
        _server.Interceptor = _interceptor;
        _tunnel = new InProcTunnel(_server);
        _initialConfig = Store.Engine.Config.Match("*"u8);
    }

    /// <summary>Starts a server and connects <see cref="Multiplexer"/> to it.</summary>
    public static async Task<ValkeyTestServer> StartAsync(ValkeyTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var kit = new ValkeyTestServer(options ?? new ValkeyTestServerOptions());
        try
        {
            await kit._server.StartAsync(cancellationToken).ConfigureAwait(false);
            kit.Multiplexer = await kit.ConnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            kit.Log.Clear();
            return kit;
        }
        catch
        {
            await kit.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts a server with options changed by <paramref name="configure"/>.</summary>
    public static Task<ValkeyTestServer> StartAsync(Action<ValkeyTestServerOptions> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ValkeyTestServerOptions();
        configure(options);
        return StartAsync(options, cancellationToken);
    }

    /// <summary>The kit's connection (disposed with the kit).</summary>
    public IConnectionMultiplexer Multiplexer { get; private set; } = null!;

    /// <summary>The server's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The server's clock as the <see cref="FakeTimeProvider"/> the kit created: <c>Time.Advance(…)</c> expires keys,
    /// times out blocking commands and releases delayed replies before it returns.</summary>
    /// <exception cref="InvalidOperationException">The options gave a clock that is not a <see cref="FakeTimeProvider"/>.</exception>
    public FakeTimeProvider Time => TimeProvider as FakeTimeProvider
        ?? throw new InvalidOperationException("The kit runs on the TimeProvider given in its options, not on a FakeTimeProvider.");

    /// <summary>The store behind the server, for seeding and reading with the typed API (no command log, no faults).</summary>
    public ValkeyStore Store { get; }

    /// <summary>Every command the server received from clients (the kit's own seeding and snapshots are not in it).</summary>
    public CommandLog Log { get; }

    /// <summary>Scripted faults: failed commands, dropped connections, delayed replies.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Strict cluster mode (<see cref="ValkeyTestServerOptions.ClusterStrict"/>); can be switched at any time.</summary>
    public bool ClusterStrict
    {
        get => _interceptor.ClusterStrict;
        set => _interceptor.ClusterStrict = value;
    }

    /// <summary>The StackExchange.Redis configuration the kit's connections use (a fresh copy each call): a placeholder
    /// endpoint and the in-memory tunnel. Use it to connect libraries that build their own multiplexer.</summary>
    public ConfigurationOptions CreateConfiguration()
    {
        var config = new ConfigurationOptions
        {
            Tunnel = _tunnel,
            Protocol = _options.Protocol,
            ClientName = _options.ClientName,
            AllowAdmin = true,
            AbortOnConnectFail = true,
            ConnectTimeout = 10_000,
            // No probing traffic of its own: no tie-breaker GET, no configuration channel subscription.
            TieBreaker = "",
            ConfigurationChannel = "",
        };
        config.EndPoints.Add(new DnsEndPoint("inprocvalkey", 6379));
        _options.ConfigureConnection?.Invoke(config);
        return config;
    }

    /// <summary>Connects another multiplexer (disposed with the kit), e.g. on the other protocol.</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync(Action<ConfigurationOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var config = CreateConfiguration();
        configure?.Invoke(config);
        cancellationToken.ThrowIfCancellationRequested();
        var mux = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        lock (_lock)
        {
            _connections.Add(mux);
        }
        return mux;
    }

    /// <summary>A database view of the kit's connection whose keys all get a fresh prefix (StackExchange.Redis's
    /// <c>WithKeyPrefix</c>): tests sharing one kit do not see each other's keys.</summary>
    /// <param name="prefix">The prefix; null makes a unique one (<c>test-1:</c>, <c>test-2:</c>, …).</param>
    /// <param name="database">The database to use.</param>
    public IDatabase GetIsolatedDatabase(string? prefix = null, int database = 0)
    {
        prefix ??= $"test-{Interlocked.Increment(ref _prefixes)}:";
        return Multiplexer.GetDatabase(database).WithKeyPrefix(prefix);
    }

    /// <summary>
    /// Empties everything for the next test: every database (FLUSHALL), configuration back to its values at start (CONFIG SET),
    /// the command log and the fault rules; the connections stay.
    /// </summary>
    public void Reset()
    {
        Faults.Clear();
        Store.FlushAll();
        var config = Store.Engine.Config;
        foreach (var (name, value) in _initialConfig)
        {
            if (config.Get(name) != value)
            {
                config.Set(name, value);
            }
        }
        Store.Engine.ServerStats.Reset();
        Log.Clear();
    }

    private void DropConnections()
    {
        foreach (var client in _server.Clients())
        {
            client.Kill();
        }
    }

    /// <summary>Closes the connections and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        IConnectionMultiplexer[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
            _connections.Clear();
        }
        foreach (var mux in connections)
        {
            await mux.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            mux.Dispose();
        }
        // The server's side of each connection ends when the client's stream is closed; waiting here (rather than in the
        // server's stop) keeps disposal cheap.
        DropConnections();
        await _tunnel.AllClosed().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        Store.Dispose();
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
