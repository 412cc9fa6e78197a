using System.Buffers;
using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// Handlers of the list commands (Valkey 7.2's <c>t_list.c</c> command section): parse, call <see cref="ListOps"/>, reply.
/// This file holds the table, pushes, pops and single-element commands; ranges, moves and blocking pops have their own files.
/// </summary>
internal static partial class ListCommands
{
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags WriteOomFast = WriteOom | CommandFlags.Fast;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags Read = CommandFlags.ReadOnly;
    private const CommandFlags WriteBlocking = CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking;

    public static readonly CommandDef[] All =
    [
        new("lpush", -3, WriteOomFast, "list", LPush, 1, 1, 1),
        new("rpush", -3, WriteOomFast, "list", RPush, 1, 1, 1),
        new("lpushx", -3, WriteOomFast, "list", LPushX, 1, 1, 1),
        new("rpushx", -3, WriteOomFast, "list", RPushX, 1, 1, 1),
        new("linsert", 5, WriteOom, "list", LInsert, 1, 1, 1),
        new("llen", 2, Read | CommandFlags.Fast, "list", LLen, 1, 1, 1),
        new("lindex", 3, Read, "list", LIndex, 1, 1, 1),
        new("lset", 4, WriteOom, "list", LSet, 1, 1, 1),
        new("lpop", -2, WriteFast, "list", LPop, 1, 1, 1),
        new("rpop", -2, WriteFast, "list", RPop, 1, 1, 1),
        new("lrange", 4, Read, "list", LRange, 1, 1, 1),
        new("ltrim", 4, CommandFlags.Write, "list", LTrim, 1, 1, 1),
        new("lrem", 4, CommandFlags.Write, "list", LRem, 1, 1, 1),
        new("lpos", -3, Read, "list", LPos, 1, 1, 1),
        new("lmove", 5, WriteOom, "list", LMove, 1, 2, 1),
        new("rpoplpush", 3, WriteOom, "list", RPopLPush, 1, 2, 1),
        new("lmpop", -4, CommandFlags.Write | CommandFlags.MovableKeys, "list", LMPop),
        new("blpop", -3, WriteBlocking, "list", BLPop, 1, -2, 1),
        new("brpop", -3, WriteBlocking, "list", BRPop, 1, -2, 1),
        new("blmove", 6, WriteBlocking | CommandFlags.DenyOom, "list", BLMove, 1, 2, 1),
        new("brpoplpush", 4, WriteBlocking | CommandFlags.DenyOom, "list", BRPopLPush, 1, 2, 1),
        new("blmpop", -5, CommandFlags.Write | CommandFlags.Blocking | CommandFlags.MovableKeys, "list", BLMPop),
    ];

    // ---- reply helpers ----

    /// <summary>Writes a list element as a bulk string (integers in decimal).</summary>
    internal static void BulkElement(IReplyWriter r, in ListpackEntry e) => ListOps.WriteBulk(r, e);

    // Writes elements as an array (or, for a single pop without COUNT, one bulk string).
    private struct ReplyReader(IReplyWriter reply, bool array) : IKeyedListReader
    {
        public void BeginKey(ReadOnlySpan<byte> key)
        {
            reply.Array(2);
            reply.Bulk(key);
        }

        public readonly void Begin(long count)
        {
            if (array)
            {
                reply.Array((int)count);
            }
        }

        public readonly bool Visit(in ListpackEntry element)
        {
            BulkElement(reply, element);
            return true;
        }
    }

    // The arguments from `first` on, as memory slices of the argument buffer (pooled array; return it).
    private static ReadOnlyMemory<byte>[] RentArgs(CommandContext ctx, int first, int count, out int n)
    {
        n = count;
        var values = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(n);
        for (int i = 0; i < n; i++)
        {
            values[i] = ctx.Args.Memory(first + i);
        }
        return values;
    }

    private static void Return(ReadOnlyMemory<byte>[] values, int n)
    {
        values.AsSpan(0, n).Clear();
        ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(values);
    }

    // ---- pushes ----

    private static void LPush(CommandContext ctx) => PushGeneric(ctx, head: true, onlyIfExists: false);

    private static void RPush(CommandContext ctx) => PushGeneric(ctx, head: false, onlyIfExists: false);

    private static void LPushX(CommandContext ctx) => PushGeneric(ctx, head: true, onlyIfExists: true);

