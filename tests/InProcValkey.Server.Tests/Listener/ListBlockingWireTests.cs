using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

public sealed class ListBlockingWireTests
{
    private static async Task<ValkeyServer> StartAsync()
    {
        var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task Blpop_blocks_only_its_connection_until_another_pushes()
    {
        await using var server = await StartAsync();
        using var waiter = await RawClient.ConnectAsync(server.EndPoints[0]);
        using var other = await RawClient.ConnectAsync(server.EndPoints[0]);
        await waiter.SendAsync("BLPOP q1 q2 0\r\n");
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await other.SendAsync("PING\r\nRPUSH q2 a b\r\n");
        await other.ExpectAsync("+PONG\r\n:2\r\n");
        await waiter.ExpectAsync("*2\r\n$2\r\nq2\r\n$1\r\na\r\n");
        await waiter.SendAsync("LRANGE q2 0 -1\r\n");
        await waiter.ExpectAsync("*1\r\n$1\r\nb\r\n");
    }

    [Fact]
    public async Task Blmove_waits_then_moves_and_brpop_times_out_with_a_null_array()
    {
        await using var server = await StartAsync();
        using var waiter = await RawClient.ConnectAsync(server.EndPoints[0]);
        using var other = await RawClient.ConnectAsync(server.EndPoints[0]);
        await waiter.SendAsync("BLMOVE src dst LEFT RIGHT 0\r\n");
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await other.SendAsync("LPUSH src x\r\n");
        await other.ExpectAsync(":1\r\n");
        await waiter.ExpectAsync("$1\r\nx\r\n");
        await waiter.SendAsync("BRPOP nothing 0.05\r\n");
        await waiter.ExpectAsync("*-1\r\n");
    }

    [Fact]
    public async Task Client_unblock_releases_a_blpop_with_a_null_array_or_the_unblocked_error()
    {
        await using var server = await StartAsync();
        using var waiter = await RawClient.ConnectAsync(server.EndPoints[0]);
        using var other = await RawClient.ConnectAsync(server.EndPoints[0]);
        await waiter.SendAsync("CLIENT ID\r\n");
        string id = (await waiter.ReadLineAsync()).TrimStart(':').Trim();
        await waiter.SendAsync("BLPOP q 0\r\n");
        await WaitUntilBlockedAsync(other, 1);
        await other.SendAsync($"CLIENT UNBLOCK {id}\r\n");
        await other.ExpectAsync(":1\r\n");
        await waiter.ExpectAsync("*-1\r\n");
        await waiter.SendAsync("BRPOPLPUSH q d 0\r\n");
        await WaitUntilBlockedAsync(other, 1);
        await other.SendAsync($"CLIENT UNBLOCK {id} ERROR\r\n");
        await other.ExpectAsync(":1\r\n");
        await waiter.ExpectAsync("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
        await other.SendAsync("RPUSH q x\r\nLLEN q\r\n");
        await other.ExpectAsync(":1\r\n:1\r\n");
    }

    // CLIENT UNBLOCK answers 0 for a client not blocked yet: wait (INFO clients, through another connection) until the
    // server counts the expected number of blocked clients, instead of sleeping a fixed time.
    private static async Task WaitUntilBlockedAsync(RawClient via, int expected)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            await via.SendAsync("INFO clients\r\n");
            int length = int.Parse((await via.ReadLineAsync()).TrimStart('$').Trim(), System.Globalization.CultureInfo.InvariantCulture);
            string info = await via.ReadAsync(length + 2);
            if (info.Contains($"blocked_clients:{expected}\r\n", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(5, cts.Token);
        }
    }
}
