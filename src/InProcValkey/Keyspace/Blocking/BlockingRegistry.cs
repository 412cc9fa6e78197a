using InProcValkey.Commands;
using InProcValkey.Errors;

namespace InProcValkey.Keyspace.Blocking;

/// <summary>
/// The engine's blocked commands and the keys they wait on (Valkey's <c>blocking_keys</c> and <c>ready_keys</c> in
/// <c>blocked.c</c>).
/// <list type="bullet">
/// <item>Writers that may make a key serveable call <see cref="SignalKeyReady"/> while holding the key's shard lock
/// (<see cref="Database.StoreLocked"/> does it for every collection it stores; in-place pushes call it themselves). It costs one
/// volatile read while nobody waits.</item>
/// <item>After each command (the dispatcher) and after each typed-API write that may signal, <see cref="ServeIfReady"/> re-runs
/// the blocked commands of the signalled keys in the order they blocked, as Valkey serves them after the command that made the
/// key ready.</item>
/// <item>Timeouts run on the engine's <see cref="TimeProvider"/>, so <c>FakeTimeProvider.Advance</c> releases waiters in tests.</item>
/// </list>
/// Locks: a shard lock may be held while taking <c>_gate</c> (a leaf lock); serving takes <c>_serveLock</c> and then shard locks
/// (through <see cref="IBlockedCommand.TryServe"/>), never <c>_gate</c> around a shard lock. Every completion (served, timeout,
/// unblock, cancel) happens under <c>_serveLock</c>, so a waiter is never both served and timed out.
/// </summary>
internal sealed class BlockingRegistry
{
    private readonly Engine _engine;
    private readonly Lock _gate = new();
    private readonly Lock _serveLock = new();
    private readonly Dictionary<WaitKey, List<BlockedClient>> _waiters = new();
    private List<WaitKey> _ready = new();
    private readonly HashSet<WaitKey> _readySet = new();
    private readonly ReplyBuilder _builder = new();
    private int _blockedCount;
    private int _readyCount;
    private long _sequence;

    public BlockingRegistry(Engine engine)
    {
        _engine = engine;
    }

    /// <summary>Commands blocked now (INFO clients: <c>blocked_clients</c>, with <see cref="PostponedCount"/>).</summary>
    public int BlockedCount => Volatile.Read(ref _blockedCount);

    // ---- CLIENT PAUSE: held clients count as blocked (Valkey's BLOCKED_POSTPONE) ----

    private int _postponedCount;

    /// <summary>Listener clients whose command CLIENT PAUSE holds now (Valkey counts them in <c>blocked_clients</c>).</summary>
    public int PostponedCount => Volatile.Read(ref _postponedCount);

    /// <summary>A client starts (+1) or stops (-1) being held by CLIENT PAUSE.</summary>
    public void Postponed(int delta) => Interlocked.Add(ref _postponedCount, delta);

    /// <summary>Distinct keys commands are blocked on (INFO keyspace-related <c>total_blocking_keys</c>).</summary>
    public int BlockingKeyCount
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>
    /// Blocks <paramref name="command"/> on <paramref name="keys"/> (each at most once counts) until served, its timeout
    /// (<paramref name="timeoutMs"/> &gt; 0; 0 waits forever) passes, or it is unblocked or cancelled. A key that became serveable
    /// between the command's own attempt and this call is caught: every key is signalled once, so the next
    /// <see cref="ServeIfReady"/> tries it.
    /// </summary>
    public BlockedClient Block(Database db, byte[][] keys, long timeoutMs, IBlockedCommand command)
    {
        var client = new BlockedClient(db, keys, command, Interlocked.Increment(ref _sequence));
        lock (_gate)
        {
            foreach (var k in keys)
            {
                var wk = new WaitKey(db, k);
                if (!_waiters.TryGetValue(wk, out var list))
                {
                    _waiters[wk] = list = new List<BlockedClient>(1);
                }
                if (!list.Contains(client))
                {
                    list.Add(client);
                }
                MarkReadyUnderGate(wk);
            }
            _blockedCount++;
        }
        if (timeoutMs > 0)
        {
            client.Timer = _engine.Time.CreateTimer(static s => ((Timeout)s!).Fire(), new Timeout(this, client), TimeSpan.FromMilliseconds(timeoutMs), System.Threading.Timeout.InfiniteTimeSpan);
        }
        return client;
    }

    private sealed class Timeout(BlockingRegistry registry, BlockedClient client)
    {
        public void Fire() => registry.Release(client, error: null);
    }

