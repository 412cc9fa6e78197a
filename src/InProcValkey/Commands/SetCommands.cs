using System.Buffers.Text;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// Handlers of the set commands (Valkey's <c>t_set.c</c> command section): parse, call <see cref="SetOps"/>, reply.
/// Member lists are set replies (RESP3 <c>~</c>) where Valkey sends one (SMEMBERS, SINTER, SUNION, SDIFF, SPOP with a
/// count), arrays elsewhere (SRANDMEMBER, SMISMEMBER, SSCAN).
/// </summary>
internal static class SetCommands
{
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;

    public static readonly CommandDef[] All =
    [
        new("sadd", -3, WriteOom | CommandFlags.Fast, "set", SAdd, 1, 1, 1),
        new("srem", -3, WriteFast, "set", SRem, 1, 1, 1),
        new("scard", 2, ReadFast, "set", SCard, 1, 1, 1),
        new("sismember", 3, ReadFast, "set", SIsMember, 1, 1, 1),
        new("smismember", -3, ReadFast, "set", SMIsMember, 1, 1, 1),
        new("smembers", 2, CommandFlags.ReadOnly, "set", SMembers, 1, 1, 1),
        new("smove", 4, WriteFast, "set", SMove, 1, 2, 1),
        new("spop", -2, WriteFast, "set", SPop, 1, 1, 1),
        new("srandmember", -2, CommandFlags.ReadOnly, "set", SRandMember, 1, 1, 1),
        new("sinter", -2, CommandFlags.ReadOnly, "set", SInter, 1, -1, 1),
        new("sintercard", -3, CommandFlags.ReadOnly | CommandFlags.MovableKeys, "set", SInterCard),
        new("sinterstore", -3, WriteOom, "set", SInterStore, 1, -1, 1),
        new("sunion", -2, CommandFlags.ReadOnly, "set", SUnion, 1, -1, 1),
        new("sunionstore", -3, WriteOom, "set", SUnionStore, 1, -1, 1),
        new("sdiff", -2, CommandFlags.ReadOnly, "set", SDiff, 1, -1, 1),
        new("sdiffstore", -3, WriteOom, "set", SDiffStore, 1, -1, 1),
        new("sscan", -3, CommandFlags.ReadOnly, "set", SScan, 1, 1, 1),
    ];

