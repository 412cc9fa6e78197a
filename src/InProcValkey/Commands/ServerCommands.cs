using System.Globalization;
using InProcValkey.Errors;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// The server commands that belong to the engine (Valkey's <c>server.c</c>, <c>config.c</c>, <c>slowlog.c</c>, <c>debug.c</c>):
/// COMMAND, CONFIG, INFO, LASTSAVE, DEBUG SLEEP / SET-ACTIVE-EXPIRE, SLOWLOG, CLUSTER (disabled). SENTINEL is not a command
/// of a non-sentinel server, so it is absent from the table and answers Valkey's unknown-command error.
/// </summary>
internal static partial class ServerCommands
{
    private const CommandFlags AdminFlags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const CommandFlags LoadingStale = CommandFlags.Loading | CommandFlags.Stale;

    public static readonly CommandDef[] All =
    [
        new("command", -1, LoadingStale, "server", CommandAll)
        {
            SubCommands =
            [
                new("count", 2, LoadingStale, "server", CommandCount) { Parent = "command" },
                new("docs", -2, LoadingStale, "server", CommandDocs) { Parent = "command" },
                new("getkeys", -4, LoadingStale, "server", CommandGetKeys) { Parent = "command" },
                new("getkeysandflags", -4, LoadingStale, "server", CommandGetKeysAndFlags) { Parent = "command" },
                new("help", 2, LoadingStale, "server", CommandHelp) { Parent = "command" },
                new("info", -2, LoadingStale, "server", CommandInfo) { Parent = "command" },
                new("list", -2, LoadingStale, "server", CommandList) { Parent = "command" },
            ],
        },
        new("config", -2, CommandFlags.None, "server", null)
        {
            SubCommands =
            [
                new("get", -3, AdminFlags, "server", ConfigGet) { Parent = "config" },
                new("help", 2, LoadingStale, "server", ConfigHelp) { Parent = "config" },
                new("resetstat", 2, AdminFlags, "server", ConfigResetStat) { Parent = "config" },
                new("rewrite", 2, AdminFlags, "server", ConfigRewrite) { Parent = "config" },
                new("set", -4, AdminFlags, "server", ConfigSet) { Parent = "config" },
            ],
        },
        new("info", -1, LoadingStale, "server", Info),
        new("lastsave", 1, LoadingStale | CommandFlags.Fast, "server", LastSave),
        new("debug", -2, AdminFlags, "server", Debug),
        new("slowlog", -2, CommandFlags.None, "server", null)
        {
            SubCommands =
            [
                new("get", -2, CommandFlags.Admin | LoadingStale, "server", SlowlogGet) { Parent = "slowlog" },
                new("help", 2, LoadingStale, "server", SlowlogHelp) { Parent = "slowlog" },
                new("len", 2, CommandFlags.Admin | LoadingStale, "server", SlowlogLen) { Parent = "slowlog" },
                new("reset", 2, CommandFlags.Admin | LoadingStale, "server", SlowlogReset) { Parent = "slowlog" },
            ],
        },
        new("cluster", -2, CommandFlags.None, "cluster", null)
        {
            SubCommands =
            [
                .. new (string Name, int Arity)[]
                {
                    ("countkeysinslot", 3), ("getkeysinslot", 4), ("help", 2), ("info", 2), ("keyslot", 3), ("links", 2), ("myid", 2),
                    ("myshardid", 2), ("nodes", 2), ("replicas", 3), ("shards", 2), ("slots", 2),
                }.Select(c => new CommandDef(c.Name, c.Arity, c.Name switch
                {
                    "replicas" => CommandFlags.Admin | CommandFlags.Stale,
                    "help" => LoadingStale,
                    _ => CommandFlags.Stale,
                },
                    "cluster", Cluster) { Parent = "cluster" }),
            ],
        },
    ];

    // ---- help replies (addReplyHelp: header, body, then the HELP entry; Valkey 7.2 says "Print this help.") ----

    private static void ReplyHelp(CommandContext ctx, string[] lines)
    {
        ctx.Reply.Array(lines.Length + 3);
        ctx.Reply.SimpleString(ctx.Args.GetString(0).ToUpperInvariant() + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in lines)
        {
            ctx.Reply.SimpleString(line);
        }
        ctx.Reply.SimpleString("HELP");
        ctx.Reply.SimpleString("    Print this help.");
    }

    private static readonly string[] ConfigHelpLines =
    [
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.",
    ];

    private static readonly string[] SlowlogHelpLines =
    [
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.",
    ];

    // ---- CONFIG ----

    // CONFIG GET pattern [pattern ...]: a map of every parameter matching any pattern, each once.
    private static void ConfigGet(CommandContext ctx)
    {
        var found = new List<(string Name, string Value)>();
        var seen = new HashSet<string>();
        for (int i = 2; i < ctx.Args.Count; i++)
        {
            foreach (var pair in ctx.Engine.Config.Match(ctx.Args[i]))
            {
                if (seen.Add(pair.Name))
                {
                    found.Add(pair);
                }
            }
        }
        ctx.Reply.Map(found.Count);
        foreach (var (name, value) in found)
        {
            ctx.Reply.Bulk(name);
            ctx.Reply.Bulk(value);
        }
    }

    // CONFIG SET name value [name value ...]: all or nothing; an odd number of arguments is a syntax error.
    private static void ConfigSet(CommandContext ctx)
    {
        if (ctx.Args.Count % 2 != 0)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        var pairs = new List<(string, string)>();
        for (int i = 2; i < ctx.Args.Count; i += 2)
        {
            pairs.Add((ctx.Args.GetString(i), ctx.Args.GetString(i + 1)));
        }
        if (!ReplyIfError(ctx, ctx.Engine.Config.Set(pairs)))
        {
            Ok(ctx);
        }
    }

