using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>COMMAND and its subcommands, generated from the command table (Valkey's <c>commandCommand</c> family in <c>server.c</c>).</summary>
internal static partial class ServerCommands
{
    private static readonly (CommandFlags Flag, string Word)[] FlagWords =
    [
        (CommandFlags.Write, "write"),
        (CommandFlags.ReadOnly, "readonly"),
        (CommandFlags.DenyOom, "denyoom"),
        (CommandFlags.Admin, "admin"),
        (CommandFlags.PubSub, "pubsub"),
        (CommandFlags.NoScript, "noscript"),
        (CommandFlags.Blocking, "blocking"),
        (CommandFlags.Loading, "loading"),
        (CommandFlags.Stale, "stale"),
        (CommandFlags.SkipSlowlog, "skip_slowlog"), // transactions (issue 7)
        (CommandFlags.Fast, "fast"),
        (CommandFlags.NoAuth, "no_auth"),
        (CommandFlags.AllowBusy, "allow_busy"),
        // lists
        (CommandFlags.MovableKeys, "movablekeys"),
    ];

    // Valkey's ACL categories in its own order (ACLCommandCategories): implicit ones from the flags
    // (setImplicitACLCategories) plus the group's category.
    private static readonly string[] CategoryOrder =
    [
        "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream",
        "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction", "scripting",
    ];

    private static readonly string[] HelpLines =
    [
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.",
    ];

    // Valkey 7.2's command tips (the "command_tips" of src/commands/*.json) for the commands in the table; a command
    // missing here has none. Kept as data here so the group files stay free of documentation-only fields.
    private static readonly Dictionary<string, string[]> Tips = new(StringComparer.OrdinalIgnoreCase)
    {
        ["command"] = ["nondeterministic_output_order"],
        ["dbsize"] = ["request_policy:all_shards", "response_policy:agg_sum"],
        ["del"] = ["request_policy:multi_shard", "response_policy:agg_sum"],
        ["exists"] = ["request_policy:multi_shard", "response_policy:agg_sum"],
        ["flushall"] = ["request_policy:all_shards", "response_policy:all_succeeded"],
        ["flushdb"] = ["request_policy:all_shards", "response_policy:all_succeeded"],
        ["info"] = ["nondeterministic_output", "request_policy:all_shards", "response_policy:special"],
        ["keys"] = ["request_policy:all_shards", "nondeterministic_output_order"],
        ["lastsave"] = ["nondeterministic_output"],
        ["mget"] = ["request_policy:multi_shard"],
        ["mset"] = ["request_policy:multi_shard", "response_policy:all_succeeded"],
        ["msetnx"] = ["request_policy:multi_shard", "response_policy:agg_min"],
        ["ping"] = ["request_policy:all_shards", "response_policy:all_succeeded"],
        ["pttl"] = ["nondeterministic_output"],
        ["randomkey"] = ["request_policy:all_shards", "nondeterministic_output"],
        ["scan"] = ["nondeterministic_output", "request_policy:special"],
        ["time"] = ["nondeterministic_output"],
        ["touch"] = ["request_policy:multi_shard", "response_policy:agg_sum"],
        ["ttl"] = ["nondeterministic_output"],
        ["unlink"] = ["request_policy:multi_shard", "response_policy:agg_sum"],
        ["object|encoding"] = ["nondeterministic_output"],
        ["object|freq"] = ["nondeterministic_output"],
        ["object|idletime"] = ["nondeterministic_output"],
        ["object|refcount"] = ["nondeterministic_output"],
        ["command|docs"] = ["nondeterministic_output_order"],
        ["client|info"] = ["nondeterministic_output"],
        ["client|list"] = ["nondeterministic_output"],
        ["command|info"] = ["nondeterministic_output_order"],
        ["command|list"] = ["nondeterministic_output_order"],
        ["config|set"] = ["request_policy:all_nodes", "response_policy:all_succeeded"],
        ["slowlog|get"] = ["request_policy:all_nodes", "nondeterministic_output"],
        ["slowlog|len"] = ["request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output"],
        ["slowlog|reset"] = ["request_policy:all_nodes", "response_policy:all_succeeded"],
        ["cluster|getkeysinslot"] = ["nondeterministic_output"],
        ["cluster|info"] = ["nondeterministic_output"],
        ["cluster|links"] = ["nondeterministic_output"],
        ["cluster|nodes"] = ["nondeterministic_output"],
        ["cluster|replicas"] = ["nondeterministic_output"],
        ["cluster|shards"] = ["nondeterministic_output"],
        // ---- hashes (issue 4) ----
        ["hgetall"] = ["nondeterministic_output_order"],
        ["hkeys"] = ["nondeterministic_output_order"],
        ["hvals"] = ["nondeterministic_output_order"],
        ["hrandfield"] = ["nondeterministic_output"],
        ["hscan"] = ["nondeterministic_output"],
        ["cluster|slots"] = ["nondeterministic_output"],
        // sorted sets (issue 5)
        ["zrandmember"] = ["nondeterministic_output"],
        ["zscan"] = ["nondeterministic_output"],
        // ---- sets (issue 5) ----
        ["sdiff"] = ["nondeterministic_output_order"],
        ["sinter"] = ["nondeterministic_output_order"],
        ["smembers"] = ["nondeterministic_output_order"],
        ["spop"] = ["nondeterministic_output"],
        ["srandmember"] = ["nondeterministic_output"],
        ["sscan"] = ["nondeterministic_output"],
        ["sunion"] = ["nondeterministic_output_order"],
    };

    // ACL categories a command's JSON names explicitly beyond its group's (Valkey's "acl_categories"), by full name.
    private static readonly Dictionary<string, string[]> ExtraCategories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["keys"] = ["dangerous"],
        ["dbsize"] = ["keyspace"],
        ["flushdb"] = ["keyspace", "dangerous"],
        ["flushall"] = ["keyspace", "dangerous"],
        ["swapdb"] = ["keyspace", "dangerous"],
        ["info"] = ["dangerous"],
        ["lastsave"] = ["admin", "dangerous"],
        ["command"] = ["connection"],
        ["command|count"] = ["connection"],
        ["command|docs"] = ["connection"],
        ["command|getkeys"] = ["connection"],
        ["command|getkeysandflags"] = ["connection"],
        ["command|help"] = ["connection"],
        ["command|info"] = ["connection"],
        ["command|list"] = ["connection"],
        // SORT (issue 5)
        ["sort"] = ["set", "sortedset", "list", "dangerous"],
        ["sort_ro"] = ["set", "sortedset", "list", "dangerous"],
    };

    /// <summary>The ACL categories of a command, in Valkey's order.</summary>
    internal static List<string> Categories(CommandDef def)
    {
        var set = new HashSet<string>();
        string? groupCategory = def.Group switch
        {
            "string" => "string",
            "generic" => "keyspace",
            "connection" => "connection",
            "list" => "list",
            "hash" => "hash",
            "set" => "set",
            "sorted-set" => "sortedset",
            "pubsub" => null, // from the PUBSUB flag: PUBSUB HELP has no @pubsub (setImplicitACLCategories)
            "transactions" => "transaction",
            "scripting" => "scripting",
            _ => null,
        };
        // A pure container (OBJECT, CONFIG, …) has only the implicit categories.
        // SORT (issue 5): a "generic" command whose JSON names no @keyspace.
        if (def.Name is "sort" or "sort_ro" && def.Parent is null)
        {
            groupCategory = null;
        }
        if (groupCategory is not null && def.Handler is not null)
        {
            set.Add(groupCategory);
        }
        if (ExtraCategories.TryGetValue(def.FullName, out var extra))
        {
            set.UnionWith(extra);
        }
        if (def.Flags.HasFlag(CommandFlags.Write))
        {
            set.Add("write");
        }
        if (def.Flags.HasFlag(CommandFlags.ReadOnly))
        {
            set.Add("read");
        }
        if (def.Flags.HasFlag(CommandFlags.Admin))
        {
            set.Add("admin");
            set.Add("dangerous");
        }
        set.Add(def.Flags.HasFlag(CommandFlags.Fast) ? "fast" : "slow");
        if (def.Flags.HasFlag(CommandFlags.Blocking))
        {
            set.Add("blocking");
        }
        if (def.Flags.HasFlag(CommandFlags.PubSub))
        {
            set.Add("pubsub");
        }
        return [.. CategoryOrder.Where(set.Contains)];
    }

    // [name, arity, flags, first key, last key, step, ACL categories, tips, key specs, subcommands]
    private static void ReplyInfo(CommandContext ctx, CommandDef def)
    {
        var r = ctx.Reply;
        r.Array(10);
        r.Bulk(def.FullName);
        r.Integer(def.Arity);
        var flags = FlagWords.Where(f => def.Flags.HasFlag(f.Flag)).ToList();
        r.Set(flags.Count);
        foreach (var (_, word) in flags)
        {
            r.SimpleString(word);
        }
        r.Integer(def.FirstKey);
        r.Integer(def.LastKey);
        r.Integer(def.KeyStep);
        var categories = Categories(def);
        r.Set(categories.Count);
        foreach (var c in categories)
        {
            r.SimpleString("@" + c);
        }
        var tips = Tips.TryGetValue(def.FullName, out var t) ? t : [];
        r.Set(tips.Length);
        foreach (var tip in tips)
        {
            r.SimpleString(tip);
        }
        ReplyKeySpecs(ctx, def);
        var subs = def.SubCommands ?? [];
        // Valkey's addReplyCommandSubCommands: an empty RESP3 set when there are none, else an array.
        if (subs.Length == 0)
        {
            r.Set(0);
        }
        else
        {
            r.Array(subs.Length);
        }
        foreach (var sub in subs)
        {
            ReplyInfo(ctx, sub);
        }
    }

    private static CommandDef? FindByFullName(Engine engine, string name)
    {
        int bar = name.IndexOf('|', StringComparison.Ordinal);
        var def = engine.Commands.Find(System.Text.Encoding.UTF8.GetBytes(bar < 0 ? name : name[..bar]));
        if (def is null || bar < 0)
        {
            return def;
        }
        return def.SubCommands?.FirstOrDefault(s => s.Name.Equals(name[(bar + 1)..], StringComparison.OrdinalIgnoreCase));
    }

    private static void CommandAll(CommandContext ctx)
    {
        var all = ctx.Engine.Commands.Commands.ToList();
        ctx.Reply.Array(all.Count);
        foreach (var def in all)
        {
            ReplyInfo(ctx, def);
        }
    }

    private static void CommandCount(CommandContext ctx) => ctx.Reply.Integer(ctx.Engine.Commands.Commands.Count());

    private static void CommandHelp(CommandContext ctx) => ReplyHelp(ctx, HelpLines);

    // COMMAND INFO [name ...]: null for an unknown name; all commands without names.
    private static void CommandInfo(CommandContext ctx)
    {
        if (ctx.Args.Count == 2)
        {
            CommandAll(ctx);
            return;
        }
        ctx.Reply.Array(ctx.Args.Count - 2);
        for (int i = 2; i < ctx.Args.Count; i++)
        {
            if (FindByFullName(ctx.Engine, ctx.Args.GetString(i)) is { } def)
            {
                ReplyInfo(ctx, def);
            }
            else
            {
                ctx.Reply.Null();
            }
        }
    }

    // COMMAND DOCS [name ...]: a map of name to its documentation. The table holds no summaries or versions, so each
    // entry carries the fields it can fill honestly: group (and subcommands).
    private static void CommandDocs(CommandContext ctx)
    {
        var defs = new List<CommandDef>();
        if (ctx.Args.Count == 2)
        {
            defs.AddRange(ctx.Engine.Commands.Commands);
        }
        else
        {
            for (int i = 2; i < ctx.Args.Count; i++)
            {
                if (FindByFullName(ctx.Engine, ctx.Args.GetString(i)) is { } def)
                {
                    defs.Add(def);
                }
            }
        }
        ctx.Reply.Map(defs.Count);
        foreach (var def in defs)
        {
            ctx.Reply.Bulk(def.FullName);
            ReplyDoc(ctx, def);
        }
    }

    private static void ReplyDoc(CommandContext ctx, CommandDef def)
    {
        var subs = def.SubCommands ?? [];
        ctx.Reply.Map(subs.Length > 0 ? 2 : 1);
        ctx.Reply.Bulk("group");
        ctx.Reply.Bulk(def.Group);
        if (subs.Length > 0)
        {
            ctx.Reply.Bulk("subcommands");
            ctx.Reply.Map(subs.Length);
            foreach (var sub in subs)
            {
                ctx.Reply.Bulk(sub.FullName);
                ReplyDoc(ctx, sub);
            }
        }
    }

    // COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: names of commands and subcommands.
    private static void CommandList(CommandContext ctx)
    {
        var args = ctx.Args;
        Func<CommandDef, bool> keep = _ => true;
        if (args.Count == 5 && args.Is(2, "FILTERBY"u8))
        {
            string value = args.GetString(4);
            if (args.Is(3, "MODULE"u8))
            {
                keep = _ => false;
            }
            else if (args.Is(3, "ACLCAT"u8))
            {
                keep = d => Categories(d).Contains(value.ToLowerInvariant());
            }
            else if (args.Is(3, "PATTERN"u8))
            {
                var pattern = args[4].ToArray();
                keep = d => Glob.Match(pattern, System.Text.Encoding.UTF8.GetBytes(d.FullName));
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        else if (args.Count != 2)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        var names = new List<string>();
        foreach (var def in ctx.Engine.Commands.Commands)
        {
            if (keep(def))
            {
                names.Add(def.FullName);
            }
            foreach (var sub in def.SubCommands ?? [])
            {
                if (keep(sub))
                {
                    names.Add(sub.FullName);
                }
            }
        }
        ctx.Reply.Array(names.Count);
        foreach (var n in names)
        {
            ctx.Reply.Bulk(n);
        }
    }

    // COMMAND GETKEYS command arg ...: the key arguments, from the table's key positions.
    private static void CommandGetKeys(CommandContext ctx) => GetKeys(ctx, withFlags: false);

    // COMMAND GETKEYSANDFLAGS: each key with its key spec's flags.
    private static void CommandGetKeysAndFlags(CommandContext ctx) => GetKeys(ctx, withFlags: true);

    private static void GetKeys(CommandContext ctx, bool withFlags)
    {
        var args = ctx.Args;
        int argc = args.Count - 2;
        var def = ctx.Engine.Commands.Find(args[2]);
        if (def?.SubCommands is { } subs && argc >= 2)
        {
            def = subs.FirstOrDefault(s => System.Text.Ascii.EqualsIgnoreCase(args[3], s.Name));
        }
        if (def is null)
        {
            ctx.Reply.Error(ErrorMessages.CommandInvalidCommand);
            return;
        }
        if (!def.ArityAccepts(argc))
        {
            ctx.Reply.Error(ErrorMessages.CommandInvalidArgCount);
            return;
        }
        var positions = KeyPositions(def, args, 2);
        if (positions is null)
        {
            ctx.Reply.Error(ErrorMessages.CommandNoKeys);
            return;
        }
        if (positions.Count == 0)
        {
            ctx.Reply.Error(ErrorMessages.CommandInvalidArgs);
            return;
        }
        ctx.Reply.Array(positions.Count);
        for (int k = 0; k < positions.Count; k++)
        {
            int p = positions[k];
            if (withFlags)
            {
                var flags = KeyFlags(ctx, def, k, 2);
                ctx.Reply.Array(2);
                ctx.Reply.Bulk(args[p]);
                ctx.Reply.Set(flags.Length);
                foreach (var f in flags)
                {
                    ctx.Reply.SimpleString(f);
                }
            }
            else
            {
                ctx.Reply.Bulk(args[p]);
            }
        }
    }
}
