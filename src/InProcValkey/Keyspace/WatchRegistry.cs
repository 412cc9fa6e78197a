using InProcValkey.PubSub;

namespace InProcValkey.Keyspace;

/// <summary>
/// One database's watched keys (Valkey's <c>db-&gt;watched_keys</c>): key → the <see cref="WatchedKey"/>s of the callers
/// that WATCH it. Writers call <see cref="Database.SignalModifiedKey"/> under the key's shard lock; when nothing is watched
/// that costs one field read (<see cref="Count"/>). WATCH registers under the key's shard lock too, so a write either
/// happens before the WATCH (and is not a change the watcher can miss) or sees the registration.
/// The registry lock is a leaf: taken while holding shard locks, never the other way round.
/// </summary>
internal sealed class WatchRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], List<WatchedKey>> _keys = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], List<WatchedKey>>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    /// <summary>Number of distinct watched keys; 0 lets writers skip the registry.</summary>
    public int Count;

    public WatchRegistry() => _lookup = _keys.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Adds <paramref name="wk"/> (the key's shard lock held).</summary>
    public void Add(WatchedKey wk)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue(wk.Key, out var list))
            {
                list = [];
                _keys.Add(wk.Key, list);
                Volatile.Write(ref Count, _keys.Count);
            }
            list.Add(wk);
        }
    }

    /// <summary>Removes <paramref name="wk"/> (no lock needed: a stale non-zero <see cref="Count"/> only costs a lookup).</summary>
    public void Remove(WatchedKey wk)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(wk.Key, out var list))
            {
                list.Remove(wk);
                if (list.Count == 0)
                {
                    _keys.Remove(wk.Key);
                    Volatile.Write(ref Count, _keys.Count);
                }
            }
        }
    }

    /// <summary>
    /// Valkey's <c>touchWatchedKey</c> (the key's shard lock held, after the change): every watcher of the key turns dirty,
    /// except one that watched the key while it was already expired and now sees it deleted (no logical change).
    /// </summary>
    public void Touch(Database db, ReadOnlySpan<byte> key)
    {
        lock (_lock)
        {
            if (!_lookup.TryGetValue(key, out var list))
            {
                return;
            }
            bool? exists = null;
            foreach (var wk in list)
            {
                if (wk.Expired)
                {
                    exists ??= Exists(db, key);
                    if (!exists.Value)
                    {
                        wk.Expired = false;
                        continue;
                    }
                }
                wk.Owner.Dirty = true;
            }
        }
    }

    /// <summary>
    /// Valkey's <c>touchAllWatchedKeysInDb</c> (all shard locks of both databases held, before the change): FLUSHDB and
    /// FLUSHALL (<paramref name="replacedWith"/> null) and SWAPDB dirty the watchers of keys that exist in the emptied
    /// database or in the one replacing it.
    /// </summary>
    public void TouchAll(Database emptied, Database? replacedWith, long nowMs)
    {
        lock (_lock)
        {
            foreach (var (key, list) in _keys)
            {
                bool inEmptied = Exists(emptied, key);
                bool inReplacement = replacedWith is not null && Exists(replacedWith, key);
                if (!inEmptied && !inReplacement)
                {
                    continue;
                }
                foreach (var wk in list)
                {
                    if (wk.Expired)
                    {
                        if (!inReplacement)
                        {
                            wk.Expired = false; // an expired key now deleted: no logical change
                            continue;
                        }
                        if (IsExpired(replacedWith!, key, nowMs))
                        {
                            continue; // still expired
                        }
                    }
                    else if (!inEmptied && IsExpired(replacedWith!, key, nowMs))
                    {
                        wk.Expired = true; // a missing key replaced by an expired one
                        continue;
                    }
                    wk.Owner.Dirty = true;
                }
            }
        }
    }

    /// <summary>Whether the key is in the table, expired or not (Valkey's <c>dictFind(db-&gt;dict, key)</c>; its shard lock held).</summary>
    public static bool Exists(Database db, ReadOnlySpan<byte> key)
    {
        var h = KeyHash.Of(key);
        return db.ShardOf(h).Table.Find(h.Hash, key) >= 0;
    }

    /// <summary>Valkey's <c>keyIsExpired</c>: in the table with an expiry before <paramref name="nowMs"/> (its shard lock held).</summary>
    public static bool IsExpired(Database db, ReadOnlySpan<byte> key, long nowMs)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        int index = shard.Table.Find(h.Hash, key);
        if (index < 0)
        {
            return false;
        }
        var e = shard.Table.EntryAt(index);
        return EntryLayout.HasExpiry(e) && EntryLayout.Expiry(e) < nowMs;
    }
}

/// <summary>One caller's watch of one key (Valkey's <c>watchedKey</c>).</summary>
internal sealed class WatchedKey(WatchState owner, Database db, byte[] key, bool expired)
{
    public readonly WatchState Owner = owner;
    public readonly Database Db = db;
    public readonly byte[] Key = key;

    /// <summary>The key was already logically expired when watched (Valkey 7.0+: its deletion then is no change).</summary>
    public bool Expired = expired;
}

/// <summary>
/// The keys one caller (a connection, a session, a typed transaction) watches, and whether one of them changed since
/// (Valkey's <c>CLIENT_DIRTY_CAS</c>).
/// </summary>
internal sealed class WatchState
{
    private readonly List<WatchedKey> _keys = [];

    /// <summary>A watched key changed (set by writers under the key's shard lock; read by EXEC under it).</summary>
    public volatile bool Dirty;

    public int Count => _keys.Count;

    public IReadOnlyList<WatchedKey> Keys => _keys;

    /// <summary>
    /// WATCH of one key (Valkey's <c>watchForKey</c>): registers it unless already watched, noting whether it is already
    /// logically expired. Takes the key's shard lock.
    /// </summary>
    public void Watch(Database db, ReadOnlySpan<byte> key, ref Clock clock)
    {
        foreach (var k in _keys)
        {
            if (ReferenceEquals(k.Db, db) && k.Key.AsSpan().SequenceEqual(key))
            {
                return;
            }
        }
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            int index = shard.Table.Find(h.Hash, key);
            bool expired = false;
            if (index >= 0)
            {
                var e = shard.Table.EntryAt(index);
                expired = EntryLayout.HasExpiry(e) && EntryLayout.Expiry(e) < clock.NowMs;
            }
            var wk = new WatchedKey(this, db, key.ToArray(), expired);
            db.Watches.Add(wk);
            _keys.Add(wk);
        }
    }

    /// <summary>
    /// Valkey's <c>isWatchedKeyExpired</c>: a key watched while alive has expired since, without being reclaimed (the
    /// keys' shard locks held).
    /// </summary>
    public bool AnyExpiredSinceWatch(long nowMs)
    {
        foreach (var k in _keys)
        {
            if (!k.Expired && WatchRegistry.IsExpired(k.Db, k.Key, nowMs))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>UNWATCH (and EXEC, DISCARD, RESET, connection close): forgets every watched key and the dirty flag.</summary>
    public void UnwatchAll()
    {
        foreach (var k in _keys)
        {
            k.Db.Watches.Remove(k);
        }
        _keys.Clear();
        Dirty = false;
    }
}
