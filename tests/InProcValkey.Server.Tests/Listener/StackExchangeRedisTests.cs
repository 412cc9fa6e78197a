using InProcValkey.Server;
using StackExchange.Redis;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>StackExchange.Redis against the listener on a free loopback port, with its RESP3 handshake and with RESP2.</summary>
public sealed class StackExchangeRedisTests
{
    public static TheoryData<RedisProtocol> Protocols => [RedisProtocol.Resp3, RedisProtocol.Resp2];

    private static async Task<(ValkeyServer Server, ConnectionMultiplexer Mux)> ConnectAsync(RedisProtocol protocol, string? password = null)
    {
        var server = new ValkeyServer(new ValkeyServerOptions { Port = 0, RequirePass = password });
        await server.StartAsync(TestContext.Current.CancellationToken);
        var config = new ConfigurationOptions
        {
            EndPoints = { server.EndPoints[0] },
            Protocol = protocol,
            Password = password,
            AbortOnConnectFail = true,
            ConnectTimeout = 10000,
            SyncTimeout = 10000,
        };
        var mux = await ConnectionMultiplexer.ConnectAsync(config);
        return (server, mux);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Strings_counters_keys_and_expiry_round_trip(RedisProtocol protocol)
    {
        var (server, mux) = await ConnectAsync(protocol);
        await using (server)
        using (mux)
        {
            Assert.True(mux.IsConnected);
            var db = mux.GetDatabase();
            Assert.True(await db.StringSetAsync("name", "valkey", TimeSpan.FromMinutes(5)));
            Assert.Equal("valkey", (string?)await db.StringGetAsync("name"));
            var ttl = await db.KeyTimeToLiveAsync("name");
            Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
            Assert.Equal(1, await db.StringIncrementAsync("counter"));
            Assert.Equal(11, await db.StringIncrementAsync("counter", 10));
            Assert.True(await db.KeyExpireAsync("counter", TimeSpan.FromSeconds(100)));
            Assert.InRange((await db.KeyTimeToLiveAsync("counter"))!.Value, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100));
            Assert.True(await db.KeyDeleteAsync("name"));
            Assert.False(await db.KeyExistsAsync("name"));
            Assert.True((await db.StringGetAsync("name")).IsNull);
            Assert.Equal("hi", (string?)await db.ExecuteAsync("ECHO", "hi"));
            Assert.Equal(protocol, mux.GetServer(server.EndPoints[0]).Protocol);
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Connects_with_a_password(RedisProtocol protocol)
    {
        var (server, mux) = await ConnectAsync(protocol, "pa55");
        await using (server)
        using (mux)
        {
            var db = mux.GetDatabase(3);
            await db.StringSetAsync("k", "v");
            Assert.Equal("v", (string?)await db.StringGetAsync("k"));
            Assert.Equal("v", server.Store.GetDatabase(3).StringGet("k"));
        }
    }
}
