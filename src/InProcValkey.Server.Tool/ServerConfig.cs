namespace InProcValkey.Server.Tool;

/// <summary>The settings the tool runs with, after the config file and the command line (valkey-server's directives).</summary>
internal sealed class ServerConfig
{
    /// <summary><c>port</c>; 0 picks a free port.</summary>
    public int Port { get; set; } = 6379;

    /// <summary><c>bind</c>: one or more addresses.</summary>
    public List<string> Bind { get; set; } = ["127.0.0.1"];

    /// <summary><c>unixsocket</c>.</summary>
    public string? UnixSocket { get; set; }

    /// <summary><c>requirepass</c>; null or empty for none.</summary>
    public string? RequirePass { get; set; }

    /// <summary><c>databases</c>.</summary>
    public int Databases { get; set; } = 16;

    /// <summary><c>maxclients</c>.</summary>
    public int MaxClients { get; set; } = 10000;

    /// <summary><c>io-threads</c>: event-loop threads serving the sockets.</summary>
    public int IoThreads { get; set; } = 1;

    /// <summary><c>timeout</c> in seconds; 0 never closes idle clients.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary><c>protected-mode</c>.</summary>
    public bool ProtectedMode { get; set; } = true;

    /// <summary><c>loglevel</c>: debug, verbose, notice, warning or nothing.</summary>
    public string LogLevel { get; set; } = "notice";

    /// <summary><c>proto-max-bulk-len</c> in bytes.</summary>
    public long ProtoMaxBulkLen { get; set; } = 512L * 1024 * 1024;

    /// <summary><c>client-query-buffer-limit</c> in bytes.</summary>
    public long ClientQueryBufferLimit { get; set; } = 1024L * 1024 * 1024;

    /// <summary>The listener options these settings describe.</summary>
    /// <summary>Other engine CONFIG parameters from the file or the command line, in order (applied with CONFIG SET at start).</summary>
    public List<(string Name, string Value)> EngineParameters { get; } = [];

    public ValkeyServerOptions ToServerOptions()
    {
        var options = new ValkeyServerOptions
        {
            Port = Port,
            UnixSocket = UnixSocket,
            RequirePass = string.IsNullOrEmpty(RequirePass) ? null : RequirePass,
            MaxClients = MaxClients,
            IoThreads = IoThreads,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            ProtectedMode = ProtectedMode,
            ProtoMaxBulkLen = ProtoMaxBulkLen,
            ClientQueryBufferLimit = ClientQueryBufferLimit,
        };
        options.Bind.Clear();
        foreach (var address in Bind)
        {
            options.Bind.Add(address);
        }
        return options;
    }
}
