using StackExchange.Redis;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>A listener on a free loopback port and StackExchange.Redis connections to it, for the client-library tests.</summary>
internal static class ListenerClients
{
    public static TheoryData<RedisProtocol> Protocols => [RedisProtocol.Resp3, RedisProtocol.Resp2];

    public static async Task<ValkeyServer> StartAsync()
    {
        var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public static Task<ConnectionMultiplexer> ConnectAsync(ValkeyServer server, RedisProtocol protocol) =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { server.EndPoints[0] },
            Protocol = protocol,
            AbortOnConnectFail = true,
            ConnectTimeout = 10000,
            SyncTimeout = 10000,
        });
}
