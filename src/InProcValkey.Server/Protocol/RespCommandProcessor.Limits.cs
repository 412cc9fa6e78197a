using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using InProcValkey.Commands;
using InProcValkey.Keyspace;
using InProcValkey.Server.Monitoring;

namespace InProcValkey.Server.Protocol;

/// <summary>
/// The connection features that interrupt a batch: CLIENT PAUSE (a held command), MONITOR (feeding every command run) and
/// the output buffer limits (<c>client-output-buffer-limit</c>, checked after each command against the replies not yet
/// flushed, as Valkey checks its reply list when a reply is added).
/// </summary>
internal sealed partial class RespCommandProcessor
{
    /// <summary>Without a hard limit the batch still stops to flush every this many pending reply bytes, so a client
    /// that pipelines and never reads holds at most about this much server memory (the flush then waits on the socket).</summary>
    public const long FlushChunk = 1024 * 1024;

    private readonly ClientPause _pause;
    private readonly EngineConfig _config;
    private RespBatchOutcome _stop;
    private bool _closeRequested;
    private PipeWriter? _pipe;
    private long _outputThreshold = long.MaxValue;
    private OutputBufferLimit _limit;
    private long _softSinceMs;

    /// <summary>The server's MONITOR feed (null outside a server: nothing is fed).</summary>
    public MonitorFeed? Monitors { get; set; }

    /// <summary>Why the last <see cref="RespBatchOutcome.OutputLimit"/> happened (for the log).</summary>
    public string? OutputLimitReason { get; private set; }

    /// <summary>Replies written in this batch and not flushed yet (0 outside a batch or when the output cannot tell).</summary>
    public long PendingOutput => _pipe is { } pipe ? pipe.UnflushedBytes : 0;

    private RespBatchOutcome TakeStop()
    {
        var stop = _stop;
        if (stop != RespBatchOutcome.CloseAfterReply)
        {
            _stop = RespBatchOutcome.Continue;
        }
        return stop;
    }

    // Called once per batch: whether the output can count its unflushed bytes, and the threshold that makes CheckOutput
    // look closer (the soft or hard limit of the normal class, or the flush chunk).
    private void BeginBatch(IBufferWriter<byte> output)
    {
        _pipe = output is PipeWriter { CanGetUnflushedBytes: true } pipe ? pipe : null;
        _limit = _config.OutputBufferLimits.Normal;
        long threshold = _limit.Hard > 0 ? _limit.Hard : FlushChunk;
        if (_limit.Soft > 0)
        {
            threshold = Math.Min(threshold, _limit.Soft);
        }
        _outputThreshold = threshold;
        _softSinceMs = 0;
    }

    private void CheckOutput()
    {
        if (_pipe is { } pipe && pipe.UnflushedBytes >= _outputThreshold)
        {
            CheckOutputLimits(pipe.UnflushedBytes);
        }
    }

    // Valkey's checkClientOutputBufferLimits: the hard limit closes at once; the soft limit once it has been exceeded
    // continuously for more than soft-seconds.
    private void CheckOutputLimits(long pending)
    {
        if (_limit.Hard > 0 && pending >= _limit.Hard)
        {
            OutputLimitReason = $"hard limit {_limit.Hard} reached ({pending} bytes pending)";
            _stop = RespBatchOutcome.OutputLimit;
            return;
        }
        if (_limit.Soft > 0 && pending >= _limit.Soft)
        {
            long now = Environment.TickCount64;
            if (_softSinceMs == 0)
            {
                _softSinceMs = now;
            }
            else if ((now - _softSinceMs) / 1000 > _limit.SoftSeconds)
            {
                OutputLimitReason = $"soft limit {_limit.Soft} exceeded for more than {_limit.SoftSeconds} s";
                _stop = RespBatchOutcome.OutputLimit;
                return;
            }
        }
        if (pending >= (_limit.Hard > 0 ? _limit.Hard : FlushChunk))
        {
            _stop = RespBatchOutcome.FlushAndContinue;
        }
    }

    // ---- CLIENT PAUSE ----

    // Valkey's processCommand: a command that fails lookup, arity or authentication is answered at once (its error);
    // any other is held while the pause covers it (every command for ALL; for WRITE the ones flagged write). MONITOR
    // clients are never paused (Valkey flags them as replicas).
    private bool PauseHolds(IClientConnection client)
    {
        if (client.IsMonitor)
        {
            return false;
        }
        var args = Context.Args;
        var def = Context.Engine.Commands.Find(args[0]);
        if (def is null)
        {
            return false;
        }
        if (def.SubCommands is { } subs && args.Count >= 2)
        {
            CommandDef? sub = null;
            foreach (var s in subs)
            {
                if (Ascii.EqualsIgnoreCase(args[1], s.Name))
                {
                    sub = s;
                    break;
                }
            }
            if (sub is null)
            {
                return false;
            }
            def = sub;
        }
        if (!def.ArityAccepts(args.Count) || def.Handler is null || (!client.Authenticated && (def.Flags & CommandFlags.NoAuth) == 0))
        {
            return false;
        }
        return _pause.Holds((def.Flags & CommandFlags.Write) != 0);
    }

    /// <summary>Completes when the pause that held the last command may have ended.</summary>
    public Task WaitForPauseAsync(CancellationToken cancellationToken) => _pause.WaitAsync(cancellationToken);

    /// <summary>After <see cref="RespBatchOutcome.Postponed"/>: runs the held command if the pause has ended (else it stays held).</summary>
    public RespBatchOutcome RunPostponed(IBufferWriter<byte> output)
    {
        Writer.Output = output;
        BeginBatch(output);
        Run();
        return TakeStop();
    }

    // ---- MONITOR ----

    // MONITOR: each command EXEC runs is fed after it ran (before EXEC's own line), as Valkey's call() feeds it. A client
    // that monitors itself gets these lines after EXEC's reply, not inside its array.
    private void FeedQueued(CommandContext ctx)
    {
        if (Monitors is { IsActive: true } monitors && (ctx.Command.Flags & CommandFlags.Admin) == 0)
        {
            monitors.Feed(ctx, ctx.Client, queueForSelf: true);
        }
    }

    private void RunMonitored(MonitorFeed monitors, IClientConnection? client)
    {
        int callsBefore = Context.CallCount;
        RunCommand(client);
        // Fed after the call, as Valkey's call() does: only commands that ran (not rejected ones), never admin ones.
        if (Context.CallCount != callsBefore && (Context.Command.Flags & CommandFlags.Admin) == 0)
        {
            monitors.Feed(Context, client);
        }
    }
}
