using System.Diagnostics;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Keyspace;

/// <summary>
/// Reclaims expired keys nobody touches (Valkey's <c>activeExpireCycle</c> in <c>expire.c</c>, slow cycle): a timer on the
/// store's <see cref="TimeProvider"/> fires every <c>interval</c> (100 ms, Valkey's hz 10). A cycle walks the shards that hold
/// keys with a TTL; in each it samples keys with a TTL from where its cursor stopped (up to <see cref="KeysPerLoop"/> of them,
/// or <see cref="BucketsPerLoop"/> buckets, as Valkey's <c>max_buckets = num*20</c>), reclaims the expired ones, and samples
/// again while more than <see cref="AcceptableStalePercent"/>% of the sample had expired, or while the sample found no key with
/// a TTL, until the shard's cursor wraps. The cycle stops when it has used its CPU budget (25% of the interval) and resumes
/// at the next shard on the next tick, so successive cycles cover every table.
/// The timer is one-shot and re-armed after each run: a tick that comes late (or a <c>FakeTimeProvider</c> jumped far ahead)
/// runs one cycle per interval elapsed, at most <see cref="MaxCatchUpCycles"/>, instead of firing once per missed period, so
/// moving a fake clock by days costs no more than a few seconds of ticks. With a <c>FakeTimeProvider</c> the timer fires
/// inside <c>Advance</c>, so a test that advances time sees untouched keys reclaimed without waiting. Takes one shard lock at a
/// time (see docs/locking.md). The same timer refreshes the engine's LRU clock; with active expiry off it does only that.
/// </summary>
internal sealed class ActiveExpiry : IDisposable
{
    private const int KeysPerLoop = 20;
    private const int BucketsPerLoop = KeysPerLoop * 20;
    private const int AcceptableStalePercent = 10;
    private const int MaxCatchUpCycles = 50;
    private readonly Engine _engine;
    private readonly ITimer _timer;
    private readonly long _budgetTicks;
    private readonly TimeSpan _interval;
    private long _lastRunMs;
    private readonly Lock _cycleLock = new();
    private readonly List<byte[]> _expired = [];

    // Where the next cycle starts (guarded by _cycleLock).
    private int _nextDb;
    private int _nextShard;

    private volatile bool _reclaim;

    /// <summary>Whether cycles reclaim expired keys (DEBUG SET-ACTIVE-EXPIRE).</summary>
    public bool Reclaim
    {
        get => _reclaim;
        set => _reclaim = value;
    }

    public ActiveExpiry(Engine engine, TimeSpan interval, bool reclaim)
    {
        _engine = engine;
        _reclaim = reclaim;
        _budgetTicks = (long)(Stopwatch.Frequency * interval.TotalSeconds / 4);
        _interval = interval;
        _lastRunMs = engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _timer = engine.Time.CreateTimer(static s => ((ActiveExpiry)s!).OnTimer(), this, interval, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        if (_engine.IsDisposed)
        {
            return;
        }
        _engine.UpdateLruClock();
        long now = _engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
        long elapsed = now - Interlocked.Exchange(ref _lastRunMs, now);
        long cycles = Math.Clamp(elapsed / Math.Max(1, (long)_interval.TotalMilliseconds), 1, MaxCatchUpCycles);
        // While clients are paused (WRITE or ALL) the dataset stays as it is: no active expiry, as Valkey's activeExpireCycle.
        for (long i = 0; _reclaim && i < cycles && !_engine.Pause.Holds(mayWrite: true) && RunCycle(); i++)
        {
        }
        // Valkey's eviction time event: memory over maxmemory (CONFIG SET maxmemory below the usage) is brought back
        // under it without waiting for the next command.
        if (_engine.Config.MaxMemory != 0)
        {
            _engine.Evictor.PerformEvictions();
        }
        try
        {
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The store was disposed during the cycle.
        }
    }

    /// <summary>Runs one cycle now; false when no shard held a key with a TTL (another cycle now would do nothing). A call that
    /// finds a cycle running returns at once.</summary>
    public bool RunCycle()
    {
        if (!_cycleLock.TryEnter())
        {
            return false;
        }
        bool any = false;
        try
        {
            long deadline = Stopwatch.GetTimestamp() + _budgetTicks;
            var dbs = _engine.Databases;
            int total = dbs.Length * Database.ShardCount;
            int position = _nextDb * Database.ShardCount + _nextShard;
            for (int step = 0; step < total; step++)
            {
                int at = (position + step) % total;
                var db = dbs[at / Database.ShardCount];
                var shard = db.Shards[at % Database.ShardCount];
                if (Volatile.Read(ref shard.VolatileCount) == 0)
                {
                    continue;
                }
                any = true;
                ExpireShard(db, shard, deadline);
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    int next = (at + 1) % total;
                    _nextDb = next / Database.ShardCount;
                    _nextShard = next % Database.ShardCount;
                    return true;
                }
            }
            return any;
        }
        finally
        {
            _cycleLock.Exit();
        }
    }

