using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using static InProcValkey.Caching.Tests.CacheTestContext;

namespace InProcValkey.Caching.Tests;

/// <summary>The stored layout (RedisCache's), checked with raw hash commands, and the adapter's API contract.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void AnEntryIsOneHashWithAbsexpSldexpAndDataUnderThePrefixedKey()
    {
        using var t = new CacheTestContext();
        var now = t.Time.GetUtcNow();
        t.Cache.Set("user:1", Bytes("payload"), Options(relative: TimeSpan.FromMinutes(5), sliding: TimeSpan.FromMinutes(1)));
        Assert.Equal("hash", t.Store.Execute("TYPE", "app:user:1").ToString());
        var all = t.Store.Execute("HGETALL", "app:user:1").Elements.Select(e => e.ToString()).ToArray();
        Assert.Equal(
            ["absexp", now.AddMinutes(5).UtcTicks.ToString(CultureInfo.InvariantCulture), "sldexp", TimeSpan.FromMinutes(1).Ticks.ToString(CultureInfo.InvariantCulture), "data", "payload"],
            all);
        Assert.Equal(60_000, t.Store.Execute("PTTL", "app:user:1").AsInt64());
        Assert.Equal(0, t.Store.Execute("EXISTS", "user:1").AsInt64());
    }

    [Fact]
    public void MissingExpiriesAreStoredAsMinusOne()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), new DistributedCacheEntryOptions());
        var values = t.Store.Execute("HMGET", "app:k", "absexp", "sldexp", "data").Elements.Select(e => e.ToString()).ToArray();
        Assert.Equal(["-1", "-1", "v"], values);
    }

    [Fact]
    public void AnEntryWrittenWithRawCommandsIsReadAndSlid()
    {
        using var t = new CacheTestContext();
        string sliding = TimeSpan.FromSeconds(30).Ticks.ToString(CultureInfo.InvariantCulture);
        t.Store.Execute("HSET", "app:raw", "absexp", "-1", "sldexp", sliding, "data", "12345");
        t.Store.Execute("EXPIRE", "app:raw", "5");
        Assert.Equal("12345", t.Text("raw")); // an integer-encoded listpack value comes back as its text
        Assert.Equal(30_000, t.Pttl("raw"));
    }

    [Fact]
    public void LargeValuesRoundTripThroughTheHashtableEncoding()
    {
        using var t = new CacheTestContext();
        var big = new byte[100_000];
        new Random(7).NextBytes(big);
        t.Cache.Set("big", big, new DistributedCacheEntryOptions());
        Assert.Equal("hashtable", t.Store.Execute("OBJECT", "ENCODING", "app:big").ToString());
        Assert.Equal(big, t.Cache.Get("big"));
        var writer = new ArrayBufferWriter<byte>();
        Assert.True(t.Cache.TryGet("big", writer));
        Assert.Equal(big, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void AMultiSegmentSequenceIsStoredWhole()
    {
        using var t = new CacheTestContext();
        var first = new Segment(Bytes("hello "));
        var last = first.Append(Bytes("world"));
        IBufferDistributedCache cache = t.Cache;
        cache.Set("seq", new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), new DistributedCacheEntryOptions());
        Assert.Equal("hello world", t.Text("seq"));
    }

    [Fact]
    public void LongAndNonAsciiKeysAreUtf8WithThePrefix()
    {
        using var t = new CacheTestContext();
        string key = "ключ:" + new string('x', 1000);
        t.Cache.Set(key, Bytes("v"), new DistributedCacheEntryOptions());
        Assert.Equal(1, t.Store.Execute("EXISTS", Prefix + key).AsInt64());
        Assert.Equal("v", t.Text(key));
        t.Cache.Remove(key);
        Assert.Null(t.Cache.Get(key));
    }

    [Fact]
    public void TheDatabaseOptionSelectsWhereEntriesLive()
    {
        using var t = new CacheTestContext();
        using var cache = new ValkeyDistributedCache(new ValkeyDistributedCacheOptions { Store = t.Store, Database = 3 });
        cache.Set("k", Bytes("v"), new DistributedCacheEntryOptions());
        Assert.Equal(0, t.Store.Execute("EXISTS", "k").AsInt64());
        Assert.Equal(1, t.Store.CreateSession(3).Execute("EXISTS", "k").AsInt64());
    }

    [Fact]
    public void ReadingAKeyOfAnotherTypeThrowsWrongTypeAndSetReplacesIt()
    {
        using var t = new CacheTestContext();
        t.Store.Execute("SET", "app:s", "string");
        Assert.Throws<ValkeyWrongTypeException>(() => t.Cache.Get("s"));
        Assert.Throws<ValkeyWrongTypeException>(() => t.Cache.Refresh("s"));
        t.Cache.Set("s", Bytes("v"), new DistributedCacheEntryOptions());
        Assert.Equal("v", t.Text("s"));
    }

    [Fact]
    public void SetOverAHashWithOtherFieldsLeavesOnlyTheEntryFields()
    {
        using var t = new CacheTestContext();
        t.Store.Execute("HSET", "app:h", "other", "x", "data", "old");
        t.Cache.Set("h", Bytes("v"), new DistributedCacheEntryOptions());
        Assert.Equal(3, t.Store.Execute("HLEN", "app:h").AsInt64());
        Assert.Equal(0, t.Store.Execute("HEXISTS", "app:h", "other").AsInt64());
    }

    [Fact]
    public async Task AsyncMethodsCompleteSynchronously()
    {
        using var t = new CacheTestContext();
        var ct = TestContext.Current.CancellationToken;
        Assert.True(t.Cache.SetAsync("k", Bytes("v"), new DistributedCacheEntryOptions(), ct).IsCompletedSuccessfully);
        var get = t.Cache.GetAsync("k", ct);
        Assert.True(get.IsCompletedSuccessfully);
        Assert.Equal("v", Encoding.UTF8.GetString((await get)!));
        var tryGet = t.Cache.TryGetAsync("k", new ArrayBufferWriter<byte>(), ct);
        Assert.True(tryGet.IsCompletedSuccessfully);
        Assert.True(await tryGet);
        Assert.True(t.Cache.SetAsync("k2", new ReadOnlySequence<byte>(Bytes("v")), new DistributedCacheEntryOptions(), ct).IsCompletedSuccessfully);
        Assert.True(t.Cache.RefreshAsync("k", ct).IsCompletedSuccessfully);
        Assert.True(t.Cache.RemoveAsync("k", ct).IsCompletedSuccessfully);
        Assert.Null(t.Cache.Get("k"));
    }

    [Fact]
    public async Task CancelledCallsDoNothingAndReturnCancelledTasks()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("k", Bytes("v"), new DistributedCacheEntryOptions());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Cache.SetAsync("k", Bytes("new"), new DistributedCacheEntryOptions(), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Cache.RemoveAsync("k", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Cache.GetAsync("k", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Cache.RefreshAsync("k", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await t.Cache.TryGetAsync("k", new ArrayBufferWriter<byte>(), cts.Token));
        Assert.True(t.Cache.GetAsync("k", cts.Token).IsCanceled);
        Assert.Equal("v", t.Text("k"));
    }

    [Fact]
    public void TryGetIntoABufferWriterAllocatesNothingItself()
    {
        using var t = new CacheTestContext();
        t.Cache.Set("small", Bytes("0123456789"), Options(sliding: TimeSpan.FromMinutes(1)));
        t.Cache.Set("large", new byte[4096], Options(relative: TimeSpan.FromMinutes(5), sliding: TimeSpan.FromMinutes(1)));
        var writer = new ArrayBufferWriter<byte>(8192);
        for (int warm = 0; warm < 3; warm++)
        {
            writer.ResetWrittenCount();
            t.Cache.TryGet("small", writer);
            t.Cache.TryGet("large", writer);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            writer.ResetWrittenCount();
            Assert.True(t.Cache.TryGet("small", writer));
            Assert.True(t.Cache.TryGet("large", writer));
            t.Cache.Refresh("small");
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ACacheWithoutAStoreCreatesAndDisposesItsOwn()
    {
        var cache = new ValkeyDistributedCache(new ValkeyDistributedCacheOptions());
        cache.Set("k", Bytes("v"), new DistributedCacheEntryOptions());
        Assert.Equal(1, cache.Store.Execute("EXISTS", "k").AsInt64());
        cache.Dispose();
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
