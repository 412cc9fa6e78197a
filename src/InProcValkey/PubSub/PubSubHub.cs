namespace InProcValkey.PubSub;

/// <summary>
/// The store's publish/subscribe hub (Valkey's <c>pubsub.c</c>): channel, pattern and shard-channel subscriptions of
/// every subscriber (listener connections, in-process subscriptions) and PUBLISH / SPUBLISH delivery.
/// </summary>
/// <remarks>
/// <para><b>Locking.</b> One lock guards every map and every subscriber's <see cref="PubSubSubscriptions"/>. Subscribe,
/// unsubscribe and publish take it; a publish delivers to all its receivers while holding it, so every subscriber sees
/// the messages of all publishers in one global order (as Valkey's single thread does), and a publisher's messages in the
/// order it published them. Delivery only queues (<see cref="IPubSubSubscriber.Deliver"/> must not block), so the lock is
/// held for the lookup, the pattern matches and one enqueue per receiver.</para>
/// <para><b>Cheap when idle.</b> With no subscriber of the kind published to, <see cref="Publish"/> and
/// <see cref="PublishShard"/> are one volatile read: no lock, no copy (keyspace notifications will publish through here).</para>
/// <para>Each message is copied once per publish (channel and payload) into a <see cref="ValkeyMessage"/> shared by all
/// its receivers (one more per matching pattern, sharing the same bytes).</para>
/// </remarks>
internal sealed class PubSubHub
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], List<IPubSubSubscriber>> _channels = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], List<IPubSubSubscriber>> _patterns = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], List<IPubSubSubscriber>> _shard = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], List<IPubSubSubscriber>>.AlternateLookup<ReadOnlySpan<byte>> _channelLookup;
    private readonly Dictionary<byte[], List<IPubSubSubscriber>>.AlternateLookup<ReadOnlySpan<byte>> _shardLookup;

    // Channel + pattern subscriptions (PUBLISH's fast path) and shard ones (SPUBLISH's), over all subscribers.
    private int _plainSubscriptions;
    private int _shardSubscriptions;

    public PubSubHub()
    {
        _channelLookup = _channels.GetAlternateLookup<ReadOnlySpan<byte>>();
        _shardLookup = _shard.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>INFO <c>pubsub_channels</c>: channels with at least one subscriber.</summary>
    public int ChannelCount
    {
        get
        {
            lock (_lock)
            {
                return _channels.Count;
            }
        }
    }

    /// <summary>INFO <c>pubsub_patterns</c>, PUBSUB NUMPAT: distinct patterns with at least one subscriber.</summary>
    public int PatternCount
    {
        get
        {
            lock (_lock)
            {
                return _patterns.Count;
            }
        }
    }

    /// <summary>INFO <c>pubsubshard_channels</c>: shard channels with at least one subscriber.</summary>
    public int ShardChannelCount
    {
        get
        {
            lock (_lock)
            {
                return _shard.Count;
            }
        }
    }

    private Dictionary<byte[], List<IPubSubSubscriber>> Map(PubSubKind kind) => kind switch
    {
        PubSubKind.Channel => _channels,
        PubSubKind.Pattern => _patterns,
        _ => _shard,
    };

    /// <summary>SUBSCRIBE / PSUBSCRIBE / SSUBSCRIBE of one name; false when the subscriber already had it.</summary>
    public bool Subscribe(IPubSubSubscriber subscriber, ReadOnlySpan<byte> name, PubSubKind kind)
    {
        lock (_lock)
        {
            var mine = subscriber.Subscriptions;
            var set = mine.Of(kind);
            var key = name.ToArray();
            if (!set.Add(key))
            {
                return false;
            }
            var map = Map(kind);
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }
            list.Add(subscriber);
            mine.Recount();
            if (kind == PubSubKind.Shard)
            {
                Volatile.Write(ref _shardSubscriptions, _shardSubscriptions + 1);
            }
            else
            {
                Volatile.Write(ref _plainSubscriptions, _plainSubscriptions + 1);
            }
            return true;
        }
    }

    /// <summary>UNSUBSCRIBE / PUNSUBSCRIBE / SUNSUBSCRIBE of one name; false when the subscriber did not have it.</summary>
    public bool Unsubscribe(IPubSubSubscriber subscriber, ReadOnlySpan<byte> name, PubSubKind kind)
    {
        lock (_lock)
        {
            return UnsubscribeLocked(subscriber, name.ToArray(), kind);
        }
    }

    private bool UnsubscribeLocked(IPubSubSubscriber subscriber, byte[] name, PubSubKind kind)
    {
        var mine = subscriber.Subscriptions;
        if (!mine.Of(kind).Remove(name))
        {
            return false;
        }
        var map = Map(kind);
        if (map.TryGetValue(name, out var list))
        {
            list.Remove(subscriber);
            if (list.Count == 0)
            {
                map.Remove(name);
            }
        }
        mine.Recount();
        if (kind == PubSubKind.Shard)
        {
            Volatile.Write(ref _shardSubscriptions, _shardSubscriptions - 1);
        }
        else
        {
            Volatile.Write(ref _plainSubscriptions, _plainSubscriptions - 1);
        }
        return true;
    }

    /// <summary>The subscriber's names of one kind, in its set's order (what an argument-less UNSUBSCRIBE removes one by one).</summary>
    public byte[][] NamesOf(IPubSubSubscriber subscriber, PubSubKind kind)
    {
        lock (_lock)
        {
            return [.. subscriber.Subscriptions.Of(kind)];
        }
    }

    /// <summary>Drops every subscription of the subscriber (connection closed, RESET, subscription disposed).</summary>
    public void UnsubscribeAll(IPubSubSubscriber subscriber)
    {
        lock (_lock)
        {
            var mine = subscriber.Subscriptions;
            foreach (var kind in (ReadOnlySpan<PubSubKind>)[PubSubKind.Channel, PubSubKind.Pattern, PubSubKind.Shard])
            {
                foreach (var name in mine.Of(kind).ToArray())
                {
                    UnsubscribeLocked(subscriber, name, kind);
                }
            }
        }
    }

    /// <summary>
    /// PUBLISH: delivers to the channel's subscribers, then to each subscriber of each matching pattern (Valkey's
    /// <c>pubsubPublishMessage</c>); returns the number of receivers (a subscriber matched twice counts twice).
    /// </summary>
    public int Publish(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message)
    {
        if (Volatile.Read(ref _plainSubscriptions) == 0)
        {
            return 0;
        }
        lock (_lock)
        {
            int receivers = 0;
            byte[]? channelBytes = null;
            byte[]? payload = null;
            if (_channelLookup.TryGetValue(channel, out var subscribers))
            {
                channelBytes = channel.ToArray();
                payload = message.ToArray();
                var m = new ValkeyMessage(ValkeyMessageKind.Message, channelBytes, null, payload);
                foreach (var s in subscribers)
                {
                    s.Deliver(m);
                }
                receivers += subscribers.Count;
            }
            foreach (var (pattern, patternSubscribers) in _patterns)
            {
                if (!Keyspace.Glob.Match(pattern, channel))
                {
                    continue;
                }
                channelBytes ??= channel.ToArray();
                payload ??= message.ToArray();
                var m = new ValkeyMessage(ValkeyMessageKind.PatternMessage, channelBytes, pattern, payload);
                foreach (var s in patternSubscribers)
                {
                    s.Deliver(m);
                }
                receivers += patternSubscribers.Count;
            }
            return receivers;
        }
    }

    /// <summary>SPUBLISH: delivers to the shard channel's subscribers; returns their number.</summary>
    public int PublishShard(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> message)
    {
        if (Volatile.Read(ref _shardSubscriptions) == 0)
        {
            return 0;
        }
        lock (_lock)
        {
            if (!_shardLookup.TryGetValue(channel, out var subscribers))
            {
                return 0;
            }
            var m = new ValkeyMessage(ValkeyMessageKind.ShardMessage, channel.ToArray(), null, message.ToArray());
            foreach (var s in subscribers)
            {
                s.Deliver(m);
            }
            return subscribers.Count;
        }
    }

    /// <summary>PUBSUB CHANNELS / SHARDCHANNELS: active channels matching <paramref name="pattern"/> (all when null).</summary>
    public List<byte[]> ActiveChannels(ReadOnlySpan<byte> pattern, bool all, bool shard)
    {
        lock (_lock)
        {
            var result = new List<byte[]>();
            foreach (var name in (shard ? _shard : _channels).Keys)
            {
                if (all || Keyspace.Glob.Match(pattern, name))
                {
                    result.Add(name);
                }
            }
            return result;
        }
    }

    /// <summary>PUBSUB NUMSUB / SHARDNUMSUB: subscribers of one channel (patterns not counted).</summary>
    public int SubscriberCount(ReadOnlySpan<byte> channel, bool shard)
    {
        lock (_lock)
        {
            return (shard ? _shardLookup : _channelLookup).TryGetValue(channel, out var list) ? list.Count : 0;
        }
    }
}
