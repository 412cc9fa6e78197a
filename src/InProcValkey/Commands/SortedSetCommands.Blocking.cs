using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>BZPOPMIN, BZPOPMAX, BZMPOP (Valkey's <c>blockingGenericZpopCommand</c>).</summary>
internal static partial class SortedSetCommands
{
    public static readonly CommandDef[] Blocking =
    [
        new("bzpopmin", -3, CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking | CommandFlags.Fast, Group, BZPopMin, 1, -2, 1),
        new("bzpopmax", -3, CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking | CommandFlags.Fast, Group, BZPopMax, 1, -2, 1),
        new("bzmpop", -5, CommandFlags.Write | CommandFlags.Blocking | CommandFlags.MovableKeys, Group, BZMPop),
    ];

    private static void BZPopMin(CommandContext ctx) => BZPop(ctx, false);

    private static void BZPopMax(CommandContext ctx) => BZPop(ctx, true);

    // BZPOPMIN key [key ...] timeout
    private static void BZPop(CommandContext ctx, bool max)
    {
        if (!ListCommands.TryGetTimeoutSeconds(ctx, ctx.Args.Count - 1, out long timeoutMs))
        {
            return;
        }
        var keys = ArgList(ctx, 1, ctx.Args.Count - 2);
        PopOrBlock(ctx, keys, max, 1, multiPop: false, timeoutMs);
    }

    // BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: numkeys, MIN|MAX and COUNT are checked before the timeout.
    private static void BZMPop(CommandContext ctx)
    {
        if (!MPopGeneric(ctx, 2, out var keys, out bool max, out long count, out _))
        {
            return;
        }
        if (!ListCommands.TryGetTimeoutSeconds(ctx, 1, out long timeoutMs))
        {
            return;
        }
        PopOrBlock(ctx, keys, max, count, multiPop: true, timeoutMs);
    }

    private static void PopOrBlock(CommandContext ctx, ReadOnlyMemory<byte>[] keys, bool max, long count, bool multiPop, long timeoutMs)
    {
        var items = ZsetItems.Rent();
        try
        {
            if (ReplyIfError(ctx, SortedSetOps.Pop(ctx.Db, keys, max, count, ref ctx.Clock, items, out int k)))
            {
                return;
            }
            if (k >= 0)
            {
                SortedSetOps.WritePopped(ctx.Reply, keys[k].Span, items, multiPop);
                return;
            }
        }
        finally
        {
            items.Return();
        }
        var command = new SortedSetOps.BlockedZPop([.. keys.Select(k => k.ToArray())], max, count, multiPop);
        if (ctx.CanBlock)
        {
            ctx.Block([.. keys.Select(k => k.ToArray())], timeoutMs, command);
        }
        else
        {
            command.WriteTimeout(ctx.Reply);
        }
    }
}
