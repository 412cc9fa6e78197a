namespace InProcValkey.Commands;

/// <summary>What CLIENT REPLY set: replies on, off, or skipped for the next command only.</summary>
internal enum ClientReplyMode
{
    On,
    Off,
    Skip,
    /// <summary>CLIENT REPLY SKIP was run: the command after it is skipped (Valkey's CLIENT_REPLY_SKIP_NEXT).</summary>
    SkipNext,
}

/// <summary>
/// The per-connection state the connection commands (HELLO, AUTH, CLIENT …, QUIT, RESET) act on. The RESP listener
/// implements it; <see cref="CommandContext.Client"/> is null for in-process sessions.
/// </summary>
internal interface IClientConnection
{
    /// <summary>CLIENT ID: unique, increasing from 1.</summary>
    long Id { get; }

    /// <summary>RESP protocol version (2 or 3), switched by HELLO.</summary>
    int Protocol { get; set; }

    /// <summary>CLIENT SETNAME; null when unset.</summary>
    string? Name { get; set; }

    /// <summary>CLIENT SETINFO LIB-NAME.</summary>
    string? LibName { get; set; }

    /// <summary>CLIENT SETINFO LIB-VER.</summary>
    string? LibVersion { get; set; }

    /// <summary>The <c>requirepass</c> in force (UTF-8), or null when the default user needs no password.</summary>
    byte[]? RequirePass { get; }

    /// <summary>True once AUTH/HELLO AUTH succeeded, or always when no password is required.</summary>
    bool Authenticated { get; set; }

    /// <summary>CLIENT REPLY.</summary>
    ClientReplyMode ReplyMode { get; set; }

    /// <summary>CLIENT NO-EVICT.</summary>
    bool NoEvict { get; set; }

    /// <summary>CLIENT NO-TOUCH.</summary>
    bool NoTouch { get; set; }

    /// <summary>Peer address, <c>ip:port</c> (or <c>/path:0</c> for a Unix socket).</summary>
    string Address { get; }

    /// <summary>Local address, <c>ip:port</c>.</summary>
    string LocalAddress { get; }

    /// <summary>One CLIENT LIST / CLIENT INFO line (without the trailing newline).</summary>
    string Describe();

    /// <summary>Every connection of the same server, this one included (CLIENT LIST, CLIENT KILL).</summary>
    IReadOnlyList<IClientConnection> Peers();

    /// <summary>Flushes the pending replies, then closes the connection (QUIT, CLIENT KILL of oneself).</summary>
    void CloseAfterReply();

    /// <summary>Closes the connection from another one (CLIENT KILL).</summary>
    void Kill();

    // ---- Blocking commands ----

    /// <summary>The command this connection is blocked on, or null (CLIENT UNBLOCK, CLIENT LIST flags <c>b</c>).</summary>
    Keyspace.Blocking.BlockedClient? Blocked { get; }

    /// <summary>Called by the dispatcher when a command of this connection blocks.</summary>
    void OnBlocked(Keyspace.Blocking.BlockedClient blocked);
    // ---- RESP listener (issue 3): CLIENT KILL filters, MONITOR ----

    /// <summary>Seconds since the connection was accepted (CLIENT LIST age).</summary>
    long AgeSeconds { get; }

    /// <summary>Valkey's client type: <c>normal</c> or <c>pubsub</c> (a MONITOR client is listed as normal, as in Valkey).</summary>
    string ClientType { get; }

    /// <summary>True while the connection is in MONITOR mode.</summary>
    bool IsMonitor { get; }

    /// <summary>MONITOR: from now on the connection receives every command the server runs.</summary>
    void StartMonitor();

    /// <summary>RESET: leaves MONITOR mode (QUIT simply closes the connection).</summary>
    void StopMonitor();

    // ---- Pub/sub (issue 7) ----

    /// <summary>The connection as a pub/sub subscriber (SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE); its subscriptions put it in subscribe mode.</summary>
    PubSub.IPubSubSubscriber Subscriber { get; }
}
