using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InProcValkey.Tests.Api;

public sealed class StoreTests
{
    [Fact]
    public void AddInProcValkeyRegistersOneStoreThatUsesTheRegisteredTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddInProcValkey(o => o.Databases = 4);
        using var sp = services.BuildServiceProvider();

        var store = sp.GetRequiredService<ValkeyStore>();
        Assert.Same(store, sp.GetRequiredService<ValkeyStore>());
        Assert.Same(time, store.TimeProvider);
        Assert.Equal(4, store.DatabaseCount);
    }

    [Fact]
    public void ExplicitTimeProviderInOptionsWinsOverTheContainer()
    {
        var mine = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddInProcValkey(o => o.TimeProvider = mine);
        using var sp = services.BuildServiceProvider();
        Assert.Same(mine, sp.GetRequiredService<ValkeyStore>().TimeProvider);
    }

    [Fact]
    public void PublicArgumentsAreValidated()
    {
        using var store = new ValkeyStore();
        Assert.Throws<ArgumentNullException>(() => new ValkeyStore(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValkeyStore(new ValkeyStoreOptions { Databases = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetDatabase(16));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetDatabase(-1));
        Assert.Throws<ArgumentException>(() => store.Execute(Array.Empty<string>()));
        Assert.Throws<ArgumentNullException>(() => store.Execute((string[])null!));
        Assert.Throws<ArgumentNullException>(() => store.GetDatabase().StringGet((string)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetDatabase().StringSet("k", "v", TimeSpan.Zero));
    }

    [Fact]
    public void KeepTtlWithAnExpiryIsRejectedByTheTypedApi()
    {
        using var t = new TestStore();
        Assert.Throws<ArgumentException>(() => t.Db.StringSet("k", "v", TimeSpan.FromSeconds(1), When.Always, keepTtl: true));
        t.Nil("GET", "k");
    }

    [Fact]
    public void ExecuteReturnsErrorsAsReplies()
    {
        using var store = new ValkeyStore();
        var r = store.Execute("GET");
        Assert.True(r.IsError);
        Assert.Equal("ERR wrong number of arguments for 'get' command", r.ErrorMessage);
    }

    [Fact]
    public void BinaryKeysAndValuesRoundTrip()
    {
        using var store = new ValkeyStore();
        byte[] key = [0, 255, 13, 10, 0];
        byte[] value = [1, 0, 2, 0, 255];
        Assert.Equal("OK", store.Execute("SET"u8.ToArray(), key, value).ToString());
        Assert.Equal(value, store.GetDatabase().StringGet(key));
        Assert.Equal(value, store.Execute("GET"u8.ToArray(), key).AsBytes());
    }

    [Fact]
    public void DatabasesAreIndependent()
    {
        using var store = new ValkeyStore();
        store.GetDatabase(0).StringSet("k", "zero");
        store.GetDatabase(15).StringSet("k", "fifteen");
        Assert.Equal("zero", store.GetDatabase(0).StringGet("k"));
        Assert.Equal("fifteen", store.GetDatabase(15).StringGet("k"));
        Assert.Null(store.GetDatabase(1).StringGet("k"));
        var session = store.CreateSession(15);
        Assert.Equal("fifteen", session.Execute("GET", "k").ToString());
    }

    [Fact]
    public void DisposingTheStoreStopsActiveExpiry()
    {
        var time = new FakeTimeProvider();
        var store = new ValkeyStore(new ValkeyStoreOptions { TimeProvider = time });
        store.GetDatabase().StringSet("k", "v", TimeSpan.FromSeconds(1));
        store.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        // The timer is gone: nothing reclaimed the key in the background.
        Assert.Equal(1, store.Engine.Databases[0].Shards.Sum(s => s.Table.Count));
        Assert.Throws<ObjectDisposedException>(() => store.CreateSession());
    }
}
