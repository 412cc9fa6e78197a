namespace InProcValkey.Commands;

/// <summary>Command flags, as in Valkey's command table (<c>src/commands/*.json</c>).</summary>
[Flags]
internal enum CommandFlags
{
    None = 0,
    Write = 1 << 0,
    ReadOnly = 1 << 1,
    DenyOom = 1 << 2,
    Fast = 1 << 3,
    Admin = 1 << 4,
    NoScript = 1 << 5,
    Loading = 1 << 6,
    Stale = 1 << 7,
    Blocking = 1 << 8,

    /// <summary>Runs before authentication (AUTH, HELLO, QUIT, RESET): Valkey's <c>CMD_NO_AUTH</c>.</summary>
    NoAuth = 1 << 9,
    AllowBusy = 1 << 10,

    // ---- lists (also used by other multi-key pops: sorted sets) ----

    /// <summary>The keys' positions depend on the arguments (LMPOP's numkeys): COMMAND INFO "movablekeys".</summary>
    MovableKeys = 1 << 11,

    // ---- Pub/sub (issue 7) ----

    /// <summary>Valkey's <c>CMD_PUBSUB</c> (COMMAND INFO flag <c>pubsub</c>, ACL category <c>@pubsub</c>).</summary>
    PubSub = 1 << 20,

    // ---- transactions (issue 7) ----

    /// <summary>Valkey's <c>CMD_SKIP_SLOWLOG</c> (EXEC: its commands are logged, not EXEC itself).</summary>
    SkipSlowlog = 1 << 21,
}

/// <summary>Runs a command. Arity has been checked by the dispatcher.</summary>
internal delegate void CommandHandler(CommandContext ctx);

/// <summary>
/// One row of the command table: name (lower case), arity (N exact, -N at least N, counting the name),
/// flags, group, handler and key positions (first, last — negative counts from the end —, step; 0 when the command takes no key).
/// </summary>
internal sealed record CommandDef(
    string Name,
    int Arity,
    CommandFlags Flags,
    string Group,
    CommandHandler? Handler,
    int FirstKey = 0,
    int LastKey = 0,
    int KeyStep = 0)
{
    /// <summary>Subcommands of a container command (OBJECT, CONFIG, …), keyed by lower-case name.</summary>
    public CommandDef[]? SubCommands { get; init; }

    /// <summary>Index of this row in its table (commands and subcommands), for per-engine counters; set by <see cref="CommandTable"/>.</summary>
    public int Id { get; internal set; }

    /// <summary>The parent of a subcommand.</summary>
    public string? Parent { get; init; }

    /// <summary>Name used in arity errors: <c>get</c>, or <c>object|encoding</c> for a subcommand.</summary>
    public string FullName => Parent is null ? Name : Parent + "|" + Name;

    /// <summary>True when <paramref name="argc"/> arguments (name included) satisfy the arity.</summary>
    public bool ArityAccepts(int argc) => Arity >= 0 ? argc == Arity : argc >= -Arity;
}
