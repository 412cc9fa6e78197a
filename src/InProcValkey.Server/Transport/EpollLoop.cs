using System.Net.Sockets;
using System.Runtime.InteropServices;
using static InProcValkey.Server.Transport.EpollInterop;

namespace InProcValkey.Server.Transport;

/// <summary>
/// A Valkey-style event loop for the listener's sockets on Linux: one thread waits in <c>epoll_wait</c> (level-triggered,
/// as Valkey's ae), reads each readable socket once into its <see cref="SocketPipe"/> and runs the connection's batch inline,
/// whose replies are sent before the loop moves on. One <c>recv</c> and one <c>send</c> per request, where .NET's socket
/// engine (edge-triggered) needs a second <c>recv</c> that fails with EAGAIN, plus more thread hand-offs.
/// </summary>
internal sealed class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;
    // The epoll token of the eventfd that Dispose writes to, so the loop leaves epoll_wait at once.
    private const ulong WakeToken = ulong.MaxValue;
    private readonly int _epfd;
    private readonly int _wakefd;
    private readonly Thread _thread;
    private readonly object _slotsLock = new();
    private SocketPipe?[] _slots = new SocketPipe?[64];
    private readonly Stack<int> _freeSlots = new();
    private int _nextSlot;
    private volatile bool _stopping;

    private EpollLoop(int epfd, int wakefd, string name)
    {
        _epfd = epfd;
        _wakefd = wakefd;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>A started loop, or null where epoll is not available (another OS or architecture, or it failed).</summary>
    public static EpollLoop? TryCreate(string name)
    {
        if (!Supported)
        {
            return null;
        }
        try
        {
            int epfd = EpollCreate1(EpollCloexec);
            if (epfd < 0)
            {
                return null;
            }
            int wakefd = EventFd(0, EfdCloexec | EfdNonblock);
            var ev = new EpollEvent { Events = EpollIn, Data = WakeToken };
            if (wakefd < 0 || EpollCtl(epfd, EpollCtlAdd, wakefd, ref ev) != 0)
            {
                if (wakefd >= 0)
                {
                    EpollInterop.Close(wakefd);
                }
                EpollInterop.Close(epfd);
                return null;
            }
            return new EpollLoop(epfd, wakefd, name);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether the caller runs on this loop's thread.</summary>
    public bool OnLoopThread => Thread.CurrentThread == _thread;

    /// <summary>Wraps <paramref name="socket"/> in a pipe served by this loop; null when it cannot be registered.</summary>
    public SocketPipe? TryAttach(Socket socket)
    {
        try
        {
            // O_NONBLOCK on the descriptor: recv and send return EAGAIN instead of waiting.
            socket.Blocking = false;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
        var pipe = new SocketPipe(this, socket);
        lock (_slotsLock)
        {
            int index;
            if (!_freeSlots.TryPop(out index))
            {
                index = _nextSlot++;
                if (index == _slots.Length)
                {
                    Array.Resize(ref _slots, _slots.Length * 2);
                }
            }
            pipe.Slot = index;
            pipe.Token = (ulong)(uint)index | ((ulong)pipe.Generation << 32);
            Volatile.Write(ref _slots[index], pipe);
        }
        if (!Control(pipe, EpollCtlAdd, EpollIn))
        {
            Detach(pipe);
            return null;
        }
        return pipe;
    }

    // epoll_ctl on the socket's descriptor while its handle is referenced, so a closed (and maybe reused) number is never touched.
    internal bool Control(SocketPipe pipe, int op, uint events)
    {
        var handle = pipe.Socket.SafeHandle;
        bool added = false;
        if (_stopping)
        {
            return false;
        }
        try
        {
            handle.DangerousAddRef(ref added);
            var ev = new EpollEvent { Events = events, Data = pipe.Token };
            return EpollCtl(_epfd, op, (int)handle.DangerousGetHandle(), ref ev) == 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Stops watching the pipe's socket and frees its slot.</summary>
    internal void Detach(SocketPipe pipe)
    {
        Control(pipe, EpollCtlDel, 0);
        lock (_slotsLock)
        {
            if (pipe.Slot >= 0 && ReferenceEquals(_slots[pipe.Slot], pipe))
            {
                Volatile.Write(ref _slots[pipe.Slot], null);
                _freeSlots.Push(pipe.Slot);
            }
            pipe.Slot = -1;
        }
    }

    private void Run()
    {
        var events = new EpollEvent[MaxEvents];
        while (!_stopping)
        {
            int n = EpollWait(_epfd, events, MaxEvents, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EIntr)
                {
                    continue;
                }
                break;
            }
            for (int i = 0; i < n; i++)
            {
                ulong token = events[i].Data;
                if (token == WakeToken)
                {
                    continue; // Dispose: _stopping is set
                }
                var slots = Volatile.Read(ref _slots);
                int index = (int)(uint)token;
                if ((uint)index >= (uint)slots.Length || Volatile.Read(ref slots[index]) is not { } pipe || pipe.Token != token)
                {
                    continue;
                }
                uint ready = events[i].Events;
                try
                {
                    if ((ready & EpollOut) != 0)
                    {
                        pipe.OnWritable();
                    }
                    if ((ready & (EpollIn | EpollErr | EpollHup)) != 0)
                    {
                        pipe.OnReadable();
                    }
                }
                catch (Exception e)
                {
                    // A connection's failure is its own: it is closed, the loop goes on.
                    pipe.Fail(e);
                }
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        EpollInterop.Write(_wakefd, 1UL, sizeof(ulong));
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
        EpollInterop.Close(_epfd);
        EpollInterop.Close(_wakefd);
    }
}
