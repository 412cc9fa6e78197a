using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>APPEND, STRLEN, GETRANGE / SUBSTR, SETRANGE.</summary>
internal static partial class StringCommands
{
    private static void Append(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, StringOps.Append(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, out long length)))
        {
            ctx.Reply.Integer(length);
        }
    }

    private static void StrLen(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, StringOps.Length(ctx.Db, ctx.Args[1], ref ctx.Clock, out long length)))
        {
            ctx.Reply.Integer(length);
        }
    }

    // GETRANGE key start end (SUBSTR is the same command): the indexes are parsed before the key is read.
    private static void GetRange(CommandContext ctx)
    {
        if (!TryGetLong(ctx, 2, out long start) || !TryGetLong(ctx, 3, out long end))
        {
            return;
        }
        if (!ReplyIfError(ctx, StringOps.GetRange(ctx.Db, ctx.Args[1], start, end, ref ctx.Clock, out var value)))
        {
            ctx.Reply.Bulk(value);
        }
    }

    // SETRANGE key offset value
    private static void SetRange(CommandContext ctx)
    {
        if (!TryGetLong(ctx, 2, out long offset))
        {
            return;
        }
        if (!ReplyIfError(ctx, StringOps.SetRange(ctx.Db, ctx.Args[1], offset, ctx.Args[3], ref ctx.Clock, out long length)))
        {
            ctx.Reply.Integer(length);
        }
    }
}
