namespace InProcValkey;

public sealed partial class ValkeyStore
{
    // ---- keyspace notifications (issue 7) ----

    /// <summary>
    /// Keyspace notifications as a .NET event stream: the events Valkey would publish on <c>__keyspace@*__:*</c> /
    /// <c>__keyevent@*__:*</c> for the given classes (for example <c>set</c> for SET, <c>incrby</c> for INCR,
    /// <c>expired</c> when an expired key is reclaimed, <c>new</c> when a key is created), read with <c>await foreach</c>
    /// or <see cref="KeyspaceEventSubscription.Reader"/>.
    /// </summary>
    /// <remarks>
    /// Works without CONFIG SET <c>notify-keyspace-events</c>: the subscription turns on, for itself only, the classes
    /// it asks for (listener clients and <see cref="Subscribe(string, ValkeySubscriptionOptions?)"/> still see only
    /// what the configuration publishes), and turns them off again when disposed. A store with no subscription and no
    /// configured classes pays nothing.
    /// </remarks>
    /// <param name="classes">Which events; default <see cref="KeyspaceEventClasses.All"/> (add <see cref="KeyspaceEventClasses.New"/> / <see cref="KeyspaceEventClasses.KeyMiss"/> for those).</param>
    /// <param name="options">Database and key filters, queue size and overflow policy.</param>
    /// <exception cref="ArgumentException"><paramref name="classes"/> is <see cref="KeyspaceEventClasses.None"/>.</exception>
    public KeyspaceEventSubscription SubscribeKeyspaceEvents(KeyspaceEventClasses classes = KeyspaceEventClasses.All, KeyspaceEventOptions? options = null)
    {
        if (classes == KeyspaceEventClasses.None)
        {
            throw new ArgumentException("At least one event class is required.", nameof(classes));
        }
        ObjectDisposedException.ThrowIf(Engine.IsDisposed, this);
        return new KeyspaceEventSubscription(Engine.Notifier, classes, options ?? KeyspaceEventOptions.Default);
    }
}
