using InProcValkey.Commands;

namespace InProcValkey.Keyspace.Blocking;

/// <summary>
/// What a blocking command (BLPOP, BLMOVE, BZPOPMIN, …) does once it is blocked: try again when one of its keys may have
/// become serveable, or give up at its timeout. Valkey 7.2 re-runs the blocked command when a key it waits on is signalled
/// (<c>handleClientsBlockedOnKeys</c> in <c>blocked.c</c>); this is that re-run.
/// </summary>
internal interface IBlockedCommand
{
    /// <summary>
    /// Tries to serve the command from <paramref name="key"/> in <paramref name="db"/>, taking its own locks (no lock is held
    /// by the caller). Returns true when it wrote its whole reply to <paramref name="reply"/> (the elements it popped, or an
    /// error such as WRONGTYPE for a destination), which unblocks it; false when the key has nothing for it (missing, empty, or
    /// of another type), which leaves it blocked and changes nothing.
    /// </summary>
    bool TryServe(Database db, ReadOnlySpan<byte> key, IReplyWriter reply, ref Clock clock);

    /// <summary>Writes the reply for a timeout (and for CLIENT UNBLOCK … TIMEOUT): a null array or a null bulk string.</summary>
    void WriteTimeout(IReplyWriter reply);
}
