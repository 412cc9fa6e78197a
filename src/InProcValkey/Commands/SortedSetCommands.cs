using InProcValkey.DataTypes;
using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// Handlers of the sorted-set commands (Valkey's <c>t_zset.c</c> command section): parse, call <see cref="SortedSetOps"/>,
/// reply. This file holds the table, ZADD/ZINCRBY, ZREM and the single-member reads; ranges, pops and the set algebra have
/// their own files.
/// </summary>
internal static partial class SortedSetCommands
{
    private const string Group = "sorted-set";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteOomFast = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;

    public static readonly CommandDef[] All =
    [
        new("zadd", -4, WriteOomFast, Group, ZAdd, 1, 1, 1),
        new("zincrby", 4, WriteOomFast, Group, ZIncrBy, 1, 1, 1),
        new("zcard", 2, ReadFast, Group, ZCard, 1, 1, 1),
        new("zscore", 3, ReadFast, Group, ZScore, 1, 1, 1),
        new("zmscore", -3, ReadFast, Group, ZMScore, 1, 1, 1),
        new("zrank", -3, ReadFast, Group, ZRank, 1, 1, 1),
        new("zrevrank", -3, ReadFast, Group, ZRevRank, 1, 1, 1),
        new("zcount", 4, ReadFast, Group, ZCount, 1, 1, 1),
        new("zlexcount", 4, ReadFast, Group, ZLexCount, 1, 1, 1),
        new("zrem", -3, WriteFast, Group, ZRem, 1, 1, 1),
        new("zrange", -4, CommandFlags.ReadOnly, Group, ZRange, 1, 1, 1),
        new("zrangestore", -5, WriteOom, Group, ZRangeStore, 1, 2, 1),
        new("zrevrange", -4, CommandFlags.ReadOnly, Group, ZRevRange, 1, 1, 1),
        new("zrangebyscore", -4, CommandFlags.ReadOnly, Group, ZRangeByScore, 1, 1, 1),
        new("zrevrangebyscore", -4, CommandFlags.ReadOnly, Group, ZRevRangeByScore, 1, 1, 1),
        new("zrangebylex", -4, CommandFlags.ReadOnly, Group, ZRangeByLex, 1, 1, 1),
        new("zrevrangebylex", -4, CommandFlags.ReadOnly, Group, ZRevRangeByLex, 1, 1, 1),
        new("zremrangebyrank", 4, CommandFlags.Write, Group, ZRemRangeByRank, 1, 1, 1),
        new("zremrangebyscore", 4, CommandFlags.Write, Group, ZRemRangeByScore, 1, 1, 1),
        new("zremrangebylex", 4, CommandFlags.Write, Group, ZRemRangeByLex, 1, 1, 1),
        new("zpopmin", -2, WriteFast, Group, ZPopMin, 1, 1, 1),
        new("zpopmax", -2, WriteFast, Group, ZPopMax, 1, 1, 1),
        new("zmpop", -4, CommandFlags.Write | CommandFlags.MovableKeys, Group, ZMPop),
        new("zrandmember", -2, CommandFlags.ReadOnly, Group, ZRandMember, 1, 1, 1),
        new("zscan", -3, CommandFlags.ReadOnly, Group, ZScan, 1, 1, 1),
        new("zunion", -3, CommandFlags.ReadOnly | CommandFlags.MovableKeys, Group, ZUnion),
        new("zinter", -3, CommandFlags.ReadOnly | CommandFlags.MovableKeys, Group, ZInter),
        new("zdiff", -3, CommandFlags.ReadOnly | CommandFlags.MovableKeys, Group, ZDiff),
        new("zintercard", -3, CommandFlags.ReadOnly | CommandFlags.MovableKeys, Group, ZInterCard),
        new("zunionstore", -4, WriteOom | CommandFlags.MovableKeys, Group, ZUnionStore, 1, 1, 1),
        new("zinterstore", -4, WriteOom | CommandFlags.MovableKeys, Group, ZInterStore, 1, 1, 1),
        new("zdiffstore", -4, WriteOom | CommandFlags.MovableKeys, Group, ZDiffStore, 1, 1, 1),
    ];

    private static bool Resp3(CommandContext ctx) => ctx.Client is { Protocol: 3 };

    /// <summary>Arguments from <paramref name="start"/> by <paramref name="step"/>, <paramref name="count"/> of them.</summary>
    private static ReadOnlyMemory<byte>[] ArgList(CommandContext ctx, int start, int count, int step = 1)
    {
        var list = new ReadOnlyMemory<byte>[count];
        for (int i = 0; i < count; i++)
        {
            list[i] = ctx.Args.Memory(start + i * step);
        }
        return list;
    }

    /// <summary>Members (and scores) in order: RESP2 a flat array; RESP3 with scores an array of [member, score] pairs.</summary>
    private static void ReplyItems(CommandContext ctx, ZsetItems items, bool withScores)
    {
        var r = ctx.Reply;
        bool nested = withScores && Resp3(ctx);
        r.Array(withScores && !nested ? items.Count * 2 : items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (nested)
            {
                r.Array(2);
            }
            r.Bulk(items.Member(i));
            if (withScores)
            {
                r.Double(items.Score(i));
            }
        }
    }

    // ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
    private static void ZAdd(CommandContext ctx) => AddGeneric(ctx, ZAddFlags.None);

    // ZINCRBY key increment member
    private static void ZIncrBy(CommandContext ctx) => AddGeneric(ctx, ZAddFlags.Incr);

