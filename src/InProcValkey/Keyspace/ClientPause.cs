namespace InProcValkey.Keyspace;

/// <summary>What CLIENT PAUSE holds back.</summary>
internal enum PauseMode
{
    /// <summary>Not paused.</summary>
    None = 0,

    /// <summary><c>WRITE</c>: commands that may write (Valkey's <c>CMD_WRITE</c> / <c>CMD_MAY_REPLICATE</c>).</summary>
    Write = 1,

    /// <summary><c>ALL</c>: every command.</summary>
    All = 2,
}

/// <summary>
/// The engine's client pause (CLIENT PAUSE / CLIENT UNPAUSE, Valkey's <c>pauseActions</c> for <c>PAUSE_BY_CLIENT_COMMAND</c>).
/// A new pause never relaxes one in force: the mode is the stricter of the two and the end the later (Valkey's
/// <c>pauseActions</c>). The pause ends at its deadline on the engine's <see cref="TimeProvider"/> or at UNPAUSE. The
/// listener holds a paused client's command (and everything it sent after it) until then; the pausing client is paused
/// like any other (Valkey exempts only replicas and MONITOR clients). In-process sessions are never paused.
/// Hot path: one volatile read of <see cref="Mode"/> per command while no pause was ever requested.
/// </summary>
internal sealed class ClientPause(TimeProvider time)
{
    private readonly Lock _lock = new();
    private volatile int _mode;
    private long _endMs;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The mode requested (possibly expired: see <see cref="Holds"/>).</summary>
    public PauseMode Mode => (PauseMode)_mode;

    /// <summary>CLIENT PAUSE: pauses until <paramref name="endMs"/> (unix ms); keeps a stricter or longer pause in force.</summary>
    public void Pause(PauseMode mode, long endMs)
    {
        lock (_lock)
        {
            if (Expired())
            {
                _mode = 0;
                _endMs = 0;
            }
            _endMs = Math.Max(_endMs, endMs);
            _mode = Math.Max(_mode, (int)mode);
            Signal();
        }
    }

    /// <summary>CLIENT UNPAUSE.</summary>
    public void Unpause()
    {
        lock (_lock)
        {
            _mode = 0;
            _endMs = 0;
            Signal();
        }
    }

    private bool Expired() => time.GetUtcNow().ToUnixTimeMilliseconds() >= Volatile.Read(ref _endMs);

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    /// <summary>Whether a command with <paramref name="mayWrite"/> must wait now (the pause is in force and covers it).</summary>
    public bool Holds(bool mayWrite)
    {
        int mode = _mode;
        if (mode == 0 || (mode == (int)PauseMode.Write && !mayWrite))
        {
            return false;
        }
        if (Expired())
        {
            lock (_lock)
            {
                if (_mode != 0 && Expired())
                {
                    _mode = 0;
                    Signal();
                }
            }
            return false;
        }
        return true;
    }

    /// <summary>Completes when the pause changes (UNPAUSE, a new PAUSE) or its deadline passes, whichever comes first.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        Task changed;
        long remaining;
        lock (_lock)
        {
            changed = _changed.Task;
            remaining = Volatile.Read(ref _endMs) - time.GetUtcNow().ToUnixTimeMilliseconds();
        }
        if (remaining <= 0)
        {
            return;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Task.Delay takes at most about 49 days; a longer pause is waited for in several steps by the caller's loop.
        var delay = Task.Delay(TimeSpan.FromMilliseconds(Math.Min(remaining, uint.MaxValue - 1)), time, cts.Token);
        await Task.WhenAny(changed, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
