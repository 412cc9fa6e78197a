using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

internal static partial class ListCommands
{
    // LEFT | RIGHT (getListPositionFromObjectOrReply); true for LEFT (the head).
    private static bool TryGetWhere(CommandContext ctx, int index, out bool head)
    {
        head = ctx.Args.Is(index, "LEFT"u8);
        if (head || ctx.Args.Is(index, "RIGHT"u8))
        {
            return true;
        }
        ctx.Reply.Error(ErrorMessages.Syntax);
        return false;
    }

    // LMOVE source destination LEFT|RIGHT LEFT|RIGHT
    private static void LMove(CommandContext ctx)
    {
        if (!TryGetWhere(ctx, 3, out bool fromHead) || !TryGetWhere(ctx, 4, out bool toHead))
        {
            return;
        }
        MoveGeneric(ctx, fromHead, toHead);
    }

    // RPOPLPUSH source destination
    private static void RPopLPush(CommandContext ctx) => MoveGeneric(ctx, fromHead: false, toHead: true);

    private static void MoveGeneric(CommandContext ctx, bool fromHead, bool toHead)
    {
        if (ReplyIfError(ctx, ListOps.Move(ctx.Db, ctx.Args[1], ctx.Args[2], fromHead, toHead, ref ctx.Clock, out var moved)))
        {
            return;
        }
        if (moved is null)
        {
            ctx.Reply.Null();
        }
        else
        {
            ctx.Reply.Bulk(moved);
        }
    }

    /// <summary>LMPOP/BLMPOP arguments: numkeys key [key ...] LEFT|RIGHT [COUNT count] from <paramref name="numkeysIndex"/>
    /// (<c>lmpopGenericCommand</c>); replies the error and returns false when they do not parse.</summary>
    private static bool TryParseMPop(CommandContext ctx, int numkeysIndex, out int firstKey, out int keyCount, out bool head, out long count)
    {
        firstKey = numkeysIndex + 1;
        keyCount = 0;
        head = false;
        count = -1;
        var args = ctx.Args;
        if (!DataTypes.Numbers.TryParseInt64(args[numkeysIndex], out long numkeys) || numkeys < 1)
        {
            ctx.Reply.Error(ErrorMessages.NumkeysNotPositive);
            return false;
        }
        long whereIndex = numkeysIndex + numkeys + 1;
        if (whereIndex >= args.Count)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return false;
        }
        if (!TryGetWhere(ctx, (int)whereIndex, out head))
        {
            return false;
        }
        for (int j = (int)whereIndex + 1; j < args.Count; j++)
        {
            if (count == -1 && args.Is(j, "COUNT"u8) && j + 1 < args.Count)
            {
                j++;
                if (!DataTypes.Numbers.TryParseInt64(args[j], out count) || count < 1)
                {
                    ctx.Reply.Error(ErrorMessages.CountNotPositive);
                    return false;
                }
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return false;
            }
        }
        if (count == -1)
        {
            count = 1;
        }
        keyCount = (int)numkeys;
        return true;
    }

    // LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
    private static void LMPop(CommandContext ctx)
    {
        if (!TryParseMPop(ctx, 1, out int firstKey, out int keyCount, out bool head, out long count))
        {
            return;
        }
        var keys = RentArgs(ctx, firstKey, keyCount, out int n);
        var reader = new ReplyReader(ctx.Reply, array: true);
        var error = ListOps.MultiPop(ctx.Db, keys.AsSpan(0, n), head, count, ref ctx.Clock, ref reader, out bool found);
        Return(keys, n);
        if (!ReplyIfError(ctx, error) && !found)
        {
            ctx.Reply.NullArray();
        }
    }
}
