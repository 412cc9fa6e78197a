using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using InProcValkey.Commands;
using InProcValkey.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace InProcValkey.Server;

/// <summary>
/// One accepted connection: a socket read through a <see cref="PipeReader"/>, a <see cref="RespCommandProcessor"/>
/// running every complete command of each read, and the replies flushed once per batch.
/// </summary>
internal sealed partial class ClientConnection : IClientConnection
{
    private readonly ValkeyServer _server;
    private readonly Socket? _socket;
    private readonly IDuplexPipe? _transport; // ---- test kit: an in-memory connection instead of a socket ----
    private readonly RespCommandProcessor _processor;
    private readonly CancellationTokenSource _closing = new();
    private readonly long _createdMs;
    private long _lastActivityMs;
    private int _closed;
    private int _killed;
    private readonly long _fd;
    private ClientReplyMode _replyMode;

    public ClientConnection(ValkeyServer server, Socket? socket, long id, string address, string localAddress, RespParserOptions parserOptions, IDuplexPipe? transport = null)
    {
        _server = server;
        _socket = socket;
        _transport = transport;
        Id = id;
        Address = address;
        LocalAddress = localAddress;
        _processor = new RespCommandProcessor(server.Store.Engine, parserOptions);
        _processor.Context.Client = this;
        _processor.Monitors = server.Monitors;
        _processor.Interceptor = server.Interceptor;
        RequirePass = server.RequirePassBytes;
        Authenticated = RequirePass is null;
        _createdMs = _lastActivityMs = Environment.TickCount64;
        _fd = socket is null ? -1 : (long)socket.SafeHandle.DangerousGetHandle();
    }

    public long Id { get; }

    public string Address { get; }

    public string LocalAddress { get; }

    public int Protocol
    {
        get => _processor.Writer.Protocol;
        set => _processor.Writer.Protocol = value;
    }

    public string? Name { get; set; }

    public string? LibName { get; set; }

    public string? LibVersion { get; set; }

    public byte[]? RequirePass { get; }

    public bool Authenticated
    {
        get => _processor.Parser.Authenticated;
        set => _processor.Parser.Authenticated = value;
    }

    public ClientReplyMode ReplyMode
    {
        get => _replyMode;
        set
        {
            _replyMode = value;
            if (value == ClientReplyMode.On)
            {
                _processor.ResumeReplies();
            }
        }
    }

    public bool NoEvict { get; set; }

    public bool NoTouch { get; set; }

    /// <summary>Milliseconds since the last input.</summary>
    public long IdleMs => Environment.TickCount64 - Volatile.Read(ref _lastActivityMs);

    public IReadOnlyList<IClientConnection> Peers() => _server.Clients();

    public void CloseAfterReply() => _processor.CloseRequested = true;

    /// <summary>True once killed or closed: no longer listed or counted by CLIENT LIST / KILL.</summary>
    public bool IsClosing => Volatile.Read(ref _killed) != 0;

