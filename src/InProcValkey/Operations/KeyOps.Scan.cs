using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>Parsed options of SCAN: MATCH, COUNT, TYPE.</summary>
internal struct ScanOptions
{
    /// <summary>The MATCH pattern, or null for none (the pattern <c>*</c> is the same as none).</summary>
    public byte[]? Pattern;

    /// <summary>The COUNT hint (at least 1; Valkey's default 10).</summary>
    public long Count;

    /// <summary>The TYPE filter, or null for none; <see cref="KeyType.Unknown"/> (an unknown name) matches nothing.</summary>
    public KeyType? Type;

    public static ScanOptions Default => new() { Count = 10 };
}

internal static partial class KeyOps
{
    /// <summary>
    /// KEYS (Valkey's <c>keysCommand</c>): every live key matching the glob <paramref name="pattern"/>, atomically (all shards
    /// of the database locked). Expired keys are skipped but not reclaimed, as Valkey's <c>keyIsExpired</c> check does.
    /// </summary>
    public static List<byte[]> Keys(Database db, ReadOnlySpan<byte> pattern, ref Clock clock)
    {
        bool all = Glob.MatchesEverything(pattern);
        var result = new List<byte[]>();
        using var locks = ShardLocks.ForDatabases(db);
        foreach (var shard in db.Shards)
        {
            var table = shard.Table;
            if (table.Count == 0)
            {
                continue;
            }
            for (int i = 0; i < table.Capacity; i++)
            {
                if (!table.IsOccupied(i))
                {
                    continue;
                }
                var e = table.EntryAt(i);
                var key = EntryLayout.Key(e);
                if ((all || Glob.Match(pattern, key)) && !(EntryLayout.HasExpiry(e) && EntryLayout.Expiry(e) < clock.NowMs))
                {
                    result.Add(key.ToArray());
                }
            }
        }
        return result;
    }

    /// <summary>
    /// SCAN (Valkey's <c>scanGenericCommand</c> over the keyspace). The cursor is
    /// <c>hashCursor × 64 + shard</c>: shards are walked in order, and inside a shard the hash space in increasing order
    /// (<see cref="KeyTable.ScanBucket"/>), so every key present for a whole iteration is returned exactly once however the
    /// tables grow or shrink between calls (Valkey promises at least once). One call visits buckets
    /// until it has seen <see cref="ScanOptions.Count"/> entries or visited 10 × COUNT + 1 non-empty-shard buckets, holding one
    /// shard lock at a time. Entries not matching MATCH are skipped; matching expired keys are reclaimed and skipped; then
    /// TYPE filters. Returns the next cursor (0 when the iteration is complete).
    /// </summary>
    public static ulong Scan(Database db, ulong cursor, in ScanOptions options, ref Clock clock, List<byte[]> keys)
    {
        var state = new ScanState
        {
            Pattern = options.Pattern is { } p && !Glob.MatchesEverything(p) ? p : null,
            Type = options.Type,
            Now = clock.NowMs,
            Keys = keys,
        };
        long count = options.Count;
        long maxIterations = count > long.MaxValue / 10 ? long.MaxValue : count * 10;
        int shardIndex = (int)(cursor & (Database.ShardCount - 1));
        ulong bucket = cursor >> Database.ShardBits;
        while (true)
        {
            var shard = db.Shards[shardIndex];
            bool stop = false;
            using (shard.Lock())
            {
                if (shard.Table.Count == 0)
                {
                    bucket = 0;
                }
                else
                {
                    do
                    {
                        bucket = shard.Table.ScanBucket(bucket, ref state, ScanVisitor);
                        stop = maxIterations-- == 0 || state.Sampled >= count;
                        if (state.Expired is { Count: > 0 } expired)
                        {
                            Reclaim(db, shard, expired);
                        }
                    }
                    while (bucket != 0 && !stop);
                }
            }
            if (bucket == 0)
            {
                if (++shardIndex == Database.ShardCount)
                {
                    return 0;
                }
            }
            if (stop)
            {
                return (bucket << Database.ShardBits) | (uint)shardIndex;
            }
        }
    }

    private sealed class ScanState
    {
        public byte[]? Pattern;
        public KeyType? Type;
        public long Now;
        public long Sampled;
        public required List<byte[]> Keys;
        public List<byte[]>? Expired;
    }

    private static readonly ScanVisitor<ScanState> ScanVisitor = static (ref ScanState st, byte[] e) =>
    {
        st.Sampled++;
        var key = EntryLayout.Key(e);
        if (st.Pattern is { } p && !Glob.Match(p, key))
        {
            return;
        }
        if (EntryLayout.HasExpiry(e) && EntryLayout.Expiry(e) < st.Now)
        {
            (st.Expired ??= []).Add(e);
            return;
        }
        if (st.Type is { } t && (t == KeyType.Unknown || KeyTypes.Of(e) != t))
        {
            return;
        }
        st.Keys.Add(key.ToArray());
    };

    // Removes expired entries found by a scan step (shard lock held), counting them as expired keys.
    private static void Reclaim(Database db, KeyShard shard, List<byte[]> expired)
    {
        foreach (var e in expired)
        {
            var key = EntryLayout.Key(e);
            int idx = shard.Table.Find(KeyHash.Of(key).Hash, key);
            if (idx >= 0 && ReferenceEquals(shard.Table.EntryAt(idx), e))
            {
                db.RemoveLocked(shard, idx);
                db.Engine.Stats.OnExpired();
                db.Notify(KeyspaceEventClasses.Expired, Ev.Expired, key);
            }
        }
        expired.Clear();
    }

    /// <summary>
    /// RANDOMKEY (Valkey's <c>dbRandomKey</c>): a key chosen uniformly with the store's one random source (so a seeded store is
    /// deterministic), or null when the database is empty. An expired key drawn is reclaimed and another drawn. Holds every
    /// shard lock of the database, so the draw is atomic.
    /// </summary>
    public static byte[]? RandomKey(Database db, ref Clock clock)
    {
        var engine = db.Engine;
        using var locks = ShardLocks.ForDatabases(db);
        while (true)
        {
            long total = db.CountLocked();
            if (total == 0)
            {
                return null;
            }
            KeyShard shard;
            int slot;
            lock (engine.RandomLock)
            {
                long r = engine.RandomUnsafe.NextInt64(total);
                int s = 0;
                while (r >= db.Shards[s].Table.Count)
                {
                    r -= db.Shards[s].Table.Count;
                    s++;
                }
                shard = db.Shards[s];
                slot = shard.Table.RandomSlot(engine.RandomUnsafe);
            }
            var e = shard.Table.EntryAt(slot);
            if (EntryLayout.HasExpiry(e) && EntryLayout.Expiry(e) < clock.NowMs)
            {
                db.RemoveLocked(shard, slot);
                engine.Stats.OnExpired();
                db.Notify(KeyspaceEventClasses.Expired, Ev.Expired, EntryLayout.Key(e));
                continue;
            }
            return EntryLayout.Key(e).ToArray();
        }
    }
}
