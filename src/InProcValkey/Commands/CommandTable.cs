using System.Text;
using InProcValkey.Errors;

namespace InProcValkey.Commands;

/// <summary>
/// The one command table: every command's name, arity, flags, group and handler, assembled from the group files
/// (<see cref="StringCommands"/>, <see cref="KeyCommands"/>, …). Lookup is by the command name's bytes, ASCII case-insensitive,
/// without allocating. The dispatcher checks arity once, here, for every caller.
/// </summary>
internal sealed partial class CommandTable
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
        // sorted sets (issue 5)
        SortedSetCommands.All,
        SortedSetCommands.Blocking,
        // pub/sub (issue 7)
        PubSubCommands.All,
        // sets (issue 5)
        SetCommands.All,
        // SORT (issue 5)
        SortCommands.All,
        // transactions (issue 7)
        TransactionCommands.All,
        // ---- memory limits and eviction (issue 6) ----
        MemoryCommands.All);

    private readonly Dictionary<string, CommandDef> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CommandDef>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    // Names of up to 16 bytes (all of Valkey's) keyed by their lower-cased bytes packed into two ulongs, in an
    // open-addressing table of its own (power-of-two size, at most a quarter full, linear probing): the hot path of
    // every dispatch, with no widening to chars, no string hashing and no comparer calls. A Dictionary<UInt128, …>
    // lookup measured 10 % of a GET through the RESP path.
    private readonly PackedName[] _packed;
    private readonly int _packedShift;

    private readonly struct PackedName(ulong lo, ulong hi, CommandDef def)
    {
        public readonly ulong Lo = lo;
        public readonly ulong Hi = hi;
        public readonly CommandDef? Def = def;
    }

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
            }
        }
        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        int bits = 4;
        while ((1 << bits) < _byName.Count * 4)
        {
            bits++;
        }
        _packed = new PackedName[1 << bits];
        _packedShift = 64 - bits;
        foreach (var def in _byName.Values)
        {
            if (def.Name.Length <= 16)
            {
                var (lo, hi) = Pack(Encoding.ASCII.GetBytes(def.Name));
                int slot = Slot(lo, hi);
                while (_packed[slot].Def is not null)
                {
                    slot = (slot + 1) & (_packed.Length - 1);
                }
                _packed[slot] = new PackedName(lo, hi, def);
            }
        }
    }

    private int Slot(ulong lo, ulong hi) => (int)(((lo ^ (hi * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL) >> _packedShift);

    // The name's bytes, ASCII letters lower-cased, little-endian in two ulongs (zero-padded: the length is checked on a
    // hit). Lower-casing is SWAR: for bytes below 0x80, bit 7 of (b + 0x80 - 'A') & ~(b + 0x80 - 'Z' - 1) is set exactly
    // for 'A'..'Z', and that bit shifted right by 2 is the case bit 0x20. A byte of 0x80 or more cannot be in a command
    // name; such names are packed as they are (they then match nothing, as the length check or the bytes differ).
    private static (ulong Lo, ulong Hi) Pack(ReadOnlySpan<byte> name)
    {
        if (name.Length <= 8)
        {
            return (ToLower(Load(name)), 0);
        }
        return (ToLower(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(name)), ToLower(Load(name[8..])));
    }

    // 1 to 8 bytes, little-endian, zero-padded, without a copy: two overlapping loads OR-ed together (a byte read
    // twice lands on the same bits both times).
    private static ulong Load(ReadOnlySpan<byte> b)
    {
        int n = b.Length;
        if (n >= 4)
        {
            if (n == 8)
            {
                return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b);
            }
            ulong head = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b);
            ulong tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b[(n - 4)..]);
            return head | (tail << (8 * (n - 4)));
        }
        int mid = n >> 1;
        return b[0] | ((ulong)b[mid] << (8 * mid)) | ((ulong)b[n - 1] << (8 * (n - 1)));
    }

    private static ulong ToLower(ulong x)
    {
        const ulong Ones = 0x0101010101010101UL;
        const ulong High = 0x8080808080808080UL;
        if ((x & High) != 0)
        {
            return x;
        }
        ulong upper = (x + Ones * (0x80 - 'A')) & ~(x + Ones * (0x80 - 'Z' - 1)) & High;
        return x | (upper >> 2);
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
            var (lo, hi) = Pack(name);
            var table = _packed;
            int slot = Slot(lo, hi);
            while (true)
            {
                ref readonly var entry = ref table[slot];
                if (entry.Def is null)
                {
                    return null;
                }
                if (entry.Lo == lo && entry.Hi == hi)
                {
                    return entry.Def.Name.Length == name.Length ? entry.Def : null;
                }
                slot = (slot + 1) & (table.Length - 1);
            }
        }
        return FindLong(name);
    }

    // Longer names (none of Valkey's commands; unknown ones): widened to chars for the string dictionary. Kept out of
    // Find so that the hot path has no stackalloc or loop and is tiered and inlined normally.
    private CommandDef? FindLong(ReadOnlySpan<byte> name)
    {
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
            TransactionCommands.OnRejected(ctx, null, "");
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
                TransactionCommands.OnRejected(ctx, null, "");
                ctx.Reply.Error(ErrorMessages.UnknownSubcommand(args.GetString(1), def.Name));
                return;
            }
            def = sub;
        }
        if (!def.ArityAccepts(args.Count) || def.Handler is null)
        {
            ctx.Engine.ServerStats.OnRejected(def);
            if (TransactionCommands.OnRejected(ctx, def, ErrorMessages.WrongArity(def.FullName)))
            {
                return;
            }
            ctx.Reply.Error(ErrorMessages.WrongArity(def.FullName));
            return;
        }
        if (ctx.Client is { Authenticated: false } && (def.Flags & CommandFlags.NoAuth) == 0)
        {
            ctx.Engine.ServerStats.OnRejected(def);
            if (TransactionCommands.OnRejected(ctx, def, ErrorMessages.NoAuth))
            {
                return;
            }
            ctx.Reply.Error(ErrorMessages.NoAuth);
            return;
        }
        // ---- memory limits and eviction (issue 6): with maxmemory 0 (the default) this is one branch ----
        if (ctx.Engine.Config.MaxMemory != 0 && RejectedForMemory(ctx, def))
        {
            return;
        }
        if (ctx.Client is { Protocol: 2 } subscriber && subscriber.Subscriber.Subscriptions.IsSubscribed && !PubSubCommands.AllowedInSubscribeMode(def))
        {
            ctx.Engine.ServerStats.OnRejected(def);
            if (TransactionCommands.OnRejected(ctx, def, ErrorMessages.SubscribeContext(def.FullName)))
            {
                return;
            }
            ctx.Reply.Error(ErrorMessages.SubscribeContext(def.FullName));
            return;
        }
        if (ctx.Transaction is { InMulti: true } tx && TransactionCommands.TryQueue(ctx, tx, def))
        {
            return;
        }
        ctx.Command = def;
        ctx.Clock = new Keyspace.Clock(ctx.Engine.Time);
        // See ServerStats for why most calls only read the coarse clock.
        bool sampled = ctx.NextCallIsSampled();
        long mark = ctx.CoarseMark;
        long coarseStart = mark >= 0 ? mark : Environment.TickCount64;
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
        long coarseEnd = Environment.TickCount64;
        if (mark >= 0)
        {
            ctx.CoarseMark = coarseEnd;
        }
        ctx.Engine.ServerStats.OnCall(ctx, def, preciseTicks, coarseEnd - coarseStart);
    }
}
