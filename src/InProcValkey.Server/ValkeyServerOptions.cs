namespace InProcValkey.Server;

/// <summary>
/// Settings of a <see cref="ValkeyServer"/>, named after Valkey's configuration directives (<c>bind</c>, <c>port</c>,
/// <c>unixsocket</c>, <c>requirepass</c>, <c>maxclients</c>, <c>timeout</c>, <c>protected-mode</c>, <c>proto-max-bulk-len</c>,
/// <c>client-query-buffer-limit</c>).
/// </summary>
public sealed class ValkeyServerOptions
{
    /// <summary>Valkey's <c>bind</c>: addresses to listen on (<c>127.0.0.1</c>, <c>::1</c>, <c>*</c> or <c>0.0.0.0</c> for every IPv4 interface, <c>::</c> / <c>::*</c> for every IPv6 one).</summary>
    public IList<string> Bind { get; } = ["127.0.0.1"];

    /// <summary>Valkey's <c>port</c>: the TCP port; 0 picks a free port (see <see cref="ValkeyServer.EndPoints"/>).</summary>
    public int Port { get; set; } = 6379;

    /// <summary>Valkey's <c>unixsocket</c>: path of a Unix-domain socket to listen on as well; null for none.</summary>
    public string? UnixSocket { get; set; }

    /// <summary>Valkey's <c>requirepass</c>: the default user's password (AUTH); null for none.</summary>
    public string? RequirePass { get; set; }

    /// <summary>Valkey's <c>maxclients</c>: connections beyond it get <c>-ERR max number of clients reached</c> and are closed.</summary>
    public int MaxClients { get; set; } = 10000;

    /// <summary>Valkey's <c>timeout</c>: idle clients are closed after it; zero (the default) never closes them.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.Zero;

    /// <summary>Valkey's <c>protected-mode</c>: with no <see cref="RequirePass"/>, clients not on the loopback interface are refused with <c>-DENIED</c>.</summary>
    public bool ProtectedMode { get; set; } = true;

    /// <summary>Valkey's <c>proto-max-bulk-len</c> (512 MB): the largest bulk string a client may send; also applied to the store the server creates.</summary>
    public long ProtoMaxBulkLen { get; set; } = 512L * 1024 * 1024;

    /// <summary>Valkey's <c>client-query-buffer-limit</c> (1 GB): a client whose pending input exceeds it is closed.</summary>
    public long ClientQueryBufferLimit { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Valkey's <c>client-output-buffer-limit</c>, in its syntax (<c>normal 64mb 16mb 60</c>: class, hard limit, soft limit,
    /// soft seconds; only the classes named change). A normal client whose pending replies pass the hard limit, or stay over
    /// the soft limit for longer than the soft seconds, is disconnected. Null keeps the store's setting (Valkey's default
    /// <c>normal 0 0 0 …</c>: no limit for normal clients).
    /// </summary>
    public string? ClientOutputBufferLimit { get; set; }

    /// <summary>
    /// Valkey's <c>io-threads</c>: how many event-loop threads serve the connections' sockets (1 to 128; default 1, as in
    /// Valkey). Each loop waits in <c>epoll_wait</c> and runs its connections' commands inline, as Valkey's main thread does;
    /// connections are spread over the loops in turn. More loops use more cores for many busy connections; one loop uses
    /// the least CPU per request. Used on Linux x86-64; elsewhere .NET's socket engine serves the connections.
    /// </summary>
    public int IoThreads { get; set; } = 1;

    /// <summary>
    /// Serve the sockets through .NET's socket engine (stream pipes) instead of the epoll loops, as on other platforms; also
    /// set by <c>INPROCVALKEY_SERVER_TRANSPORT=sockets</c> in the environment. Tests use it to keep that path covered.
    /// </summary>
    internal bool SocketEngine { get; set; }
}
