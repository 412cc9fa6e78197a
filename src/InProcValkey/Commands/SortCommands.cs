using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>Handlers of SORT and SORT_RO (Valkey's <c>sort.c</c>): parse the options, call <see cref="SortOps"/>, reply.</summary>
internal static class SortCommands
{
    public static readonly CommandDef[] All =
    [
        new("sort", -2, CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.MovableKeys, "generic", Sort, 1, 1, 1),
        new("sort_ro", -2, CommandFlags.ReadOnly | CommandFlags.MovableKeys, "generic", SortReadOnly, 1, 1, 1),
    ];

    // SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]
    private static void Sort(CommandContext ctx) => Run(ctx, readOnly: false);

    // SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]
    private static void SortReadOnly(CommandContext ctx) => Run(ctx, readOnly: true);

    private static void Run(CommandContext ctx, bool readOnly)
    {
        var args = ctx.Args;
        var spec = new SortSpec();
        byte[]? store = null;
        for (int j = 2; j < args.Count; j++)
        {
            int left = args.Count - j - 1;
            if (args.Is(j, "asc"u8))
            {
                spec.Descending = false;
            }
            else if (args.Is(j, "desc"u8))
            {
                spec.Descending = true;
            }
            else if (args.Is(j, "alpha"u8))
            {
                spec.Alpha = true;
            }
            else if (args.Is(j, "limit"u8) && left >= 2)
            {
                if (!TryGetLong(ctx, j + 1, out spec.LimitOffset) || !TryGetLong(ctx, j + 2, out spec.LimitCount))
                {
                    return;
                }
                j += 2;
            }
            else if (!readOnly && args.Is(j, "store"u8) && left >= 1)
            {
                store = args.ToArray(j + 1);
                j++;
            }
            else if (args.Is(j, "by"u8) && left >= 1)
            {
                spec.By = args.ToArray(j + 1);
                j++;
            }
            else if (args.Is(j, "get"u8) && left >= 1)
            {
                spec.Gets.Add(args.ToArray(j + 1));
                j++;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        if (store is not null)
        {
            if (!ReplyIfError(ctx, SortOps.SortAndStore(ctx.Db, args[1], spec, store, ref ctx.Clock, out long count)))
            {
                ctx.Reply.Integer(count);
            }
            return;
        }
        if (ReplyIfError(ctx, SortOps.Sort(ctx.Db, args[1], spec, ref ctx.Clock, out var result)))
        {
            return;
        }
        ctx.Reply.Array(result.Count);
        foreach (var v in result)
        {
            if (v is null)
            {
                ctx.Reply.Null();
            }
            else
            {
                ctx.Reply.Bulk(v);
            }
        }
    }
}
