using InProcValkey.Errors;

namespace InProcValkey.Commands;

/// <summary>
/// MULTI, EXEC, DISCARD, WATCH, UNWATCH (Valkey's <c>multi.c</c>) and the dispatcher's queuing rule
/// (<c>processCommand</c>): inside MULTI every command but EXEC, DISCARD, MULTI, WATCH, QUIT and RESET is queued and
/// answered <c>+QUEUED</c>; a command rejected before queuing (unknown, wrong arity, …) flags the transaction, whose EXEC
/// then answers EXECABORT. See docs/transactions.md.
/// </summary>
internal static class TransactionCommands
{
    private const string Group = "transactions";
    private const CommandFlags Control = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.AllowBusy;

    public static readonly CommandDef[] All =
    [
        new("multi", 1, Control, Group, Multi),
        new("exec", 1, CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.SkipSlowlog, Group, Exec),
        new("discard", 1, Control, Group, Discard),
        new("watch", -2, Control, Group, Watch, 1, -1, 1),
        new("unwatch", 1, Control, Group, Unwatch),
    ];

    /// <summary>
    /// Called by the dispatcher for a caller inside MULTI once the command passed every check: queues it and replies
    /// <c>+QUEUED</c>, or returns false for the commands that run at once (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET).
    /// </summary>
    public static bool TryQueue(CommandContext ctx, TransactionState tx, CommandDef def)
    {
        var top = def.Parent is null ? def : null;
        if (top is not null && top.Name is "exec" or "discard" or "multi" or "watch" or "quit" or "reset")
        {
            return false;
        }
        tx.Enqueue(def, ctx.Args);
        ctx.Reply.SimpleString("QUEUED");
        return true;
    }

    /// <summary>
    /// Valkey's <c>rejectCommand</c> for transactions: a command rejected by the dispatcher flags an open transaction; a
    /// rejected EXEC discards it and answers <c>EXECABORT Transaction discarded because of: …</c> (returns true, the
    /// caller writes nothing else).
    /// </summary>
    public static bool OnRejected(CommandContext ctx, CommandDef? def, string error)
    {
        var tx = ctx.Transaction;
        if (tx is { InMulti: true })
        {
            tx.DirtyExec = true;
        }
        if (def is { Name: "exec", Parent: null })
        {
            tx?.Discard();
            ctx.Reply.Error(ErrorMessages.ExecAbortBecause(error));
            return true;
        }
        return false;
    }

    private static void Multi(CommandContext ctx)
    {
        var tx = ctx.Transaction ??= new TransactionState();
        if (tx.InMulti)
        {
            ctx.Reply.Error(ErrorMessages.MultiNested);
            return;
        }
        tx.InMulti = true;
        ctx.Reply.SimpleString("OK");
    }

    private static void Discard(CommandContext ctx)
    {
        if (ctx.Transaction is not { InMulti: true } tx)
        {
            ctx.Reply.Error(ErrorMessages.DiscardWithoutMulti);
            return;
        }
        tx.Discard();
        ctx.Reply.SimpleString("OK");
    }

    private static void Watch(CommandContext ctx)
    {
        var tx = ctx.Transaction ??= new TransactionState();
        if (tx.InMulti)
        {
            ctx.Reply.Error(ErrorMessages.WatchInsideMulti);
            return;
        }
        // No point in watching more once a watched key changed: EXEC fails anyway.
        if (!tx.Watch.Dirty)
        {
            var db = ctx.Db;
            for (int i = 1; i < ctx.Args.Count; i++)
            {
                tx.Watch.Watch(db, ctx.Args[i], ref ctx.Clock);
            }
        }
        ctx.Reply.SimpleString("OK");
    }

    private static void Unwatch(CommandContext ctx)
    {
        ctx.Transaction?.Watch.UnwatchAll();
        ctx.Reply.SimpleString("OK");
    }

    private static void Exec(CommandContext ctx)
    {
        if (ctx.Transaction is not { InMulti: true } tx)
        {
            ctx.Reply.Error(ErrorMessages.ExecWithoutMulti);
            return;
        }
        if (tx.DirtyExec)
        {
            ctx.Reply.Error(ErrorMessages.ExecAbort);
            tx.Discard();
            return;
        }
        var shards = TransactionLocks.Plan(ctx.Engine, ctx.Db, tx.Queue, tx.Watch);
        int held = TransactionLocks.Enter(shards);
        try
        {
            // A watched key changed, or expired since it was watched (isWatchedKeyExpired): the null array.
            if (tx.Watch.Dirty || tx.Watch.AnyExpiredSinceWatch(ctx.Clock.NowMs))
            {
                ctx.Reply.NullArray();
                return;
            }
            tx.Watch.UnwatchAll();
            RunLocked(ctx, tx.Queue);
        }
        finally
        {
            TransactionLocks.Exit(shards, held);
            tx.Discard();
        }
    }

    /// <summary>
    /// Runs the queued commands with the transaction's locks held: one array reply of their replies, each command's runtime
    /// error in its place; blocking commands do not block (<see cref="CommandContext.CanBlock"/>); one clock for the whole
    /// transaction, as Valkey's command time snapshot. Counted in INFO commandstats like any call.
    /// </summary>
    internal static void RunLocked(CommandContext ctx, IReadOnlyList<QueuedCommand> queue)
    {
        var exec = ctx.Command;
        byte[][] execArgs = [.. Enumerable.Range(0, ctx.Args.Count).Select(ctx.Args.ToArray)];
        bool canBlock = ctx.CanBlock;
        ctx.CanBlock = false;
        ctx.Reply.Array(queue.Count);
        try
        {
            foreach (var q in queue)
            {
                ctx.Args.Clear();
                foreach (var a in q.Args)
                {
                    ctx.Args.Add(a);
                }
                ctx.Command = q.Def;
                long errorsBefore = ctx.ErrorReplies;
                q.Def.Handler!(ctx);
                if (ctx.ErrorReplies != errorsBefore)
                {
                    ctx.Engine.ServerStats.OnFailed(q.Def);
                }
                ctx.Engine.ServerStats.OnCall(ctx, q.Def, -1, 0);
                ctx.QueuedCommandRan?.Invoke(ctx);
            }
        }
        finally
        {
            ctx.CanBlock = canBlock;
            ctx.Command = exec;
            // The caller's command again (MONITOR and the slow log describe EXEC after it returns).
            ctx.Args.Clear();
            foreach (var a in execArgs)
            {
                ctx.Args.Add(a);
            }
        }
    }
}
