using InProcValkey.DataTypes;
using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>ZUNION, ZINTER, ZDIFF, ZINTERCARD and the STORE forms (Valkey's <c>zunionInterDiffGenericCommand</c>).</summary>
internal static partial class SortedSetCommands
{
    private static void ZUnion(CommandContext ctx) => Combine(ctx, 1, ZSetOperation.Union, false, false);

    private static void ZInter(CommandContext ctx) => Combine(ctx, 1, ZSetOperation.Inter, false, false);

    private static void ZDiff(CommandContext ctx) => Combine(ctx, 1, ZSetOperation.Diff, false, false);

    private static void ZInterCard(CommandContext ctx) => Combine(ctx, 1, ZSetOperation.Inter, false, true);

    private static void ZUnionStore(CommandContext ctx) => Combine(ctx, 2, ZSetOperation.Union, true, false);

    private static void ZInterStore(CommandContext ctx) => Combine(ctx, 2, ZSetOperation.Inter, true, false);

    private static void ZDiffStore(CommandContext ctx) => Combine(ctx, 2, ZSetOperation.Diff, true, false);

    private static void Combine(CommandContext ctx, int numKeysIndex, ZSetOperation op, bool store, bool cardinalityOnly)
    {
        var args = ctx.Args;
        if (!TryGetLong(ctx, numKeysIndex, out long setnum))
        {
            return;
        }
        if (setnum < 1)
        {
            ctx.Reply.Error(ErrorMessages.ZsetAtLeastOneKey(ctx.Command.FullName));
            return;
        }
        if (setnum > args.Count - (numKeysIndex + 1))
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        int n = (int)setnum;
        var keys = ArgList(ctx, numKeysIndex + 1, n);
        var options = new ZCombineOptions { Operation = op, CardinalityOnly = cardinalityOnly };
        bool withScores = false;
        // Options are parsed before the keys are read here, but their errors are reported after the type checks, as Valkey does.
        int j = numKeysIndex + 1 + n;
        int remaining = args.Count - j;
        while (remaining > 0 && options.DeferredError is null)
        {
            if (op != ZSetOperation.Diff && !cardinalityOnly && remaining >= n + 1 && args.Is(j, "WEIGHTS"u8))
            {
                j++;
                remaining--;
                options.Weights = new double[n];
                for (int i = 0; i < n; i++, j++, remaining--)
                {
                    if (!CStrtod.TryParseStrict(args[j], out options.Weights[i]))
                    {
                        options.DeferredError = ErrorMessages.ZsetWeightNotFloat;
                        break;
                    }
                }
            }
            else if (op != ZSetOperation.Diff && !cardinalityOnly && remaining >= 2 && args.Is(j, "AGGREGATE"u8))
            {
                j++;
                if (args.Is(j, "SUM"u8))
                {
                    options.Aggregate = ZAggregate.Sum;
                }
                else if (args.Is(j, "MIN"u8))
                {
                    options.Aggregate = ZAggregate.Min;
                }
                else if (args.Is(j, "MAX"u8))
                {
                    options.Aggregate = ZAggregate.Max;
                }
                else
                {
                    options.DeferredError = ErrorMessages.Syntax;
                    break;
                }
                j++;
                remaining -= 2;
            }
            else if (!store && !cardinalityOnly && args.Is(j, "WITHSCORES"u8))
            {
                j++;
                remaining--;
                withScores = true;
            }
            else if (cardinalityOnly && remaining >= 2 && args.Is(j, "LIMIT"u8))
            {
                if (!Numbers.TryParseInt64(args[j + 1], out options.Limit) || options.Limit < 0)
                {
                    options.DeferredError = ErrorMessages.ZsetLimitNegative;
                    break;
                }
                j += 2;
                remaining -= 2;
            }
            else
            {
                options.DeferredError = ErrorMessages.Syntax;
            }
        }
        var items = ZsetItems.Rent();
        ReadOnlyMemory<byte>? destination = store ? args.Memory(1) : default(ReadOnlyMemory<byte>?); // not ": null", which converts to an empty key (ZUNION stored a key "")
        if (!ReplyIfError(ctx, SortedSetOps.Combine(ctx.Db, keys, options, destination, ref ctx.Clock, items, out long cardinality)))
        {
            if (store || cardinalityOnly)
            {
                ctx.Reply.Integer(cardinality);
            }
            else
            {
                ReplyItems(ctx, items, withScores);
            }
        }
        items.Return();
    }
}