    private void ExpireShard(Database db, KeyShard shard, long deadline)
    {
        var state = new SweepState { Now = new Clock(_engine.Time).NowMs, Expired = _expired };
        while (true)
        {
            state.Sampled = 0;
            state.TtlSum = 0;
            state.TtlSamples = 0;
            bool wrapped = false;
            int expired = 0;
            using (shard.Lock())
            {
                if (shard.VolatileCount == 0)
                {
                    return;
                }
                var table = shard.Table;
                ulong cursor = shard.ExpireCursor;
                for (int buckets = 0; buckets < BucketsPerLoop && state.Sampled < KeysPerLoop; buckets++)
                {
                    cursor = table.ScanBucket(cursor, ref state, Sample);
                    if (cursor == 0)
                    {
                        wrapped = true;
                        break;
                    }
                }
                shard.ExpireCursor = cursor;
                foreach (var e in _expired)
                {
                    var key = EntryLayout.Key(e);
                    int idx = shard.Table.Find(KeyHash.Of(key).Hash, key);
                    if (idx >= 0 && ReferenceEquals(shard.Table.EntryAt(idx), e))
                    {
                        db.RemoveLocked(shard, idx);
                        _engine.Stats.OnExpired();
                        db.Notify(KeyspaceEventClasses.Expired, Ev.Expired, key);
                        expired++;
                    }
                }
                _expired.Clear();
            }
            if (state.TtlSamples > 0)
            {
                // Valkey's activeExpireCycle: the batch's mean TTL weighs 2 %, the estimate so far 98 %.
                long mean = state.TtlSum / state.TtlSamples;
                long avg = Volatile.Read(ref db.AvgTtl);
                if (avg == 0)
                {
                    avg = mean;
                }
                Volatile.Write(ref db.AvgTtl, (avg / 50 * 49) + (mean / 50));
            }
            bool stale = state.Sampled == 0 || expired * 100 > state.Sampled * AcceptableStalePercent;
            if (wrapped || !stale || Stopwatch.GetTimestamp() > deadline)
            {
                return;
            }
        }
    }

    private static readonly ScanVisitor<SweepState> Sample = static (ref SweepState st, byte[] e) =>
    {
        if (EntryLayout.HasExpiry(e))
        {
            st.Sampled++;
            long ttl = EntryLayout.Expiry(e) - st.Now;
            if (ttl < 0)
            {
                st.Expired.Add(e);
            }
            else if (ttl > 0)
            {
                st.TtlSum += ttl;
                st.TtlSamples++;
            }
        }
    };

    private struct SweepState
    {
        public long Now;
        public int Sampled;
        public long TtlSum;
        public int TtlSamples;
        public List<byte[]> Expired;
    }

    public void Dispose() => _timer.Dispose();
}
