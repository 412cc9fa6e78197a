using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using InProcValkey.Keyspace;
using InProcValkey.Server.Monitoring;

namespace InProcValkey.Server;

/// <summary>
/// The connection's MONITOR mode, its CLIENT LIST line and the output buffer limit checks that run outside a batch
/// (replies stuck in a flush to a client that does not read, MONITOR lines queued for it).
/// </summary>
internal sealed partial class ClientConnection : IMonitorClient, IUnixClient
{
    // Valkey's reply chunk (PROTO_REPLY_CHUNK_BYTES): CLIENT LIST splits pending replies into obl (first chunk) and oll.
    private const int ReplyChunk = 16 * 1024;

    private PipeReader? _reader;
    private long _pendingInput;
    private long _flushingBytes;
    private long _flushStartMs;
    private int _monitoring;
    private int _held;
    private int _monitorQueued;
    private long _monitorQueuedBytes;
    private readonly ConcurrentQueue<byte[]> _monitorLines = new();

    public long AgeSeconds => (Environment.TickCount64 - _createdMs) / 1000;

    public string ClientType => _subscriptions.IsSubscribed ? "pubsub" : "normal";

    public bool IsMonitor => Volatile.Read(ref _monitoring) != 0;

    /// <summary>True while a command of this client is held by CLIENT PAUSE (Valkey's postponed, blocked client).</summary>
    public bool IsHeld => Volatile.Read(ref _held) != 0;

    public string? UnixSocketPath { get; init; }

    public void StartMonitor()
    {
        Volatile.Write(ref _monitoring, 1);
        _server.Monitors.Add(this);
    }

    public void StopMonitor()
    {
        if (Interlocked.Exchange(ref _monitoring, 0) != 0)
        {
            _server.Monitors.Remove(this);
        }
    }

    public void EnqueueMonitorLine(byte[] line)
    {
        if (IsClosing)
        {
            return;
        }
        _monitorLines.Enqueue(line);
        long queued = Interlocked.Add(ref _monitorQueuedBytes, line.Length);
        var limit = _server.Store.Engine.Config.OutputBufferLimits.Normal;
        if (limit.Hard > 0 && queued + Volatile.Read(ref _flushingBytes) >= limit.Hard)
        {
            Log.OutputLimit(_server.Logger, Id, $"hard limit {limit.Hard} reached by MONITOR output", Describe());
            Kill();
            return;
        }
        Volatile.Write(ref _monitorQueued, 1);
        _reader?.CancelPendingRead();
    }

    // On the connection's own loop: moves queued MONITOR lines into the output.
    private void DrainMonitorLines(PipeWriter writer)
    {
        Volatile.Write(ref _monitorQueued, 0);
        while (_monitorLines.TryDequeue(out var line))
        {
            Interlocked.Add(ref _monitorQueuedBytes, -line.Length);
            writer.Write(line);
        }
    }

    // Flushes, recording what is in flight so the server's periodic check can see a client that does not read.
    private async ValueTask FlushTrackedAsync(PipeWriter writer, CancellationToken token)
    {
        long pending = writer.CanGetUnflushedBytes ? writer.UnflushedBytes : 0;
        if (pending == 0)
        {
            return;
        }
        Volatile.Write(ref _flushStartMs, Environment.TickCount64);
        Volatile.Write(ref _flushingBytes, pending);
        try
        {
            await writer.FlushAsync(token).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _flushingBytes, 0);
        }
    }

    /// <summary>
    /// Periodic check (the server's cron): replies stuck in a flush over the soft limit for longer than soft-seconds close
    /// the client, as Valkey's soft limit does. (The hard limit is checked as replies are produced.)
    /// </summary>
    public void CheckStalledOutput(OutputBufferLimit limit)
    {
        long flushing = Volatile.Read(ref _flushingBytes);
        if (flushing == 0 || limit.Soft == 0 || flushing < limit.Soft)
        {
            return;
        }
        long stalledSeconds = (Environment.TickCount64 - Volatile.Read(ref _flushStartMs)) / 1000;
        if (stalledSeconds > limit.SoftSeconds)
        {
            Log.OutputLimit(_server.Logger, Id, $"soft limit {limit.Soft} exceeded for more than {limit.SoftSeconds} s", Describe());
            Kill();
        }
    }

    [ThreadStatic]
    private static ClientConnection? t_inBatch;

    // Valkey's catClientInfoString fields. qbuf is the input of the batch being run (for the caller: its own command
    // included); the pending output counts the replies of the running batch (for the caller), a flush in progress and
    // queued MONITOR lines: obl is its first 16 KB chunk, oll the further chunks, omem all of it.
    private string Describe(long ageMs, long fd)
    {
        var ctx = _processor.Context;
        bool self = ReferenceEquals(t_inBatch, this);
        long qbuf = Volatile.Read(ref _pendingInput);
        long qbufFree = qbuf == 0 ? 0 : ((qbuf + 4095) / 4096 * 4096) - qbuf;
        long argvMem = self || _processor.Parser.InCommand ? ctx.Args.ByteCount : 0;
        long pending = Volatile.Read(ref _flushingBytes) + Volatile.Read(ref _monitorQueuedBytes) + (self ? _processor.PendingOutput : 0);
        long obl = Math.Min(pending, ReplyChunk);
        long oll = pending > ReplyChunk ? (pending - ReplyChunk + ReplyChunk - 1) / ReplyChunk : 0;
        long totMem = qbuf + qbufFree + argvMem + pending;
        var flags = new StringBuilder();
        if (IsMonitor)
        {
            flags.Append('O');
        }
        if (_subscriptions.IsSubscribed)
        {
            flags.Append('P');
        }
        var tx = ctx.Transaction; // ---- transactions (issue 7): x = in MULTI, d = a watched key changed ----
        if (tx is { InMulti: true })
        {
            flags.Append('x');
        }
        if (IsHeld || IsBlocked)
        {
            flags.Append('b'); // Valkey blocks a client held by CLIENT PAUSE (BLOCKED_POSTPONE)
        }
        if (tx is { Watch.Dirty: true })
        {
            flags.Append('d');
        }
        if (NoEvict)
        {
            flags.Append('e');
        }
        if (NoTouch)
        {
            flags.Append('T');
        }
        if (UnixSocketPath is not null)
        {
            flags.Append('U');
        }
        if (flags.Length == 0)
        {
            flags.Append('N');
        }
        string cmd = ctx.Command?.FullName ?? "NULL";
        return string.Create(CultureInfo.InvariantCulture,
            $"id={Id} addr={Address} laddr={LocalAddress} fd={fd} name={Name} age={ageMs / 1000} idle={IdleMs / 1000} flags={flags} "
            + $"db={ctx.DbIndex} sub={_subscriptions.ChannelCount} psub={_subscriptions.PatternCount} ssub={_subscriptions.ShardChannelCount} multi={(tx is { InMulti: true } ? tx.Queue.Count : -1)} qbuf={qbuf} qbuf-free={qbufFree} argv-mem={argvMem} multi-mem={tx?.QueuedBytes ?? 0} "
            + $"rbs=0 rbp=0 obl={obl} oll={oll} omem={pending} tot-mem={totMem} events={(pending > 0 ? "rw" : "r")} cmd={cmd} "
            + $"user=default redir=-1 resp={Protocol} lib-name={LibName} lib-ver={LibVersion}");
    }
}