    private static void ConfigResetStat(CommandContext ctx)
    {
        ctx.Engine.ServerStats.Reset();
        ctx.Engine.KeyspaceHits.Reset();
        Interlocked.Exchange(ref ctx.Engine.TotalConnectionsReceived, 0);
        Interlocked.Exchange(ref ctx.Engine.RejectedConnections, 0);
        // ---- memory limits and eviction (issue 6) ----
        ctx.Engine.Memory.ResetEvictedKeys();
        Ok(ctx);
    }

    private static void ConfigRewrite(CommandContext ctx) => ctx.Reply.Error(ErrorMessages.ConfigRewriteNoFile);

    private static void ConfigHelp(CommandContext ctx) => ReplyHelp(ctx, ConfigHelpLines);

    // ---- LASTSAVE, DEBUG, CLUSTER ----

    // A server that never saved reports its start time (Valkey sets lastsave at startup).
    private static void LastSave(CommandContext ctx) => ctx.Reply.Integer(ctx.Engine.StartedUnixMs / 1000);

    // DEBUG SLEEP seconds (a double; really sleeps, blocking this caller), DEBUG SET-ACTIVE-EXPIRE 0|1,
    // DEBUG QUICKLIST-PACKED-THRESHOLD size, DEBUG DIGEST, DEBUG DIGEST-VALUE key... Other DEBUG
    // subcommands are not supported.
    private static void Debug(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Is(1, "SLEEP"u8) && args.Count >= 3)
        {
            double seconds = double.TryParse(args.GetString(2), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : 0;
            if (seconds > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000.0)));
            }
            Ok(ctx);
        }
        else if (args.Is(1, "SET-ACTIVE-EXPIRE"u8) && args.Count == 3)
        {
            // atoi: a non-number is 0 (off).
            ctx.Engine.ActiveExpiryEnabled = int.TryParse(args.GetString(2), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int on) && on != 0;
            Ok(ctx);
        }
        else if (args.Is(1, "QUICKLIST-PACKED-THRESHOLD"u8) && args.Count == 3)
        {
            // memtoull, then quicklistSetPackedThreshold (process-wide, as in Valkey).
            if (!Keyspace.EngineConfig.TryParseMemory(args.GetString(2), out long threshold) || !DataTypes.Lists.ListLimits.TrySetPackedThreshold(threshold))
            {
                ctx.Reply.Error(ErrorMessages.DebugPackedThreshold);
                return;
            }
            Ok(ctx);
        }
        else if (args.Is(1, "DIGEST"u8) && args.Count == 2)
        {
            ctx.Reply.SimpleString(Operations.DebugDigestOps.DatasetDigest(ctx.Engine));
        }
        else if (args.Is(1, "DIGEST-VALUE"u8))
        {
            var keys = new ReadOnlyMemory<byte>[args.Count - 2];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = args.Memory(i + 2);
            }
            var digests = Operations.DebugDigestOps.DigestValues(ctx.Db, keys);
            ctx.Reply.Array(digests.Length);
            foreach (var d in digests)
            {
                ctx.Reply.SimpleString(d);
            }
        }
        else
        {
            ctx.Reply.Error(ErrorMessages.UnknownSubcommand(args.GetString(1), "debug"));
        }
    }

    private static void Cluster(CommandContext ctx) => ctx.Reply.Error(ErrorMessages.ClusterDisabled);

    // ---- SLOWLOG ----

    // SLOWLOG GET [count]: newest first, default 10, -1 for all; [id, unix time, µs, [args], client addr, client name].
    private static void SlowlogGet(CommandContext ctx)
    {
        long count = 10;
        if (ctx.Args.Count == 3)
        {
            if (!long.TryParse(ctx.Args.GetString(2), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count) || count < -1)
            {
                ctx.Reply.Error(ErrorMessages.SlowlogCount);
                return;
            }
        }
        else if (ctx.Args.Count > 3)
        {
            ctx.Reply.Error(ErrorMessages.SlowlogGetArity(ctx.Args.GetString(1)));
            return;
        }
        var entries = ctx.Engine.ServerStats.SlowlogGet(count);
        ctx.Reply.Array(entries.Count);
        foreach (var e in entries)
        {
            ctx.Reply.Array(6);
            ctx.Reply.Integer(e.Id);
            ctx.Reply.Integer(e.UnixSeconds);
            ctx.Reply.Integer(e.Micros);
            ctx.Reply.Array(e.Args.Length);
            foreach (var a in e.Args)
            {
                ctx.Reply.Bulk(a);
            }
            ctx.Reply.Bulk(e.ClientAddr);
            ctx.Reply.Bulk(e.ClientName);
        }
    }

    private static void SlowlogLen(CommandContext ctx) => ctx.Reply.Integer(ctx.Engine.ServerStats.SlowlogLength);

    private static void SlowlogReset(CommandContext ctx)
    {
        ctx.Engine.ServerStats.SlowlogReset();
        Ok(ctx);
    }

    private static void SlowlogHelp(CommandContext ctx) => ReplyHelp(ctx, SlowlogHelpLines);
}

/// <summary>INFO [section ...] (Valkey's <c>infoCommand</c>): a bulk string, or a verbatim "txt" string in RESP3.</summary>
internal static partial class ServerCommands
{
    private static void Info(CommandContext ctx)
    {
        var sections = new List<string>();
        for (int i = 1; i < ctx.Args.Count; i++)
        {
            sections.Add(ctx.Args.GetString(i));
        }
        ctx.Reply.Verbatim("txt", Operations.ServerOps.Info(ctx.Engine, sections));
    }
}
