using InProcValkey.Commands;

namespace InProcValkey.Server;

/// <summary>
/// Sees every command a connection is about to run and decides what happens to it: run as usual, answered or failed
/// with a given reply instead, the connection dropped, or the reply held back until a release task completes. Used by the
/// test kit (InProcValkey.Testing) for its command log, fault injection and strict cluster mode; null on a normal
/// listener, which then pays one null check per command.
/// </summary>
internal interface ICommandInterceptor
{
    /// <summary>Called on the connection's loop before the command in <paramref name="ctx"/> (its arguments, the selected
    /// database) is dispatched. Must not block.</summary>
    CommandDecision OnCommand(CommandContext ctx, IClientConnection? client);
}

/// <summary>What an <see cref="ICommandInterceptor"/> decided for one command.</summary>
internal readonly struct CommandDecision
{
    private CommandDecision(CommandDecisionKind kind, ValkeyReply? reply, Task? release)
    {
        Kind = kind;
        Reply = reply;
        Release = release;
    }

    /// <summary>What to do.</summary>
    public CommandDecisionKind Kind { get; }

    /// <summary>The reply sent instead of running the command (<see cref="CommandDecisionKind.Reply"/>).</summary>
    public ValkeyReply? Reply { get; }

    /// <summary>The command runs now; its reply reaches the client when this completes (<see cref="CommandDecisionKind.Delay"/>).</summary>
    public Task? Release { get; }

    /// <summary>Run the command as usual.</summary>
    public static CommandDecision Proceed => default;

    /// <summary>Do not run the command; send <paramref name="reply"/> (an error reply to fail it) instead.</summary>
    public static CommandDecision ReplyWith(ValkeyReply reply) => new(CommandDecisionKind.Reply, reply, null);

    /// <summary>Do not run the command; close the connection (replies of earlier commands are still sent).</summary>
    public static CommandDecision Drop => new(CommandDecisionKind.Drop, null, null);

    /// <summary>Run the command now and hold its reply (and everything the connection would do next) until <paramref name="release"/> completes.</summary>
    public static CommandDecision Delay(Task release) => new(CommandDecisionKind.Delay, null, release);
}

/// <summary>The kinds of <see cref="CommandDecision"/>.</summary>
internal enum CommandDecisionKind
{
    /// <summary>Run the command.</summary>
    Proceed,

    /// <summary>Answer with a given reply instead.</summary>
    Reply,

    /// <summary>Close the connection.</summary>
    Drop,

    /// <summary>Run the command, release its reply later.</summary>
    Delay,
}
