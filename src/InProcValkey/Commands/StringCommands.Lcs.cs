using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>LCS.</summary>
internal static partial class StringCommands
{
    // LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]. Valkey checks the key types first, then
    // the options, then LEN with IDX, then the table size.
    private static void LcsCommand(CommandContext ctx)
    {
        if (ReplyIfError(ctx, StringOps.LcsRead(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, out var a, out var b)))
        {
            return;
        }
        bool len = false, idx = false, withMatchLen = false;
        long minMatchLen = 0;
        var args = ctx.Args;
        for (int j = 3; j < args.Count; j++)
        {
            if (args.Is(j, "IDX"u8))
            {
                idx = true;
            }
            else if (args.Is(j, "LEN"u8))
            {
                len = true;
            }
            else if (args.Is(j, "WITHMATCHLEN"u8))
            {
                withMatchLen = true;
            }
            else if (args.Is(j, "MINMATCHLEN"u8) && j + 1 < args.Count)
            {
                if (!TryGetLong(ctx, ++j, out minMatchLen))
                {
                    return;
                }
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        if (len && idx)
        {
            ctx.Reply.Error(ErrorMessages.LcsLenAndIdx);
            return;
        }
        var mode = idx ? LcsMode.Ranges : len ? LcsMode.Length : LcsMode.Text;
        if (ReplyIfError(ctx, StringOps.LcsCompute(ctx.Db, a, b, mode, minMatchLen, out var result)))
        {
            return;
        }
        switch (mode)
        {
            case LcsMode.Length:
                ctx.Reply.Integer(result.Length);
                break;
            case LcsMode.Text:
                ctx.Reply.Bulk(result.Text);
                break;
            default:
                var ranges = result.Ranges!;
                ctx.Reply.Map(2);
                ctx.Reply.Bulk("matches");
                ctx.Reply.Array(ranges.Count);
                foreach (var r in ranges)
                {
                    ctx.Reply.Array(withMatchLen ? 3 : 2);
                    ctx.Reply.Array(2);
                    ctx.Reply.Integer(r.FirstStart);
                    ctx.Reply.Integer(r.FirstEnd);
                    ctx.Reply.Array(2);
                    ctx.Reply.Integer(r.SecondStart);
                    ctx.Reply.Integer(r.SecondEnd);
                    if (withMatchLen)
                    {
                        ctx.Reply.Integer(r.Length);
                    }
                }
                ctx.Reply.Bulk("len");
                ctx.Reply.Integer(result.Length);
                break;
        }
    }
}
