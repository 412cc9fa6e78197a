using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>MGET, MSET, MSETNX.</summary>
internal static partial class StringCommands
{
    // MGET key [key ...]: nil for missing keys and for keys of another type.
    private static void MGet(CommandContext ctx)
    {
        var keys = ArgsFrom(ctx, 1, 1);
        var values = StringOps.GetMany(ctx.Db, keys, ref ctx.Clock);
        ctx.Reply.Array(values.Length);
        foreach (var v in values)
        {
            BulkOrNull(ctx, v);
        }
    }

    // MSET key value [key value ...] → OK; MSETNX … → 1 when all were set, 0 when any key existed (nothing set).
    private static void MSet(CommandContext ctx)
    {
        if (ctx.Args.Count % 2 == 0)
        {
            ctx.Reply.Error(ErrorMessages.WrongArity(ctx.Command.FullName));
            return;
        }
        bool nx = ctx.Command.Name == "msetnx";
        bool written = StringOps.SetMany(ctx.Db, ArgsFrom(ctx, 1, 2), ArgsFrom(ctx, 2, 2), nx, ref ctx.Clock);
        if (nx)
        {
            ctx.Reply.Integer(written ? 1 : 0);
        }
        else
        {
            Ok(ctx);
        }
    }

    /// <summary>Every <paramref name="step"/>-th argument from <paramref name="start"/>, as views over the argument buffer (no copy).</summary>
    private static ReadOnlyMemory<byte>[] ArgsFrom(CommandContext ctx, int start, int step)
    {
        var items = new ReadOnlyMemory<byte>[(ctx.Args.Count - start + step - 1) / step];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = ctx.Args.Memory(start + i * step);
        }
        return items;
    }
}
