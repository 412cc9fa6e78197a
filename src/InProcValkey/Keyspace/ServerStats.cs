using System.Diagnostics;
using InProcValkey.Commands;

namespace InProcValkey.Keyspace;

/// <summary>
/// Per-engine command statistics (INFO commandstats, <c>total_commands_processed</c>) and the slow log (SLOWLOG), fed by
/// <see cref="CommandTable.Dispatch"/>, no allocation unless the command was slow enough to be logged. Counters are indexed
/// by <see cref="CommandDef.Id"/>.
/// Timing is what costs: a precise timestamp (<see cref="Stopwatch.GetTimestamp"/>) measured about 35 ns on this VM, so
/// two per command tripled a GET through the RESP path. So every command reads only the coarse clock
/// (<see cref="Environment.TickCount64"/>, a few ns) before and after, which is enough to find the slow commands SLOWLOG
/// wants (its default threshold is 10 ms; a slow entry's duration then has the coarse clock's millisecond granularity),
/// and one call in <see cref="SampleEvery"/> per caller is timed precisely; INFO commandstats reports
/// <c>usec</c> as calls × the mean of the precisely timed calls.
/// The call and time counters are plain (not interlocked) adds: an interlocked add is a full fence and, shared by every
/// thread, a contended cache line, which doubled the cost of a GET. They are exact for one caller at a time (Valkey's
/// model); callers running the same command concurrently on several threads may lose an occasional increment.
/// </summary>
internal sealed partial class ServerStats
{
    private readonly long[] _calls;
    private readonly long[] _ticks;
    private readonly long[] _sampled;

    /// <summary>One call in this many (per caller) is timed precisely for commandstats.</summary>
    public const int SampleEvery = 16;
    private readonly long[] _rejected;
    private readonly LinkedList<SlowlogEntry> _slowlog = new();
    private readonly Lock _slowlogLock = new();
    private long _nextSlowlogId;

    public ServerStats(int commandCount)
    {
        _calls = new long[commandCount];
        _ticks = new long[commandCount];
        _sampled = new long[commandCount];
        _rejected = new long[commandCount];
        _failed = new long[commandCount];
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

    /// <summary>
    /// Counts a call: <paramref name="preciseTicks"/> is its stopwatch duration when it was a sampled call (else negative);
    /// <paramref name="coarseMs"/> its duration on the coarse clock. Logs it when slow.
    /// </summary>
    public void OnCall(CommandContext ctx, CommandDef def, long preciseTicks, long coarseMs)
    {
        _calls[def.Id]++;
        long micros = coarseMs * 1000;
        if (preciseTicks >= 0)
        {
            _sampled[def.Id]++;
            _ticks[def.Id] += preciseTicks;
            micros = ToMicros(preciseTicks);
        }
        long threshold = ctx.Engine.Config.SlowlogLogSlowerThan;
        if (threshold >= 0 && micros >= threshold && (def.Flags & CommandFlags.SkipSlowlog) == 0)
        {
            AddSlowlog(ctx, micros);
        }
    }

    /// <summary>Calls, estimated total microseconds (calls × mean sampled duration) and rejected calls of a command.</summary>
    public (long Calls, long Micros, long Rejected) Get(int id)
    {
        long calls = Volatile.Read(ref _calls[id]);
        long sampled = Volatile.Read(ref _sampled[id]);
        long micros = sampled == 0 ? 0 : (long)(ToMicros(Volatile.Read(ref _ticks[id])) * ((double)calls / sampled));
        return (calls, micros, Volatile.Read(ref _rejected[id]));
    }

    public void Reset()
    {
        for (int i = 0; i < _calls.Length; i++)
        {
            Interlocked.Exchange(ref _calls[i], 0);
            Interlocked.Exchange(ref _ticks[i], 0);
            Interlocked.Exchange(ref _sampled[i], 0);
            Interlocked.Exchange(ref _rejected[i], 0);
        }
        ResetErrors();
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
            // The client's peer id and name (empty for in-process callers, which have no connection).
            _slowlog.AddFirst(new SlowlogEntry(_nextSlowlogId++, now, micros, args, ctx.Client?.Address ?? "", ctx.Client?.Name ?? ""));
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
