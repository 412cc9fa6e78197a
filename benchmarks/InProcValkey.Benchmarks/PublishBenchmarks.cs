using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using InProcValkey.Server;

namespace InProcValkey.Benchmarks;

/// <summary>
/// PUBLISH to 1 and to 100 subscribers (issue 7), in-process (typed API publisher, in-process subscriptions drained by
/// the benchmark thread) and over the listener (a TCP publisher pipelining 100 PUBLISH, 100-subscriber or 1-subscriber
/// raw TCP connections reading on the thread pool; an operation ends when every subscriber has received every message).
/// Figures are per published message (<c>OperationsPerInvoke = 100</c>), 32-byte payload.
/// </summary>
[MemoryDiagnoser]
public class PublishBenchmarks
{
    private const int Batch = 100;
    private static readonly byte[] Channel = "bench-channel"u8.ToArray();
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes(new string('p', 32));

    private ValkeyStore _store = null!;
    private ValkeySubscription[] _subscriptions = [];

    [Params(1, 100)]
    public int Subscribers { get; set; }

    [GlobalSetup(Target = nameof(InProcess))]
    public void SetupInProcess()
    {
        _store = new ValkeyStore();
        _subscriptions = [.. Enumerable.Range(0, Subscribers).Select(_ => _store.Subscribe("bench-channel"))];
    }

    [GlobalCleanup(Target = nameof(InProcess))]
    public void CleanupInProcess()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
        _store.Dispose();
    }

    /// <summary>Publishes 100 messages, then each subscription reads them.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long InProcess()
    {
        long receivers = 0;
        for (int i = 0; i < Batch; i++)
        {
            receivers += _store.Publish(Channel, Payload);
        }
        foreach (var s in _subscriptions)
        {
            while (s.Reader.TryRead(out _))
            {
            }
        }
        return receivers;
    }

    private ValkeyServer _server = null!;
    private Socket _publisher = null!;
    private Socket[] _subscriberSockets = [];
    private byte[] _request = [];
    private byte[] _replyBuffer = [];
    private int _replyLength;
    private long _received;
    private long _frameLength;
    private CancellationTokenSource _stop = null!;

    [GlobalSetup(Target = nameof(OverListener))]
    public void SetupListener()
    {
        _server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        _server.StartAsync().GetAwaiter().GetResult();
        var endPoint = (IPEndPoint)_server.EndPoints[0];
        _stop = new CancellationTokenSource();
        string subscribeReply = "*3\r\n$9\r\nsubscribe\r\n$13\r\nbench-channel\r\n:1\r\n";
        _subscriberSockets = new Socket[Subscribers];
        for (int i = 0; i < Subscribers; i++)
        {
            var s = Connect(endPoint);
            s.Send("SUBSCRIBE bench-channel\r\n"u8);
            ReadExactly(s, Encoding.ASCII.GetByteCount(subscribeReply));
            _subscriberSockets[i] = s;
            _ = Task.Run(() => DrainAsync(s));
        }
        _frameLength = $"*3\r\n$7\r\nmessage\r\n$13\r\nbench-channel\r\n$32\r\n{new string('p', 32)}\r\n".Length;
        _publisher = Connect(endPoint);
        var sb = new StringBuilder();
        for (int i = 0; i < Batch; i++)
        {
            sb.Append("*3\r\n$7\r\nPUBLISH\r\n$13\r\nbench-channel\r\n$32\r\n").Append('p', 32).Append("\r\n");
        }
        _request = Encoding.ASCII.GetBytes(sb.ToString());
        _replyLength = Batch * $":{Subscribers}\r\n".Length;
        _replyBuffer = new byte[_replyLength];
    }

    private static Socket Connect(IPEndPoint endPoint)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        s.Connect(endPoint);
        return s;
    }

    private static void ReadExactly(Socket s, int length)
    {
        var buffer = new byte[length];
        int got = 0;
        while (got < length)
        {
            got += s.Receive(buffer, got, length - got, SocketFlags.None);
        }
    }

    private async Task DrainAsync(Socket s)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int n = await s.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }
                Interlocked.Add(ref _received, n);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    [GlobalCleanup(Target = nameof(OverListener))]
    public void CleanupListener()
    {
        _stop.Cancel();
        _publisher.Dispose();
        foreach (var s in _subscriberSockets)
        {
            s.Dispose();
        }
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Sends 100 pipelined PUBLISH, reads their replies, waits until every subscriber got every message.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long OverListener()
    {
        long target = Interlocked.Read(ref _received) + (_frameLength * Batch * Subscribers);
        _publisher.Send(_request);
        int got = 0;
        while (got < _replyLength)
        {
            got += _publisher.Receive(_replyBuffer, got, _replyLength - got, SocketFlags.None);
        }
        var spin = new SpinWait();
        while (Interlocked.Read(ref _received) < target)
        {
            spin.SpinOnce();
        }
        return got;
    }
}
