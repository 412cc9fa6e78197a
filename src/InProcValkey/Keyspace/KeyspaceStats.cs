namespace InProcValkey.Keyspace;

/// <summary>Counters INFO will report (<c>expired_keys</c>, …). Updated with interlocked operations.</summary>
internal sealed class KeyspaceStats
{
    private long _expiredKeys;

    public long ExpiredKeys => Interlocked.Read(ref _expiredKeys);

    public void OnExpired() => Interlocked.Increment(ref _expiredKeys);
}
