using System.Buffers;
using InProcValkey.Commands;
using InProcValkey.Keyspace;
using InProcValkey.Server.Monitoring;

namespace InProcValkey.Server.Protocol;

/// <summary>What the connection should do after a batch.</summary>
internal enum RespBatchOutcome
{
    /// <summary>Keep reading: flush the replies, then wait for more input.</summary>
    Continue,

    /// <summary>A protocol error: its reply has been written; flush, then close (Valkey's <c>CLIENT_CLOSE_AFTER_REPLY</c>).</summary>
    CloseAfterReply,

    /// <summary>The pending input passed the query buffer limit: close without a reply, as Valkey does.</summary>
    Close,

    /// <summary>
    /// CLIENT PAUSE holds the last parsed command (kept in the context's arguments): flush, wait for the pause to end,
    /// then <see cref="RespCommandProcessor.RunPostponed"/>; the input after it stays unconsumed.
    /// </summary>
    Postponed,

    /// <summary>The pending replies reached the flush threshold: flush them, then pass the unconsumed input again.</summary>
    FlushAndContinue,

    /// <summary>The pending replies passed <c>client-output-buffer-limit</c>: close without sending them, as Valkey does.</summary>
    OutputLimit,

    /// <summary>
    /// A blocking command (BLPOP, …) found nothing and waits (<see cref="CommandContext.PendingBlock"/>): flush the replies
    /// so far, wait for its reply, write it, then go on with the input after it.
    /// </summary>
    Blocked,
}

/// <summary>
/// The socket-free heart of a connection: given the bytes a client sent, parses every complete command, runs each
/// through the engine's one table (<see cref="CommandTable.Dispatch"/>) and appends the replies to an output buffer.
/// The listener calls it once per batch of available input and flushes once per batch (pipelining).
/// </summary>
/// <remarks>
/// Valkey's <c>processInputBuffer</c> loop. Unconsumed bytes (an incomplete command) must be passed again, followed by
/// new input, on the next call. The query buffer limit (<c>client-query-buffer-limit</c>, 1 MB before authentication)
/// is checked against what stays pending after the batch: the unparsed bytes plus the arguments of a partly read command.
/// Not thread-safe: one per connection.
/// </remarks>
internal sealed partial class RespCommandProcessor
{
    private readonly RespParserOptions _options;

    /// <summary>Creates the processor of one connection on <paramref name="engine"/>.</summary>
    public RespCommandProcessor(Engine engine, RespParserOptions? options = null, int protocol = 2)
    {
        _options = options ?? RespParserOptions.Default;
        Writer = new RespReplyWriter(NullBufferWriter.Instance, protocol);
        Context = new CommandContext(engine, Writer);
        Writer.Owner = Context;
        Parser = new RespRequestParser(_options);
        Context.QueuedCommandRan = FeedQueued;
        _pause = engine.Pause;
        _config = engine.Config;
    }

    /// <summary>The connection's command context (selected database, arguments).</summary>
    public CommandContext Context { get; }

    /// <summary>The connection's reply writer (its <see cref="RespReplyWriter.Protocol"/> is switched by HELLO).</summary>
    public RespReplyWriter Writer { get; }

    /// <summary>The connection's request parser (its <see cref="RespRequestParser.Authenticated"/> follows AUTH).</summary>
    public RespRequestParser Parser { get; }

    /// <summary>Commands run so far.</summary>
    public long CommandsProcessed { get; private set; }

    /// <summary>Runs every complete command in <paramref name="input"/>; <paramref name="consumed"/> bytes may be dropped.</summary>
    public RespBatchOutcome Process(ReadOnlySpan<byte> input, IBufferWriter<byte> output, out int consumed)
    {
        Context.CoarseMark = Environment.TickCount64;
        var outcome = ProcessSpan(input, output, out consumed);
        Context.CoarseMark = -1;
        return outcome;
    }

    /// <summary>Runs every complete command in <paramref name="input"/>; the bytes before <paramref name="consumed"/> may be dropped.</summary>
    public RespBatchOutcome Process(in ReadOnlySequence<byte> input, IBufferWriter<byte> output, out SequencePosition consumed)
    {
        Context.CoarseMark = Environment.TickCount64;
        var outcome = ProcessSequence(input, output, out consumed);
        Context.CoarseMark = -1;
        return outcome;
    }

    private RespBatchOutcome ProcessSpan(ReadOnlySpan<byte> input, IBufferWriter<byte> output, out int consumed)
    {
        Writer.Output = output;
        BeginBatch(output);
        int pos = 0;
        while (true)
        {
            var status = Parser.TryParse(input[pos..], Context.Args, out int used);
            pos += used;
            if (status == RespParseStatus.Command)
            {
                Run();
                if (_stop != RespBatchOutcome.Continue)
                {
                    consumed = pos;
                    return TakeStop();
                }
                continue;
            }
            consumed = pos;
            return Finish(status, input.Length - pos);
        }
    }

    private RespBatchOutcome ProcessSequence(in ReadOnlySequence<byte> input, IBufferWriter<byte> output, out SequencePosition consumed)
    {
        if (input.IsSingleSegment)
        {
            var outcome = ProcessSpan(input.FirstSpan, output, out int used);
            consumed = input.GetPosition(used);
            return outcome;
        }
        Writer.Output = output;
        BeginBatch(output);
        var rest = input;
        while (true)
        {
            var status = Parser.TryParse(rest, Context.Args, out long used);
            rest = rest.Slice(used);
            if (status == RespParseStatus.Command)
            {
                Run();
                if (_stop != RespBatchOutcome.Continue)
                {
                    consumed = rest.Start;
                    return TakeStop();
                }
                continue;
            }
            consumed = rest.Start;
            return Finish(status, rest.Length);
        }
    }

