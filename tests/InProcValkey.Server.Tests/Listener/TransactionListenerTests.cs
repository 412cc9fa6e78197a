using InProcValkey.Server;
using StackExchange.Redis;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>StackExchange.Redis <c>ITransaction</c> with conditions (WATCH + MULTI/EXEC) against the listener, both protocols.</summary>
public sealed class TransactionListenerTests
{
    public static TheoryData<RedisProtocol> Protocols => ListenerClients.Protocols;

    private static Task<ValkeyServer> StartAsync() => ListenerClients.StartAsync();

    private static Task<ConnectionMultiplexer> ConnectAsync(ValkeyServer server, RedisProtocol protocol) =>
        ListenerClients.ConnectAsync(server, protocol);

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task TransactionWithHoldingConditionsRunsEveryCommand(RedisProtocol protocol)
    {
        await using var server = await StartAsync();
        using var mux = await ConnectAsync(server, protocol);
        var db = mux.GetDatabase();
        await db.StringSetAsync("balance", "10");
        await db.HashSetAsync("user", "state", "active");
        var tx = db.CreateTransaction();
        var c1 = tx.AddCondition(Condition.StringEqual("balance", "10"));
        var c2 = tx.AddCondition(Condition.HashEqual("user", "state", "active"));
        var c3 = tx.AddCondition(Condition.KeyNotExists("lock"));
        var decr = tx.StringDecrementAsync("balance", 3);
        var push = tx.ListRightPushAsync("log", "debit 3");
        var zadd = tx.SortedSetAddAsync("scores", "u", 1.5);
        var get = tx.StringGetAsync("balance");
        Assert.True(await tx.ExecuteAsync());
        Assert.True(c1.WasSatisfied && c2.WasSatisfied && c3.WasSatisfied);
        Assert.Equal(7, await decr);
        Assert.Equal(1, await push);
        Assert.True(await zadd);
        Assert.Equal("7", (string?)await get);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task TransactionWithAFailingConditionRunsNothing(RedisProtocol protocol)
    {
        await using var server = await StartAsync();
        using var mux = await ConnectAsync(server, protocol);
        var db = mux.GetDatabase();
        await db.StringSetAsync("lock", "held");
        var tx = db.CreateTransaction();
        var cond = tx.AddCondition(Condition.KeyNotExists("lock"));
        var set = tx.StringSetAsync("k", "v");
        Assert.False(await tx.ExecuteAsync());
        Assert.False(cond.WasSatisfied);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => set);
        Assert.False(await db.KeyExistsAsync("k"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task TransactionWithoutConditionsReportsARuntimeErrorPerCommand(RedisProtocol protocol)
    {
        await using var server = await StartAsync();
        using var mux = await ConnectAsync(server, protocol);
        var db = mux.GetDatabase();
        await db.StringSetAsync("s", "text");
        var tx = db.CreateTransaction();
        var bad = tx.ListLeftPushAsync("s", "x");
        var good = tx.StringIncrementAsync("n");
        Assert.True(await tx.ExecuteAsync());
        await Assert.ThrowsAsync<RedisServerException>(() => bad);
        Assert.Equal(1, await good);
    }

    [Fact]
    public async Task ClientListShowsTheMultiFlagAndQueueLength()
    {
        await using var server = await StartAsync();
        using var raw = await RawClient.ConnectAsync(server.EndPoints[0]);
        await raw.SendAsync("MULTI\r\nSET a 1\r\n");
        await raw.ExpectAsync("+OK\r\n+QUEUED\r\n");
        using var other = await RawClient.ConnectAsync(server.EndPoints[0]);
        await other.SendAsync("CLIENT LIST\r\n");
        string header = await other.ReadLineAsync();
        string list = await other.ReadAsync(int.Parse(header[1..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(list.Split('\n'), l => l.Contains(" flags=x ", StringComparison.Ordinal) && l.Contains(" multi=1 ", StringComparison.Ordinal));
    }
}
