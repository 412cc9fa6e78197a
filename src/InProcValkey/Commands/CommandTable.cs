using System.Text;
using InProcValkey.Errors;

namespace InProcValkey.Commands;

/// <summary>
/// The one command table: every command's name, arity, flags, group and handler, assembled from the group files
/// (<see cref="StringCommands"/>, <see cref="KeyCommands"/>, …). Lookup is by the command name's bytes, ASCII case-insensitive,
/// without allocating. The dispatcher checks arity once, here, for every caller.
/// </summary>
internal sealed class CommandTable
{
    public static readonly CommandTable Default = new(
        ConnectionCommands.All,
        StringCommands.All,
        KeyCommands.All,
        ExpireCommands.All,
        DatabaseCommands.All,
        ServerCommands.All,
        ConnectionStateCommands.All,
        // lists
        ListCommands.All,
        HashCommands.All,
        // sets (issue 5)
        SetCommands.All);

    private readonly Dictionary<string, CommandDef> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CommandDef>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    // Names of up to 16 bytes (all of Valkey's) keyed by their lower-cased bytes packed into 128 bits: the hot
    // path of every dispatch, with no widening to chars and no string hashing.
    private readonly Dictionary<UInt128, CommandDef> _packed = [];

    public CommandTable(params CommandDef[][] groups)
    {
        foreach (var group in groups)
        {
            foreach (var def in group)
            {
                _byName.Add(def.Name, def);
                def.Id = Count++;
                foreach (var sub in def.SubCommands ?? [])
                {
                    sub.Id = Count++;
                }
                if (def.Name.Length <= 16)
                {
                    _packed.Add(Pack(Encoding.ASCII.GetBytes(def.Name)), def);
                }
            }
        }
        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // The name's bytes, ASCII letters lower-cased, little-endian in 128 bits (zero-padded: the length is checked on a hit).
    private static UInt128 Pack(ReadOnlySpan<byte> name)
    {
        ulong lo = 0, hi = 0;
        for (int i = 0; i < name.Length; i++)
        {
            ulong b = name[i];
            if (b - 'A' < 26)
            {
                b |= 0x20;
            }
            if (i < 8)
            {
                lo |= b << (8 * i);
            }
            else
            {
                hi |= b << (8 * (i - 8));
            }
        }
        return new UInt128(hi, lo);
    }

    public IEnumerable<CommandDef> Commands => _byName.Values;

    /// <summary>Number of rows, commands and subcommands (the range of <see cref="CommandDef.Id"/>).</summary>
    public int Count { get; }

    /// <summary>Finds a command by name bytes; null when unknown.</summary>
    public CommandDef? Find(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0 || name.Length > 64)
        {
            return null;
        }
        if (name.Length <= 16)
        {
            return _packed.TryGetValue(Pack(name), out var packed) && packed.Name.Length == name.Length ? packed : null;
        }
        Span<char> chars = stackalloc char[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }
        return _lookup.TryGetValue(chars, out var def) ? def : null;
    }

    /// <summary>Runs the command in <see cref="CommandContext.Args"/>, writing its reply (or the dispatch error) to the context's writer.</summary>
    public static void Dispatch(CommandContext ctx)
    {
        var args = ctx.Args;
        var def = ctx.Engine.Commands.Find(args[0]);
        if (def is null)
        {
            // On the wire the arguments are echoed byte for byte (Latin-1: one char per byte), as Valkey's %s does.
            var latin1 = ctx.Reply as ILatin1ErrorWriter;
            var rest = new List<string>(Math.Max(0, args.Count - 1));
            for (int i = 1; i < args.Count; i++)
            {
                rest.Add(latin1 is null ? args.GetString(i) : System.Text.Encoding.Latin1.GetString(args[i]));
            }
            if (latin1 is not null)
            {
                latin1.ErrorLatin1(ErrorMessages.UnknownCommand(System.Text.Encoding.Latin1.GetString(args[0]), rest));
                return;
            }
            ctx.Reply.Error(ErrorMessages.UnknownCommand(args.GetString(0), rest));
            return;
        }
        if (def.SubCommands is { } subs && args.Count >= 2)
        {
            CommandDef? sub = null;
            foreach (var s in subs)
            {
                if (Ascii.EqualsIgnoreCase(args[1], s.Name))
                {
                    sub = s;
                    break;
                }
            }
            if (sub is null)
            {
                ctx.Reply.Error(ErrorMessages.UnknownSubcommand(args.GetString(1), def.Name));
                return;
            }
            def = sub;
        }
        if (!def.ArityAccepts(args.Count) || def.Handler is null)
        {
            ctx.Engine.ServerStats.OnRejected(def);
            ctx.Reply.Error(ErrorMessages.WrongArity(def.FullName));
            return;
        }
        if (ctx.Client is { Authenticated: false } && (def.Flags & CommandFlags.NoAuth) == 0)
        {
            ctx.Engine.ServerStats.OnRejected(def);
            ctx.Reply.Error(ErrorMessages.NoAuth);
            return;
        }
        ctx.Command = def;
        ctx.Clock = new Keyspace.Clock(ctx.Engine.Time);
        // See ServerStats for why most calls only read the coarse clock.
        bool sampled = ctx.NextCallIsSampled();
        long coarseStart = Environment.TickCount64;
        long preciseStart = sampled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        long errorsBefore = ctx.ErrorReplies;
        def.Handler(ctx);
        // Valkey serves the clients blocked on keys this command made ready right after it (handleClientsBlockedOnKeys).
        ctx.Engine.Blocking.ServeIfReady();
        if (ctx.ErrorReplies != errorsBefore)
        {
            ctx.Engine.ServerStats.OnFailed(def);
        }
        long preciseTicks = sampled ? System.Diagnostics.Stopwatch.GetTimestamp() - preciseStart : -1;
        ctx.Engine.ServerStats.OnCall(ctx, def, preciseTicks, Environment.TickCount64 - coarseStart);
    }
}
