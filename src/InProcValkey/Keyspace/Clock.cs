using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

/// <summary>
/// The one "now" of a command: read from the store's <see cref="TimeProvider"/> the first time a command needs it
/// and reused for the rest of that command (Valkey's <c>commandTimeSnapshot</c>). A command that touches no
/// key with a TTL never reads the clock.
/// </summary>
internal struct Clock
{
    private readonly TimeProvider _time;
    private long _nowMs;
    private bool _read;

    public Clock(TimeProvider time)
    {
        _time = time;
        _nowMs = 0;
        _read = false;
    }

    /// <summary>A clock whose "now" the caller already read from <paramref name="time"/> (unix ms), so a command reads it once.</summary>
    public Clock(TimeProvider time, long nowMs)
    {
        _time = time;
        _nowMs = nowMs;
        _read = true;
    }

    /// <summary>Unix time in milliseconds, fixed for the command.</summary>
    public long NowMs
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (!_read)
            {
                _nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
                _read = true;
            }
            return _nowMs;
        }
    }
}
