using System.Globalization;
using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

internal static partial class ListCommands
{
    /// <summary>Valkey's <c>getTimeoutFromObjectOrReply</c> in seconds: a non-negative float; milliseconds rounded up (0 = forever).</summary>
    internal static bool TryGetTimeoutSeconds(CommandContext ctx, int index, out long timeoutMs)
    {
        timeoutMs = 0;
        var s = ctx.Args[index];
        // string2ld's rules (decimal or hex float, inf, no spaces, not NaN); the value itself read as a double.
        if (!LongDouble.TryParse(s, out var ld) || ld.IsNaN)
        {
            ctx.Reply.Error(ErrorMessages.TimeoutNotFloat);
            return false;
        }
        double seconds;
        if (ld.IsInfinity)
        {
            seconds = ld.IsNegative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        else if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) &&
                 !double.TryParse(ld.ToHumanText(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            // Hexadecimal floats are read through their decimal form above; anything else is not a number.
            ctx.Reply.Error(ErrorMessages.TimeoutNotFloat);
            return false;
        }
        double ms = seconds * 1000.0;
        if (ms > long.MaxValue)
        {
            ctx.Reply.Error(ErrorMessages.TimeoutOutOfRange);
            return false;
        }
        if (double.IsNegativeInfinity(ms))
        {
            ctx.Reply.Error(ErrorMessages.NegativeTimeout);
            return false;
        }
        long t = (long)Math.Ceiling(ms);
        if (t < 0)
        {
            ctx.Reply.Error(ErrorMessages.NegativeTimeout);
            return false;
        }
        if (t > 0 && t > long.MaxValue - ctx.Clock.NowMs)
        {
            ctx.Reply.Error(ErrorMessages.TimeoutOutOfRange);
            return false;
        }
        timeoutMs = t;
        return true;
    }

    private static void BLPop(CommandContext ctx) => BPopGeneric(ctx, head: true);

    private static void BRPop(CommandContext ctx) => BPopGeneric(ctx, head: false);

    // BLPOP|BRPOP key [key ...] timeout
    private static void BPopGeneric(CommandContext ctx, bool head)
    {
        if (!TryGetTimeoutSeconds(ctx, ctx.Args.Count - 1, out long timeoutMs))
        {
            return;
        }
        var keys = RentArgs(ctx, 1, ctx.Args.Count - 2, out int n);
        var reader = new ReplyReader(ctx.Reply, array: false);
        var error = ListOps.MultiPop(ctx.Db, keys.AsSpan(0, n), head, 1, ref ctx.Clock, ref reader, out bool found);
        if (!ReplyIfError(ctx, error) && !found)
        {
            BlockOrNull(ctx, keys.AsSpan(0, n), timeoutMs, new ListOps.BlockedPop(KeyArrays(keys.AsSpan(0, n)), head, 1, multiPop: false));
        }
        Return(keys, n);
    }

    private static byte[][] KeyArrays(ReadOnlySpan<ReadOnlyMemory<byte>> keys)
    {
        var k = new byte[keys.Length][];
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = keys[i].ToArray();
        }
        return k;
    }

    // BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
    private static void BLMPop(CommandContext ctx)
    {
        if (!TryGetTimeoutSeconds(ctx, 1, out long timeoutMs) ||
            !TryParseMPop(ctx, 2, out int firstKey, out int keyCount, out bool head, out long count))
        {
            return;
        }
        var keys = RentArgs(ctx, firstKey, keyCount, out int n);
        var reader = new ReplyReader(ctx.Reply, array: true);
        var error = ListOps.MultiPop(ctx.Db, keys.AsSpan(0, n), head, count, ref ctx.Clock, ref reader, out bool found);
        if (!ReplyIfError(ctx, error) && !found)
        {
            BlockOrNull(ctx, keys.AsSpan(0, n), timeoutMs, new ListOps.BlockedPop(KeyArrays(keys.AsSpan(0, n)), head, count, multiPop: true));
        }
        Return(keys, n);
    }

    // BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
    private static void BLMove(CommandContext ctx)
    {
        if (!TryGetWhere(ctx, 3, out bool fromHead) || !TryGetWhere(ctx, 4, out bool toHead) || !TryGetTimeoutSeconds(ctx, 5, out long timeoutMs))
        {
            return;
        }
        BMoveGeneric(ctx, fromHead, toHead, timeoutMs);
    }

    // BRPOPLPUSH source destination timeout
    private static void BRPopLPush(CommandContext ctx)
    {
        if (!TryGetTimeoutSeconds(ctx, 3, out long timeoutMs))
        {
            return;
        }
        BMoveGeneric(ctx, fromHead: false, toHead: true, timeoutMs);
    }

    private static void BMoveGeneric(CommandContext ctx, bool fromHead, bool toHead, long timeoutMs)
    {
        if (ReplyIfError(ctx, ListOps.Move(ctx.Db, ctx.Args[1], ctx.Args[2], fromHead, toHead, ref ctx.Clock, out var moved)))
        {
            return;
        }
        if (moved is not null)
        {
            ctx.Reply.Bulk(moved);
            return;
        }
        BlockOrNull(ctx, [ctx.Args.Memory(1)], timeoutMs, new ListOps.BlockedMove(ctx.Args.ToArray(1), ctx.Args.ToArray(2), fromHead, toHead));
    }

    // Nothing to serve now: block (when the caller can) or reply the timeout reply right away (MULTI, scripts).
    private static void BlockOrNull(CommandContext ctx, ReadOnlySpan<ReadOnlyMemory<byte>> keys, long timeoutMs, Keyspace.Blocking.IBlockedCommand command)
    {
        if (ctx.CanBlock)
        {
            ctx.Block(KeyArrays(keys), timeoutMs, command);
        }
        else if (command is ListOps.BlockedMove)
        {
            // blmoveGenericCommand under CLIENT_DENY_BLOCKING: a null bulk string (its timeout is a null array).
            ctx.Reply.Null();
        }
        else
        {
            command.WriteTimeout(ctx.Reply);
        }
    }
}
