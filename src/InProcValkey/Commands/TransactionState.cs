using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>A command queued inside MULTI: its table row and a copy of its arguments (argv[0] included).</summary>
internal readonly record struct QueuedCommand(CommandDef Def, byte[][] Args);

/// <summary>
/// One caller's MULTI state (Valkey's <c>c-&gt;mstate</c> and the <c>CLIENT_MULTI</c>, <c>CLIENT_DIRTY_EXEC</c> and
/// <c>CLIENT_DIRTY_CAS</c> flags): whether a transaction is open, its queued commands, whether one was rejected while
/// queuing, and the keys it WATCHes. Owned by a <see cref="CommandContext"/>; not thread-safe (one caller at a time), except
/// <see cref="WatchState.Dirty"/>, which writers set from other threads.
/// </summary>
internal sealed class TransactionState
{
    /// <summary>MULTI was called and neither EXEC nor DISCARD yet (<c>CLIENT_MULTI</c>).</summary>
    public bool InMulti;

    /// <summary>A command was rejected while queuing: EXEC answers EXECABORT (<c>CLIENT_DIRTY_EXEC</c>).</summary>
    public bool DirtyExec;

    /// <summary>The queued commands, in order.</summary>
    public readonly List<QueuedCommand> Queue = [];

    /// <summary>The watched keys and the dirty-CAS flag.</summary>
    public readonly WatchState Watch = new();

    /// <summary>Bytes held by the queued arguments (CLIENT LIST <c>multi-mem</c>).</summary>
    public long QueuedBytes;

    /// <summary>Queues the command with a copy of <paramref name="args"/> (Valkey's <c>queueMultiCommand</c>).</summary>
    public void Enqueue(CommandDef def, CommandArgs args)
    {
        var copy = new byte[args.Count][];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = args.ToArray(i);
            QueuedBytes += copy[i].Length;
        }
        Queue.Add(new QueuedCommand(def, copy));
    }

    /// <summary>Valkey's <c>discardTransaction</c>: drops the queue, leaves MULTI, unwatches every key.</summary>
    public void Discard()
    {
        Queue.Clear();
        QueuedBytes = 0;
        InMulti = false;
        DirtyExec = false;
        Watch.UnwatchAll();
    }
}
