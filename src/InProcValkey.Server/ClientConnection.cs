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
internal sealed class ClientConnection : IClientConnection
{
    private readonly ValkeyServer _server;
    private readonly Socket _socket;
    private readonly RespCommandProcessor _processor;
    private readonly CancellationTokenSource _closing = new();
    private readonly long _createdMs;
    private long _lastActivityMs;
    private int _closed;
    private int _killed;
    private readonly long _fd;
    private ClientReplyMode _replyMode;

    public ClientConnection(ValkeyServer server, Socket socket, long id, string address, string localAddress, RespParserOptions parserOptions)
    {
        _server = server;
        _socket = socket;
        Id = id;
        Address = address;
        LocalAddress = localAddress;
        _processor = new RespCommandProcessor(server.Store.Engine, parserOptions);
        _processor.Context.Client = this;
        RequirePass = server.RequirePassBytes;
        Authenticated = RequirePass is null;
        _createdMs = _lastActivityMs = Environment.TickCount64;
        _fd = (long)socket.SafeHandle.DangerousGetHandle();
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

    public string Describe()
    {
        long now = Environment.TickCount64;
        var ctx = _processor.Context;
        string cmd = ctx.Command?.FullName ?? "NULL";
        var flags = new StringBuilder();
        if (NoEvict)
        {
            flags.Append('e');
        }
        if (NoTouch)
        {
            flags.Append('T');
        }
        if (flags.Length == 0)
        {
            flags.Append('N');
        }
        return $"id={Id} addr={Address} laddr={LocalAddress} fd={_fd} name={Name} "
            + $"age={(now - _createdMs) / 1000} idle={IdleMs / 1000} flags={flags} db={ctx.DbIndex} sub=0 psub=0 ssub=0 multi=-1 "
            + $"qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd={cmd} "
            + $"user=default redir=-1 resp={Protocol} lib-name={LibName} lib-ver={LibVersion}";
    }

    /// <summary>Serves the connection until the client leaves, QUIT, a protocol error, a kill or the server stops.</summary>
    public async Task RunAsync(CancellationToken serverStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        var token = linked.Token;
        var stream = new NetworkStream(_socket, ownsSocket: false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        string reason = "client closed the connection";
        // A read started while a command was blocked, whose input is processed once the command is served.
        Task<ReadResult>? carried = null;
        try
        {
            while (true)
            {
                var result = carried is not null ? await carried.ConfigureAwait(false) : await reader.ReadAsync(token).ConfigureAwait(false);
                carried = null;
                var buffer = result.Buffer;
                Volatile.Write(ref _lastActivityMs, Environment.TickCount64);
                if (!buffer.IsEmpty)
                {
                    long before = _processor.CommandsProcessed;
                    var outcome = _processor.Process(buffer, writer, out var consumed);
                    if (outcome == RespBatchOutcome.Blocked)
                    {
                        // The rest of the input stays unexamined, so it is read again once the command is served.
                        reader.AdvanceTo(consumed);
                        _server.Metrics.Commands.Add(_processor.CommandsProcessed - before);
                        await writer.FlushAsync(token).ConfigureAwait(false);
                        (carried, bool gone) = await WaitBlockedAsync(reader, writer, token).ConfigureAwait(false);
                        if (gone)
                        {
                            break;
                        }
                        continue;
                    }
                    reader.AdvanceTo(consumed, buffer.End);
                    _server.Metrics.Commands.Add(_processor.CommandsProcessed - before);
                    await writer.FlushAsync(token).ConfigureAwait(false);
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
            await reader.CompleteAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
            Close();
            Log.Closed(_server.Logger, Id, reason);
        }
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
        await writer.FlushAsync(token).ConfigureAwait(false);
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
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        _closing.Dispose();
    }
}
