using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>Handlers of the string commands (Valkey's <c>t_string.c</c> command section): parse, call <see cref="StringOps"/>, reply.</summary>
internal static class StringCommands
{
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;

    public static readonly CommandDef[] All =
    [
        new("get", 2, CommandFlags.ReadOnly | CommandFlags.Fast, "string", Get, 1, 1, 1),
        new("set", -3, WriteOom, "string", Set, 1, 1, 1),
    ];

    private static void Get(CommandContext ctx)
    {
        if (ReplyIfError(ctx, StringOps.Get(ctx.Db, ctx.Args[1], ref ctx.Clock, out var value)))
        {
            return;
        }
        if (value is null)
        {
            ctx.Reply.Null();
        }
        else
        {
            ctx.Reply.Bulk(value);
        }
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
            if (r.OldValue is null)
            {
                ctx.Reply.Null();
            }
            else
            {
                ctx.Reply.Bulk(r.OldValue);
            }
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

    /// <summary>Valkey's <c>parseExtendedStringArgumentsOrReply</c> for SET, then the expire value.</summary>
    internal static bool TryParseSetOptions(CommandContext ctx, int start, bool allowGet, out SetParams p)
    {
        p = SetParams.Plain;
        var args = ctx.Args;
        int expireIndex = -1;
        bool seconds = false, absolute = false, hasExpire = false;
        for (int j = start; j < args.Count; j++)
        {
            bool hasNext = j + 1 < args.Count;
            if (args.Is(j, "NX"u8) && p.Condition != SetCondition.Exists)
            {
                p.Condition = SetCondition.NotExists;
            }
            else if (args.Is(j, "XX"u8) && p.Condition != SetCondition.NotExists)
            {
                p.Condition = SetCondition.Exists;
            }
            else if (allowGet && args.Is(j, "GET"u8))
            {
                p.Get = true;
            }
            else if (args.Is(j, "KEEPTTL"u8) && !hasExpire)
            {
                p.KeepTtl = true;
            }
            else if (!p.KeepTtl && !hasExpire && hasNext &&
                     (args.Is(j, "EX"u8) || args.Is(j, "PX"u8) || args.Is(j, "EXAT"u8) || args.Is(j, "PXAT"u8)))
            {
                hasExpire = true;
                seconds = args.Is(j, "EX"u8) || args.Is(j, "EXAT"u8);
                absolute = args.Is(j, "EXAT"u8) || args.Is(j, "PXAT"u8);
                expireIndex = ++j;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return false;
            }
        }
        if (hasExpire)
        {
            if (!TryGetExpireAt(ctx, expireIndex, seconds, absolute, out long when))
            {
                return false;
            }
            p.ExpireAtMs = when;
        }
        return true;
    }
}
