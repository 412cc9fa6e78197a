namespace InProcValkey.Keyspace.Blocking;

/// <summary>
/// One blocked command waiting on keys (Valkey's <c>bstate</c> of a blocked client). Completes exactly once: with its reply
/// when served, with its timeout reply when the timeout passes or CLIENT UNBLOCK … TIMEOUT releases it, with an error for
/// CLIENT UNBLOCK … ERROR, or as cancelled when its caller goes away (it then takes nothing).
/// </summary>
internal sealed class BlockedClient
{
    private readonly TaskCompletionSource<ValkeyReply> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal BlockedClient(Database db, byte[][] keys, IBlockedCommand command, long sequence)
    {
        Db = db;
        Keys = keys;
        Command = command;
        Sequence = sequence;
    }

    /// <summary>The database the keys are in.</summary>
    public Database Db { get; }

    /// <summary>The keys waited on, in the command's order.</summary>
    public byte[][] Keys { get; }

    /// <summary>The command to re-run.</summary>
    public IBlockedCommand Command { get; }

    /// <summary>Blocking order (FIFO among the waiters of a key).</summary>
    public long Sequence { get; }

    /// <summary>The reply, once served, timed out or unblocked; cancelled when the caller went away.</summary>
    public Task<ValkeyReply> Completion => _completion.Task;

    /// <summary>Whether the command is still waiting (read under the registry's serve lock to act on it).</summary>
    public bool IsWaiting => !_completion.Task.IsCompleted;

    // The timeout timer, disposed when the wait ends.
    internal ITimer? Timer;

    internal void Complete(ValkeyReply reply)
    {
        Timer?.Dispose();
        _completion.TrySetResult(reply);
    }

    internal void Cancel()
    {
        Timer?.Dispose();
        _completion.TrySetCanceled();
    }
}
