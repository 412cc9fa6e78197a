using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using InProcValkey.PubSub;

namespace InProcValkey.Keyspace.Notifications;

/// <summary>
/// Keyspace notifications (Valkey's <c>notify.c</c>): turns a change to a key into pub/sub messages on
/// <c>__keyspace@&lt;db&gt;__:&lt;key&gt;</c> (payload: the event) and <c>__keyevent@&lt;db&gt;__:&lt;event&gt;</c> (payload: the key),
/// as <c>notify-keyspace-events</c> asks, and into <see cref="KeyspaceEvent"/>s for the typed subscriptions
/// (<see cref="KeyspaceEventSubscription"/>), which choose their own classes whatever the configuration says.
/// </summary>
/// <remarks>
/// <para><b>Cost when off.</b> Call sites go through <see cref="Database.Notify"/>, which reads <see cref="Mask"/> and
/// branches: with notifications off (the default) that is all a command pays.</para>
/// <para><b>Locking.</b> <see cref="Publish"/> runs at the change, with the key's shard lock(s) held (so the events of one key
/// are published in the order of its changes, and before the reply of the command that caused them). That is allowed by
/// docs/locking.md rule 4: the hub's lock and a typed subscription's queue are leaves that never call user code, block or
/// take a shard lock — delivery only enqueues (bounded queues, drop policy) and wakes the consumer asynchronously.</para>
/// </remarks>
internal sealed class KeyspaceNotifier
{
    /// <summary>Classes anyone listens to: the published classes of the configuration plus every typed subscription's.</summary>
    public int Mask;

    private readonly PubSubHub _hub;
    private readonly Lock _lock = new();
    private int _configFlags;
    private int _published;
    private KeyspaceEventSubscription[] _subscriptions = [];

    public KeyspaceNotifier(PubSubHub hub, EngineConfig config)
    {
        _hub = hub;
        config.NotifyKeyspaceEventsChanged = ConfigChanged;
        ConfigChanged(config.NotifyKeyspaceEvents);
    }

    /// <summary>The configured <c>notify-keyspace-events</c> flags.</summary>
    public int ConfigFlags => Volatile.Read(ref _configFlags);

    private void ConfigChanged(int flags)
    {
        lock (_lock)
        {
            Volatile.Write(ref _configFlags, flags);
            Volatile.Write(ref _published, NotifyFlags.PublishedClasses(flags));
            Recompute();
        }
    }

    public void Add(KeyspaceEventSubscription s)
    {
        lock (_lock)
        {
            Volatile.Write(ref _subscriptions, [.. _subscriptions, s]);
            Recompute();
        }
    }

    public void Remove(KeyspaceEventSubscription s)
    {
        lock (_lock)
        {
            Volatile.Write(ref _subscriptions, Array.FindAll(_subscriptions, x => !ReferenceEquals(x, s)));
            Recompute();
        }
    }

    private void Recompute()
    {
        int mask = _published;
        foreach (var s in _subscriptions)
        {
            mask |= (int)s.Classes;
        }
        Volatile.Write(ref Mask, mask);
    }

    /// <summary>Valkey's <c>notifyKeyspaceEvent</c> past the fast check (callers use <see cref="Database.Notify"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Publish(KeyspaceEventClasses type, KeyspaceEventName ev, int db, ReadOnlySpan<byte> key)
    {
        int flags = Volatile.Read(ref _configFlags);
        if ((Volatile.Read(ref _published) & (int)type) != 0)
        {
            if ((flags & NotifyFlags.Keyspace) != 0)
            {
                PublishOn("__keyspace@"u8, db, key, ev.Bytes);
            }
            if ((flags & NotifyFlags.Keyevent) != 0)
            {
                PublishOn("__keyevent@"u8, db, ev.Bytes, key);
            }
        }
        var subs = Volatile.Read(ref _subscriptions);
        if (subs.Length == 0)
        {
            return;
        }
        KeyspaceEvent? e = null;
        foreach (var s in subs)
        {
            if (s.Wants(type, db, key))
            {
                s.Deliver(e ??= new KeyspaceEvent(db, key.ToArray(), ev.Text, type));
            }
        }
    }

    // "<prefix><db>__:<suffix>" → payload.
    private void PublishOn(ReadOnlySpan<byte> prefix, int db, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> payload)
    {
        int size = prefix.Length + 11 + 3 + suffix.Length;
        byte[]? rented = null;
        Span<byte> buffer = size <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(size));
        prefix.CopyTo(buffer);
        int pos = prefix.Length;
        Utf8Formatter.TryFormat(db, buffer[pos..], out int digits);
        pos += digits;
        "__:"u8.CopyTo(buffer[pos..]);
        pos += 3;
        suffix.CopyTo(buffer[pos..]);
        pos += suffix.Length;
        _hub.Publish(buffer[..pos], payload);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
