using System.Text;
using System.Threading.Channels;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey;

/// <summary>
/// A typed stream of keyspace events, created by
/// <see cref="ValkeyStore.SubscribeKeyspaceEvents(KeyspaceEventClasses, KeyspaceEventOptions?)"/>. Events arrive in the
/// order the changes happened (per key; across keys in the order their commands ran) on <see cref="Reader"/>, or by
/// enumerating the subscription with <c>await foreach</c>. Disposing it stops the events and completes the reader.
/// </summary>
/// <remarks>
/// The subscription does not depend on <c>notify-keyspace-events</c>: it receives the classes it asked for while it
/// exists, and CONFIG GET still shows the configured value. Commands never block on it: its queue is bounded
/// (<see cref="KeyspaceEventOptions.Capacity"/>) and a full queue drops an event as
/// <see cref="KeyspaceEventOptions.Overflow"/> says, counting it in <see cref="DroppedEvents"/>.
/// </remarks>
public sealed class KeyspaceEventSubscription : IDisposable, IAsyncEnumerable<KeyspaceEvent>
{
    private readonly KeyspaceNotifier _notifier;
    private readonly Channel<KeyspaceEvent> _queue;
    private readonly bool _dropNewest;
    private readonly int _capacity;
    private readonly int _database;
    private readonly byte[]? _pattern;
    private long _dropped;
    private int _disposed;

    internal KeyspaceEventSubscription(KeyspaceNotifier notifier, KeyspaceEventClasses classes, KeyspaceEventOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        _notifier = notifier;
        Classes = classes;
        _capacity = options.Capacity;
        _database = options.Database ?? -1;
        _pattern = options.KeyPattern is { } p && p != "*" ? Encoding.UTF8.GetBytes(p) : null;
        _dropNewest = options.Overflow == ValkeySubscriptionOverflow.DropNewest;
        var bounded = new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = false,
            SingleWriter = false, // commands on different shards deliver concurrently
            FullMode = _dropNewest ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            AllowSynchronousContinuations = false, // never run the consumer on the command's thread (under its lock)
        };
        _queue = _dropNewest
            ? Channel.CreateBounded<KeyspaceEvent>(bounded)
            : Channel.CreateBounded<KeyspaceEvent>(bounded, _ => Interlocked.Increment(ref _dropped));
        notifier.Add(this);
    }

    /// <summary>The classes of events this subscription receives.</summary>
    public KeyspaceEventClasses Classes { get; }

    /// <summary>The events, in the order they happened. Completes when the subscription is disposed.</summary>
    public ChannelReader<KeyspaceEvent> Reader => _queue.Reader;

    /// <summary>Events dropped because the queue was full (see <see cref="KeyspaceEventOptions.Overflow"/>).</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>Reads the events until the subscription is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerator<KeyspaceEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _queue.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    internal bool Wants(KeyspaceEventClasses type, int db, ReadOnlySpan<byte> key) =>
        (Classes & type) != 0 && (_database < 0 || _database == db) && (_pattern is null || Glob.Match(_pattern, key));

    internal void Deliver(KeyspaceEvent e)
    {
        if (_dropNewest && _queue.Reader.Count >= _capacity)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        if (!_queue.Writer.TryWrite(e) && _dropNewest)
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Stops the events and completes the reader (events already queued can still be read).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _notifier.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
