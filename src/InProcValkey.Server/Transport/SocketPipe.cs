using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static InProcValkey.Server.Transport.EpollInterop;

namespace InProcValkey.Server.Transport;

/// <summary>
/// A socket as an <see cref="IDuplexPipe"/>, pumped by an <see cref="EpollLoop"/>: the loop receives into
/// <see cref="Input"/> and flushes it, which runs the connection's waiting read inline on the loop thread (its batch, its
/// replies); the replies written to <see cref="Output"/> are sent at once by the pipe's send loop, also inline, with one
/// <c>send</c>. When the socket cannot take more, the rest waits for EPOLLOUT; when the connection falls behind its input,
/// the loop stops reading the socket until it catches up.
/// </summary>
/// <remarks>
/// <see cref="Output"/> pauses its writer as soon as anything is unsent (pause threshold 1), so a flush completes when the
/// bytes are in the socket, as with a stream: the output-buffer-limit accounting of the connection sees what is stuck.
/// Reads woken from another thread (<see cref="PipeReader.CancelPendingRead"/> by MONITOR or PUBLISH) continue on the
/// thread pool, never inline on the waker's thread.
/// </remarks>
internal sealed class SocketPipe : IDuplexPipe
{
    private const int ReceiveSize = 16 * 1024;
    private const long InputPauseBytes = 1024 * 1024;
    private static int s_generation;

    [ThreadStatic]
    private static SocketPipe? t_inlineInput;

    private readonly EpollLoop _loop;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly Lock _interestLock = new();
    private uint _interest = EpollIn;
    private bool _readClosed;
    private TaskCompletionSource? _writable;
    private volatile bool _flushPending;
    private readonly Task _sendLoop;

    internal SocketPipe(EpollLoop loop, Socket socket)
    {
        _loop = loop;
        Socket = socket;
        Generation = (uint)Interlocked.Increment(ref s_generation);
        var inlineOnOwnFlush = new OwnFlushScheduler(this);
        _input = new Pipe(new PipeOptions(
            readerScheduler: inlineOnOwnFlush,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: InputPauseBytes,
            resumeWriterThreshold: InputPauseBytes / 2,
            minimumSegmentSize: ReceiveSize,
            useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 1,
            resumeWriterThreshold: 1,
            minimumSegmentSize: ReceiveSize,
            useSynchronizationContext: false));
        _sendLoop = SendLoopAsync();
    }

    public Socket Socket { get; }

    internal int Slot { get; set; }

    internal uint Generation { get; }

    internal ulong Token { get; set; }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    /// <summary>Completes when everything written to <see cref="Output"/> before it completed has been sent (or sending failed).</summary>
    public Task SendCompletion => _sendLoop;

    // ---- loop thread: input ----

    internal void OnReadable()
    {
        if (_readClosed || _flushPending)
        {
            // (An event of the same epoll_wait as the pause: the socket is read again once the connection catches up.)
            return;
        }
        var writer = _input.Writer;
        var memory = writer.GetMemory(ReceiveSize);
        var handle = Socket.SafeHandle;
        bool added = false;
        nint n;
        int errno = 0;
        try
        {
            handle.DangerousAddRef(ref added);
            n = Recv((int)handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(memory.Span), memory.Length, 0);
            if (n < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }
        }
        catch (ObjectDisposedException)
        {
            CloseInput(null);
            return;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
        if (n < 0)
        {
            if (errno is EAgain or EIntr)
            {
                return;
            }
            CloseInput(new SocketException(errno == 104 ? (int)SocketError.ConnectionReset : errno));
            return;
        }
        if (n == 0)
        {
            CloseInput(null);
            return;
        }
        writer.Advance((int)n);
        ValueTask<FlushResult> flush;
        t_inlineInput = this;
        try
        {
            flush = writer.FlushAsync();
        }
        finally
        {
            t_inlineInput = null;
        }
        if (flush.IsCompletedSuccessfully)
        {
            if (flush.Result.IsCompleted)
            {
                CloseInput(null);
            }
            return;
        }
        // The connection is behind (blocked, paused, or busy elsewhere): stop reading until it has caught up.
        _flushPending = true;
        SetInterest(EpollIn, on: false);
        _ = ResumeReadingAsync(flush);
    }

    private async Task ResumeReadingAsync(ValueTask<FlushResult> flush)
    {
        FlushResult result;
        try
        {
            result = await flush.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return;
        }
        if (result.IsCompleted)
        {
            return;
        }
        _flushPending = false;
        SetInterest(EpollIn, on: true);
    }

    private void CloseInput(Exception? error)
    {
        if (_readClosed)
        {
            return;
        }
        _readClosed = true;
        SetInterest(EpollIn, on: false);
        _input.Writer.Complete(error);
    }

    /// <summary>The socket is closed: a send waiting for room gives up (its next attempt fails on the closed socket).</summary>
    public void Abort() => Interlocked.Exchange(ref _writable, null)?.TrySetResult();

    internal void Fail(Exception error)
    {
        CloseInput(error);
    }

    private void SetInterest(uint bit, bool on)
    {
        lock (_interestLock)
        {
            uint interest = on ? _interest | bit : _interest & ~bit;
            if (bit == EpollIn && _readClosed)
            {
                interest &= ~EpollIn;
            }
            if (interest == _interest)
            {
                return;
            }
            _interest = interest;
            _loop.Control(this, EpollCtlMod, interest);
        }
    }

    // ---- output ----

    internal void OnWritable()
    {
        SetInterest(EpollOut, on: false);
        Interlocked.Exchange(ref _writable, null)?.TrySetResult();
    }

    private Task WaitWritableAsync()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _writable, tcs);
        SetInterest(EpollOut, on: true);
        return tcs.Task;
    }

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    int sent = TrySend(buffer.First.Span);
                    if (sent < 0)
                    {
                        await WaitWritableAsync().ConfigureAwait(false);
                        continue;
                    }
                    buffer = buffer.Slice(sent);
                }
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            error = e;
        }
        finally
        {
            _loop.Detach(this);
            Interlocked.Exchange(ref _writable, null)?.TrySetResult();
        }
        await reader.CompleteAsync(error).ConfigureAwait(false);
    }

    // Bytes sent, or -1 when the socket cannot take any now.
    private int TrySend(ReadOnlySpan<byte> span)
    {
        var handle = Socket.SafeHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            while (true)
            {
                nint n = EpollInterop.Send((int)handle.DangerousGetHandle(), in MemoryMarshal.GetReference(span), span.Length, MsgNoSignal);
                if (n >= 0)
                {
                    return (int)n;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EIntr)
                {
                    continue;
                }
                if (errno == EAgain)
                {
                    return -1;
                }
                throw new SocketException(errno == 32 ? (int)SocketError.Shutdown : errno == 104 ? (int)SocketError.ConnectionReset : errno);
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Runs the input reader's continuation inline only inside this pipe's own flush on the loop thread.</summary>
    private sealed class OwnFlushScheduler(SocketPipe owner) : PipeScheduler
    {
        public override void Schedule(Action<object?> action, object? state)
        {
            if (ReferenceEquals(t_inlineInput, owner))
            {
                action(state);
            }
            else
            {
                PipeScheduler.ThreadPool.Schedule(action, state);
            }
        }
    }
}
