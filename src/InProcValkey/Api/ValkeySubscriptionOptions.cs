namespace InProcValkey;

/// <summary>What an in-process subscription does when its queue is full (its reader is slower than the publishers).</summary>
public enum ValkeySubscriptionOverflow
{
    /// <summary>The oldest queued message is dropped to make room (the default): a slow reader sees the latest messages.</summary>
    DropOldest,

    /// <summary>The new message is dropped: a slow reader sees the earliest messages.</summary>
    DropNewest,
}

/// <summary>
/// Options of an in-process subscription (<see cref="ValkeyStore.Subscribe(string, ValkeySubscriptionOptions?)"/>).
/// Publishers never wait for a subscriber: each subscription has a bounded queue, and a full queue drops a message
/// (counted in <see cref="ValkeySubscription.DroppedMessages"/>) instead of blocking PUBLISH.
/// </summary>
public sealed class ValkeySubscriptionOptions
{
    /// <summary>Messages the subscription queues before it drops some; default 10,000.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Which message a full queue drops; default <see cref="ValkeySubscriptionOverflow.DropOldest"/>.</summary>
    public ValkeySubscriptionOverflow Overflow { get; set; } = ValkeySubscriptionOverflow.DropOldest;

    internal static readonly ValkeySubscriptionOptions Default = new();
}
