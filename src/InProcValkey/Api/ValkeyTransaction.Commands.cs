using System.Globalization;

namespace InProcValkey;

/// <summary>Typed queued commands (names as in <see cref="ValkeyDatabase"/>); any other command goes through <see cref="ExecuteCommandAsync(string[])"/>.</summary>
public sealed partial class ValkeyTransaction
{
    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string[]? Strings(ValkeyReply r) => r.IsNull ? null : r.Elements.Select(e => e.ToString()!).ToArray();

    // ---- strings ----

    /// <summary>SET key value: completes with true.</summary>
    public Task<bool> StringSetAsync(string key, string value) => Queue(static r => !r.IsNull, "SET", key, value);

    /// <summary>SET key value PX ms: completes with true.</summary>
    public Task<bool> StringSetAsync(string key, string value, TimeSpan expiry) =>
        Queue(static r => !r.IsNull, "SET", key, value, "PX", N((long)expiry.TotalMilliseconds));

    /// <summary>GET key: the value, or null when missing.</summary>
    public Task<string?> StringGetAsync(string key) => Queue(static r => r.IsNull ? null : r.ToString(), "GET", key);

    /// <summary>INCRBY key delta: the new value.</summary>
    public Task<long> StringIncrementAsync(string key, long delta = 1) => Queue(static r => r.AsInt64(), "INCRBY", key, N(delta));

    /// <summary>DECRBY key delta: the new value.</summary>
    public Task<long> StringDecrementAsync(string key, long delta = 1) => Queue(static r => r.AsInt64(), "DECRBY", key, N(delta));

    /// <summary>APPEND key value: the new length.</summary>
    public Task<long> StringAppendAsync(string key, string value) => Queue(static r => r.AsInt64(), "APPEND", key, value);

    // ---- keys ----

    /// <summary>DEL key: whether it existed.</summary>
    public Task<bool> KeyDeleteAsync(string key) => Queue(static r => r.AsInt64() == 1, "DEL", key);

    /// <summary>EXISTS key.</summary>
    public Task<bool> KeyExistsAsync(string key) => Queue(static r => r.AsInt64() == 1, "EXISTS", key);

    /// <summary>PEXPIRE key ms: whether the TTL was set.</summary>
    public Task<bool> KeyExpireAsync(string key, TimeSpan expiry) => Queue(static r => r.AsInt64() == 1, "PEXPIRE", key, N((long)expiry.TotalMilliseconds));

    /// <summary>PERSIST key: whether a TTL was removed.</summary>
    public Task<bool> KeyPersistAsync(string key) => Queue(static r => r.AsInt64() == 1, "PERSIST", key);

    /// <summary>RENAME key newKey.</summary>
    public Task KeyRenameAsync(string key, string newKey) => Queue(static r => true, "RENAME", key, newKey);

    // ---- hashes ----

    /// <summary>HSET key field value: whether the field is new.</summary>
    public Task<bool> HashSetAsync(string key, string field, string value) => Queue(static r => r.AsInt64() == 1, "HSET", key, field, value);

    /// <summary>HGET key field: the value, or null.</summary>
    public Task<string?> HashGetAsync(string key, string field) => Queue(static r => r.IsNull ? null : r.ToString(), "HGET", key, field);

    /// <summary>HDEL key field: whether it existed.</summary>
    public Task<bool> HashDeleteAsync(string key, string field) => Queue(static r => r.AsInt64() == 1, "HDEL", key, field);

    /// <summary>HINCRBY key field delta: the new value.</summary>
    public Task<long> HashIncrementAsync(string key, string field, long delta = 1) => Queue(static r => r.AsInt64(), "HINCRBY", key, field, N(delta));

    // ---- lists ----

    /// <summary>LPUSH key value: the new length.</summary>
    public Task<long> ListLeftPushAsync(string key, string value) => Queue(static r => r.AsInt64(), "LPUSH", key, value);

    /// <summary>RPUSH key value: the new length.</summary>
    public Task<long> ListRightPushAsync(string key, string value) => Queue(static r => r.AsInt64(), "RPUSH", key, value);

    /// <summary>LPOP key: the element, or null.</summary>
    public Task<string?> ListLeftPopAsync(string key) => Queue(static r => r.IsNull ? null : r.ToString(), "LPOP", key);

    /// <summary>RPOP key: the element, or null.</summary>
    public Task<string?> ListRightPopAsync(string key) => Queue(static r => r.IsNull ? null : r.ToString(), "RPOP", key);

    /// <summary>LRANGE key start stop.</summary>
    public Task<string[]> ListRangeAsync(string key, long start = 0, long stop = -1) => Queue(static r => Strings(r)!, "LRANGE", key, N(start), N(stop));

    // ---- sets ----

    /// <summary>SADD key member: whether it was added.</summary>
    public Task<bool> SetAddAsync(string key, string member) => Queue(static r => r.AsInt64() == 1, "SADD", key, member);

    /// <summary>SREM key member: whether it was removed.</summary>
    public Task<bool> SetRemoveAsync(string key, string member) => Queue(static r => r.AsInt64() == 1, "SREM", key, member);

    /// <summary>SMEMBERS key.</summary>
    public Task<string[]> SetMembersAsync(string key) => Queue(static r => Strings(r)!, "SMEMBERS", key);

    // ---- sorted sets ----

    /// <summary>ZADD key score member: whether the member was added.</summary>
    public Task<bool> SortedSetAddAsync(string key, string member, double score) => Queue(static r => r.AsInt64() == 1, "ZADD", key, D(score), member);

    /// <summary>ZINCRBY key delta member: the new score.</summary>
    public Task<double> SortedSetIncrementAsync(string key, string member, double delta) => Queue(static r => r.AsDouble(), "ZINCRBY", key, D(delta), member);

    /// <summary>ZSCORE key member: the score, or null.</summary>
    public Task<double?> SortedSetScoreAsync(string key, string member) => Queue(static r => r.IsNull ? (double?)null : r.AsDouble(), "ZSCORE", key, member);

    /// <summary>ZREM key member: whether it was removed.</summary>
    public Task<bool> SortedSetRemoveAsync(string key, string member) => Queue(static r => r.AsInt64() == 1, "ZREM", key, member);
}
