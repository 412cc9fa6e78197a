using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>ZRANGE and its variants, ZRANGESTORE, ZREMRANGEBY* (Valkey's <c>zrangeGenericCommand</c>, <c>zremrangeGenericCommand</c>).</summary>
internal static partial class SortedSetCommands
{
    private enum Direction : byte
    {
        Auto,
        Forward,
        Reverse,
    }

    private enum RangeType : byte
    {
        Auto,
        Rank,
        Score,
        Lex,
    }

    private static void ZRange(CommandContext ctx) => RangeGeneric(ctx, 1, false, RangeType.Auto, Direction.Auto);

    private static void ZRangeStore(CommandContext ctx) => RangeGeneric(ctx, 2, true, RangeType.Auto, Direction.Auto);

    private static void ZRevRange(CommandContext ctx) => RangeGeneric(ctx, 1, false, RangeType.Rank, Direction.Reverse);

    private static void ZRangeByScore(CommandContext ctx) => RangeGeneric(ctx, 1, false, RangeType.Score, Direction.Forward);

    private static void ZRevRangeByScore(CommandContext ctx) => RangeGeneric(ctx, 1, false, RangeType.Score, Direction.Reverse);

    private static void ZRangeByLex(CommandContext ctx) => RangeGeneric(ctx, 1, false, RangeType.Lex, Direction.Forward);

    private static void ZRevRangeByLex(CommandContext ctx) => RangeGeneric(ctx, 1, false, RangeType.Lex, Direction.Reverse);

    // <src> <min> <max> [BYSCORE | BYLEX] [REV] [WITHSCORES] [LIMIT offset count], from argument `start` (the source key).
    private static void RangeGeneric(CommandContext ctx, int start, bool store, RangeType type, Direction direction)
    {
        var args = ctx.Args;
        int minIdx = start + 1, maxIdx = start + 2;
        bool withScores = false;
        long offset = 0, limit = -1;
        for (int j = start + 3; j < args.Count; j++)
        {
            int left = args.Count - j - 1;
            if (!store && args.Is(j, "WITHSCORES"u8))
            {
                withScores = true;
            }
            else if (args.Is(j, "LIMIT"u8) && left >= 2)
            {
                if (!TryGetLong(ctx, j + 1, out offset) || !TryGetLong(ctx, j + 2, out limit))
                {
                    return;
                }
                j += 2;
            }
            else if (direction == Direction.Auto && args.Is(j, "REV"u8))
            {
                direction = Direction.Reverse;
            }
            else if (type == RangeType.Auto && args.Is(j, "BYLEX"u8))
            {
                type = RangeType.Lex;
            }
            else if (type == RangeType.Auto && args.Is(j, "BYSCORE"u8))
            {
                type = RangeType.Score;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        if (direction == Direction.Auto)
        {
            direction = Direction.Forward;
        }
        if (type == RangeType.Auto)
        {
            type = RangeType.Rank;
        }
        if (limit != -1 && type == RangeType.Rank)
        {
            ctx.Reply.Error(ErrorMessages.ZsetLimitOnlyByScoreOrLex);
            return;
        }
        if (withScores && type == RangeType.Lex)
        {
            ctx.Reply.Error(ErrorMessages.ZsetWithScoresByLex);
            return;
        }
        bool reverse = direction == Direction.Reverse;
        if (reverse && type != RangeType.Rank)
        {
            (minIdx, maxIdx) = (maxIdx, minIdx);
        }
        ZRangeSpec spec;
        switch (type)
        {
            case RangeType.Rank:
                if (!TryGetLong(ctx, minIdx, out long s) || !TryGetLong(ctx, maxIdx, out long e))
                {
                    return;
                }
                spec = ZRangeSpec.ByRank(s, e, reverse);
                break;
            case RangeType.Score:
                if (!ScoreRange.TryParse(args[minIdx], args[maxIdx], out var sr))
                {
                    ctx.Reply.Error(ErrorMessages.ZsetMinMaxNotFloat);
                    return;
                }
                spec = ZRangeSpec.ByScore(sr, reverse, offset, limit);
                break;
            default:
                if (!LexRange.TryParse(args[minIdx], args[maxIdx], out var lr))
                {
                    ctx.Reply.Error(ErrorMessages.ZsetMinMaxNotLex);
                    return;
                }
                spec = ZRangeSpec.ByLex(lr, reverse, offset, limit);
                break;
        }
        if (store)
        {
            if (!ReplyIfError(ctx, SortedSetOps.RangeStore(ctx.Db, args[1], args[start], spec, ref ctx.Clock, out long stored)))
            {
                ctx.Reply.Integer(stored);
            }
            return;
        }
        var items = ZsetItems.Rent();
        if (!ReplyIfError(ctx, SortedSetOps.Range(ctx.Db, args[start], spec, ref ctx.Clock, items, out _)))
        {
            ReplyItems(ctx, items, withScores);
        }
        items.Return();
    }

    private static void ZRemRangeByRank(CommandContext ctx)
    {
        if (!TryGetLong(ctx, 2, out long s) || !TryGetLong(ctx, 3, out long e))
        {
            return;
        }
        RemoveRange(ctx, ZRangeSpec.ByRank(s, e));
    }

    private static void ZRemRangeByScore(CommandContext ctx)
    {
        if (!ScoreRange.TryParse(ctx.Args[2], ctx.Args[3], out var r))
        {
            ctx.Reply.Error(ErrorMessages.ZsetMinMaxNotFloat);
            return;
        }
        RemoveRange(ctx, ZRangeSpec.ByScore(r));
    }

    private static void ZRemRangeByLex(CommandContext ctx)
    {
        if (!LexRange.TryParse(ctx.Args[2], ctx.Args[3], out var r))
        {
            ctx.Reply.Error(ErrorMessages.ZsetMinMaxNotLex);
            return;
        }
        RemoveRange(ctx, ZRangeSpec.ByLex(r));
    }

    private static void RemoveRange(CommandContext ctx, in ZRangeSpec spec)
    {
        if (!ReplyIfError(ctx, SortedSetOps.RemoveRange(ctx.Db, ctx.Args[1], spec, ref ctx.Clock, out long n)))
        {
            ctx.Reply.Integer(n);
        }
    }
}
