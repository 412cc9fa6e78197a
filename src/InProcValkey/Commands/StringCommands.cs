using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// Handlers of the string commands (Valkey's <c>t_string.c</c> command section): parse, call <see cref="StringOps"/>,
/// reply. This file holds the table and the GET/SET family; counters, ranges, multi-key commands and LCS have their own files.
/// </summary>
internal static partial class StringCommands
{
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags WriteOomFast = WriteOom | CommandFlags.Fast;
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;

    public static readonly CommandDef[] All =
    [
        new("get", 2, ReadFast, "string", Get, 1, 1, 1),
        new("set", -3, WriteOom, "string", Set, 1, 1, 1),
        new("setnx", 3, WriteOomFast, "string", SetNx, 1, 1, 1),
        new("setex", 4, WriteOom, "string", SetEx, 1, 1, 1),
        new("psetex", 4, WriteOom, "string", SetEx, 1, 1, 1),
        new("getset", 3, WriteOomFast, "string", GetSet, 1, 1, 1),
        new("getdel", 2, CommandFlags.Write | CommandFlags.Fast, "string", GetDel, 1, 1, 1),
        new("getex", -2, CommandFlags.Write | CommandFlags.Fast, "string", GetEx, 1, 1, 1),
        new("mget", -2, ReadFast, "string", MGet, 1, -1, 1),
        new("mset", -3, WriteOom, "string", MSet, 1, -1, 2),
        new("msetnx", -3, WriteOom, "string", MSet, 1, -1, 2),
        new("incr", 2, WriteOomFast, "string", Incr, 1, 1, 1),
        new("decr", 2, WriteOomFast, "string", Decr, 1, 1, 1),
        new("incrby", 3, WriteOomFast, "string", IncrBy, 1, 1, 1),
        new("decrby", 3, WriteOomFast, "string", DecrBy, 1, 1, 1),
        new("incrbyfloat", 3, WriteOomFast, "string", IncrByFloat, 1, 1, 1),
        new("append", 3, WriteOomFast, "string", Append, 1, 1, 1),
        new("strlen", 2, ReadFast, "string", StrLen, 1, 1, 1),
        new("getrange", 4, CommandFlags.ReadOnly, "string", GetRange, 1, 1, 1),
        new("substr", 4, CommandFlags.ReadOnly, "string", GetRange, 1, 1, 1),
        new("setrange", 4, WriteOom, "string", SetRange, 1, 1, 1),
        new("lcs", -3, CommandFlags.ReadOnly, "string", LcsCommand, 1, 2, 1),
    ];

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

