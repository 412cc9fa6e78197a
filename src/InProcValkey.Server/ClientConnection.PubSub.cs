using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using InProcValkey.Keyspace;
using InProcValkey.PubSub;

namespace InProcValkey.Server;

/// <summary>
/// The connection as a pub/sub subscriber. Messages published by other callers (listener clients, the typed API, other
/// threads) are encoded once per message and protocol (<see cref="ValkeyMessage.Resp2Frame"/>/<c>Resp3Frame</c>), put on
/// the connection's outbound queue (the one MONITOR lines use) and the connection's loop is woken with
/// <see cref="PipeReader.CancelPendingRead"/>; it writes them out in queue order. A message published by this connection
/// itself (or while its own batch runs on this thread) is written straight into its output after anything still queued,
/// so it precedes the PUBLISH reply, as in Valkey.
/// </summary>
/// <remarks>
/// The <c>pubsub</c> class of <c>client-output-buffer-limit</c> (default 32 MB hard, 8 MB soft for 60 s) applies to what
/// is queued plus what is stuck in a flush: over the hard limit, or over the soft limit for longer than its seconds, the
/// client is disconnected (Valkey's <c>checkClientOutputBufferLimits</c> / <c>closeClientOnOutputBufferLimitReached</c>).
/// </remarks>
internal sealed partial class ClientConnection : IPubSubSubscriber
{
    private readonly PubSubSubscriptions _subscriptions = new();
    private long _softLimitSinceMs;

    public IPubSubSubscriber Subscriber => this;

    PubSubSubscriptions IPubSubSubscriber.Subscriptions => _subscriptions;

    // Connection closed: its subscriptions go (Valkey's freeClient → pubsubUnsubscribeAll…).
    private void LeavePubSub()
    {
        if (_subscriptions.IsSubscribed)
        {
            _server.Store.Engine.PubSub.UnsubscribeAll(this);
        }
    }

    void IPubSubSubscriber.Deliver(ValkeyMessage message)
    {
        if (IsClosing)
        {
            return;
        }
        byte[] frame = Frame(message, Protocol);
        if (ReferenceEquals(t_inBatch, this))
        {
            // This connection's own batch runs on this thread (it published): into its output, after what was queued
            // (the real output even under CLIENT REPLY OFF/SKIP: a message is a push, Valkey's CLIENT_PUSHING).
            var output = _processor.Writer.SuppressedOutput ?? _processor.Writer.Output;
            while (_monitorLines.TryDequeue(out var queued))
            {
                Interlocked.Add(ref _monitorQueuedBytes, -queued.Length);
                output.Write(queued);
            }
            output.Write(frame);
            return;
        }
        _monitorLines.Enqueue(frame);
        long pending = Interlocked.Add(ref _monitorQueuedBytes, frame.Length) + Volatile.Read(ref _flushingBytes);
        if (OverPubSubLimit(pending) is { } reason)
        {
            // Counted as closing at once (later messages are not queued nor logged); the kill and its log line run off the
            // hub's lock (and off the shard locks a keyspace notification is published under: docs/locking.md rule 4),
            // since the kill may run the connection's cleanup, which unsubscribes, and a logger is user code.
            Volatile.Write(ref _killed, 1);
            ThreadPool.UnsafeQueueUserWorkItem(static s =>
            {
                Log.OutputLimit(s.Connection._server.Logger, s.Connection.Id, s.Reason, s.Connection.Describe());
                s.Connection.Kill();
            }, (Connection: this, Reason: reason), preferLocal: false);
            return;
        }
        if (Interlocked.Exchange(ref _monitorQueued, 1) == 0)
        {
            _reader?.CancelPendingRead();
        }
    }

    // The reason the pubsub output limit closes the connection, or null.
    private string? OverPubSubLimit(long pending)
    {
        var limit = _server.Store.Engine.Config.OutputBufferLimits.PubSub;
        if (limit.Hard > 0 && pending >= limit.Hard)
        {
            return $"pubsub hard limit {limit.Hard} reached";
        }
        if (limit.Soft > 0 && pending >= limit.Soft)
        {
            long now = Environment.TickCount64;
            long since = Volatile.Read(ref _softLimitSinceMs);
            if (since == 0)
            {
                Volatile.Write(ref _softLimitSinceMs, now);
            }
            else if ((now - since) / 1000 > limit.SoftSeconds)
            {
                return $"pubsub soft limit {limit.Soft} exceeded for more than {limit.SoftSeconds} s";
            }
        }
        else
        {
            Volatile.Write(ref _softLimitSinceMs, 0);
        }
        return null;
    }

    // [message, channel, payload] / [pmessage, pattern, channel, payload] / [smessage, channel, payload]; '>' in RESP3.
    internal static byte[] Frame(ValkeyMessage message, int protocol)
    {
        bool resp3 = protocol >= 3;
        var cached = resp3 ? message.Resp3Frame : message.Resp2Frame;
        if (cached is not null)
        {
            return cached;
        }
        var kind = message.Kind switch
        {
            ValkeyMessageKind.Message => "message"u8,
            ValkeyMessageKind.PatternMessage => "pmessage"u8,
            _ => "smessage"u8,
        };
        var pattern = message.PatternArray;
        var channel = message.ChannelArray;
        var payload = message.PayloadArray;
        int size = 4 + BulkSize(kind.Length) + BulkSize(channel.Length) + BulkSize(payload.Length) + (pattern is null ? 0 : BulkSize(pattern.Length));
        var frame = new byte[size];
        var span = frame.AsSpan();
        span[0] = resp3 ? (byte)'>' : (byte)'*';
        span[1] = pattern is null ? (byte)'3' : (byte)'4';
        span[2] = (byte)'\r';
        span[3] = (byte)'\n';
        int pos = 4;
        pos += WriteBulk(span[pos..], kind);
        if (pattern is not null)
        {
            pos += WriteBulk(span[pos..], pattern);
        }
        pos += WriteBulk(span[pos..], channel);
        pos += WriteBulk(span[pos..], payload);
        frame = pos == size ? frame : frame[..pos];
        if (resp3)
        {
            message.Resp3Frame = frame;
        }
        else
        {
            message.Resp2Frame = frame;
        }
        return frame;
    }

    private static int BulkSize(int length) => 1 + 10 + 2 + length + 2;

    private static int WriteBulk(Span<byte> span, ReadOnlySpan<byte> value)
    {
        span[0] = (byte)'$';
        Utf8Formatter.TryFormat(value.Length, span[1..], out int digits);
        int pos = 1 + digits;
        span[pos++] = (byte)'\r';
        span[pos++] = (byte)'\n';
        value.CopyTo(span[pos..]);
        pos += value.Length;
        span[pos++] = (byte)'\r';
        span[pos++] = (byte)'\n';
        return pos;
    }
}
