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
        // MERGE POINT (transactions): Valkey also refuses any command queued inside MULTI (but EXEC, DISCARD, QUIT, RESET)
        // and an EXEC whose queue holds a denyoom command, while out of memory; a refusal inside MULTI flags the
        // transaction (TransactionCommands.OnRejected) so that EXEC aborts.
        if (!ctx.Engine.OutOfMemory() || (def.Flags & CommandFlags.DenyOom) == 0)
        {
            return false;
        }
        ctx.Engine.ServerStats.OnRejected(def);
        ctx.Reply.Error(ErrorMessages.OutOfMemory);
        return true;
    }
}
