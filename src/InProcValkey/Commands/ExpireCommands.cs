using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// Handlers of the expiry commands (Valkey's <c>expire.c</c>): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME,
/// PEXPIRETIME, PERSIST. Parse, call <see cref="ExpireOps"/>, reply.
/// </summary>
internal static class ExpireCommands
{
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;

    public static readonly CommandDef[] All =
    [
        new("expire", -3, WriteFast, "generic", static ctx => Expire(ctx, seconds: true, absolute: false), 1, 1, 1),
        new("pexpire", -3, WriteFast, "generic", static ctx => Expire(ctx, seconds: false, absolute: false), 1, 1, 1),
        new("expireat", -3, WriteFast, "generic", static ctx => Expire(ctx, seconds: true, absolute: true), 1, 1, 1),
        new("pexpireat", -3, WriteFast, "generic", static ctx => Expire(ctx, seconds: false, absolute: true), 1, 1, 1),
        new("ttl", 2, ReadFast, "generic", static ctx => Ttl(ctx, milliseconds: false, absolute: false), 1, 1, 1),
        new("pttl", 2, ReadFast, "generic", static ctx => Ttl(ctx, milliseconds: true, absolute: false), 1, 1, 1),
        new("expiretime", 2, ReadFast, "generic", static ctx => Ttl(ctx, milliseconds: false, absolute: true), 1, 1, 1),
        new("pexpiretime", 2, ReadFast, "generic", static ctx => Ttl(ctx, milliseconds: true, absolute: true), 1, 1, 1),
        new("persist", 2, WriteFast, "generic", Persist, 1, 1, 1),
    ];

    // EXPIRE key seconds [NX | XX | GT | LT] (and PEXPIRE, EXPIREAT, PEXPIREAT): Valkey's expireGenericCommand.
    // Order of checks as in Valkey: options (unknown option, then incompatible ones), the number, overflow, then the key.
    private static void Expire(CommandContext ctx, bool seconds, bool absolute)
    {
        var args = ctx.Args;
        var flags = ExpireFlags.None;
        for (int i = 3; i < args.Count; i++)
        {
            if (args.Is(i, "NX"u8))
            {
                flags |= ExpireFlags.Nx;
            }
            else if (args.Is(i, "XX"u8))
            {
                flags |= ExpireFlags.Xx;
            }
            else if (args.Is(i, "GT"u8))
            {
                flags |= ExpireFlags.Gt;
            }
            else if (args.Is(i, "LT"u8))
            {
                flags |= ExpireFlags.Lt;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.UnsupportedOption(args.GetString(i)));
                return;
            }
        }
        if (ReplyIfError(ctx, ExpireOps.Validate(flags)) || !TryGetLong(ctx, 2, out long value))
        {
            return;
        }
        if (!ExpireOps.TryToAbsolute(value, seconds, absolute ? 0 : ctx.Clock.NowMs, out long whenMs))
        {
            ctx.Reply.Error(ErrorMessages.InvalidExpireTime(ctx.Command.Name));
            return;
        }
        ctx.Reply.Integer(ExpireOps.Expire(ctx.Db, args[1], whenMs, flags, ref ctx.Clock) ? 1 : 0);
    }

    // TTL / PTTL / EXPIRETIME / PEXPIRETIME key: -2 missing, -1 no TTL; seconds round as (ms + 500) / 1000.
    private static void Ttl(CommandContext ctx, bool milliseconds, bool absolute)
    {
        long ms = absolute
            ? ExpireOps.ExpireTimeMs(ctx.Db, ctx.Args[1], ref ctx.Clock)
            : ExpireOps.TimeToLiveMs(ctx.Db, ctx.Args[1], ref ctx.Clock);
        ctx.Reply.Integer(milliseconds ? ms : ExpireOps.RoundToSeconds(ms));
    }

    // PERSIST key
    private static void Persist(CommandContext ctx) => ctx.Reply.Integer(ExpireOps.Persist(ctx.Db, ctx.Args[1], ref ctx.Clock) ? 1 : 0);
}