    private const int LargeCommandBytes = 64 * 1024;

    private IBufferWriter<byte>? _replyOutput;

    /// <summary>CLIENT REPLY ON while replies were off: the rest of this command's reply (its OK) reaches the client.</summary>
    public void ResumeReplies()
    {
        if (_replyOutput is not null)
        {
            Writer.Output = _replyOutput;
            Writer.SuppressedOutput = null;
        }
    }

    /// <summary>Set by QUIT / CLIENT KILL of oneself: the batch stops after the current command, whose reply is flushed.</summary>
    public bool CloseRequested
    {
        get => _closeRequested;
        set
        {
            _closeRequested = value;
            if (value)
            {
                _stop = RespBatchOutcome.CloseAfterReply;
            }
        }
    }

    // Whether the command that blocked ran under CLIENT REPLY OFF/SKIP, so its late reply is dropped too.
    private bool _blockedReplySuppressed;

    private void Run()
    {
        if (Context.Args.ByteCount > LargeCommandBytes)
        {
            // Copying a large command out of the input took time of its own: not the command's (see CoarseMark).
            Context.CoarseMark = Environment.TickCount64;
        }
        var client = Context.Client;
        if (client is not null && _pause.Mode != PauseMode.None && PauseHolds(client))
        {
            _stop = RespBatchOutcome.Postponed;
            return;
        }
        var monitors = Monitors;
        if (Interceptor is { } interceptor && RunIntercepted(interceptor, client, monitors))
        {
            // ---- test kit (ICommandInterceptor): answered, dropped or delayed ----
            if (_delayedReply is null)
            {
                CheckOutput();
            }
            return;
        }
        if (monitors is { IsActive: true })
        {
            RunMonitored(monitors, client);
        }
        else
        {
            RunCommand(client);
        }
        CheckOutput();
        if (Context.PendingBlock is not null && _stop is RespBatchOutcome.Continue or RespBatchOutcome.FlushAndContinue)
        {
            _stop = RespBatchOutcome.Blocked;
        }
    }

    private void RunCommand(IClientConnection? client)
    {
        _blockedReplySuppressed = client is not null && client.ReplyMode != ClientReplyMode.On;
        if (client is null || client.ReplyMode == ClientReplyMode.On)
        {
            CommandTable.Dispatch(Context);
        }
        else
        {
            // CLIENT REPLY OFF / SKIP: the command runs, its reply goes nowhere; SKIP lasts one command.
            bool skip = client.ReplyMode == ClientReplyMode.Skip;
            _replyOutput = Writer.Output;
            Writer.Output = NullBufferWriter.Instance;
            Writer.SuppressedOutput = _replyOutput;
            try
            {
                CommandTable.Dispatch(Context);
            }
            finally
            {
                Writer.Output = _replyOutput;
                Writer.SuppressedOutput = null;
                _replyOutput = null;
            }
            if (skip && client.ReplyMode == ClientReplyMode.Skip)
            {
                client.ReplyMode = ClientReplyMode.On;
            }
        }
        if (client is { ReplyMode: ClientReplyMode.SkipNext })
        {
            // CLIENT REPLY SKIP ran: the next command is the skipped one (Valkey turns SKIP_NEXT into SKIP after the call).
            client.ReplyMode = ClientReplyMode.Skip;
        }
        CommandsProcessed++;
    }

    /// <summary>Writes the reply of a command that was blocked (after the connection waited for it), as CLIENT REPLY allows.</summary>
    public void WriteBlockedReply(ValkeyReply reply, IBufferWriter<byte> output)
    {
        if (_blockedReplySuppressed)
        {
            return;
        }
        Writer.Output = output;
        ReplyBuilder.Replay(reply, Writer);
    }

    private RespBatchOutcome Finish(RespParseStatus status, long unparsed)
    {
        if (status == RespParseStatus.ProtocolError)
        {
            Writer.ErrorLatin1(Parser.Error!);
            return RespBatchOutcome.CloseAfterReply;
        }
        long pending = unparsed + (Parser.InCommand ? Context.Args.ByteCount : 0);
        long limit = Parser.Authenticated
            ? _options.ClientQueryBufferLimit
            : Math.Min(_options.ClientQueryBufferLimit, _options.UnauthenticatedQueryBufferLimit);
        return pending > limit ? RespBatchOutcome.Close : RespBatchOutcome.Continue;
    }

    /// <summary>Placeholder output before the first batch.</summary>
    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        public static readonly NullBufferWriter Instance = new();

        public void Advance(int count)
        {
        }

        // Replies written here are discarded: one shared scratch area (concurrent writers only scribble on garbage).
        private readonly byte[] _sink = new byte[4096];

        public Memory<byte> GetMemory(int sizeHint = 0) => sizeHint <= _sink.Length ? _sink : new byte[sizeHint];

        public Span<byte> GetSpan(int sizeHint = 0) => sizeHint <= _sink.Length ? _sink : new byte[sizeHint];
    }
}
