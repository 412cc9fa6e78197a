using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>
/// Everything a command handler sees: the engine, the selected database, the arguments, the reply writer and the
/// command's one clock. One instance per caller (a session, later a connection), reused from command to command.
/// </summary>
internal sealed class CommandContext
{
    public CommandContext(Engine engine, IReplyWriter reply)
    {
        Engine = engine;
        Reply = reply;
        Clock = new Clock(engine.Time);
    }

    public Engine Engine { get; }

    public IReplyWriter Reply { get; set; }

    public CommandArgs Args { get; } = new();

    /// <summary>Index of the selected database (SELECT).</summary>
    public int DbIndex { get; set; }

    public Database Db => Engine.Databases[DbIndex];

    /// <summary>The command being run.</summary>
    public CommandDef Command { get; set; } = null!;

    /// <summary>The command's one "now"; reset by the dispatcher before each command.</summary>
    public Clock Clock;

    // ---- RESP listener (issue 3) ----

    private System.Buffers.ArrayBufferWriter<byte>? _scratch;

    /// <summary>
    /// A reusable buffer a handler may copy a value into before replying (GET copies under the shard lock, replies after
    /// it), so the hot path allocates nothing. Empty on return; call <see cref="ReleaseScratch"/> when done.
    /// </summary>
    public System.Buffers.ArrayBufferWriter<byte> Scratch
    {
        get
        {
            var s = _scratch ??= new System.Buffers.ArrayBufferWriter<byte>(256);
            s.ResetWrittenCount();
            return s;
        }
    }

    /// <summary>Drops the scratch buffer when a large value made it grow (over 64 KB), so one big GET does not pin memory.</summary>
    public void ReleaseScratch()
    {
        if (_scratch is { Capacity: > 64 * 1024 })
        {
            _scratch = null;
        }
    }

    private int _calls;

    /// <summary>Whether the dispatcher times this call precisely (one in <see cref="Keyspace.ServerStats.SampleEvery"/>, the first included).</summary>
    internal bool NextCallIsSampled() => _calls++ % Keyspace.ServerStats.SampleEvery == 0;

    /// <summary>The connection running the command (RESP listener); null for an in-process session.</summary>
    public IClientConnection? Client { get; set; }

    // ---- Blocking commands ----

    /// <summary>
    /// Whether a command may block here: true for connections and sessions; false where Valkey runs blocking commands as
    /// non-blocking ones (inside MULTI/EXEC, scripts), which then reply as on timeout.
    /// </summary>
    public bool CanBlock { get; set; } = true;

    /// <summary>The command that blocked in the last dispatch (set by <see cref="Block"/>); the caller waits for it.</summary>
    public Keyspace.Blocking.BlockedClient? PendingBlock { get; private set; }

    /// <summary>
    /// Blocks the running command on <paramref name="keys"/> (<paramref name="timeoutMs"/> 0 = forever) instead of replying:
    /// the caller of the dispatcher (connection, session) waits for <see cref="PendingBlock"/>'s reply. Call only when
    /// <see cref="CanBlock"/>, with no lock held.
    /// </summary>
    public void Block(byte[][] keys, long timeoutMs, Keyspace.Blocking.IBlockedCommand command)
    {
        PendingBlock = Engine.Blocking.Block(Db, keys, timeoutMs, command);
        Client?.OnBlocked(PendingBlock);
    }

    /// <summary>Takes the command blocked by the last dispatch, if any.</summary>
    public Keyspace.Blocking.BlockedClient? TakePendingBlock()
    {
        var b = PendingBlock;
        PendingBlock = null;
        return b;
    }
    // ---- RESP listener (issue 3): error statistics ----

    /// <summary>Error replies written so far by this caller; the dispatcher compares it around a call (failed_calls).</summary>
    public long ErrorReplies;

    /// <summary>Called by the reply writer for every error reply (Valkey's <c>afterErrorReply</c>).</summary>
    public void OnErrorReply(string message)
    {
        ErrorReplies++;
        Engine.ServerStats.OnErrorReply(message);
    }

    /// <summary>Commands this caller has had run (the dispatcher counts each call that reached its handler).</summary>
    internal int CallCount => _calls;

    // ---- hashes (issue 4) ----

    private ValkeyValueBuffer? _hashBuffer;

    /// <summary>
    /// A reusable buffer multi-value hash reads (HGETALL, HMGET, HKEYS, HVALS, HRANDFIELD, HSCAN) copy into under the shard
    /// lock before replying; empty on return. Handlers call <see cref="ValkeyValueBuffer.Trim"/> when done.
    /// </summary>
    public ValkeyValueBuffer HashBuffer
    {
        get
        {
            var b = _hashBuffer ??= new ValkeyValueBuffer();
            b.Clear();
            return b;
        }
    }
    // ---- listener performance (issue 3) ----

    /// <summary>
    /// The coarse clock (<see cref="Environment.TickCount64"/>) at the end of the previous command of a batch, or -1
    /// outside a batch. A caller that runs commands back to back (the RESP listener, once per batch of input) sets it
    /// at the batch start and resets it to -1 after; the dispatcher then reads the coarse clock once per command instead
    /// of twice (each read costs about 14 ns on a VM), taking the previous command's end as this one's start. Whoever
    /// spends time between two commands of a batch (parsing a large argument, waiting) must set it again before the
    /// next dispatch, or that time counts as the command's.
    /// </summary>
    internal long CoarseMark = -1;

    // ---- transactions (issue 7) ----

    /// <summary>MULTI state and watched keys; null until the caller first runs MULTI or WATCH.</summary>
    public TransactionState? Transaction;

    /// <summary>
    /// Called after each queued command EXEC ran, with the context holding that command (its arguments, database): the
    /// listener feeds MONITOR from it, as Valkey's <c>call()</c> feeds the commands of a transaction one by one.
    /// </summary>
    public Action<CommandContext>? QueuedCommandRan;
}
