using InProcValkey.Errors;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

/// <summary>Handlers of the database commands: SELECT, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME (Valkey's <c>db.c</c>, <c>server.c</c>).</summary>
internal static class DatabaseCommands
{
    public static readonly CommandDef[] All =
    [
        new("select", 2, CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, "connection", Select),
        new("dbsize", 1, CommandFlags.ReadOnly | CommandFlags.Fast, "server", DbSize),
        new("flushdb", -1, CommandFlags.Write, "server", FlushDb),
        new("flushall", -1, CommandFlags.Write, "server", FlushAll),
        new("swapdb", 3, CommandFlags.Write | CommandFlags.Fast, "server", SwapDb),
        new("time", 1, CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, "server", Time),
    ];

    // SELECT index: the index parses as Valkey's getIntFromObjectOrReply.
    private static void Select(CommandContext ctx)
    {
        if (!TryGetInt32(ctx, 1, null, out int id) || ReplyIfError(ctx, DatabaseOps.Resolve(ctx.Engine, id, out _)))
        {
            return;
        }
        ctx.DbIndex = id;
        Ok(ctx);
    }

    private static void DbSize(CommandContext ctx) => ctx.Reply.Integer(DatabaseOps.Size(ctx.Db));

    // FLUSHDB [ASYNC | SYNC]
    private static void FlushDb(CommandContext ctx)
    {
        if (TryParseFlushMode(ctx))
        {
            DatabaseOps.Flush(ctx.Db);
            Ok(ctx);
        }
    }

    // FLUSHALL [ASYNC | SYNC]
    private static void FlushAll(CommandContext ctx)
    {
        if (TryParseFlushMode(ctx))
        {
            DatabaseOps.FlushAll(ctx.Engine);
            Ok(ctx);
        }
    }

    // Valkey's getFlushCommandFlags: nothing, or exactly one SYNC or ASYNC. Both modes free memory the same way here.
    private static bool TryParseFlushMode(CommandContext ctx)
    {
        if (ctx.Args.Count == 1 || (ctx.Args.Count == 2 && (ctx.Args.Is(1, "SYNC"u8) || ctx.Args.Is(1, "ASYNC"u8))))
        {
            return true;
        }
        ctx.Reply.Error(ErrorMessages.Syntax);
        return false;
    }

    // SWAPDB index1 index2
    private static void SwapDb(CommandContext ctx)
    {
        if (!TryGetInt32(ctx, 1, ErrorMessages.InvalidFirstDbIndex, out int first) ||
            !TryGetInt32(ctx, 2, ErrorMessages.InvalidSecondDbIndex, out int second) ||
            ReplyIfError(ctx, DatabaseOps.Swap(ctx.Engine, first, second)))
        {
            return;
        }
        Ok(ctx);
    }

    // TIME: [unix seconds, microseconds] as bulk strings.
    private static void Time(CommandContext ctx)
    {
        var (seconds, micros) = DatabaseOps.Time(ctx.Engine);
        ctx.Reply.Array(2);
        ctx.Reply.Bulk(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ctx.Reply.Bulk(micros.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
