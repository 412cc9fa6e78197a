using System.Buffers;
using System.Globalization;
using System.Net;
using InProcValkey.Server;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static InProcValkey.Caching.Tests.CacheTestContext;

namespace InProcValkey.Caching.Tests;

/// <summary>
/// Interop both ways with Microsoft's RedisCache (Microsoft.Extensions.Caching.StackExchangeRedis 10) connected to the
/// store's listener (port 0): entries written in process are read by RedisCache, entries RedisCache writes are read in
/// process. RedisCache reads the wall clock, so the store runs on the real clock here and TTLs are checked in ranges.
/// </summary>
public sealed class RedisCacheInteropTests : IAsyncLifetime
{
    private const string Prefix = "app:";
    private readonly ValkeyStore _store = new();
    private ValkeyServer? _server;
    private ServiceProvider? _services;
    private ValkeyDistributedCache? _ours;
    private IDistributedCache? _redis;

    private ValkeyDistributedCache Ours => _ours!;

    private IDistributedCache Redis => _redis!;

    public async ValueTask InitializeAsync()
    {
        _server = new ValkeyServer(_store, new ValkeyServerOptions { Port = 0 });
        await _server.StartAsync(TestContext.Current.CancellationToken);
        int port = ((IPEndPoint)_server.EndPoints[0]).Port;
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o =>
        {
            o.InstanceName = Prefix;
            o.ConfigurationOptions = new ConfigurationOptions
            {
                EndPoints = { { "127.0.0.1", port } },
                ConnectTimeout = 10_000,
                SyncTimeout = 10_000,
                AbortOnConnectFail = true,
            };
        });
        _services = services.BuildServiceProvider();
        _redis = _services.GetRequiredService<IDistributedCache>();
        _ours = new ValkeyDistributedCache(new ValkeyDistributedCacheOptions { Store = _store, InstanceName = Prefix });
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _ours?.Dispose();
        _store.Dispose();
    }

    private long Pttl(string key) => _store.Execute("PTTL", Prefix + key).AsInt64();

    [Fact]
    public async Task TheAdapterFiresTheKeyspaceEventsOfRedisCachesCommandsAndCountsItsReads()
    {
        var token = TestContext.Current.CancellationToken;
        using var events = _store.SubscribeKeyspaceEvents(KeyspaceEventClasses.All | KeyspaceEventClasses.KeyMiss);
        var entry = Options(relative: TimeSpan.FromMinutes(10), sliding: TimeSpan.FromMinutes(2));
        var data = new byte[100]; // over hash-max-listpack-value: a hashtable, as most cached payloads

        // Each step: RedisCache's commands through the listener on key "r…", then the adapter on key "o…".
        List<string> Run(IDistributedCache cache, string p)
        {
            cache.Set(p + "1", data, entry);
            cache.Set(p + "1", Bytes("short"), entry); // overwritten: the listpack encoding
            cache.Set(p + "1", data, entry); // and back to the hashtable
            cache.Set(p + "1", data, entry); // same sizes: in place
            Assert.Equal(data, cache.Get(p + "1"));
            cache.Refresh(p + "1");
            Assert.Null(cache.Get(p + "missing"));
            cache.Refresh(p + "missing");
            cache.Set(p + "2", Bytes("no expiry"), new DistributedCacheEntryOptions());
            Assert.Equal("no expiry", System.Text.Encoding.UTF8.GetString(cache.Get(p + "2")!));
            cache.Remove(p + "1");
            cache.Remove(p + "2");
            var seen = new List<string>();
            while (events.Reader.TryRead(out var e))
            {
                if (e.Key.StartsWith(Prefix + p, StringComparison.Ordinal)) // not the client's handshake (its tie-break GET)
                {
                    seen.Add(e.Event + " " + e.Key[(Prefix.Length + p.Length)..]);
                }
            }
            return seen;
        }

        await Redis.GetAsync("warm-up", token); // connects (the handshake's own lookups are not counted below)
        events.Reader.TryRead(out _);
        var hitsBefore = Info("keyspace_hits");
        var missesBefore = Info("keyspace_misses");
        var redis = Run(Redis, "r");
        var (redisHits, redisMisses) = (Info("keyspace_hits") - hitsBefore, Info("keyspace_misses") - missesBefore);
        var ours = Run(Ours, "o");
        Assert.NotEmpty(redis);
        Assert.Equal(redis, ours);
        Assert.Equal((redisHits, redisMisses), (Info("keyspace_hits") - hitsBefore - redisHits, Info("keyspace_misses") - missesBefore - redisMisses));
        token.ThrowIfCancellationRequested();
    }

    private long Info(string field)
    {
        string info = _store.Execute("INFO", "stats").ToString()!;
        var line = info.Split("\r\n").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task AnEntryWrittenInProcessIsReadByRedisCacheAndSlides()
    {
        var data = new byte[300];
        new Random(1).NextBytes(data);
        Ours.Set("both", data, Options(relative: TimeSpan.FromMinutes(10), sliding: TimeSpan.FromMinutes(2)));
        Ours.Set("plain", Bytes("plain value"), new DistributedCacheEntryOptions());
        _store.Execute("PEXPIRE", Prefix + "both", "30000");

        Assert.Equal(data, await Redis.GetAsync("both", TestContext.Current.CancellationToken));
        long ttl = Pttl("both");
        Assert.InRange(ttl, 110_000, 120_000); // RedisCache re-armed the sliding window (EXPIRE/PEXPIRE)
        Assert.Equal("plain value", await Redis.GetStringAsync("plain", TestContext.Current.CancellationToken));
        Assert.Equal(-1, Pttl("plain"));

        var writer = new ArrayBufferWriter<byte>();
        Assert.True(((IBufferDistributedCache)Redis).TryGet("both", writer));
        Assert.Equal(data, writer.WrittenSpan.ToArray());

        await Redis.RemoveAsync("plain", TestContext.Current.CancellationToken);
        Assert.Null(Ours.Get("plain"));
    }

    [Fact]
    public async Task AnEntryWrittenByRedisCacheIsReadInProcessAndSlides()
    {
        var before = DateTimeOffset.UtcNow;
        await Redis.SetAsync("r", Bytes("from redis cache"), Options(relative: TimeSpan.FromMinutes(10), sliding: TimeSpan.FromMinutes(2)), TestContext.Current.CancellationToken);
        Redis.Set("r-plain", Bytes("no expiry"), new DistributedCacheEntryOptions());

        // RedisCache's layout, as the in-process cache writes it.
        var fields = _store.Execute("HMGET", Prefix + "r", "absexp", "sldexp").Elements.Select(e => long.Parse(e.ToString()!, CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(fields[0], before.AddMinutes(10).UtcTicks, DateTimeOffset.UtcNow.AddMinutes(10).UtcTicks);
        Assert.Equal(TimeSpan.FromMinutes(2).Ticks, fields[1]);
        Assert.InRange(Pttl("r"), 110_000, 120_000);

        _store.Execute("PEXPIRE", Prefix + "r", "30000");
        Assert.Equal("from redis cache", System.Text.Encoding.UTF8.GetString(Ours.Get("r")!));
        Assert.InRange(Pttl("r"), 110_000, 120_000); // re-armed in process
        Assert.Equal("no expiry", System.Text.Encoding.UTF8.GetString(Ours.Get("r-plain")!));

        _store.Execute("PEXPIRE", Prefix + "r", "30000");
        Ours.Refresh("r");
        Assert.InRange(Pttl("r"), 110_000, 120_000);

        Ours.Remove("r");
        Assert.Null(await Redis.GetAsync("r", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EntriesOverwrittenFromEitherSideStayReadable()
    {
        Ours.Set("x", Bytes("1"), Options(sliding: TimeSpan.FromMinutes(1)));
        await Redis.SetAsync("x", Bytes("2"), Options(relative: TimeSpan.FromMinutes(5)), TestContext.Current.CancellationToken);
        Assert.Equal("2", System.Text.Encoding.UTF8.GetString(Ours.Get("x")!));
        Ours.Set("x", Bytes("3"), new DistributedCacheEntryOptions());
        Assert.Equal("3", await Redis.GetStringAsync("x", TestContext.Current.CancellationToken));
        Assert.Equal(-1, Pttl("x"));
    }
}