    private static void RPushX(CommandContext ctx) => PushGeneric(ctx, head: false, onlyIfExists: true);

    // LPUSH|RPUSH|LPUSHX|RPUSHX key element [element ...]
    private static void PushGeneric(CommandContext ctx, bool head, bool onlyIfExists)
    {
        string? error;
        long length;
        if (ctx.Args.Count == 3)
        {
            error = ListOps.PushOne(ctx.Db, ctx.Args[1], head, onlyIfExists, ctx.Args[2], ref ctx.Clock, out length);
        }
        else
        {
            var values = RentArgs(ctx, 2, ctx.Args.Count - 2, out int n);
            error = ListOps.Push(ctx.Db, ctx.Args[1], head, onlyIfExists, values.AsSpan(0, n), ref ctx.Clock, out length);
            Return(values, n);
        }
        if (!ReplyIfError(ctx, error))
        {
            ctx.Reply.Integer(length);
        }
    }

    // LINSERT key BEFORE|AFTER pivot element
    private static void LInsert(CommandContext ctx)
    {
        bool after;
        if (ctx.Args.Is(2, "AFTER"u8))
        {
            after = true;
        }
        else if (ctx.Args.Is(2, "BEFORE"u8))
        {
            after = false;
        }
        else
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        if (!ReplyIfError(ctx, ListOps.Insert(ctx.Db, ctx.Args[1], after, ctx.Args[3], ctx.Args[4], ref ctx.Clock, out long length)))
        {
            ctx.Reply.Integer(length);
        }
    }

    // LLEN key
    private static void LLen(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, ListOps.Length(ctx.Db, ctx.Args[1], ref ctx.Clock, out long length)))
        {
            ctx.Reply.Integer(length);
        }
    }

    // LINDEX key index — Valkey looks the key up before parsing the index.
    private static void LIndex(CommandContext ctx)
    {
        if (ReplyIfError(ctx, ListOps.Length(ctx.Db, ctx.Args[1], ref ctx.Clock, out long length)))
        {
            return;
        }
        if (length == 0)
        {
            ctx.Reply.Null();
            return;
        }
        if (!TryGetLong(ctx, 2, out long index))
        {
            return;
        }
        var reader = new ReplyReader(ctx.Reply, array: false);
        // The lookup above was the command's one lookupKeyRead: this one counts no second hit.
        if (!ReplyIfError(ctx, ListOps.Index(ctx.Db, ctx.Args[1], index, ref ctx.Clock, ref reader, out bool found, read: false)) && !found)
        {
            ctx.Reply.Null();
        }
    }

    // LSET key index element
    private static void LSet(CommandContext ctx)
    {
        // Valkey: lookupKeyWriteOrReply (no such key) and checkType come before the index is parsed.
        if (ReplyIfError(ctx, ListOps.Length(ctx.Db, ctx.Args[1], ref ctx.Clock, out long length, read: false)))
        {
            return;
        }
        if (length == 0)
        {
            ctx.Reply.Error(ErrorMessages.NoSuchKey);
            return;
        }
        if (!TryGetLong(ctx, 2, out long index))
        {
            return;
        }
        if (!ReplyIfError(ctx, ListOps.Set(ctx.Db, ctx.Args[1], index, ctx.Args[3], ref ctx.Clock)))
        {
            Ok(ctx);
        }
    }

    private static void LPop(CommandContext ctx) => PopGeneric(ctx, head: true);

    private static void RPop(CommandContext ctx) => PopGeneric(ctx, head: false);

    // LPOP|RPOP key [count]
    private static void PopGeneric(CommandContext ctx, bool head)
    {
        if (ctx.Args.Count > 3)
        {
            ctx.Reply.Error(ErrorMessages.WrongArity(ctx.Command.Name));
            return;
        }
        long count = -1;
        if (ctx.Args.Count == 3 && (!Numbers.TryParseInt64(ctx.Args[2], out count) || count < 0))
        {
            ctx.Reply.Error(ErrorMessages.MustBePositive);
            return;
        }
        var reader = new ReplyReader(ctx.Reply, array: count >= 0);
        if (ReplyIfError(ctx, ListOps.Pop(ctx.Db, ctx.Args[1], head, count, ref ctx.Clock, ref reader, out bool found)))
        {
            return;
        }
        if (!found)
        {
            if (count >= 0)
            {
                ctx.Reply.NullArray();
            }
            else
            {
                ctx.Reply.Null();
            }
        }
    }
}
