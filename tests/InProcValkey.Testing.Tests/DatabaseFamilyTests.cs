using StackExchange.Redis;

namespace InProcValkey.Testing.Tests;

/// <summary>The StackExchange.Redis IDatabase families popular libraries use, over the in-memory tunnel, on RESP2 and RESP3.</summary>
public sealed class DatabaseFamilyTests
{
    public static TheoryData<RedisProtocol> Protocols => [RedisProtocol.Resp2, RedisProtocol.Resp3];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task StringSetAndGetHonourExpiryAndWhen(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        Assert.True(await db.StringSetAsync("s", "one", TimeSpan.FromSeconds(30)));
        Assert.False(await db.StringSetAsync("s", "two", when: StackExchange.Redis.When.NotExists));
        Assert.True(await db.StringSetAsync("s", "three", TimeSpan.FromSeconds(30), when: StackExchange.Redis.When.Exists));
        Assert.False(await db.StringSetAsync("missing", "x", when: StackExchange.Redis.When.Exists));
        Assert.Equal("three", (string?)await db.StringGetAsync("s"));
        var withExpiry = await db.StringGetWithExpiryAsync("s");
        Assert.Equal(TimeSpan.FromSeconds(30), withExpiry.Expiry);
        kit.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("three", (string?)await db.StringGetAsync("s")); // Valkey expires a key once now > its deadline
        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await db.StringGetAsync("s")).IsNull);
        Assert.Equal(5, await db.StringIncrementAsync("n", 5));
        Assert.Equal(new RedisValue[] { "5", RedisValue.Null }, await db.StringGetAsync(["n", "nope"]));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ListsPushLeftAndPopRight(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        Assert.Equal(3, await db.ListLeftPushAsync("q", ["a", "b", "c"]));
        Assert.Equal("a", (string?)await db.ListRightPopAsync("q"));
        Assert.Equal(new RedisValue[] { "c", "b" }, await db.ListRangeAsync("q"));
        Assert.Equal(2, await db.ListLengthAsync("q"));
        Assert.Equal(new RedisValue[] { "b", "c" }, await db.ListRightPopAsync("q", 5));
        Assert.False(await db.KeyExistsAsync("q"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task HashesSetAndGetAll(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        await db.HashSetAsync("h", [new("name", "ada"), new("age", 36)]);
        Assert.True(await db.HashSetAsync("h", "city", "london"));
        var all = (await db.HashGetAllAsync("h")).ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        Assert.Equal(new Dictionary<string, string?> { ["name"] = "ada", ["age"] = "36", ["city"] = "london" }, all);
        Assert.Equal(37, await db.HashIncrementAsync("h", "age"));
        Assert.True(await db.HashDeleteAsync("h", "city"));
        Assert.Equal(2, await db.HashLengthAsync("h"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SetsAddAndListMembers(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        Assert.Equal(3, await db.SetAddAsync("s", ["x", "y", "z"]));
        Assert.False(await db.SetAddAsync("s", "x"));
        Assert.Equal(["x", "y", "z"], (await db.SetMembersAsync("s")).Select(v => (string)v!).Order());
        Assert.True(await db.SetContainsAsync("s", "y"));
        Assert.True(await db.SetRemoveAsync("s", "y"));
        Assert.Equal(2, await db.SetLengthAsync("s"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SortedSetsAddAndRangeByScore(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        Assert.Equal(3, await db.SortedSetAddAsync("z", [new("a", 1), new("b", 2.5), new("c", 10)]));
        Assert.Equal(new RedisValue[] { "a", "b" }, await db.SortedSetRangeByScoreAsync("z", 0, 5));
        var withScores = await db.SortedSetRangeByScoreWithScoresAsync("z", 2, double.PositiveInfinity, order: StackExchange.Redis.Order.Descending);
        Assert.Equal([("c", 10d), ("b", 2.5d)], withScores.Select(e => ((string)e.Element!, e.Score)));
        Assert.Equal(11, await db.SortedSetIncrementAsync("z", "a", 10));
        Assert.Equal(2, await db.SortedSetRankAsync("z", "a"));
        Assert.Equal(2.5, await db.SortedSetScoreAsync("z", "b"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task KeyExpireAndTimeToLiveFollowTheKitClock(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        await db.StringSetAsync("k", "v");
        Assert.Null(await db.KeyTimeToLiveAsync("k"));
        Assert.True(await db.KeyExpireAsync("k", TimeSpan.FromMinutes(10)));
        kit.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(TimeSpan.FromMinutes(6), await db.KeyTimeToLiveAsync("k"));
        Assert.True(await db.KeyExpireAsync("k", kit.Time.GetUtcNow().UtcDateTime.AddSeconds(90)));
        Assert.Equal(TimeSpan.FromSeconds(90), await db.KeyTimeToLiveAsync("k"));
        Assert.True(await db.KeyPersistAsync("k"));
        kit.Time.Advance(TimeSpan.FromDays(1));
        Assert.True(await db.KeyExistsAsync("k"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task BatchesSendTheirCommandsTogether(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        var batch = db.CreateBatch();
        var set = batch.StringSetAsync("a", "1");
        var incr = batch.StringIncrementAsync("a");
        var push = batch.ListRightPushAsync("l", "x");
        batch.Execute();
        Assert.True(await set);
        Assert.Equal(2, await incr);
        Assert.Equal(1, await push);
        Assert.Equal(["SET", "INCR", "RPUSH"], kit.Log.Entries.Select(e => e.Name).Where(n => n is "SET" or "INCR" or "RPUSH"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task PublishedMessagesReachSubscribers(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var subscriber = kit.Multiplexer.GetSubscriber();
        var queue = await subscriber.SubscribeAsync(RedisChannel.Literal("news"));
        var patternQueue = await subscriber.SubscribeAsync(RedisChannel.Pattern("n*"));
        long receivers = await kit.Multiplexer.GetDatabase().PublishAsync(RedisChannel.Literal("news"), "hello");
        Assert.Equal(2, receivers);
        var message = await queue.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("hello", (string?)message.Message);
        var patternMessage = await patternQueue.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("news", (string?)patternMessage.Channel);
        await subscriber.UnsubscribeAllAsync();
        Assert.Equal(0, await kit.Multiplexer.GetDatabase().PublishAsync(RedisChannel.Literal("news"), "again"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task TransactionsWithConditionsCommitOrAbort(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var db = kit.Multiplexer.GetDatabase();
        var tx = db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists("lock"));
        var set = tx.StringSetAsync("lock", "me", TimeSpan.FromSeconds(10));
        var incr = tx.StringIncrementAsync("counter");
        Assert.True(await tx.ExecuteAsync());
        Assert.True(await set);
        Assert.Equal(1, await incr);

        var second = db.CreateTransaction();
        second.AddCondition(Condition.KeyNotExists("lock"));
        _ = second.StringIncrementAsync("counter");
        Assert.False(await second.ExecuteAsync());
        Assert.Equal(1, (long)await db.StringGetAsync("counter"));

        var third = db.CreateTransaction();
        third.AddCondition(Condition.StringEqual("lock", "me"));
        third.AddCondition(Condition.HashNotExists("h", "f"));
        _ = third.HashSetAsync("h", "f", "v");
        Assert.True(await third.ExecuteAsync());
        kit.Time.Advance(TimeSpan.FromSeconds(11));
        var fourth = db.CreateTransaction();
        fourth.AddCondition(Condition.KeyExists("lock"));
        _ = fourth.StringIncrementAsync("counter");
        Assert.False(await fourth.ExecuteAsync());
    }
}
