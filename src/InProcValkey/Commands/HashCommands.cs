using System.Buffers.Text;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// Handlers of the hash commands (Valkey's <c>t_hash.c</c> command section): parse, call <see cref="HashOps"/>, reply.
/// Multi-value reads copy into the context's <see cref="CommandContext.HashBuffer"/> under the shard lock and reply after it.
/// </summary>
internal static class HashCommands
{
    private const CommandFlags WriteOomFast = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;

    public static readonly CommandDef[] All =
    [
        new("hdel", -3, CommandFlags.Write | CommandFlags.Fast, "hash", HDel, 1, 1, 1),
        new("hexists", 3, ReadFast, "hash", HExists, 1, 1, 1),
        new("hget", 3, ReadFast, "hash", HGet, 1, 1, 1),
        new("hgetall", 2, CommandFlags.ReadOnly, "hash", HGetAll, 1, 1, 1),
        new("hincrby", 4, WriteOomFast, "hash", HIncrBy, 1, 1, 1),
        new("hincrbyfloat", 4, WriteOomFast, "hash", HIncrByFloat, 1, 1, 1),
        new("hkeys", 2, CommandFlags.ReadOnly, "hash", HKeys, 1, 1, 1),
        new("hlen", 2, ReadFast, "hash", HLen, 1, 1, 1),
        new("hmget", -3, ReadFast, "hash", HMGet, 1, 1, 1),
        new("hmset", -4, WriteOomFast, "hash", HMSet, 1, 1, 1),
        new("hrandfield", -2, CommandFlags.ReadOnly, "hash", HRandField, 1, 1, 1),
        new("hscan", -3, CommandFlags.ReadOnly, "hash", HScan, 1, 1, 1),
        new("hset", -4, WriteOomFast, "hash", HSet, 1, 1, 1),
        new("hsetnx", 4, WriteOomFast, "hash", HSetNx, 1, 1, 1),
        new("hstrlen", 3, ReadFast, "hash", HStrLen, 1, 1, 1),
        new("hvals", 2, CommandFlags.ReadOnly, "hash", HVals, 1, 1, 1),
    ];

    // HSET key field value [field value ...] → the number of fields added.
    private static void HSet(CommandContext ctx)
    {
        if ((ctx.Args.Count & 1) != 0)
        {
            ctx.Reply.Error(ErrorMessages.WrongArity(ctx.Command.Name));
            return;
        }
        if (!ReplyIfError(ctx, HashOps.Set(ctx.Db, ctx.Args[1], new ArgPairs(ctx.Args, 2), ref ctx.Clock, out long added)))
        {
            ctx.Reply.Integer(added);
        }
    }

    // HMSET key field value [field value ...] → OK.
    private static void HMSet(CommandContext ctx)
    {
        if ((ctx.Args.Count & 1) != 0)
        {
            ctx.Reply.Error(ErrorMessages.WrongArity(ctx.Command.Name));
            return;
        }
        if (!ReplyIfError(ctx, HashOps.Set(ctx.Db, ctx.Args[1], new ArgPairs(ctx.Args, 2), ref ctx.Clock, out _)))
        {
            Ok(ctx);
        }
    }

