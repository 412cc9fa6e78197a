using System.Net.Sockets;
using System.Text;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>
/// Both socket transports (the epoll loops, default on Linux x86-64, and .NET's socket engine used elsewhere): large
/// frames both ways, a reader slower than the replies, several event loops (io-threads), QUIT.
/// </summary>
public sealed class TransportTests
{
    private static async Task<ValkeyServer> StartAsync(bool socketEngine, int ioThreads = 1)
    {
        var server = new ValkeyServer(new ValkeyServerOptions { Port = 0, IoThreads = ioThreads, SocketEngine = socketEngine });
        await server.StartAsync();
        return server;
    }

    private static string Command(params string[] args) => RespHarness.Command(args);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_value_goes_in_and_comes_back_whole(bool socketEngine)
    {
        await using var server = await StartAsync(socketEngine);
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        // 3 MB: more than one receive on the way in, more than the socket buffer on the way out.
        string value = string.Concat(Enumerable.Range(0, 3 * 1024 * 1024 / 16).Select(i => i.ToString("x15") + "."));
        await c.SendAsync(Command("SET", "big", value) + Command("STRLEN", "big") + Command("GET", "big") + Command("PING"));
        await c.ExpectAsync($"+OK\r\n:{value.Length}\r\n${value.Length}\r\n{value}\r\n+PONG\r\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Replies_wait_for_a_reader_that_does_not_read_and_arrive_in_order(bool socketEngine)
    {
        await using var server = await StartAsync(socketEngine);
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        string value = new('v', 64 * 1024);
        await c.SendAsync(Command("SET", "k", value));
        await c.ExpectAsync("+OK\r\n");
        // 200 GETs of 64 KB (12.8 MB of replies) sent at once; nothing is read until all were sent.
        var batch = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            batch.Append(Command("GET", "k"));
        }
        batch.Append(Command("ECHO", "done"));
        await c.SendAsync(batch.ToString());
        string one = $"${value.Length}\r\n{value}\r\n";
        for (int i = 0; i < 200; i++)
        {
            await c.ExpectAsync(one);
        }
        await c.ExpectAsync("$4\r\ndone\r\n");
        // The connection still serves.
        await c.SendAsync(Command("DBSIZE"));
        await c.ExpectAsync(":1\r\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Quit_answers_ok_then_closes(bool socketEngine)
    {
        await using var server = await StartAsync(socketEngine);
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync(Command("SET", "k", "v") + Command("QUIT") + Command("SET", "k", "never"));
        await c.ExpectAsync("+OK\r\n+OK\r\n");
        Assert.True(await c.ClosedByServerAsync());
        Assert.Equal("v", server.Store.GetDatabase(0).StringGet("k"));
    }

    [Fact]
    public async Task Several_event_loops_serve_their_connections_and_config_reports_io_threads()
    {
        await using var server = await StartAsync(socketEngine: false, ioThreads: 3);
        var clients = new List<RawClient>();
        try
        {
            for (int i = 0; i < 7; i++)
            {
                clients.Add(await RawClient.ConnectAsync(server.EndPoints[0]));
            }
            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                for (int round = 0; round < 20; round++)
                {
                    await c.SendAsync(Command("INCR", "n") + Command("SET", $"k{i}", $"{round}") + Command("GET", $"k{i}"));
                    string reply = await c.ReadLineAsync();
                    Assert.StartsWith(":", reply);
                    await c.ExpectAsync($"+OK\r\n${round.ToString().Length}\r\n{round}\r\n");
                }
            }));
            await clients[0].SendAsync(Command("GET", "n") + Command("CONFIG", "GET", "io-threads"));
            await clients[0].ExpectAsync("$3\r\n140\r\n*2\r\n$10\r\nio-threads\r\n$1\r\n3\r\n");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void Io_threads_outside_1_to_128_are_refused(int ioThreads) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValkeyServer(new ValkeyServerOptions { IoThreads = ioThreads }));

    [Fact]
    public async Task A_client_that_vanishes_mid_frame_leaves_the_loop_serving_others()
    {
        await using var server = await StartAsync(socketEngine: false);
        using (var gone = await RawClient.ConnectAsync(server.EndPoints[0]))
        {
            await gone.SendAsync("*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$100\r\nhalf");
        }
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync(Command("EXISTS", "x") + Command("PING"));
        await c.ExpectAsync(":0\r\n+PONG\r\n");
    }
}