    private static ReadOnlyMemory<byte>[] ArgsFrom(CommandContext ctx, int start, int end)
    {
        var items = new ReadOnlyMemory<byte>[end - start];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = ctx.Args.Memory(start + i);
        }
        return items;
    }

    private static void SetReply(CommandContext ctx, List<byte[]> members)
    {
        ctx.Reply.Set(members.Count);
        foreach (var m in members)
        {
            ctx.Reply.Bulk(m);
        }
    }

    private static void ArrayReply(CommandContext ctx, List<byte[]> members)
    {
        ctx.Reply.Array(members.Count);
        foreach (var m in members)
        {
            ctx.Reply.Bulk(m);
        }
    }

    // SADD key member [member ...]
    private static void SAdd(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, SetOps.Add(ctx.Db, ctx.Args[1], ArgsFrom(ctx, 2, ctx.Args.Count), ref ctx.Clock, out long added)))
        {
            ctx.Reply.Integer(added);
        }
    }

    // SREM key member [member ...]
    private static void SRem(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, SetOps.Remove(ctx.Db, ctx.Args[1], ArgsFrom(ctx, 2, ctx.Args.Count), ref ctx.Clock, out long removed)))
        {
            ctx.Reply.Integer(removed);
        }
    }

    // SCARD key
    private static void SCard(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, SetOps.Cardinality(ctx.Db, ctx.Args[1], ref ctx.Clock, out long count)))
        {
            ctx.Reply.Integer(count);
        }
    }

    // SISMEMBER key member
    private static void SIsMember(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, SetOps.Contains(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, out bool isMember)))
        {
            ctx.Reply.Integer(isMember ? 1 : 0);
        }
    }

    // SMISMEMBER key member [member ...]
    private static void SMIsMember(CommandContext ctx)
    {
        if (ReplyIfError(ctx, SetOps.ContainsMany(ctx.Db, ctx.Args[1], ArgsFrom(ctx, 2, ctx.Args.Count), ref ctx.Clock, out bool[] flags)))
        {
            return;
        }
        ctx.Reply.Array(flags.Length);
        foreach (bool f in flags)
        {
            ctx.Reply.Integer(f ? 1 : 0);
        }
    }

    // SMEMBERS key
    private static void SMembers(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, SetOps.Members(ctx.Db, ctx.Args[1], ref ctx.Clock, out var members)))
        {
            SetReply(ctx, members);
        }
    }

    // SMOVE source destination member
    private static void SMove(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, SetOps.Move(ctx.Db, ctx.Args[1], ctx.Args[2], ctx.Args[3], ref ctx.Clock, out bool moved)))
        {
            ctx.Reply.Integer(moved ? 1 : 0);
        }
    }

    // SPOP key [count]
    private static void SPop(CommandContext ctx)
    {
        if (ctx.Args.Count > 3)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        if (ctx.Args.Count == 2)
        {
            if (!ReplyIfError(ctx, SetOps.PopOne(ctx.Db, ctx.Args[1], ref ctx.Clock, out var member)))
            {
                BulkOrNull(ctx, member);
            }
            return;
        }
        if (!DataTypes.Numbers.TryParseInt64(ctx.Args[2], out long count) || count < 0)
        {
            ctx.Reply.Error(ErrorMessages.SetCountNotPositive);
            return;
        }
        if (!ReplyIfError(ctx, SetOps.Pop(ctx.Db, ctx.Args[1], count, ref ctx.Clock, out var members)))
        {
            SetReply(ctx, members);
        }
    }

    private static void BulkOrNull(CommandContext ctx, byte[]? value)
    {
        if (value is null)
        {
            ctx.Reply.Null();
        }
        else
        {
            ctx.Reply.Bulk(value);
        }
    }

    // SRANDMEMBER key [count]
    private static void SRandMember(CommandContext ctx)
    {
        if (ctx.Args.Count > 3)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        if (ctx.Args.Count == 2)
        {
            if (!ReplyIfError(ctx, SetOps.RandomMember(ctx.Db, ctx.Args[1], ref ctx.Clock, out var member)))
            {
                BulkOrNull(ctx, member);
            }
            return;
        }
        if (!TryGetLong(ctx, 2, out long count))
        {
            return;
        }
        if (count == long.MinValue)
        {
            ctx.Reply.Error(ErrorMessages.SetRandomCountRange);
            return;
        }
        if (!ReplyIfError(ctx, SetOps.RandomMembers(ctx.Db, ctx.Args[1], count, ref ctx.Clock, out var members)))
        {
            ArrayReply(ctx, members);
        }
    }

    // SINTER key [key ...]
    private static void SInter(CommandContext ctx) => Combine(ctx, SetOps.Combine.Intersect);

    // SUNION key [key ...]
    private static void SUnion(CommandContext ctx) => Combine(ctx, SetOps.Combine.Union);

    // SDIFF key [key ...]
    private static void SDiff(CommandContext ctx) => Combine(ctx, SetOps.Combine.Difference);

    private static void Combine(CommandContext ctx, SetOps.Combine op)
    {
        if (!ReplyIfError(ctx, SetOps.CombineMembers(ctx.Db, op, ArgsFrom(ctx, 1, ctx.Args.Count), ref ctx.Clock, out var members)))
        {
            SetReply(ctx, members);
        }
    }

    // SINTERSTORE destination key [key ...]
    private static void SInterStore(CommandContext ctx) => Store(ctx, SetOps.Combine.Intersect);

    // SUNIONSTORE destination key [key ...]
    private static void SUnionStore(CommandContext ctx) => Store(ctx, SetOps.Combine.Union);

    // SDIFFSTORE destination key [key ...]
    private static void SDiffStore(CommandContext ctx) => Store(ctx, SetOps.Combine.Difference);

    private static void Store(CommandContext ctx, SetOps.Combine op)
    {
        if (!ReplyIfError(ctx, SetOps.CombineAndStore(ctx.Db, op, ctx.Args[1], ArgsFrom(ctx, 2, ctx.Args.Count), ref ctx.Clock, out long count)))
        {
            ctx.Reply.Integer(count);
        }
    }

    // SINTERCARD numkeys key [key ...] [LIMIT limit]
    private static void SInterCard(CommandContext ctx)
    {
        var args = ctx.Args;
        if (!DataTypes.Numbers.TryParseInt64(args[1], out long numKeys) || numKeys < 1)
        {
            ctx.Reply.Error(ErrorMessages.SetNumKeysNotPositive);
            return;
        }
        if (numKeys > args.Count - 2)
        {
            ctx.Reply.Error(ErrorMessages.SetNumKeysTooMany);
            return;
        }
        long limit = 0;
        for (int j = 2 + (int)numKeys; j < args.Count; j++)
        {
            if (args.Is(j, "LIMIT"u8) && j + 1 < args.Count)
            {
                j++;
                if (!DataTypes.Numbers.TryParseInt64(args[j], out limit) || limit < 0)
                {
                    ctx.Reply.Error(ErrorMessages.SetLimitNegative);
                    return;
                }
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        if (!ReplyIfError(ctx, SetOps.IntersectCardinality(ctx.Db, ArgsFrom(ctx, 2, 2 + (int)numKeys), limit, ref ctx.Clock, out long count)))
        {
            ctx.Reply.Integer(count);
        }
    }

    // SSCAN key cursor [MATCH pattern] [COUNT count]
    private static void SScan(CommandContext ctx)
    {
        if (!KeyCommands.TryParseCursor(ctx.Args[2], out ulong cursor))
        {
            ctx.Reply.Error(ErrorMessages.InvalidCursor);
            return;
        }
        ScanOptions? Parse() => KeyCommands.TryParseScanOptions(ctx, 3, allowType: false, out var options) ? options : null;
        if (ReplyIfError(ctx, SetOps.Scan(ctx.Db, ctx.Args[1], cursor, Parse, ref ctx.Clock, out ulong next, out var members)) || members is null)
        {
            return;
        }
        ctx.Reply.Array(2);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(next, digits, out int n);
        ctx.Reply.Bulk(digits[..n]);
        ArrayReply(ctx, members);
    }
}
