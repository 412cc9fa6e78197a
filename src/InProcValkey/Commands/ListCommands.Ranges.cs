using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

internal static partial class ListCommands
{
    // LRANGE key start stop — indexes are parsed before the lookup.
    private static void LRange(CommandContext ctx)
    {
        if (!TryGetLong(ctx, 2, out long start) || !TryGetLong(ctx, 3, out long stop))
        {
            return;
        }
        var reader = new ReplyReader(ctx.Reply, array: true);
        ReplyIfError(ctx, ListOps.Range(ctx.Db, ctx.Args[1], start, stop, ref ctx.Clock, ref reader));
    }

    // LTRIM key start stop
    private static void LTrim(CommandContext ctx)
    {
        if (!TryGetLong(ctx, 2, out long start) || !TryGetLong(ctx, 3, out long stop))
        {
            return;
        }
        if (!ReplyIfError(ctx, ListOps.Trim(ctx.Db, ctx.Args[1], start, stop, ref ctx.Clock)))
        {
            Ok(ctx);
        }
    }

    // LREM key count element
    private static void LRem(CommandContext ctx)
    {
        if (!TryGetLong(ctx, 2, out long count))
        {
            return;
        }
        if (!ReplyIfError(ctx, ListOps.Remove(ctx.Db, ctx.Args[1], count, ctx.Args[3], ref ctx.Clock, out long removed)))
        {
            ctx.Reply.Integer(removed);
        }
    }

    // LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
    private static void LPos(CommandContext ctx)
    {
        var options = ListPositionOptions.Default;
        var args = ctx.Args;
        for (int j = 3; j < args.Count; j++)
        {
            bool more = j + 1 < args.Count;
            if (args.Is(j, "RANK"u8) && more)
            {
                j++;
                if (!Numbers.TryParseInt64(args[j], out long rank))
                {
                    ctx.Reply.Error(ErrorMessages.NotInteger);
                    return;
                }
                if (rank == long.MinValue)
                {
                    ctx.Reply.Error(ErrorMessages.LposRankRange);
                    return;
                }
                if (rank == 0)
                {
                    ctx.Reply.Error(ErrorMessages.LposRankZero);
                    return;
                }
                options.Rank = rank;
            }
            else if (args.Is(j, "COUNT"u8) && more)
            {
                j++;
                if (!Numbers.TryParseInt64(args[j], out long count) || count < 0)
                {
                    ctx.Reply.Error(ErrorMessages.LposCountNegative);
                    return;
                }
                options.Count = count;
            }
            else if (args.Is(j, "MAXLEN"u8) && more)
            {
                j++;
                if (!Numbers.TryParseInt64(args[j], out long maxLen) || maxLen < 0)
                {
                    ctx.Reply.Error(ErrorMessages.LposMaxlenNegative);
                    return;
                }
                options.MaxLen = maxLen;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        var positions = new List<long>();
        if (ReplyIfError(ctx, ListOps.Position(ctx.Db, args[1], args[2], options, ref ctx.Clock, positions)))
        {
            return;
        }
        if (options.Count != -1)
        {
            ctx.Reply.Array(positions.Count);
            foreach (long p in positions)
            {
                ctx.Reply.Integer(p);
            }
        }
        else if (positions.Count > 0)
        {
            ctx.Reply.Integer(positions[0]);
        }
        else
        {
            ctx.Reply.Null();
        }
    }
}
