using System.Text;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>
/// The connection's own receive and reply buffers (16 KB, growing only for a command that does not fit): commands and
/// replies larger than the buffers, pipelines that end mid-command at a buffer boundary, and the query buffer limit.
/// </summary>
public sealed class ListenerBufferTests
{
    private static async Task<ValkeyServer> StartAsync(Action<ValkeyServerOptions>? configure = null)
    {
        var options = new ValkeyServerOptions { Port = 0 };
        configure?.Invoke(options);
        var server = new ValkeyServer(options);
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task A_value_many_times_the_buffer_size_is_stored_and_read_back_whole()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        string value = string.Create(200_000, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });
        await c.SendAsync($"*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n${value.Length}\r\n{value}\r\n*2\r\n$3\r\nGET\r\n$3\r\nbig\r\nPING\r\n");
        await c.ExpectAsync($"+OK\r\n${value.Length}\r\n{value}\r\n+PONG\r\n");
        await c.SendAsync("STRLEN big\r\n");
        await c.ExpectAsync(":200000\r\n");
    }

    [Fact]
    public async Task A_long_pipeline_crossing_buffer_boundaries_mid_command_is_answered_in_order()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        var request = new StringBuilder();
        var expected = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            string key = "key:" + i;
            string value = new('v', i % 50);
            request.Append($"*3\r\n$3\r\nSET\r\n${key.Length}\r\n{key}\r\n${value.Length}\r\n{value}\r\n*2\r\n$3\r\nGET\r\n${key.Length}\r\n{key}\r\n");
            expected.Append($"+OK\r\n${value.Length}\r\n{value}\r\n");
        }
        string all = request.ToString();
        // Sent in uneven pieces, so reads end inside headers and bulks.
        for (int at = 0; at < all.Length; at += 7001)
        {
            await c.SendAsync(all.Substring(at, Math.Min(7001, all.Length - at)));
        }
        await c.ExpectAsync(expected.ToString());
    }

    [Fact]
    public async Task A_command_larger_than_the_query_buffer_limit_closes_the_connection_without_a_reply()
    {
        await using var server = await StartAsync(o => o.ClientQueryBufferLimit = 64 * 1024);
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("PING\r\n");
        await c.ExpectAsync("+PONG\r\n");
        await c.SendAsync($"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$200000\r\n{new string('x', 100_000)}");
        Assert.True(await c.ClosedByServerAsync());
        Assert.False(server.Store.GetDatabase().KeyExists("k"));
    }
}