    private static void HSetNx(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, HashOps.SetIfNotExists(ctx.Db, ctx.Args[1], ctx.Args[2], ctx.Args[3], ref ctx.Clock, out bool set)))
        {
            ctx.Reply.Integer(set ? 1 : 0);
        }
    }

    private static void HDel(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, HashOps.Delete(ctx.Db, ctx.Args[1], new ArgFields(ctx.Args, 2), ref ctx.Clock, out long removed)))
        {
            ctx.Reply.Integer(removed);
        }
    }

    private static void HGet(CommandContext ctx)
    {
        var scratch = ctx.Scratch;
        var reader = new BufferValueReader(scratch);
        if (!ReplyIfError(ctx, HashOps.Get(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, ref reader, out bool found)))
        {
            if (found)
            {
                ctx.Reply.Bulk(scratch.WrittenSpan);
            }
            else
            {
                ctx.Reply.Null();
            }
        }
        ctx.ReleaseScratch();
    }

    private static void HMGet(CommandContext ctx)
    {
        var items = ctx.HashBuffer;
        if (!ReplyIfError(ctx, HashOps.GetMany(ctx.Db, ctx.Args[1], new ArgFields(ctx.Args, 2), ref ctx.Clock, items)))
        {
            ctx.Reply.Array(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                if (items.IsNull(i))
                {
                    ctx.Reply.Null();
                }
                else
                {
                    ctx.Reply.Bulk(items[i]);
                }
            }
        }
        items.Trim();
    }

    private static void HGetAll(CommandContext ctx)
    {
        var items = ctx.HashBuffer;
        if (!ReplyIfError(ctx, HashOps.GetAll(ctx.Db, ctx.Args[1], HashParts.Both, ref ctx.Clock, items)))
        {
            ctx.Reply.Map(items.Count / 2);
            for (int i = 0; i < items.Count; i++)
            {
                ctx.Reply.Bulk(items[i]);
            }
        }
        items.Trim();
    }

    private static void HKeys(CommandContext ctx) => ReplyParts(ctx, HashParts.Fields);

    private static void HVals(CommandContext ctx) => ReplyParts(ctx, HashParts.Values);

    private static void ReplyParts(CommandContext ctx, HashParts parts)
    {
        var items = ctx.HashBuffer;
        if (!ReplyIfError(ctx, HashOps.GetAll(ctx.Db, ctx.Args[1], parts, ref ctx.Clock, items)))
        {
            ReplyArray(ctx, items);
        }
        items.Trim();
    }

    private static void ReplyArray(CommandContext ctx, ValkeyValueBuffer items)
    {
        ctx.Reply.Array(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            ctx.Reply.Bulk(items[i]);
        }
    }

    private static void HLen(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, HashOps.Length(ctx.Db, ctx.Args[1], ref ctx.Clock, out long length)))
        {
            ctx.Reply.Integer(length);
        }
    }

    private static void HExists(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, HashOps.Exists(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, out bool exists)))
        {
            ctx.Reply.Integer(exists ? 1 : 0);
        }
    }

    private static void HStrLen(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, HashOps.ValueLength(ctx.Db, ctx.Args[1], ctx.Args[2], ref ctx.Clock, out long length)))
        {
            ctx.Reply.Integer(length);
        }
    }

    // HINCRBY key field increment: the increment is parsed before the key is read.
    private static void HIncrBy(CommandContext ctx)
    {
        if (TryGetLong(ctx, 3, out long delta) &&
            !ReplyIfError(ctx, HashOps.IncrementBy(ctx.Db, ctx.Args[1], ctx.Args[2], delta, ref ctx.Clock, out long result)))
        {
            ctx.Reply.Integer(result);
        }
    }

    private static void HIncrByFloat(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, HashOps.IncrementByFloat(ctx.Db, ctx.Args[1], ctx.Args[2], ctx.Args[3], ref ctx.Clock, out var text)))
        {
            ctx.Reply.Bulk(text!);
        }
    }

    // HRANDFIELD key [count [WITHVALUES]]: the count is checked (range ±LONG_MAX, then ±LONG_MAX/2 with WITHVALUES) before
    // the key is read; a missing key answers nil without a count, an empty array with one.
    private static void HRandField(CommandContext ctx)
    {
        var args = ctx.Args;
        var items = ctx.HashBuffer;
        if (args.Count == 2)
        {
            if (!ReplyIfError(ctx, HashOps.RandomField(ctx.Db, args[1], ref ctx.Clock, items, out bool found)))
            {
                if (found)
                {
                    ctx.Reply.Bulk(items[0]);
                }
                else
                {
                    ctx.Reply.Null();
                }
            }
            items.Trim();
            return;
        }
        if (!TryGetLong(ctx, 2, out long count))
        {
            return;
        }
        if (count == long.MinValue)
        {
            ctx.Reply.Error(ErrorMessages.HRandFieldCountOutOfRange);
            return;
        }
        bool withValues = false;
        if (args.Count > 4 || (args.Count == 4 && !args.Is(3, "WITHVALUES"u8)))
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        if (args.Count == 4)
        {
            withValues = true;
            if (count < -long.MaxValue / 2 || count > long.MaxValue / 2)
            {
                ctx.Reply.Error(ErrorMessages.ValueOutOfRange);
                return;
            }
        }
        if (!ReplyIfError(ctx, HashOps.RandomFields(ctx.Db, args[1], count, withValues, ref ctx.Clock, items)))
        {
            if (withValues && ctx.Client is { Protocol: 3 })
            {
                ctx.Reply.Array(items.Count / 2);
                for (int i = 0; i < items.Count; i += 2)
                {
                    ctx.Reply.Array(2);
                    ctx.Reply.Bulk(items[i]);
                    ctx.Reply.Bulk(items[i + 1]);
                }
            }
            else
            {
                ReplyArray(ctx, items);
            }
        }
        items.Trim();
    }

    // HSCAN key cursor [MATCH pattern] [COUNT count]: the cursor is parsed first, then the key is looked up (a missing key
    // answers an empty page even when the options are wrong), then the options (Valkey's hscanCommand + scanGenericCommand).
    private static void HScan(CommandContext ctx)
    {
        if (!KeyCommands.TryParseCursor(ctx.Args[2], out ulong cursor))
        {
            ctx.Reply.Error(ErrorMessages.InvalidCursor);
            return;
        }
        string? optionsError = ParseHScanOptions(ctx.Args, out var options);
        var items = ctx.HashBuffer;
        if (!ReplyIfError(ctx, HashOps.Scan(ctx.Db, ctx.Args[1], cursor, options, optionsError, ref ctx.Clock, items, out ulong next)))
        {
            ctx.Reply.Array(2);
            Span<byte> digits = stackalloc byte[20];
            Utf8Formatter.TryFormat(next, digits, out int n);
            ctx.Reply.Bulk(digits[..n]);
            ReplyArray(ctx, items);
        }
        items.Trim();
    }

    // MATCH and COUNT as scanGenericCommand parses them for a key's collection (no TYPE; NOVALUES is Valkey 8): each takes a
    // value, may repeat (the last wins); COUNT must be an integer of at least 1; anything else is a syntax error.
    private static string? ParseHScanOptions(CommandArgs args, out ScanOptions options)
    {
        options = ScanOptions.Default;
        for (int i = 3; i < args.Count; i += 2)
        {
            bool hasValue = i + 1 < args.Count;
            if (hasValue && args.Is(i, "COUNT"u8))
            {
                if (!DataTypes.Numbers.TryParseInt64(args[i + 1], out long count))
                {
                    return ErrorMessages.NotInteger;
                }
                if (count < 1)
                {
                    return ErrorMessages.Syntax;
                }
                options.Count = count;
            }
            else if (hasValue && args.Is(i, "MATCH"u8))
            {
                options.Pattern = args.ToArray(i + 1);
            }
            else
            {
                return ErrorMessages.Syntax;
            }
        }
        return null;
    }
}
