namespace InProcValkey;

/// <summary>
/// Options of <see cref="ValkeyStore.SubscribeKeyspaceEvents(KeyspaceEventClasses, KeyspaceEventOptions?)"/>: which
/// events to keep and how the subscription's queue behaves. The queue policy is the one of in-process pub/sub
/// subscriptions (<see cref="ValkeySubscriptionOptions"/>): bounded, and a full queue drops instead of blocking the
/// command that caused the event.
/// </summary>
public sealed class KeyspaceEventOptions
{
    /// <summary>Only events of this database index; null (the default) for every database.</summary>
    public int? Database { get; set; }

    /// <summary>Only events of keys matching this glob pattern (PSUBSCRIBE's syntax); null (the default) for every key.</summary>
    public string? KeyPattern { get; set; }

    /// <summary>Events the subscription queues before it drops some; default 10,000.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Which event a full queue drops; default <see cref="ValkeySubscriptionOverflow.DropOldest"/>.</summary>
    public ValkeySubscriptionOverflow Overflow { get; set; } = ValkeySubscriptionOverflow.DropOldest;

    internal static readonly KeyspaceEventOptions Default = new();
}
