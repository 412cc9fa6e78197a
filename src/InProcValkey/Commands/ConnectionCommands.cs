using InProcValkey.Errors;

namespace InProcValkey.Commands;

/// <summary>Connection-level commands the engine itself answers: PING, ECHO. (The listener adds HELLO, AUTH, CLIENT, …)</summary>
internal static class ConnectionCommands
{
    public static readonly CommandDef[] All =
    [
        new("ping", -1, CommandFlags.Fast, "connection", Ping),
        new("echo", 2, CommandFlags.Fast | CommandFlags.Stale | CommandFlags.Loading, "connection", Echo),
    ];

    private static void Ping(CommandContext ctx)
    {
        if (ctx.Args.Count > 2)
        {
            ctx.Reply.Error(ErrorMessages.WrongArity("ping"));
        }
        else if (ctx.Client is { Protocol: 2 } client && client.Subscriber.Subscriptions.IsSubscribed)
        {
            // RESP2 subscribe mode: Valkey answers [pong, message] ("" without an argument).
            ctx.Reply.Array(2);
            ctx.Reply.Bulk("pong"u8);
            ctx.Reply.Bulk(ctx.Args.Count == 2 ? ctx.Args[1] : []);
        }
        else if (ctx.Args.Count == 1)
        {
            ctx.Reply.SimpleString("PONG");
        }
        else
        {
            ctx.Reply.Bulk(ctx.Args[1]);
        }
    }

    private static void Echo(CommandContext ctx) => ctx.Reply.Bulk(ctx.Args[1]);
}
