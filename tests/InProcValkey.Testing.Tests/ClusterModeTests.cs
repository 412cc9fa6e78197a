using StackExchange.Redis;

namespace InProcValkey.Testing.Tests;

public sealed class ClusterModeTests
{
    [Theory]
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("123456789", 12739)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("{user1000}.followers", 3443)]
    [InlineData("foo{}{bar}", 8363)]
    [InlineData("foo{{bar}}zap", 4015)]
    [InlineData("foo{bar}{zap}", 5061)]
    public void HashSlotsAreValkeysKeyHashSlot(string key, int slot) => Assert.Equal(slot, HashSlot.Of(key));

    [Fact]
    public async Task MultiKeyCommandsAcrossSlotsFailWithCrossSlot()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.ClusterStrict = true);
        var db = kit.Multiplexer.GetDatabase();
        var e = await Assert.ThrowsAsync<RedisServerException>(() => db.StringGetAsync(["a", "b"]));
        Assert.Equal("CROSSSLOT Keys in request don't hash to the same slot", e.Message);
        await Assert.ThrowsAsync<RedisServerException>(() => db.SetCombineAsync(StackExchange.Redis.SetOperation.Union, "s1", "s2"));
        await Assert.ThrowsAsync<RedisServerException>(() => db.KeyDeleteAsync(["x", "y"]));
        // keynum commands (ZUNIONSTORE) and SORT … STORE are checked from the command table's key specs too
        await Assert.ThrowsAsync<RedisServerException>(() => db.SortedSetCombineAndStoreAsync(StackExchange.Redis.SetOperation.Union, "dst", "z1", "z2"));
        await Assert.ThrowsAsync<RedisServerException>(() => db.SortAndStoreAsync("dst", "src"));
        Assert.Equal(new RedisValue[] { RedisValue.Null, RedisValue.Null }, await db.StringGetAsync(["{u1}a", "{u1}b"]));
        Assert.Equal(0, await db.SortAndStoreAsync("{t}dst", "{t}src"));
        Assert.True(await db.StringSetAsync("single", "key"));
    }

    [Fact]
    public async Task ClusterKeySlotAnswersAndSelectIsRefused()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.ClusterStrict = true);
        var db = kit.Multiplexer.GetDatabase();
        Assert.Equal(12182, (long)await db.ExecuteAsync("CLUSTER", "KEYSLOT", "foo"));
        // Code that uses database 1 does not reach it: SELECT is refused (StackExchange.Redis does not surface the error).
        kit.LoadCommands("SET k in-db-1", database: 1);
        Assert.True((await kit.Multiplexer.GetDatabase(1).StringGetAsync("k")).IsNull);
        Assert.Contains(kit.Log.Named("SELECT"), c => c.Arguments[0] == "1");
    }

    [Fact]
    public async Task WithoutStrictModeTheServerIsStandalone()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        Assert.Equal(2, (await db.StringGetAsync(["a", "b"])).Length);
        var e = await Assert.ThrowsAsync<RedisServerException>(() => db.ExecuteAsync("CLUSTER", "KEYSLOT", "foo"));
        Assert.Equal("ERR This instance has cluster support disabled", e.Message);
        kit.ClusterStrict = true;
        await Assert.ThrowsAsync<RedisServerException>(() => db.StringGetAsync(["a", "b"]));
    }

    [Fact]
    public async Task TransactionsWhoseKeysSpanSlotsFailAtExec()
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.ClusterStrict = true);
        var db = kit.Multiplexer.GetDatabase();
        // Each command alone has one key; together they span two slots, which a cluster refuses at EXEC.
        var cross = db.CreateTransaction();
        _ = cross.StringSetAsync("a", "1");
        _ = cross.HashSetAsync("b", "f", "2");
        var e = await Assert.ThrowsAnyAsync<RedisException>(() => cross.ExecuteAsync());
        Assert.Contains("CROSSSLOT", e.Message);
        Assert.False(await db.KeyExistsAsync("a"));
        Assert.False(await db.KeyExistsAsync("b"));

        var same = db.CreateTransaction();
        var set1 = same.StringSetAsync("{u}a", "1");
        var set2 = same.HashSetAsync("{u}b", "f", "2");
        Assert.True(await same.ExecuteAsync());
        Assert.True(await set1 && await set2);
    }
}
