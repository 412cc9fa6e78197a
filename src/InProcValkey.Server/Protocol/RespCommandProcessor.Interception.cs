using System.Buffers;
using InProcValkey.Commands;
using InProcValkey.Server.Monitoring;

namespace InProcValkey.Server.Protocol;

/// <summary>
/// The test kit's hook (<see cref="ICommandInterceptor"/>): each command is offered to the interceptor before it runs, which
/// may answer it, drop the connection or hold its reply back. Without an interceptor (a normal listener) none of this runs.
/// </summary>
internal sealed partial class RespCommandProcessor
{
    private byte[]? _delayedReply;
    private Task? _delayedRelease;

    /// <summary>The interceptor commands are offered to (null: none).</summary>
    public ICommandInterceptor? Interceptor { get; set; }

    // Runs the command under the interceptor's decision; false when the command is to run as usual.
    private bool RunIntercepted(ICommandInterceptor interceptor, IClientConnection? client, MonitorFeed? monitors)
    {
        var decision = interceptor.OnCommand(Context, client);
        switch (decision.Kind)
        {
            case CommandDecisionKind.Reply:
                ReplyBuilder.Replay(decision.Reply!, Writer);
                CommandsProcessed++;
                return true;
            case CommandDecisionKind.Drop:
                client?.Kill();
                _stop = RespBatchOutcome.Close;
                return true;
            case CommandDecisionKind.Delay:
                var output = Writer.Output;
                var captured = new ArrayBufferWriter<byte>();
                Writer.Output = captured;
                try
                {
                    if (monitors is { IsActive: true })
                    {
                        RunMonitored(monitors, client);
                    }
                    else
                    {
                        RunCommand(client);
                    }
                }
                finally
                {
                    Writer.Output = output;
                }
                if (Context.PendingBlock is not null)
                {
                    // A blocking command that waits is already late: its reply follows the usual path.
                    output.Write(captured.WrittenSpan);
                    return true;
                }
                _delayedReply = captured.WrittenSpan.ToArray();
                _delayedRelease = decision.Release;
                _stop = RespBatchOutcome.Blocked;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A reply held back by the interceptor (the batch stopped with <see cref="RespBatchOutcome.Blocked"/>): the reply
    /// bytes and the task that releases them; null when the stop is a real blocked command.</summary>
    public (byte[] Reply, Task Release)? TakeDelayedReply()
    {
        if (_delayedReply is not { } reply)
        {
            return null;
        }
        var release = _delayedRelease!;
        _delayedReply = null;
        _delayedRelease = null;
        return (reply, release);
    }
}
