using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using InProcValkey.Commands;
using InProcValkey.Server.Monitoring;
using InProcValkey.Server.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InProcValkey.Server;

/// <summary>
/// Puts a <see cref="ValkeyStore"/> on the network: TCP (IPv4, IPv6) and Unix-domain-socket listeners speaking RESP2/RESP3,
/// so redis-cli, redis-benchmark and any Redis client use it as they would a Valkey 7.2 server.
/// </summary>
/// <example>
/// <code>
/// await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
/// await server.StartAsync();
/// Console.WriteLine(server.EndPoints[0]);
/// </code>
/// </example>
public sealed partial class ValkeyServer : IAsyncDisposable
{
    // Valkey's protected-mode refusal (networking.c), written before closing a non-loopback client.
    internal const string DeniedMessage =
        "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n";

    private readonly ValkeyServerOptions _options;
    private readonly bool _ownsStore;
    private readonly RespParserOptions _parserOptions;
    private readonly ConcurrentDictionary<long, ClientConnection> _clients = new();
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly List<EndPoint> _endPoints = [];
    private CancellationTokenSource? _stopping;
    private Timer? _idleTimer;
    private long _nextClientId;
    private int _state; // 0 new, 1 started, 2 stopped

    /// <summary>Creates a server for an existing <paramref name="store"/> (not disposed with the server).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public ValkeyServer(ValkeyStore store, ValkeyServerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _options = options ?? new ValkeyServerOptions();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ValkeyServer>();
        // The options seed the engine's configuration; the parser reads the limits from it (CONFIG SET applies to new frames).
        var config = store.Engine.Config;
        if (_options.ProtoMaxBulkLen != new ValkeyServerOptions().ProtoMaxBulkLen)
        {
            config.Seed("proto-max-bulk-len", _options.ProtoMaxBulkLen);
        }
        config.Seed("client-query-buffer-limit", _options.ClientQueryBufferLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.IoThreads, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.IoThreads, 128, nameof(options));
        config.Seed("io-threads", _options.IoThreads);
        if (_options.ClientOutputBufferLimit is { } outputLimits && config.Set("client-output-buffer-limit", outputLimits) is { } error)
        {
            throw new ArgumentException(error, nameof(options));
        }
        _parserOptions = new RespParserOptions { Config = config };
        Monitors = new MonitorFeed(store.Engine.Time);
        RequirePassBytes = string.IsNullOrEmpty(_options.RequirePass) ? null : Encoding.UTF8.GetBytes(_options.RequirePass);
    }

    /// <summary>Creates a server with a store of its own (disposed with the server), honouring <see cref="ValkeyServerOptions.ProtoMaxBulkLen"/>.</summary>
    public ValkeyServer(ValkeyServerOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(new ValkeyStore(new ValkeyStoreOptions { ProtoMaxBulkLen = (options ?? new ValkeyServerOptions()).ProtoMaxBulkLen }), options, loggerFactory)
    {
        _ownsStore = true;
    }

    /// <summary>The store the server serves.</summary>
    public ValkeyStore Store { get; }

    /// <summary>The bound endpoints (the real port when <see cref="ValkeyServerOptions.Port"/> is 0; a <see cref="UnixDomainSocketEndPoint"/> for the Unix socket).</summary>
    public IReadOnlyList<EndPoint> EndPoints => _endPoints;

    internal ILogger Logger { get; }

    internal ServerMetrics Metrics { get; } = new();

    internal byte[]? RequirePassBytes { get; }

    /// <summary>Binds every configured address and starts accepting clients.</summary>
    /// <exception cref="SocketException">An address could not be bound (nothing stays bound).</exception>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The server has already been started.");
        }
        cancellationToken.ThrowIfCancellationRequested();
        _stopping = new CancellationTokenSource();
        try
        {
            foreach (var address in _options.Bind)
            {
                BindTcp(ParseBind(address));
            }
            if (!string.IsNullOrEmpty(_options.UnixSocket))
            {
                BindUnix(_options.UnixSocket);
            }
        }
        catch
        {
            foreach (var l in _listeners)
            {
                l.Dispose();
            }
            _listeners.Clear();
            _endPoints.Clear();
            throw;
        }
        StartLoop();
        // CONFIG GET port answers the port really listened on (Valkey's server.port; 0 when only the Unix socket listens).
        Store.Engine.Config.Seed("port", _endPoints.OfType<IPEndPoint>().Select(e => e.Port).FirstOrDefault());
        foreach (var listener in _listeners)
        {
            Log.Listening(Logger, listener.LocalEndPoint!);
            _acceptLoops.Add(AcceptLoopAsync(listener, _stopping.Token));
        }
        // Valkey's clientsCron: idle timeout, and output stuck over the soft limit.
        _idleTimer = new Timer(_ => ClientsCron(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    private static IPAddress ParseBind(string address) => address switch
    {
        "*" or "0.0.0.0" => IPAddress.Any,
        "::" or "::*" or "-::*" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.Parse(address.TrimStart('-')),
    };

    private void BindTcp(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }
            socket.NoDelay = true;
            // The first listener fixes the port when Port = 0, so every address shares it (as Valkey's one port).
            int port = _options.Port != 0 || _endPoints.Count == 0 ? _options.Port : ((IPEndPoint)_endPoints[0]).Port;
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(511);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _listeners.Add(socket);
        _endPoints.Add(socket.LocalEndPoint!);
    }

    private void BindUnix(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            var endPoint = new UnixDomainSocketEndPoint(path);
            socket.Bind(endPoint);
            socket.Listen(511);
            _listeners.Add(socket);
            _endPoints.Add(endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }
                Log.AcceptFailed(Logger, listener.LocalEndPoint!, e);
                continue;
            }
            _ = ServeAsync(socket, stopping);
        }
    }

    /// <summary>
    /// Valkey's protected mode: with no password set, a TCP client from anywhere but loopback is refused (DENIED).
    /// </summary>
    internal static bool RefusedByProtectedMode(bool protectedMode, bool hasPassword, EndPoint? remote) =>
        protectedMode && !hasPassword && remote is IPEndPoint ip && !IPAddress.IsLoopback(ip.Address);

    private async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        bool unix = socket.AddressFamily == AddressFamily.Unix;
        if (!unix)
        {
            socket.NoDelay = true;
        }
        string address = unix ? (_options.UnixSocket + ":0") : FormatEndPoint(socket.RemoteEndPoint);
        string local = unix ? (_options.UnixSocket + ":0") : FormatEndPoint(socket.LocalEndPoint);
        string? refusal = null;
        if (_clients.Count >= _options.MaxClients)
        {
            refusal = "-" + Errors.ErrorMessages.MaxClients + "\r\n";
        }
        else if (!unix && RefusedByProtectedMode(_options.ProtectedMode, RequirePassBytes is not null, socket.RemoteEndPoint))
        {
            refusal = DeniedMessage;
        }
        var engine = Store.Engine;
        if (refusal is null || refusal == DeniedMessage)
        {
            // Valkey counts a connection once accepted under maxclients (a protected-mode refusal included).
            Interlocked.Increment(ref engine.TotalConnectionsReceived);
        }
        if (refusal is not null)
        {
            Interlocked.Increment(ref engine.RejectedConnections);
            Metrics.ConnectionsRejected.Add(1);
            Log.Refused(Logger, address, refusal.Length > 60 ? refusal[1..60] : refusal.Trim());
            try
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(refusal), SocketFlags.None, stopping).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
            socket.Dispose();
            return;
        }
        long id = Interlocked.Increment(ref _nextClientId);
        var client = new ClientConnection(this, socket, id, address, local, _parserOptions) { UnixSocketPath = unix ? _options.UnixSocket : null };
        _clients[id] = client;
        Interlocked.Increment(ref engine.ConnectedClients);
        Metrics.ConnectionsAccepted.Add(1);
        Metrics.ConnectionsActive.Add(1);
        Log.Accepted(Logger, id, address);
        try
        {
            await Task.Yield();
            await client.RunAsync(stopping).ConfigureAwait(false);
        }
        finally
        {
            _clients.TryRemove(id, out _);
            Interlocked.Decrement(ref engine.ConnectedClients);
            Metrics.ConnectionsActive.Add(-1);
        }
    }

    private static string FormatEndPoint(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip when ip.Address.IsIPv4MappedToIPv6 => $"{ip.Address.MapToIPv4()}:{ip.Port}",
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        _ => "?:0",
    };

    /// <summary>Every connected client, by id.</summary>
    internal IReadOnlyList<IClientConnection> Clients()
    {
        var list = new List<IClientConnection>(_clients.Count);
        foreach (var client in _clients.Values)
        {
            if (!client.IsClosing)
            {
                list.Add(client);
            }
        }
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    private void ClientsCron()
    {
        long limit = (long)_options.Timeout.TotalMilliseconds;
        var outputLimits = Store.Engine.Config.OutputBufferLimits;
        foreach (var client in _clients.Values)
        {
            // MONITOR clients never time out (Valkey flags them as replicas), nor do clients held by CLIENT PAUSE or blocked in
            // BLPOP and the like, nor subscribed clients (Valkey's clientsCronHandleTimeout spares blocked and pub/sub clients).
            if (limit > 0 && client.IdleMs > limit && !client.IsMonitor && !client.IsHeld && !client.IsBlocked && client.ClientType != "pubsub")
            {
                client.Kill();
            }
            client.CheckStalledOutput(client.ClientType == "pubsub" ? outputLimits.PubSub : outputLimits.Normal);
        }
    }

    // ---- epoll transport ----

    /// <summary>
    /// The Linux event loop the connections' sockets are served by (<see cref="Transport.EpollLoop"/>); null elsewhere, or
    /// with <c>INPROCVALKEY_SERVER_TRANSPORT=sockets</c> in the environment (.NET's socket engine through stream pipes).
    /// </summary>
    /// <remarks>
    /// <see cref="ValkeyServerOptions.IoThreads"/> loops; connections are spread over them in turn.
    /// </remarks>
    internal Transport.EpollLoop? LoopFor(long clientId) => _loops is { Length: > 0 } loops ? loops[clientId % loops.Length] : null;

    private Transport.EpollLoop[]? _loops;

    private void StartLoop()
    {
        if (_options.SocketEngine
            || string.Equals(Environment.GetEnvironmentVariable("INPROCVALKEY_SERVER_TRANSPORT"), "sockets", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        int count = _options.IoThreads;
        var loops = new List<Transport.EpollLoop>();
        for (int i = 0; i < count; i++)
        {
            if (Transport.EpollLoop.TryCreate("InProcValkey.Server loop " + i) is not { } loop)
            {
                break;
            }
            loops.Add(loop);
        }
        _loops = [.. loops];
    }

    private void StopLoop()
    {
        foreach (var loop in _loops ?? [])
        {
            loop.Dispose();
        }
        _loops = null;
    }

    /// <summary>The MONITOR clients of this server.</summary>
    internal MonitorFeed Monitors { get; }

    /// <summary>Stops accepting, closes every client and waits for their loops to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }
        if (_idleTimer is not null)
        {
            await _idleTimer.DisposeAsync().ConfigureAwait(false);
        }
        await _stopping!.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
        foreach (var client in _clients.Values)
        {
            client.Kill();
        }
        await Task.WhenAll(_acceptLoops).WaitAsync(cancellationToken).ConfigureAwait(false);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!_clients.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        if (!string.IsNullOrEmpty(_options.UnixSocket) && File.Exists(_options.UnixSocket))
        {
            File.Delete(_options.UnixSocket);
        }
        StopLoop();
        _stopping.Dispose();
        Log.Stopped(Logger);
    }

    /// <summary>Stops the server (<see cref="StopAsync"/>) and disposes the store when the server created it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _state, 2);
        Metrics.Dispose();
        if (_ownsStore)
        {
            Store.Dispose();
        }
    }
}
