using System.Globalization;
using System.Net;
using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>CONFIG parameters that describe the listener itself, and what the engine records about listener clients.</summary>
public sealed class ListenerConfigTests
{
    [Fact]
    public async Task Config_get_port_is_the_port_listened_on()
    {
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        string port = ((IPEndPoint)server.EndPoints[0]).Port.ToString(CultureInfo.InvariantCulture);
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("CONFIG GET port\r\n");
        await c.ExpectAsync($"*2\r\n$4\r\nport\r\n${port.Length}\r\n{port}\r\n");
    }

    [Fact]
    public async Task Slowlog_entries_carry_the_clients_address_and_name()
    {
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("CONFIG SET slowlog-log-slower-than 0\r\nCLIENT SETNAME foobar\r\nCLIENT INFO\r\nSLOWLOG GET 1\r\n");
        await c.ExpectAsync("+OK\r\n+OK\r\n");
        await c.ReadLineAsync(); // CLIENT INFO: $n
        string info = await c.ReadLineAsync();
        string addr = info.Split(' ').Single(f => f.StartsWith("addr=", StringComparison.Ordinal))[5..];
        // [id, time, µs, [CLIENT, INFO], addr, name]
        Assert.Equal("*1\r\n", await c.ReadLineAsync());
        Assert.Equal("*6\r\n", await c.ReadLineAsync());
        for (int i = 0; i < 3; i++)
        {
            Assert.StartsWith(":", await c.ReadLineAsync());
        }
        await c.ExpectAsync("*2\r\n$6\r\nCLIENT\r\n$4\r\nINFO\r\n");
        await c.ExpectAsync($"${addr.Length}\r\n{addr}\r\n$6\r\nfoobar\r\n");
    }
}
