using System.Globalization;
using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>ZPOPMIN, ZPOPMAX, ZMPOP, ZRANDMEMBER, ZSCAN.</summary>
internal static partial class SortedSetCommands
{
    private static void ZPopMin(CommandContext ctx) => PopMinMax(ctx, false);

    private static void ZPopMax(CommandContext ctx) => PopMinMax(ctx, true);

    // ZPOPMIN key [count]
    private static void PopMinMax(CommandContext ctx, bool max)
    {
        var args = ctx.Args;
        if (args.Count > 3)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        long count = -1;
        if (args.Count == 3 && !TryGetPositiveLong(ctx, 2, ErrorMessages.ValueMustBePositive, out count))
        {
            return;
        }
        var items = ZsetItems.Rent();
        if (!ReplyIfError(ctx, SortedSetOps.Pop(ctx.Db, [args.Memory(1)], max, count == -1 ? 1 : count, ref ctx.Clock, items, out _)))
        {
            // RESP3 nests pairs only when a count was given.
            bool nested = Resp3(ctx) && count != -1;
            ctx.Reply.Array(nested ? items.Count : items.Count * 2);
            for (int i = 0; i < items.Count; i++)
            {
                if (nested)
                {
                    ctx.Reply.Array(2);
                }
                ctx.Reply.Bulk(items.Member(i));
                ctx.Reply.Double(items.Score(i));
            }
        }
        items.Return();
    }

    /// <summary>Valkey's <c>getPositiveLongFromObjectOrReply</c> / <c>getRangeLongFromObjectOrReply(0, LONG_MAX)</c> with a message.</summary>
    private static bool TryGetPositiveLong(CommandContext ctx, int index, string error, out long value)
    {
        if (!DataTypes.Numbers.TryParseInt64(ctx.Args[index], out value) || value < 0)
        {
            ctx.Reply.Error(error);
            return false;
        }
        return true;
    }

    // ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
    private static void ZMPop(CommandContext ctx) => MPopGeneric(ctx, 1, out _, out _, out _, out _);

