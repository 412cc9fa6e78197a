// HybridCache with InProcValkey as its L2, no ASP.NET Core: `dotnet run --project samples/HybridCacheSample`.
using System.Text;
using InProcValkey;
using InProcValkey.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

using var store = new ValkeyStore(); // one store, shared by the two "app instances" below (think: two pods, one Redis)

HybridCache NewApp(out ServiceProvider provider)
{
    var services = new ServiceCollection();
    services.AddSingleton(store);                                    // the cache uses the container's ValkeyStore
    services.AddInProcValkeyCache(o => o.InstanceName = "sample:");  // IDistributedCache + IBufferDistributedCache
    services.AddHybridCache();                                       // L1 = MemoryCache, L2 = InProcValkey
    provider = services.BuildServiceProvider();
    return provider.GetRequiredService<HybridCache>();
}

int factoryCalls = 0;
async ValueTask<string> LoadProduct(int id, CancellationToken ct)
{
    factoryCalls++;
    await Task.Yield(); // a database call, say
    return $"product {id}: blue widget";
}

var first = NewApp(out var firstProvider);
var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10) };
string[] tags = ["catalog"];

Console.WriteLine("1. first app, cold:         " + await first.GetOrCreateAsync("product:7", ct => LoadProduct(7, ct), options, tags));
Console.WriteLine("2. first app, again (L1):   " + await first.GetOrCreateAsync("product:7", ct => LoadProduct(7, ct), options, tags));
Console.WriteLine($"   factory calls so far: {factoryCalls}");

// HybridCache writes L2 in the background once the caller has its value; give it a moment.
SpinWait.SpinUntil(() => store.Execute("EXISTS", "sample:product:7").AsInt64() == 1, TimeSpan.FromSeconds(5));

// The entry in the store: RedisCache's layout, one hash with absexp / sldexp / data and a TTL.
var fields = store.Execute("HMGET", "sample:product:7", "absexp", "sldexp");
Console.WriteLine($"3. in the store: TYPE {store.Execute("TYPE", "sample:product:7")}, absexp {fields.Elements[0]}, " +
                  $"sldexp {fields.Elements[1]}, PTTL {store.Execute("PTTL", "sample:product:7")} ms, " +
                  $"data {store.Execute("HSTRLEN", "sample:product:7", "data")} bytes (HybridCache's envelope)");

var second = NewApp(out var secondProvider);
Console.WriteLine("4. second app, empty L1:    " + await second.GetOrCreateAsync("product:7", ct => LoadProduct(7, ct), options, tags));
Console.WriteLine($"   factory calls so far: {factoryCalls} (the second app read L2)");

await first.RemoveByTagAsync("catalog");
Console.WriteLine("5. tag 'catalog' invalidated by the first app; stored as " +
                  string.Join(", ", store.Execute("KEYS", "sample:__MSFT_HCT__*").Elements));
await Task.Delay(10); // tag invalidation compares timestamps; let the clock move on
var third = NewApp(out var thirdProvider);
Console.WriteLine("6. third app after it:      " + await third.GetOrCreateAsync("product:7", ct => LoadProduct(7, ct), options, tags));
Console.WriteLine($"   factory calls so far: {factoryCalls} (reloaded)");

// The same cache is a plain IDistributedCache too.
var distributed = firstProvider.GetRequiredService<IDistributedCache>();
distributed.SetString("greeting", "hello", new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(30) });
Console.WriteLine($"7. IDistributedCache: {distributed.GetString("greeting")}, PTTL {store.Execute("PTTL", "sample:greeting")} ms (sliding 30 s)");

await thirdProvider.DisposeAsync();
await secondProvider.DisposeAsync();
await firstProvider.DisposeAsync();
