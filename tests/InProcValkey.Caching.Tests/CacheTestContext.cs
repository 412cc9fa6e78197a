using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Time.Testing;

namespace InProcValkey.Caching.Tests;

/// <summary>A store on a fake clock (no active expiry) and a cache over it with the prefix <c>app:</c>.</summary>
internal sealed class CacheTestContext : IDisposable
{
    public const string Prefix = "app:";

    public CacheTestContext()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));
        Store = new ValkeyStore(new ValkeyStoreOptions { TimeProvider = Time, ActiveExpiry = false });
        Cache = new ValkeyDistributedCache(new ValkeyDistributedCacheOptions { Store = Store, InstanceName = Prefix });
    }

    public FakeTimeProvider Time { get; }

    public ValkeyStore Store { get; }

    public ValkeyDistributedCache Cache { get; }

    public static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    public static DistributedCacheEntryOptions Options(TimeSpan? relative = null, DateTimeOffset? absolute = null, TimeSpan? sliding = null) =>
        new() { AbsoluteExpirationRelativeToNow = relative, AbsoluteExpiration = absolute, SlidingExpiration = sliding };

    /// <summary>PTTL of the stored key (prefix added).</summary>
    public long Pttl(string key) => Store.Execute("PTTL", Prefix + key).AsInt64();

    public bool Exists(string key) => Store.Execute("EXISTS", Prefix + key).AsInt64() == 1;

    public string? Text(string key) => Cache.Get(key) is { } v ? Encoding.UTF8.GetString(v) : null;

    public void Dispose()
    {
        Cache.Dispose();
        Store.Dispose();
    }
}