    private static void AddGeneric(CommandContext ctx, ZAddFlags flags)
    {
        var args = ctx.Args;
        int i = 2;
        for (; i < args.Count; i++)
        {
            if (args.Is(i, "NX"u8))
            {
                flags |= ZAddFlags.Nx;
            }
            else if (args.Is(i, "XX"u8))
            {
                flags |= ZAddFlags.Xx;
            }
            else if (args.Is(i, "CH"u8))
            {
                flags |= ZAddFlags.Ch;
            }
            else if (args.Is(i, "INCR"u8))
            {
                flags |= ZAddFlags.Incr;
            }
            else if (args.Is(i, "GT"u8))
            {
                flags |= ZAddFlags.Gt;
            }
            else if (args.Is(i, "LT"u8))
            {
                flags |= ZAddFlags.Lt;
            }
            else
            {
                break;
            }
        }
        int elements = args.Count - i;
        if (elements == 0 || elements % 2 != 0)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        int pairs = elements / 2;
        if (ReplyIfError(ctx, SortedSetOps.ValidateAdd(flags, pairs)))
        {
            return;
        }
        var scores = new double[pairs];
        for (int j = 0; j < pairs; j++)
        {
            if (!CStrtod.TryParseStrict(args[i + 2 * j], out scores[j]))
            {
                ctx.Reply.Error(ErrorMessages.NotFloat);
                return;
            }
        }
        var members = ArgList(ctx, i + 1, pairs, 2);
        if (ReplyIfError(ctx, SortedSetOps.Add(ctx.Db, args[1], flags, scores, members, ref ctx.Clock, out var result)))
        {
            return;
        }
        if ((flags & ZAddFlags.Incr) != 0)
        {
            if (result.Processed > 0)
            {
                ctx.Reply.Double(result.Score);
            }
            else
            {
                ctx.Reply.Null();
            }
            return;
        }
        ctx.Reply.Integer(result.Reply((flags & ZAddFlags.Ch) != 0));
    }

    private static void ZCard(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, SortedSetOps.Card(ctx.Db, ctx.Args[1], ref ctx.Clock, out long n)))
        {
            ctx.Reply.Integer(n);
        }
    }

    private static void ZScore(CommandContext ctx)
    {
        if (ReplyIfError(ctx, SortedSetOps.Score(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, out double? score)))
        {
            return;
        }
        if (score is { } s)
        {
            ctx.Reply.Double(s);
        }
        else
        {
            ctx.Reply.Null();
        }
    }

    private static void ZMScore(CommandContext ctx)
    {
        var members = ArgList(ctx, 2, ctx.Args.Count - 2);
        if (ReplyIfError(ctx, SortedSetOps.MScore(ctx.Db, ctx.Args[1], members, ref ctx.Clock, out var scores)))
        {
            return;
        }
        ctx.Reply.Array(scores.Length);
        foreach (var s in scores)
        {
            if (s is { } v)
            {
                ctx.Reply.Double(v);
            }
            else
            {
                ctx.Reply.Null();
            }
        }
    }

    private static void ZRank(CommandContext ctx) => RankGeneric(ctx, false);

    private static void ZRevRank(CommandContext ctx) => RankGeneric(ctx, true);

    // ZRANK key member [WITHSCORE] (WITHSCORE is new in 7.2)
    private static void RankGeneric(CommandContext ctx, bool reverse)
    {
        var args = ctx.Args;
        if (args.Count > 4)
        {
            ctx.Reply.Error(ErrorMessages.WrongArity(ctx.Command.FullName));
            return;
        }
        bool withScore = false;
        if (args.Count == 4)
        {
            if (!args.Is(3, "WITHSCORE"u8))
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
            withScore = true;
        }
        if (ReplyIfError(ctx, SortedSetOps.Rank(ctx.Db, args[1], args[2], reverse, ref ctx.Clock, out long rank, out double score)))
        {
            return;
        }
        if (rank < 0)
        {
            if (withScore)
            {
                ctx.Reply.NullArray();
            }
            else
            {
                ctx.Reply.Null();
            }
            return;
        }
        if (withScore)
        {
            ctx.Reply.Array(2);
            ctx.Reply.Integer(rank);
            ctx.Reply.Double(score);
        }
        else
        {
            ctx.Reply.Integer(rank);
        }
    }

    private static void ZCount(CommandContext ctx)
    {
        if (!ScoreRange.TryParse(ctx.Args[2], ctx.Args[3], out var range))
        {
            ctx.Reply.Error(ErrorMessages.ZsetMinMaxNotFloat);
            return;
        }
        if (!ReplyIfError(ctx, SortedSetOps.CountByScore(ctx.Db, ctx.Args[1], range, ref ctx.Clock, out long n)))
        {
            ctx.Reply.Integer(n);
        }
    }

    private static void ZLexCount(CommandContext ctx)
    {
        if (!LexRange.TryParse(ctx.Args[2], ctx.Args[3], out var range))
        {
            ctx.Reply.Error(ErrorMessages.ZsetMinMaxNotLex);
            return;
        }
        if (!ReplyIfError(ctx, SortedSetOps.CountByLex(ctx.Db, ctx.Args[1], range, ref ctx.Clock, out long n)))
        {
            ctx.Reply.Integer(n);
        }
    }

    private static void ZRem(CommandContext ctx)
    {
        var members = ArgList(ctx, 2, ctx.Args.Count - 2);
        if (!ReplyIfError(ctx, SortedSetOps.Remove(ctx.Db, ctx.Args[1], members, ref ctx.Clock, out long n)))
        {
            ctx.Reply.Integer(n);
        }
    }
}
