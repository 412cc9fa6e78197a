using System.Net.Sockets;
using InProcValkey.Server;
using StackExchange.Redis;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>Pub/sub over the listener: StackExchange.Redis ISubscriber, cross-caller delivery, CLIENT LIST / KILL, output limits.</summary>
public sealed class PubSubListenerTests
{
    public static TheoryData<RedisProtocol> Protocols => ListenerClients.Protocols;

    private static Task<ValkeyServer> StartAsync() => ListenerClients.StartAsync();

    private static Task<ConnectionMultiplexer> ConnectAsync(ValkeyServer server, RedisProtocol protocol) =>
        ListenerClients.ConnectAsync(server, protocol);

    private static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task StackExchangeRedis_subscriber_receives_channel_and_pattern_messages(RedisProtocol protocol)
    {
        await using var server = await StartAsync();
        using var mux = await ConnectAsync(server, protocol);
        var sub = mux.GetSubscriber();
        var channelQueue = await sub.SubscribeAsync(RedisChannel.Literal("news"));
        var patternQueue = await sub.SubscribeAsync(RedisChannel.Pattern("sp*"));
        var db = mux.GetDatabase();
        // While subscribed (on SE.Redis's subscription connection), ordinary commands still work (interactive connection).
        await db.StringSetAsync("k", "v");
        Assert.Equal(1, await sub.PublishAsync(RedisChannel.Literal("news"), "hello"));
        Assert.Equal(1, await sub.PublishAsync(RedisChannel.Literal("sport"), "goal"));
        var m1 = await Within(channelQueue.ReadAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Equal("news", m1.Channel.ToString());
        Assert.Equal("hello", (string?)m1.Message);
        var m2 = await Within(patternQueue.ReadAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Equal("sport", m2.Channel.ToString());
        Assert.Equal("goal", (string?)m2.Message);
        // Published in-process: reaches the SE.Redis subscriber too.
        Assert.Equal(1, server.Store.Publish("news", "from-store"));
        Assert.Equal("from-store", (string?)(await Within(channelQueue.ReadAsync(TestContext.Current.CancellationToken).AsTask())).Message);
        await sub.UnsubscribeAsync(RedisChannel.Literal("news"));
        Assert.Equal(0, await sub.PublishAsync(RedisChannel.Literal("news"), "nobody"));
        Assert.Equal("v", (string?)await db.StringGetAsync("k"));
    }

    [Fact]
    public async Task Messages_from_several_threads_arrive_in_each_publishers_order()
    {
        await using var server = await StartAsync();
        using var client = await RawClient.ConnectAsync(server.EndPoints[0]);
        await client.SendAsync("SUBSCRIBE c\r\n");
        await client.ExpectAsync("*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n");
        const int PerThread = 200;
        var publishers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                server.Store.Publish("c", $"{t}:{i:D4}");
            }
        })).ToArray();
        await Task.WhenAll(publishers);
        var last = new int[4];
        Array.Fill(last, -1);
        for (int n = 0; n < 4 * PerThread; n++)
        {
            // *3 $7 message $1 c $6 t:iiii
            await client.ExpectAsync("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$6\r\n");
            string payload = await client.ReadAsync(8);
            int t = payload[0] - '0';
            int i = int.Parse(payload.AsSpan(2, 4), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(last[t] + 1, i);
            last[t] = i;
        }
        Assert.All(last, l => Assert.Equal(PerThread - 1, l));
    }

    [Fact]
    public async Task Client_list_shows_subscriptions_and_kill_type_pubsub_closes_subscribers()
    {
        await using var server = await StartAsync();
        using var subscriber = await RawClient.ConnectAsync(server.EndPoints[0]);
        using var other = await RawClient.ConnectAsync(server.EndPoints[0]);
        await subscriber.SendAsync("SUBSCRIBE a b\r\nPSUBSCRIBE p*\r\nSSUBSCRIBE s\r\n");
        await subscriber.ExpectAsync("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
            + "*3\r\n$10\r\npsubscribe\r\n$2\r\np*\r\n:3\r\n*3\r\n$10\r\nssubscribe\r\n$1\r\ns\r\n:1\r\n");
        await other.SendAsync("CLIENT LIST TYPE pubsub\r\n");
        string header = await other.ReadLineAsync();
        string line = await other.ReadAsync(int.Parse(header.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(" flags=P ", line, StringComparison.Ordinal);
        Assert.Contains(" sub=2 psub=1 ssub=1 ", line, StringComparison.Ordinal);
        await other.ReadLineAsync();
        var info = server.Store.Execute("INFO", "stats").ToString()!;
        Assert.Contains("pubsub_channels:2\r\n", info, StringComparison.Ordinal);
        Assert.Contains("pubsub_patterns:1\r\n", info, StringComparison.Ordinal);
        Assert.Contains("pubsubshard_channels:1\r\n", info, StringComparison.Ordinal);
        await other.SendAsync("CLIENT KILL TYPE pubsub\r\n");
        await other.ExpectAsync(":1\r\n");
        Assert.True(await subscriber.ClosedByServerAsync());
        // Its subscriptions went with it.
        for (int i = 0; i < 100 && server.Store.Publish("a", "x") != 0; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.Equal(0, server.Store.Publish("a", "x"));
    }

    [Fact]
    public async Task A_subscriber_that_does_not_read_is_disconnected_at_the_pubsub_output_limit()
    {
        await using var server = await StartAsync();
        server.Store.Execute("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(server.EndPoints[0], TestContext.Current.CancellationToken);
        await socket.SendAsync("SUBSCRIBE big\r\n"u8.ToArray(), SocketFlags.None);
        for (int i = 0; i < 100 && server.Store.Publish("nothing", "x") == 0 && server.Store.Execute("PUBSUB", "NUMSUB", "big").Elements[1].ToString() == "0"; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        string payload = new('x', 64 * 1024);
        long receivers = 1;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        // The client never reads: once the kernel buffers are full, queued messages pass 1 MB and the client is closed.
        while (receivers != 0 && DateTime.UtcNow < deadline)
        {
            receivers = server.Store.Publish("big", payload);
            if (receivers != 0)
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }
        }
        Assert.Equal(0, receivers);
        Assert.Equal("0", server.Store.Execute("PUBSUB", "NUMSUB", "big").Elements[1].ToString());
    }
}

/// <summary>The idle timeout spares subscribed clients, as Valkey's does.</summary>
public sealed class PubSubTimeoutTests
{
    [Fact]
    public async Task Subscribed_clients_do_not_time_out()
    {
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0, Timeout = TimeSpan.FromMilliseconds(200) });
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var subscriber = await RawClient.ConnectAsync(server.EndPoints[0]);
        using var idle = await RawClient.ConnectAsync(server.EndPoints[0]);
        await subscriber.SendAsync("SUBSCRIBE c\r\n");
        await subscriber.ExpectAsync("*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n");
        Assert.True(await idle.ClosedByServerAsync());
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(1, server.Store.Publish("c", "still-here"));
        await subscriber.ExpectAsync("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$10\r\nstill-here\r\n");
    }
}
