using System.Diagnostics;
using InProcValkey.Commands;

namespace InProcValkey.Keyspace;

/// <summary>
/// Per-engine command statistics (INFO commandstats, <c>total_commands_processed</c>) and the slow log (SLOWLOG), fed by
/// <see cref="CommandTable.Dispatch"/>: two timestamp reads and two interlocked adds per command, no allocation unless the
/// command was slow enough to be logged. Counters are indexed by <see cref="CommandDef.Id"/>.
/// </summary>
internal sealed class ServerStats
{
    private readonly long[] _calls;
    private readonly long[] _ticks;
    private readonly long[] _rejected;
    private readonly LinkedList<SlowlogEntry> _slowlog = new();
    private readonly Lock _slowlogLock = new();
    private long _nextSlowlogId;

    public ServerStats(int commandCount)
    {
        _calls = new long[commandCount];
        _ticks = new long[commandCount];
        _rejected = new long[commandCount];
    }

    /// <summary>One entry of the slow log, as SLOWLOG GET replies it.</summary>
    internal sealed record SlowlogEntry(long Id, long UnixSeconds, long Micros, string[] Args, string ClientAddr, string ClientName);

    public long TotalCommands
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _calls.Length; i++)
            {
                total += Interlocked.Read(ref _calls[i]);
            }
            return total;
        }
    }

    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    // In double: a long of ticks times a million overflows after a few hours of accumulated command time.
    public static long ToMicros(long ticks) => (long)(ticks * MicrosPerTick);

    public void OnRejected(CommandDef def) => Interlocked.Increment(ref _rejected[def.Id]);

    /// <summary>Counts a call that took <paramref name="ticks"/> stopwatch ticks; logs it when slow.</summary>
    public void OnCall(CommandContext ctx, CommandDef def, long ticks)
    {
        Interlocked.Increment(ref _calls[def.Id]);
        Interlocked.Add(ref _ticks[def.Id], ticks);
        long threshold = ctx.Engine.Config.SlowlogLogSlowerThan;
        if (threshold >= 0 && ToMicros(ticks) >= threshold)
        {
            AddSlowlog(ctx, ToMicros(ticks));
        }
    }

    public (long Calls, long Micros, long Rejected) Get(int id) =>
        (Interlocked.Read(ref _calls[id]), ToMicros(Interlocked.Read(ref _ticks[id])), Interlocked.Read(ref _rejected[id]));

    public void Reset()
    {
        for (int i = 0; i < _calls.Length; i++)
        {
            Interlocked.Exchange(ref _calls[i], 0);
            Interlocked.Exchange(ref _ticks[i], 0);
            Interlocked.Exchange(ref _rejected[i], 0);
        }
    }

    // Valkey's slowlogCreateEntry: at most 32 arguments (the last one says how many more), each at most 128 bytes
    // ("... (N more bytes)").
    private void AddSlowlog(CommandContext ctx, long micros)
    {
        const int MaxArgc = 32, MaxString = 128;
        int argc = Math.Min(ctx.Args.Count, MaxArgc);
        var args = new string[argc];
        for (int i = 0; i < argc; i++)
        {
            if (argc != ctx.Args.Count && i == argc - 1)
            {
                args[i] = $"... ({ctx.Args.Count - argc + 1} more arguments)";
                break;
            }
            var bytes = ctx.Args[i];
            args[i] = bytes.Length > MaxString
                ? System.Text.Encoding.UTF8.GetString(bytes[..MaxString]) + $"... ({bytes.Length - MaxString} more bytes)"
                : System.Text.Encoding.UTF8.GetString(bytes);
        }
        long now = ctx.Engine.Time.GetUtcNow().ToUnixTimeSeconds();
        lock (_slowlogLock)
        {
            _slowlog.AddFirst(new SlowlogEntry(_nextSlowlogId++, now, micros, args, "", ""));
            while (_slowlog.Count > ctx.Engine.Config.SlowlogMaxLen)
            {
                _slowlog.RemoveLast();
            }
        }
    }

    /// <summary>The newest <paramref name="count"/> entries (all when negative).</summary>
    public List<SlowlogEntry> SlowlogGet(long count)
    {
        lock (_slowlogLock)
        {
            return [.. count < 0 ? _slowlog : _slowlog.Take((int)Math.Min(count, int.MaxValue))];
        }
    }

    public int SlowlogLength
    {
        get
        {
            lock (_slowlogLock)
            {
                return _slowlog.Count;
            }
        }
    }

    public void SlowlogReset()
    {
        lock (_slowlogLock)
        {
            _slowlog.Clear();
        }
    }
}
