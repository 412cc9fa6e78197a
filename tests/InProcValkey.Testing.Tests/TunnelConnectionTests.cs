using StackExchange.Redis;

namespace InProcValkey.Testing.Tests;

public sealed class TunnelConnectionTests
{
    [Fact]
    public async Task MultiplexerConnectsWithoutASocket()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        Assert.True(kit.Multiplexer.IsConnected);
        Assert.True(await db.StringSetAsync("k", "v"));
        Assert.Equal("v", (string?)await db.StringGetAsync("k"));
        Assert.Equal("v", kit.Execute("GET", "k").ToString());
    }

    [Theory]
    [InlineData(RedisProtocol.Resp2)]
    [InlineData(RedisProtocol.Resp3)]
    public async Task TheChosenProtocolIsNegotiated(RedisProtocol protocol)
    {
        await using var kit = await ValkeyTestServer.StartAsync(o => o.Protocol = protocol);
        var server = kit.Multiplexer.GetServer(kit.Multiplexer.GetEndPoints()[0]);
        Assert.Equal(protocol, server.Protocol);
        var clients = await server.ClientListAsync();
        Assert.Contains(clients, c => c.Protocol == protocol);
    }

    [Fact]
    public async Task ManyKitsInARowEachConnectAndDisposeCleanly()
    {
        for (int i = 0; i < 50; i++)
        {
            await using var kit = await ValkeyTestServer.StartAsync();
            var db = kit.Multiplexer.GetDatabase();
            await db.StringSetAsync("k", i);
            Assert.Equal(i, (int)await db.StringGetAsync("k"));
        }
    }
}