    /// <summary>Marks <paramref name="key"/> of <paramref name="db"/> as possibly serveable (call with the key's shard lock held).</summary>
    public void SignalKeyReady(Database db, ReadOnlySpan<byte> key)
    {
        if (Volatile.Read(ref _blockedCount) == 0)
        {
            return;
        }
        lock (_gate)
        {
            var wk = new WaitKey(db, key.ToArray());
            if (_waiters.ContainsKey(wk))
            {
                MarkReadyUnderGate(wk);
            }
        }
    }

    /// <summary>Marks every waited-on key of <paramref name="db"/> as possibly serveable (SWAPDB, FLUSH…).</summary>
    public void SignalDatabase(Database db)
    {
        if (Volatile.Read(ref _blockedCount) == 0)
        {
            return;
        }
        lock (_gate)
        {
            foreach (var wk in _waiters.Keys)
            {
                if (ReferenceEquals(wk.Db, db))
                {
                    MarkReadyUnderGate(wk);
                }
            }
        }
    }

    private void MarkReadyUnderGate(WaitKey wk)
    {
        if (_readySet.Add(wk))
        {
            _ready.Add(wk);
            Volatile.Write(ref _readyCount, _ready.Count);
        }
    }

    /// <summary>Serves the blocked commands of every signalled key, FIFO per key, until no key is left signalled.</summary>
    public void ServeIfReady()
    {
        if (Volatile.Read(ref _readyCount) == 0)
        {
            return;
        }
        lock (_serveLock)
        {
            while (true)
            {
                List<WaitKey> batch;
                lock (_gate)
                {
                    if (_ready.Count == 0)
                    {
                        Volatile.Write(ref _readyCount, 0);
                        return;
                    }
                    batch = _ready;
                    _ready = new List<WaitKey>();
                    _readySet.Clear();
                    Volatile.Write(ref _readyCount, 0);
                }
                foreach (var wk in batch)
                {
                    ServeKey(wk);
                }
            }
        }
    }

    // Under _serveLock. Tries every waiter of the key in blocking order (a waiter of another type may be skipped while a later
    // one is served, as Valkey checks each receiver against the key's type).
    private void ServeKey(WaitKey wk)
    {
        BlockedClient[] waiters;
        lock (_gate)
        {
            if (!_waiters.TryGetValue(wk, out var list))
            {
                return;
            }
            waiters = list.ToArray();
        }
        foreach (var client in waiters)
        {
            if (!client.IsWaiting)
            {
                continue;
            }
            _builder.Reset();
            var clock = new Clock(_engine.Time);
            if (client.Command.TryServe(wk.Db, wk.Key, _builder, ref clock))
            {
                Finish(client, _builder.Result);
            }
        }
    }

    /// <summary>
    /// Releases a blocked command without serving it: with its timeout reply (<paramref name="error"/> null: timeout, CLIENT
    /// UNBLOCK … TIMEOUT) or with an error reply (CLIENT UNBLOCK … ERROR). False when it was no longer waiting.
    /// </summary>
    public bool Release(BlockedClient client, string? error)
    {
        lock (_serveLock)
        {
            if (!client.IsWaiting)
            {
                return false;
            }
            ValkeyReply reply;
            if (error is null)
            {
                _builder.Reset();
                client.Command.WriteTimeout(_builder);
                reply = _builder.Result;
            }
            else
            {
                reply = ValkeyReply.Error(error);
            }
            Finish(client, reply);
            return true;
        }
    }

    /// <summary>CLIENT UNBLOCK … ERROR's reply.</summary>
    public static string UnblockedError => ErrorMessages.UnblockedByClient;

    /// <summary>Abandons a blocked command whose caller went away (disconnect, cancellation): it takes nothing.</summary>
    public void Cancel(BlockedClient client)
    {
        lock (_serveLock)
        {
            if (!client.IsWaiting)
            {
                return;
            }
            Unregister(client);
            client.Cancel();
        }
    }

    private void Finish(BlockedClient client, ValkeyReply reply)
    {
        Unregister(client);
        client.Complete(reply);
    }

    private void Unregister(BlockedClient client)
    {
        lock (_gate)
        {
            foreach (var k in client.Keys)
            {
                var wk = new WaitKey(client.Db, k);
                if (_waiters.TryGetValue(wk, out var list) && list.Remove(client) && list.Count == 0)
                {
                    _waiters.Remove(wk);
                }
            }
            _blockedCount--;
        }
    }

    private readonly struct WaitKey(Database db, byte[] key) : IEquatable<WaitKey>
    {
        public readonly Database Db = db;
        public readonly byte[] Key = key;

        public bool Equals(WaitKey other) => ReferenceEquals(Db, other.Db) && Key.AsSpan().SequenceEqual(other.Key);

        public override bool Equals(object? obj) => obj is WaitKey w && Equals(w);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(Db.Index);
            h.AddBytes(Key);
            return h.ToHashCode();
        }
    }
}
