using System.Buffers;
using System.Net.Sockets;
using System.Text;
using InProcValkey.Commands;
using InProcValkey.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace InProcValkey.Server;

/// <summary>
/// One accepted connection: a socket read into a receive buffer, a <see cref="RespCommandProcessor"/> running every
/// complete command of each read, and the replies (a <see cref="ReplyBuffer"/>) sent once per batch.
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

    /// <summary>Size of the receive buffer; it grows (doubling) only while one incomplete command does not fit.</summary>
    internal const int ReceiveBufferSize = 16 * 1024;

    /// <summary>Serves the connection until the client leaves, QUIT, a protocol error, a kill or the server stops.</summary>
    /// <remarks>
    /// The loop reads the socket straight into one receive buffer and sends the batch's replies straight from a
    /// <see cref="ReplyBuffer"/>, one send per batch of available input, without streams or pipes in between: the
    /// socket's own awaitables complete synchronously when data is there or the send fits the kernel's buffer, so a
    /// batch costs a receive and a send and no allocation. Unparsed bytes (an incomplete command) stay at the start of
    /// the receive buffer; the buffer doubles only when an incomplete command fills it (the query buffer limit, checked
    /// by the processor after every batch, bounds that), and goes back to its usual size once drained.
    /// </remarks>
    public async Task RunAsync(CancellationToken serverStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        var token = linked.Token;
        var replies = new ReplyBuffer();
        byte[] input = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        int start = 0, end = 0; // unparsed bytes are input[start..end)
        string reason = "client closed the connection";
        try
        {
            while (true)
            {
                if (end == input.Length)
                {
                    input = MakeRoom(input, ref start, ref end);
                }
                int received = await _socket.ReceiveAsync(input.AsMemory(end), SocketFlags.None, token).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }
                end += received;
                Volatile.Write(ref _lastActivityMs, Environment.TickCount64);
                long before = _processor.CommandsProcessed;
                var outcome = _processor.Process(input.AsSpan(start, end - start), replies, out int consumed);
                start += consumed;
                if (start == end)
                {
                    start = end = 0;
                    if (input.Length > ReceiveBufferSize)
                    {
                        ArrayPool<byte>.Shared.Return(input);
                        input = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
                    }
                }
                _server.Metrics.Commands.Add(_processor.CommandsProcessed - before);
                await SendAsync(replies, token).ConfigureAwait(false);
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
            Close();
            replies.Clear();
            ArrayPool<byte>.Shared.Return(input);
            Log.Closed(_server.Logger, Id, reason);
        }
    }

    // The buffer is full of unparsed bytes: move them to the front, or, when they already start there, double it.
    private static byte[] MakeRoom(byte[] input, ref int start, ref int end)
    {
        if (start > 0)
        {
            input.AsSpan(start, end - start).CopyTo(input);
            end -= start;
            start = 0;
            return input;
        }
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)input.Length * 2, Array.MaxLength));
        input.AsSpan(0, end).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(input);
        return bigger;
    }

    // Sends everything written since the last send (a stream socket may take it in several calls).
    private async ValueTask SendAsync(ReplyBuffer replies, CancellationToken token)
    {
        if (replies.Length == 0)
        {
            return;
        }
        var pending = replies.Written;
        while (!pending.IsEmpty)
        {
            int sent = await _socket.SendAsync(pending, SocketFlags.None, token).ConfigureAwait(false);
            pending = pending[sent..];
        }
        replies.Clear();
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
