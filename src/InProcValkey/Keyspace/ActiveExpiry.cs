using System.Diagnostics;

namespace InProcValkey.Keyspace;

/// <summary>
/// Reclaims expired keys nobody touches (Valkey's <c>activeExpireCycle</c> in <c>expire.c</c>): a timer on the store's
/// <see cref="TimeProvider"/> fires every <c>interval</c> (100 ms, Valkey's hz 10); each cycle walks the shards that hold
/// keys with a TTL, examining up to <see cref="KeysPerLoop"/> buckets per shard per loop, repeating on a shard while more than
/// 10% of the keys it examined were expired, and stops when the cycle has used its CPU budget (25% of the interval).
/// Each shard keeps its own cursor, so successive cycles cover the whole table. With a <c>FakeTimeProvider</c> the timer
/// fires inside <c>Advance</c>, so a test that advances time sees untouched keys reclaimed without waiting.
/// </summary>
internal sealed class ActiveExpiry : IDisposable
{
    private const int KeysPerLoop = 20;
    private const int AcceptableStalePercent = 10;
    private readonly Engine _engine;
    private readonly ITimer _timer;
    private readonly long _budgetTicks;
    private readonly Lock _cycleLock = new();
    private int _nextDb;

    public ActiveExpiry(Engine engine, TimeSpan interval)
    {
        _engine = engine;
        _budgetTicks = (long)(Stopwatch.Frequency * interval.TotalSeconds / 4);
        _timer = engine.Time.CreateTimer(static s => ((ActiveExpiry)s!).OnTimer(), this, interval, interval);
    }

    private void OnTimer()
    {
        if (_engine.IsDisposed)
        {
            return;
        }
        _engine.UpdateLruClock();
        RunCycle();
    }

    public void RunCycle()
    {
        // One cycle at a time; a timer tick that finds a cycle running skips.
        if (!_cycleLock.TryEnter())
        {
            return;
        }
        try
        {
            long start = Stopwatch.GetTimestamp();
            var dbs = _engine.Databases;
            for (int d = 0; d < dbs.Length; d++)
            {
                var db = dbs[(_nextDb + d) % dbs.Length];
                foreach (var shard in db.Shards)
                {
                    if (Volatile.Read(ref shard.VolatileCount) == 0)
                    {
                        continue;
                    }
                    ExpireShard(db, shard);
                    if (Stopwatch.GetTimestamp() - start > _budgetTicks)
                    {
                        _nextDb = (_nextDb + d) % dbs.Length;
                        return;
                    }
                }
            }
        }
        finally
        {
            _cycleLock.Exit();
        }
    }

    private void ExpireShard(Database db, KeyShard shard)
    {
        var clock = new Clock(_engine.Time);
        long now = clock.NowMs;
        while (true)
        {
            int examined = 0;
            int expired = 0;
            lock (shard.Lock)
            {
                var table = shard.Table;
                for (int loop = 0; loop < KeysPerLoop && shard.VolatileCount > 0; loop++)
                {
                    var state = new SweepState { Now = now };
                    ulong next = table.ScanBucket(shard.ExpireCursor, ref state, static (ref SweepState st, byte[] e) =>
                    {
                        if (EntryLayout.HasExpiry(e))
                        {
                            st.Volatile++;
                            if (EntryLayout.Expiry(e) < st.Now)
                            {
                                (st.Expired ??= new List<byte[]>()).Add(e);
                            }
                        }
                    });
                    examined += state.Volatile;
                    if (state.Expired is { } list)
                    {
                        foreach (var e in list)
                        {
                            int idx = table.Find(KeyHash.Of(EntryLayout.Key(e)).Hash, EntryLayout.Key(e));
                            if (idx >= 0 && ReferenceEquals(table.EntryAt(idx), e))
                            {
                                db.RemoveLocked(shard, idx);
                                _engine.Stats.OnExpired();
                                expired++;
                            }
                        }
                    }
                    shard.ExpireCursor = next;
                    if (next == 0)
                    {
                        break;
                    }
                }
            }
            if (examined == 0 || expired * 100 <= examined * AcceptableStalePercent)
            {
                return;
            }
        }
    }

    private struct SweepState
    {
        public long Now;
        public int Volatile;
        public List<byte[]>? Expired;
    }

    public void Dispose() => _timer.Dispose();
}
