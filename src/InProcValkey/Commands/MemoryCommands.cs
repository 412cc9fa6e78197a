using InProcValkey.Errors;
using InProcValkey.Operations;

namespace InProcValkey.Commands;

/// <summary>
/// MEMORY (Valkey's <c>memoryCommand</c> in <c>object.c</c>): USAGE and HELP. DOCTOR, MALLOC-STATS, PURGE and STATS report
/// on jemalloc and on Valkey's own allocations; there is nothing real behind them here, so they are not in the table.
/// </summary>
internal static class MemoryCommands
{
    private const string Parent = "memory";

    public static readonly CommandDef[] All =
    [
        new(Parent, -2, CommandFlags.None, "server", null)
        {
            SubCommands =
            [
                new("help", 2, CommandFlags.Loading | CommandFlags.Stale, "server", Help) { Parent = Parent },
                new("usage", -3, CommandFlags.ReadOnly, "server", Usage, 2, 2, 1) { Parent = Parent },
            ],
        },
    ];

    // MEMORY HELP's lines for the subcommands there are, as Valkey 7.2 words them.
    private static readonly string[] HelpLines =
    [
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).",
    ];

    private static void Help(CommandContext ctx)
    {
        ctx.Reply.Array(HelpLines.Length + 3);
        ctx.Reply.SimpleString("MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in HelpLines)
        {
            ctx.Reply.SimpleString(line);
        }
        ctx.Reply.SimpleString("HELP");
        ctx.Reply.SimpleString("    Print this help.");
    }

    // MEMORY USAGE key [SAMPLES count]: SAMPLES is checked as Valkey checks it (an integer, not negative); our structures
    // keep their byte counts current, so the figure is exact whatever the count.
    private static void Usage(CommandContext ctx)
    {
        var args = ctx.Args;
        for (int j = 3; j < args.Count; j++)
        {
            if (args.Is(j, "samples"u8) && j + 1 < args.Count)
            {
                if (!CommandHelpers.TryGetLong(ctx, j + 1, out long samples))
                {
                    return;
                }
                if (samples < 0)
                {
                    ctx.Reply.Error(ErrorMessages.Syntax);
                    return;
                }
                j++;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        if (KeyOps.MemoryUsage(ctx.Db, args[2], out long bytes))
        {
            ctx.Reply.Integer(bytes);
        }
        else
        {
            ctx.Reply.Null();
        }
    }
}
