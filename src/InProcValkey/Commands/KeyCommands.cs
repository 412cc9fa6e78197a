using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>
/// Handlers of the generic key commands (Valkey's <c>db.c</c> command section): parse, call <see cref="KeyOps"/>, reply.
/// This file: DEL, UNLINK, EXISTS, TYPE, TOUCH, RENAME, RENAMENX, COPY, MOVE; <c>KeyCommands.Scan.cs</c>: KEYS, SCAN, RANDOMKEY;
/// OBJECT is defined in <see cref="ObjectCommands"/> and registered with this group.
/// </summary>
internal static partial class KeyCommands
{
    public static readonly CommandDef[] All =
    [
        new("del", -2, CommandFlags.Write, "generic", Del, 1, -1, 1),
        new("unlink", -2, CommandFlags.Write | CommandFlags.Fast, "generic", Del, 1, -1, 1),
        new("exists", -2, CommandFlags.ReadOnly | CommandFlags.Fast, "generic", Exists, 1, -1, 1),
        new("type", 2, CommandFlags.ReadOnly | CommandFlags.Fast, "generic", Type, 1, 1, 1),
        new("touch", -2, CommandFlags.ReadOnly | CommandFlags.Fast, "generic", Touch, 1, -1, 1),
        new("rename", 3, CommandFlags.Write, "generic", Rename, 1, 2, 1),
        new("renamenx", 3, CommandFlags.Write | CommandFlags.Fast, "generic", RenameNx, 1, 2, 1),
        new("copy", -3, CommandFlags.Write | CommandFlags.DenyOom, "generic", Copy, 1, 2, 1),
        new("move", 3, CommandFlags.Write | CommandFlags.Fast, "generic", Move, 1, 1, 1),
        new("keys", 2, CommandFlags.ReadOnly, "generic", Keys),
        new("scan", -2, CommandFlags.ReadOnly, "generic", Scan),
        new("randomkey", 1, CommandFlags.ReadOnly, "generic", RandomKey),
        .. ObjectCommands.All,
    ];

    /// <summary>The arguments from <paramref name="start"/> on, as byte arrays.</summary>
    internal static byte[][] KeysFrom(CommandContext ctx, int start, int step = 1)
    {
        var keys = new byte[(ctx.Args.Count - start + step - 1) / step][];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = ctx.Args.ToArray(start + i * step);
        }
        return keys;
    }

    private static void Del(CommandContext ctx) => ctx.Reply.Integer(KeyOps.Delete(ctx.Db, KeysFrom(ctx, 1), ref ctx.Clock));

    private static void Exists(CommandContext ctx) => ctx.Reply.Integer(KeyOps.Exists(ctx.Db, KeysFrom(ctx, 1), ref ctx.Clock));

    private static void Touch(CommandContext ctx) => ctx.Reply.Integer(KeyOps.Touch(ctx.Db, KeysFrom(ctx, 1), ref ctx.Clock));

    // TYPE replies a status string: string, list, set, zset, hash, stream or none.
    private static void Type(CommandContext ctx) => ctx.Reply.SimpleString(KeyTypes.Name(KeyOps.Type(ctx.Db, ctx.Args[1], ref ctx.Clock)));

    // RENAME key newkey
    private static void Rename(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, KeyOps.Rename(ctx.Db, ctx.Args[1], ctx.Args[2], onlyIfNewKeyMissing: false, ref ctx.Clock, out _)))
        {
            Ok(ctx);
        }
    }

    // RENAMENX key newkey
    private static void RenameNx(CommandContext ctx)
    {
        if (!ReplyIfError(ctx, KeyOps.Rename(ctx.Db, ctx.Args[1], ctx.Args[2], onlyIfNewKeyMissing: true, ref ctx.Clock, out bool renamed)))
        {
            ctx.Reply.Integer(renamed ? 1 : 0);
        }
    }

    // COPY source destination [DB destination-db] [REPLACE]; options in any order, repeatable (the last DB wins).
    private static void Copy(CommandContext ctx)
    {
        var args = ctx.Args;
        var destination = ctx.Db;
        bool replace = false;
        for (int i = 3; i < args.Count; i++)
        {
            if (args.Is(i, "REPLACE"u8))
            {
                replace = true;
            }
            else if (args.Is(i, "DB"u8) && i + 1 < args.Count)
            {
                if (!TryGetInt32(ctx, i + 1, null, out int index) ||
                    ReplyIfError(ctx, DatabaseOps.Resolve(ctx.Engine, index, out destination)))
                {
                    return;
                }
                i++;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return;
            }
        }
        if (!ReplyIfError(ctx, KeyOps.Copy(ctx.Db, args[1], destination, args[2], replace, ref ctx.Clock, out bool copied)))
        {
            ctx.Reply.Integer(copied ? 1 : 0);
        }
    }

    // MOVE key db
    private static void Move(CommandContext ctx)
    {
        if (!TryGetInt32(ctx, 2, null, out int index) ||
            ReplyIfError(ctx, DatabaseOps.Resolve(ctx.Engine, index, out var destination)) ||
            ReplyIfError(ctx, KeyOps.Move(ctx.Db, ctx.Args[1], destination, ref ctx.Clock, out bool moved)))
        {
            return;
        }
        ctx.Reply.Integer(moved ? 1 : 0);
    }
}