    private static void Get(CommandContext ctx)
    {
        // Copied into the context's scratch buffer, replied after the lookup: no allocation per GET.
        var scratch = ctx.Scratch;
        var reader = new BufferValueReader(scratch);
        if (!ReplyIfError(ctx, StringOps.Get(ctx.Db, ctx.Args[1], ref ctx.Clock, ref reader, out bool found)))
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

    // SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
    private static void Set(CommandContext ctx)
    {
        if (!TryParseSetOptions(ctx, 3, allowGet: true, out var p))
        {
            return;
        }
        if (ReplyIfError(ctx, StringOps.Set(ctx.Db, ctx.Args[1], ctx.Args[2], p, ref ctx.Clock, out var r)))
        {
            return;
        }
        if (p.Get)
        {
            BulkOrNull(ctx, r.OldValue);
        }
        else if (r.Written)
        {
            Ok(ctx);
        }
        else
        {
            ctx.Reply.Null();
        }
    }

    // SETNX key value: 1 when set, 0 when the key exists.
    private static void SetNx(CommandContext ctx)
    {
        var p = SetParams.Plain;
        p.Condition = SetCondition.NotExists;
        if (!ReplyIfError(ctx, StringOps.Set(ctx.Db, ctx.Args[1], ctx.Args[2], p, ref ctx.Clock, out var r)))
        {
            ctx.Reply.Integer(r.Written ? 1 : 0);
        }
    }

    // SETEX key seconds value / PSETEX key milliseconds value
    private static void SetEx(CommandContext ctx)
    {
        var option = ctx.Command.Name == "setex" ? ExpireOption.Ex : ExpireOption.Px;
        if (!TryResolveExpireArgument(ctx, 2, option, out long when))
        {
            return;
        }
        var p = SetParams.Plain;
        p.ExpireAtMs = when;
        if (!ReplyIfError(ctx, StringOps.Set(ctx.Db, ctx.Args[1], ctx.Args[3], p, ref ctx.Clock, out _)))
        {
            Ok(ctx);
        }
    }

    // GETSET key value: SET … GET without options (the TTL is dropped).
    private static void GetSet(CommandContext ctx)
    {
        var p = SetParams.Plain;
        p.Get = true;
        if (!ReplyIfError(ctx, StringOps.Set(ctx.Db, ctx.Args[1], ctx.Args[2], p, ref ctx.Clock, out var r)))
        {
            BulkOrNull(ctx, r.OldValue);
        }
    }

    private static void GetDel(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, StringOps.GetDelete(ctx.Db, ctx.Args[1], ref ctx.Clock, out var value)))
        {
            BulkOrNull(ctx, value);
        }
    }

    // GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]
    private static void GetEx(CommandContext ctx)
    {
        if (!TryParseExtendedOptions(ctx, 2, forSet: false, out var o))
        {
            return;
        }
        var p = new GetExParams { Option = o.Expire };
        if (o.ExpireArgument > 0)
        {
            p.ArgumentIsInteger = Numbers.TryParseInt64(ctx.Args[o.ExpireArgument], out p.Argument);
        }
        if (!ReplyIfError(ctx, StringOps.GetEx(ctx.Db, ctx.Args[1], p, ref ctx.Clock, out var value)))
        {
            BulkOrNull(ctx, value);
        }
    }

    /// <summary>The options of SET and GETEX as parsed (Valkey's <c>parseExtendedStringArgumentsOrReply</c>).</summary>
    internal struct ExtendedOptions
    {
        public SetCondition Condition;
        public bool Get;
        public bool KeepTtl;
        /// <summary>EX/PX/EXAT/PXAT, or PERSIST (GETEX); None when absent.</summary>
        public ExpireOption Expire;
        /// <summary>Index of the EX/PX/EXAT/PXAT argument, 0 when none.</summary>
        public int ExpireArgument;
    }

    /// <summary>
    /// Valkey's <c>parseExtendedStringArgumentsOrReply</c>: NX/XX/GET/KEEPTTL for SET only, PERSIST for GETEX only,
    /// EX/PX/EXAT/PXAT for both. An option may repeat (the last argument wins) but not combine with a conflicting one;
    /// anything else, or an expire option without its argument, is a syntax error.
    /// </summary>
    internal static bool TryParseExtendedOptions(CommandContext ctx, int start, bool forSet, out ExtendedOptions o)
    {
        o = default;
        var args = ctx.Args;
        for (int j = start; j < args.Count; j++)
        {
            bool hasNext = j + 1 < args.Count;
            ExpireOption expire = args.Is(j, "EX"u8) ? ExpireOption.Ex
                : args.Is(j, "PX"u8) ? ExpireOption.Px
                : args.Is(j, "EXAT"u8) ? ExpireOption.ExAt
                : args.Is(j, "PXAT"u8) ? ExpireOption.PxAt
                : ExpireOption.None;
            if (forSet && args.Is(j, "NX"u8) && o.Condition != SetCondition.Exists)
            {
                o.Condition = SetCondition.NotExists;
            }
            else if (forSet && args.Is(j, "XX"u8) && o.Condition != SetCondition.NotExists)
            {
                o.Condition = SetCondition.Exists;
            }
            else if (forSet && args.Is(j, "GET"u8))
            {
                o.Get = true;
            }
            else if (forSet && args.Is(j, "KEEPTTL"u8) && o.Expire == ExpireOption.None)
            {
                o.KeepTtl = true;
            }
            else if (!forSet && args.Is(j, "PERSIST"u8) && o.Expire is ExpireOption.None or ExpireOption.Persist)
            {
                o.Expire = ExpireOption.Persist;
            }
            else if (expire != ExpireOption.None && !o.KeepTtl && (o.Expire == ExpireOption.None || o.Expire == expire) && hasNext)
            {
                o.Expire = expire;
                o.ExpireArgument = ++j;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return false;
            }
        }
        return true;
    }

    /// <summary>SET's options, with the expire argument validated and made absolute (before the key is read, as Valkey does).</summary>
    internal static bool TryParseSetOptions(CommandContext ctx, int start, bool allowGet, out SetParams p)
    {
        p = SetParams.Plain;
        if (!TryParseExtendedOptions(ctx, start, forSet: true, out var o))
        {
            return false;
        }
        if (o.Get && !allowGet)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return false;
        }
        p.Condition = o.Condition;
        p.Get = o.Get;
        p.KeepTtl = o.KeepTtl;
        if (o.Expire != ExpireOption.None)
        {
            if (!TryResolveExpireArgument(ctx, o.ExpireArgument, o.Expire, out long when))
            {
                return false;
            }
            p.ExpireAtMs = when;
        }
        return true;
    }

    private static bool TryResolveExpireArgument(CommandContext ctx, int index, ExpireOption option, out long whenMs)
    {
        bool isInteger = Numbers.TryParseInt64(ctx.Args[index], out long v);
        return !ReplyIfError(ctx, StringOps.ResolveExpire(isInteger, v, option, ctx.Command.FullName, ref ctx.Clock, out whenMs));
    }
}
