using InProcValkey.DataTypes;
using InProcValkey.Errors;

namespace InProcValkey.Commands;

/// <summary>
/// CLIENT UNBLOCK client-id [TIMEOUT|ERROR] (Valkey's <c>clientCommand</c> in <c>networking.c</c>): releases a connection
/// blocked in BLPOP, BZPOPMIN, … as if its timeout passed (TIMEOUT, the default) or with an UNBLOCKED error (ERROR).
/// Replies 1 when the client was blocked and is released, 0 otherwise.
/// </summary>
internal static class ClientUnblockCommand
{
    public static readonly CommandDef Def = new("unblock", -3, CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale, "connection", Run)
    {
        Parent = "client",
    };

    private static void Run(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Count > 4)
        {
            ctx.Reply.Error(ErrorMessages.ClientSubcommandSyntax("unblock"));
            return;
        }
        bool error = false;
        if (args.Count == 4)
        {
            if (args.Is(3, "ERROR"u8))
            {
                error = true;
            }
            else if (!args.Is(3, "TIMEOUT"u8))
            {
                ctx.Reply.Error(ErrorMessages.UnblockReason);
                return;
            }
        }
        if (!Numbers.TryParseInt64(args[2], out long id))
        {
            ctx.Reply.Error(ErrorMessages.NotInteger);
            return;
        }
        foreach (var peer in ctx.Client?.Peers() ?? [])
        {
            if (peer.Id == id && peer.Blocked is { } blocked)
            {
                bool released = ctx.Engine.Blocking.Release(blocked, error ? ErrorMessages.UnblockedByClient : null);
                ctx.Reply.Integer(released ? 1 : 0);
                return;
            }
        }
        ctx.Reply.Integer(0);
    }
}