    public void Kill()
    {
        Volatile.Write(ref _killed, 1);
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public string Describe() => Describe(Environment.TickCount64 - _createdMs, _fd);

    /// <summary>Serves the connection until the client leaves, QUIT, a protocol error, a kill or the server stops.</summary>
    public async Task RunAsync(CancellationToken serverStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        var token = linked.Token;
        var pipe = _transport ?? _server.LoopFor(Id)?.TryAttach(_socket!) ?? StreamPipe(_socket!);
        var reader = pipe.Input;
        var writer = pipe.Output;
        string reason = "client closed the connection";
        // A read started while a command was blocked, whose input is processed once the command is served.
        Task<ReadResult>? carried = null;
        bool abort = false;
        _reader = reader;
        try
        {
            while (true)
            {
                var result = carried is not null ? await carried.ConfigureAwait(false) : await reader.ReadAsync(token).ConfigureAwait(false);
                carried = null;
                var buffer = result.Buffer;
                if (Volatile.Read(ref _monitorQueued) != 0)
                {
                    // MONITOR lines from other connections (they woke this read with CancelPendingRead).
                    DrainMonitorLines(writer);
                    if (buffer.IsEmpty)
                    {
                        await FlushTrackedAsync(writer, token).ConfigureAwait(false);
                    }
                }
                Volatile.Write(ref _lastActivityMs, Environment.TickCount64);
                if (!buffer.IsEmpty)
                {
                    long before = _processor.CommandsProcessed;
                    Volatile.Write(ref _pendingInput, buffer.Length);
                    t_inBatch = this;
                    var outcome = _processor.Process(buffer, writer, out var consumed);
                    t_inBatch = null;
                    bool interrupted = false;
                    while (outcome is RespBatchOutcome.Postponed or RespBatchOutcome.FlushAndContinue or RespBatchOutcome.Blocked)
                    {
                        // The rest of the input is passed again (examined = consumed) once the replies are out.
                        interrupted = true;
                        await FlushTrackedAsync(writer, token).ConfigureAwait(false);
                        if (outcome is RespBatchOutcome.FlushAndContinue or RespBatchOutcome.Blocked)
                        {
                            break;
                        }
                        Volatile.Write(ref _held, 1);
                        _server.Store.Engine.Blocking.Postponed(1);
                        try
                        {
                            await _processor.WaitForPauseAsync(token).ConfigureAwait(false);
                        }
                        finally
                        {
                            _server.Store.Engine.Blocking.Postponed(-1);
                            Volatile.Write(ref _held, 0);
                        }
                        t_inBatch = this;
                        outcome = _processor.RunPostponed(writer);
                        t_inBatch = null;
                    }
                    Volatile.Write(ref _pendingInput, buffer.Slice(consumed).Length);
                    reader.AdvanceTo(consumed, interrupted ? consumed : buffer.End);
                    _server.Metrics.Commands.Add(_processor.CommandsProcessed - before);
                    if (outcome == RespBatchOutcome.Blocked && _processor.TakeDelayedReply() is { } delayed)
                    {
                        // ---- test kit: a reply held back until the kit's clock releases it ----
                        await delayed.Release.WaitAsync(token).ConfigureAwait(false);
                        writer.Write(delayed.Reply);
                        await FlushTrackedAsync(writer, token).ConfigureAwait(false);
                        continue;
                    }
                    if (outcome == RespBatchOutcome.Blocked)
                    {
                        // The replies so far are out; the input after the command stays unexamined and runs after its reply.
                        (carried, bool gone) = await WaitBlockedAsync(reader, writer, token).ConfigureAwait(false);
                        if (gone)
                        {
                            break;
                        }
                        continue;
                    }
                    if (outcome == RespBatchOutcome.OutputLimit)
                    {
                        reason = "output buffer limit reached";
                        Log.OutputLimit(_server.Logger, Id, _processor.OutputLimitReason ?? "", Describe());
                        abort = true;
                        break;
                    }
                    if (outcome == RespBatchOutcome.CloseAfterReply)
                    {
                        // Valkey frees the client right after writing this reply, before another client's next command
                        // runs: a client that has read the reply (QUIT's OK) never sees this one's subscriptions or watches.
                        LeaveSharedState();
                    }
                    await FlushTrackedAsync(writer, token).ConfigureAwait(false);
                    if (outcome == RespBatchOutcome.CloseAfterReply)
                    {
                        reason = _processor.CloseRequested ? "quit or killed" : "protocol error";
                        break;
                    }
                    if (outcome == RespBatchOutcome.Close)
                    {
                        reason = "client-query-buffer-limit reached";
                        break;
                    }
                }
                else
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = serverStopping.IsCancellationRequested ? "server stopping" : "killed";
            abort = true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            reason = "connection reset";
        }
        catch (Exception e)
        {
            Log.ClientFailed(_server.Logger, Id, e);
            reason = "error";
        }
        finally
        {
            if (Volatile.Read(ref _blocked) is { } blocked)
            {
                // Disconnected or killed while blocked: the command takes nothing.
                _server.Store.Engine.Blocking.Cancel(blocked);
                _blocked = null;
            }
            LeaveSharedState();
            if (abort)
            {
                // Pending replies are dropped (Valkey frees the client): close first, so completing the writer cannot
                // wait on a peer that does not read.
                Close();
            }
            await reader.CompleteAsync().ConfigureAwait(false);
            try
            {
                await writer.CompleteAsync().ConfigureAwait(false);
                if (!abort && pipe is Transport.SocketPipe socketPipe)
                {
                    // The last replies (QUIT's OK, a protocol error) reach the client before the socket closes.
                    await socketPipe.SendCompletion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or TimeoutException)
            {
            }
            Close();
            (pipe as Transport.SocketPipe)?.Abort();
            Log.Closed(_server.Logger, Id, reason);
        }
    }

    // What the connection holds in server-wide structures: MONITOR feed, channel subscriptions, WATCHed keys.
    private void LeaveSharedState()
    {
        StopMonitor();
        LeavePubSub();
        _processor.Context.Transaction?.Discard(); // transactions (issue 7): freeClient unwatches
    }

    // The portable transport: the socket as a stream, read and written through System.IO.Pipelines' stream adapters.
    private static IDuplexPipe StreamPipe(Socket socket)
    {
        var stream = new NetworkStream(socket, ownsSocket: false);
        return new DuplexPipe(
            PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    private Keyspace.Blocking.BlockedClient? _blocked;

    public Keyspace.Blocking.BlockedClient? Blocked => Volatile.Read(ref _blocked);

    public void OnBlocked(Keyspace.Blocking.BlockedClient blocked) => Volatile.Write(ref _blocked, blocked);

    /// <summary>Whether a command of this connection is blocked (the idle timeout spares it, as Valkey's does).</summary>
    public bool IsBlocked => Volatile.Read(ref _blocked) is not null;

    // Waits for the blocked command's reply while watching the socket: a client that goes away cancels the command (it takes
    // nothing). Input that arrives meanwhile is handed back unprocessed (carried) and runs after the reply.
    private async Task<(Task<ReadResult>? Carried, bool Gone)> WaitBlockedAsync(PipeReader reader, PipeWriter writer, CancellationToken token)
    {
        var blocked = _processor.Context.TakePendingBlock()!;
        var engine = _server.Store.Engine;
        Task<ReadResult>? read = reader.ReadAsync(token).AsTask();
        var first = await Task.WhenAny(blocked.Completion, read).ConfigureAwait(false);
        if (first == read && !blocked.Completion.IsCompleted)
        {
            var r = await read.ConfigureAwait(false);
            if (r.IsCompleted && r.Buffer.IsEmpty)
            {
                engine.Blocking.Cancel(blocked);
                Volatile.Write(ref _blocked, null);
                return (null, true);
            }
        }
        ValkeyReply reply;
        try
        {
            reply = await blocked.Completion.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            engine.Blocking.Cancel(blocked);
            Volatile.Write(ref _blocked, null);
            throw;
        }
        Volatile.Write(ref _blocked, null);
        _processor.WriteBlockedReply(reply, writer);
        await FlushTrackedAsync(writer, token).ConfigureAwait(false);
        return (read, false);
    }

    /// <summary>Closes the socket (idempotent).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        Kill();
        try
        {
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        _socket?.Dispose();
        _closing.Dispose();
    }
}
