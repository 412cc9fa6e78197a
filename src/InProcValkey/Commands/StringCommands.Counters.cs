using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT.</summary>
internal static partial class StringCommands
{
    private static void Incr(CommandContext ctx) => IncrementBy(ctx, 1);

    private static void Decr(CommandContext ctx) => IncrementBy(ctx, -1);

    // INCRBY key increment: the increment is parsed before the key is read.
    private static void IncrBy(CommandContext ctx)
    {
        if (TryGetLong(ctx, 2, out long delta))
        {
            IncrementBy(ctx, delta);
        }
    }

    // DECRBY key decrement: -9223372036854775808 cannot be negated, refused before the key is read.
    private static void DecrBy(CommandContext ctx)
    {
        if (!TryGetLong(ctx, 2, out long delta))
        {
            return;
        }
        if (delta == long.MinValue)
        {
            ctx.Reply.Error(ErrorMessages.DecrementOverflow);
            return;
        }
        IncrementBy(ctx, -delta);
    }

    private static void IncrementBy(CommandContext ctx, long delta)
    {
        if (!ReplyIfError(ctx, StringOps.IncrementBy(ctx.Db, ctx.Args[1], delta, ref ctx.Clock, out long result)))
        {
            ctx.Reply.Integer(result);
        }
    }

    // INCRBYFLOAT key increment → the new value as a bulk string.
    private static void IncrByFloat(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, StringOps.IncrementByFloat(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, out var text)))
        {
            ctx.Reply.Bulk(text!);
        }
    }
}
