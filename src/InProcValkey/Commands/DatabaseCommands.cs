using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>Handlers of the database commands: SELECT, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME.</summary>
internal static class DatabaseCommands
{
    public static readonly CommandDef[] All =
    [
        new("select", 2, CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, "connection", Select),
        new("dbsize", 1, CommandFlags.ReadOnly | CommandFlags.Fast, "server", DbSize),
    ];

    private static void Select(CommandContext ctx)
    {
        if (!DataTypes.Numbers.TryParseInt64(ctx.Args[1], out long id) || id < int.MinValue || id > int.MaxValue)
        {
            ctx.Reply.Error(ErrorMessages.InvalidDbIndex);
            return;
        }
        if (id < 0 || id >= ctx.Engine.Databases.Length)
        {
            ctx.Reply.Error(ErrorMessages.DbIndexOutOfRange);
            return;
        }
        ctx.DbIndex = (int)id;
        CommandHelpers.Ok(ctx);
    }

    private static void DbSize(CommandContext ctx)
    {
        using var locks = ShardLocks.ForDatabases(ctx.Db);
        ctx.Reply.Integer(ctx.Db.CountLocked());
    }
}
