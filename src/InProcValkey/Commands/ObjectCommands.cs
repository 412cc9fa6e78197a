using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// OBJECT and its subcommands (Valkey's <c>objectCommand</c> in <c>object.c</c>): ENCODING, REFCOUNT, IDLETIME, FREQ, HELP.
/// The dispatcher resolves the subcommand and checks its arity (<c>'object|encoding'</c> in arity errors); none of them
/// updates the key's LRU.
/// </summary>
internal static class ObjectCommands
{
    private const string Parent = "object";
    private const CommandFlags Read = CommandFlags.ReadOnly;

    public static readonly CommandDef[] All =
    [
        new(Parent, -2, CommandFlags.None, "generic", null)
        {
            SubCommands =
            [
                new("encoding", 3, Read, "generic", Encoding, 2, 2, 1) { Parent = Parent },
                new("freq", 3, Read, "generic", Freq, 2, 2, 1) { Parent = Parent },
                new("help", 2, CommandFlags.Loading | CommandFlags.Stale, "generic", Help) { Parent = Parent },
                new("idletime", 3, Read, "generic", IdleTime, 2, 2, 1) { Parent = Parent },
                new("refcount", 3, Read, "generic", RefCount, 2, 2, 1) { Parent = Parent },
            ],
        },
    ];

    // OBJECT HELP's body, as Valkey 7.2 writes it; the reply adds the header and the HELP footer (addReplyHelp).
    private static readonly string[] HelpLines =
    [
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
    ];

    private static void Help(CommandContext ctx)
    {
        ctx.Reply.Array(HelpLines.Length + 3);
        ctx.Reply.SimpleString(ctx.Args.GetString(0).ToUpperInvariant() + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in HelpLines)
        {
            ctx.Reply.SimpleString(line);
        }
        // Valkey 7.2 (like Redis 7.2) says "Print"; Redis 7.0 said "Prints".
        ctx.Reply.SimpleString("HELP");
        ctx.Reply.SimpleString("    Print this help.");
    }

    private static void Encoding(CommandContext ctx) => Reply(ctx, ObjectField.Encoding);

    private static void RefCount(CommandContext ctx) => Reply(ctx, ObjectField.RefCount);

    private static void IdleTime(CommandContext ctx) => Reply(ctx, ObjectField.IdleTime);

    private static void Freq(CommandContext ctx) => Reply(ctx, ObjectField.Freq);

    private static void Reply(CommandContext ctx, ObjectField field)
    {
        string? error = KeyOps.Object(ctx.Db, ctx.Args[2], field, ref ctx.Clock, out bool found, out string? encoding, out long number);
        if (!found)
        {
            ctx.Reply.Null();
        }
        else if (!ReplyIfError(ctx, error))
        {
            if (encoding is not null)
            {
                ctx.Reply.Bulk(encoding);
            }
            else
            {
                ctx.Reply.Integer(number);
            }
        }
    }
}
