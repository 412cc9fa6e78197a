using InProcValkey.Operations;

namespace InProcValkey.Commands;

/// <summary>Handlers of the generic key commands (Valkey's <c>db.c</c>): DEL, UNLINK, EXISTS, TYPE, RENAME, COPY, SCAN, …</summary>
internal static class KeyCommands
{
    public static readonly CommandDef[] All =
    [
        new("del", -2, CommandFlags.Write, "generic", Del, 1, -1, 1),
        new("unlink", -2, CommandFlags.Write | CommandFlags.Fast, "generic", Del, 1, -1, 1),
        new("exists", -2, CommandFlags.ReadOnly | CommandFlags.Fast, "generic", Exists, 1, -1, 1),
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
}
