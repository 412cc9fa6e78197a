using System.Threading.Channels;
using InProcValkey.PubSub;

namespace InProcValkey;

/// <summary>
/// An in-process subscription to a channel (Valkey's SUBSCRIBE) or a pattern (PSUBSCRIBE), created by
/// <see cref="ValkeyStore.Subscribe(string, ValkeySubscriptionOptions?)"/> or
/// <see cref="ValkeyStore.SubscribePattern(string, ValkeySubscriptionOptions?)"/>. Messages arrive in publish order on
/// <see cref="Reader"/> (or by enumerating the subscription with <c>await foreach</c>, or through the handler given at
/// creation). Disposing it unsubscribes (UNSUBSCRIBE / PUNSUBSCRIBE) and completes the reader.
/// </summary>
/// <remarks>
/// Publishers never block on a subscription: its queue is bounded (<see cref="ValkeySubscriptionOptions.Capacity"/>) and
/// a full queue drops a message as <see cref="ValkeySubscriptionOptions.Overflow"/> says, counting it in
/// <see cref="DroppedMessages"/>. A subscription counts as one receiver in PUBLISH's reply and in PUBSUB NUMSUB / NUMPAT.
/// </remarks>
public sealed class ValkeySubscription : IAsyncDisposable, IDisposable, IAsyncEnumerable<ValkeyMessage>, IPubSubSubscriber
{
    private readonly PubSubHub _hub;
    private readonly Channel<ValkeyMessage> _queue;
    private readonly PubSubSubscriptions _subscriptions = new();
    private readonly bool _dropNewest;
    private readonly int _capacity;
    private Task? _pump;
    private long _dropped;
    private long _handlerErrors;
    private int _disposed;

    internal ValkeySubscription(PubSubHub hub, byte[] name, bool isPattern, ValkeySubscriptionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        _hub = hub;
        IsPattern = isPattern;
        Name = System.Text.Encoding.UTF8.GetString(name);
        _capacity = options.Capacity;
        _dropNewest = options.Overflow == ValkeySubscriptionOverflow.DropNewest;
        // DropOldest is the channel's own mode (with a callback counting what it drops); DropNewest is checked on write
        // (Wait mode, never waited on: TryWrite fails when full).
        var bounded = new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = false,
            SingleWriter = true, // deliveries are serialised by the hub's lock
            FullMode = _dropNewest ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            AllowSynchronousContinuations = false,
        };
        _queue = _dropNewest
            ? Channel.CreateBounded<ValkeyMessage>(bounded)
            : Channel.CreateBounded<ValkeyMessage>(bounded, _ => Interlocked.Increment(ref _dropped));
        hub.Subscribe(this, name, isPattern ? PubSubKind.Pattern : PubSubKind.Channel);
    }

    /// <summary>The channel or pattern subscribed to.</summary>
    public string Name { get; }

    /// <summary>True for a pattern subscription (PSUBSCRIBE).</summary>
    public bool IsPattern { get; }

    /// <summary>The messages, in publish order. Completes when the subscription is disposed.</summary>
    public ChannelReader<ValkeyMessage> Reader => _queue.Reader;

    /// <summary>Messages dropped because the queue was full (see <see cref="ValkeySubscriptionOptions.Overflow"/>).</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Exceptions thrown by the handler (each is caught; the subscription goes on with the next message).</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Messages waiting in the queue.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Reads the messages until the subscription is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerator<ValkeyMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _queue.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    PubSubSubscriptions IPubSubSubscriber.Subscriptions => _subscriptions;

    void IPubSubSubscriber.Deliver(ValkeyMessage message)
    {
        if (_dropNewest && _queue.Reader.Count >= _capacity)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        if (!_queue.Writer.TryWrite(message) && _dropNewest)
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    internal void StartHandler(Func<ValkeyMessage, ValueTask> handler)
    {
        _pump = Task.Run(async () =>
        {
            await foreach (var m in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    await handler(m).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // a handler's failure must not end the subscription
                catch (Exception)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref _handlerErrors);
                }
            }
        });
    }

    /// <summary>Unsubscribes and completes the reader; with a handler, waits for it to finish the messages already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        Unsubscribe();
        if (_pump is { } pump)
        {
            await pump.ConfigureAwait(false);
        }
    }

    /// <summary>Unsubscribes and completes the reader (without waiting for a handler).</summary>
    public void Dispose() => Unsubscribe();

    private void Unsubscribe()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _hub.UnsubscribeAll(this);
            _queue.Writer.TryComplete();
        }
    }
}