    /// <summary>Parses [B]ZMPOP's numkeys, keys, MIN|MAX and COUNT; pops unless <paramref name="numKeysIndex"/> is BZMPOP's (2).</summary>
    private static bool MPopGeneric(CommandContext ctx, int numKeysIndex, out ReadOnlyMemory<byte>[] keys, out bool max, out long count, out bool popped)
    {
        var args = ctx.Args;
        keys = [];
        max = false;
        count = -1;
        popped = false;
        if (!DataTypes.Numbers.TryParseInt64(args[numKeysIndex], out long numKeys) || numKeys < 1)
        {
            ctx.Reply.Error(ErrorMessages.ZsetNumKeysPositive);
            return false;
        }
        long whereIdx = numKeysIndex + numKeys + 1;
        if (whereIdx >= args.Count)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return false;
        }
        if (args.Is((int)whereIdx, "MIN"u8))
        {
            max = false;
        }
        else if (args.Is((int)whereIdx, "MAX"u8))
        {
            max = true;
        }
        else
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return false;
        }
        for (int j = (int)whereIdx + 1; j < args.Count; j++)
        {
            bool more = args.Count - 1 - j > 0;
            if (count == -1 && args.Is(j, "COUNT"u8) && more)
            {
                j++;
                if (!DataTypes.Numbers.TryParseInt64(args[j], out count) || count < 1)
                {
                    ctx.Reply.Error(ErrorMessages.ZsetCountPositive);
                    return false;
                }
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return false;
            }
        }
        if (count == -1)
        {
            count = 1;
        }
        keys = ArgList(ctx, numKeysIndex + 1, (int)numKeys);
        if (numKeysIndex != 1)
        {
            return true;
        }
        var items = ZsetItems.Rent();
        if (!ReplyIfError(ctx, SortedSetOps.Pop(ctx.Db, keys, max, count, ref ctx.Clock, items, out int k)))
        {
            ReplyKeyAndPairs(ctx, k < 0 ? null : (ReadOnlyMemory<byte>?)keys[k], items);
            popped = k >= 0;
        }
        items.Return();
        return true;
    }

    /// <summary>[B]ZMPOP's reply: [key, [[member, score], …]] or a null array.</summary>
    private static void ReplyKeyAndPairs(CommandContext ctx, ReadOnlyMemory<byte>? key, ZsetItems items)
    {
        if (key is not { } k)
        {
            ctx.Reply.NullArray();
            return;
        }
        ctx.Reply.Array(2);
        ctx.Reply.Bulk(k.Span);
        ctx.Reply.Array(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            ctx.Reply.Array(2);
            ctx.Reply.Bulk(items.Member(i));
            ctx.Reply.Double(items.Score(i));
        }
    }

    // ZRANDMEMBER key [count [WITHSCORES]]
    private static void ZRandMember(CommandContext ctx)
    {
        var args = ctx.Args;
        long? count = null;
        bool withScores = false;
        if (args.Count >= 3)
        {
            if (!TryGetLong(ctx, 2, out long l))
            {
                return;
            }
            if (l == long.MinValue)
            {
                ctx.Reply.Error(ErrorMessages.ValueOutOfRangeBetween(-long.MaxValue, long.MaxValue));
                return;
            }
            if (args.Count > 4 || (args.Count == 4 && !args.Is(3, "WITHSCORES"u8)))
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
            if (args.Count == 4)
            {
                withScores = true;
                if (l < -long.MaxValue / 2 || l > long.MaxValue / 2)
                {
                    ctx.Reply.Error(ErrorMessages.ValueOutOfRange);
                    return;
                }
            }
            count = l;
        }
        var items = ZsetItems.Rent();
        if (!ReplyIfError(ctx, SortedSetOps.RandomMembers(ctx.Db, args[1], count, ref ctx.Clock, items, out bool exists)))
        {
            if (count is null)
            {
                if (exists)
                {
                    ctx.Reply.Bulk(items.Member(0));
                }
                else
                {
                    ctx.Reply.Null();
                }
            }
            else
            {
                ReplyItems(ctx, items, withScores);
            }
        }
        items.Return();
    }

    // ZSCAN key cursor [MATCH pattern] [COUNT count]
    private static void ZScan(CommandContext ctx)
    {
        if (!KeyCommands.TryParseCursor(ctx.Args[2], out ulong cursor))
        {
            ctx.Reply.Error(ErrorMessages.InvalidCursor);
            return;
        }
        // The key is looked up (missing: an empty scan, no option parsing) before the options are parsed.
        if (ReplyIfError(ctx, SortedSetOps.Card(ctx.Db, ctx.Args[1], ref ctx.Clock, out long card)))
        {
            return;
        }
        if (card == 0)
        {
            ctx.Reply.Array(2);
            ctx.Reply.Bulk("0"u8);
            ctx.Reply.Array(0);
            return;
        }
        if (!KeyCommands.TryParseScanOptions(ctx, 3, allowType: false, out var options))
        {
            return;
        }
        var items = ZsetItems.Rent();
        // ZCARD above was the command's one lookupKeyRead: the scan counts no second hit.
        if (!ReplyIfError(ctx, SortedSetOps.Scan(ctx.Db, ctx.Args[1], cursor, options.Pattern, options.Count, ref ctx.Clock, items, out ulong next, out bool compact, read: false)))
        {
            ctx.Reply.Array(2);
            ctx.Reply.Bulk(next.ToString(CultureInfo.InvariantCulture));
            ctx.Reply.Array(items.Count * 2);
            Span<byte> buf = stackalloc byte[40];
            for (int i = 0; i < items.Count; i++)
            {
                ctx.Reply.Bulk(items.Member(i));
                if (compact)
                {
                    // A listpack holds the score as d2string printed it: the same text as a RESP2 double.
                    ctx.Reply.Double(items.Score(i));
                }
                else
                {
                    ctx.Reply.Bulk(buf[..FormatLongDoubleAuto(items.Score(i), buf)]);
                }
            }
        }
        items.Return();
    }

    /// <summary>Valkey's <c>ld2string(…, LD_STR_AUTO)</c> of a score (<c>%.17Lg</c>), as its dict-encoded ZSCAN prints scores.</summary>
    private static int FormatLongDoubleAuto(double v, Span<byte> dest)
    {
        string s = double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString("G17", CultureInfo.InvariantCulture).Replace('E', 'e');
        for (int i = 0; i < s.Length; i++)
        {
            dest[i] = (byte)s[i];
        }
        return s.Length;
    }
}
