using InProcValkey.Errors;

namespace InProcValkey.Commands;

// ---- memory limits and eviction (issue 6) ----
internal sealed partial class CommandTable
{
    /// <summary>
    /// Valkey's maxmemory step of <c>processCommand</c>, run before every command while <c>maxmemory</c> is set: evicts by the
    /// policy, and when memory stays over the limit refuses a command flagged <c>denyoom</c> with the OOM error (counted as a
    /// rejected call). Other commands (reads, DEL, EXPIRE …) run. True when the command was refused.
    /// </summary>
    private static bool RejectedForMemory(CommandContext ctx, CommandDef def)
    {
        // Inside MULTI every command but EXEC, DISCARD, QUIT and RESET is refused while out of memory (queuing could grow
        // without bound); EXEC is refused when its queue holds a denyoom command. A refusal flags the transaction, and a
        // refused EXEC answers EXECABORT (Valkey's rejectCommand).
        // Evicting runs before every command (performEvictions), whatever it is.
        if (!ctx.Engine.OutOfMemory())
        {
            return false;
        }
        bool reject = (def.Flags & CommandFlags.DenyOom) != 0;
        if (ctx.Transaction is { InMulti: true } tx && def.Parent is null)
        {
            if (def.Name == "exec")
            {
                foreach (var queued in tx.Queue)
                {
                    reject |= (queued.Def.Flags & CommandFlags.DenyOom) != 0;
                }
            }
            else if (def.Name is not ("discard" or "quit" or "reset"))
            {
                reject = true;
            }
        }
        else if (ctx.Transaction is { InMulti: true })
        {
            reject = true;
        }
        if (!reject)
        {
            return false;
        }
        ctx.Engine.ServerStats.OnRejected(def);
        if (TransactionCommands.OnRejected(ctx, def, ErrorMessages.OutOfMemory))
        {
            return true;
        }
        ctx.Reply.Error(ErrorMessages.OutOfMemory);
        return true;
    }
}
