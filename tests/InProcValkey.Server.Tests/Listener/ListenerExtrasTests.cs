using System.Diagnostics.Metrics;
using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>RESP3/RESP2 shapes of connection replies, the unauthenticated limits, CLIENT KILL filters and the meter.</summary>
public sealed class ListenerExtrasTests
{
    private static async Task<ValkeyServer> StartAsync(string? password = null)
    {
        var server = new ValkeyServer(new ValkeyServerOptions { Port = 0, RequirePass = password });
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    [Fact]
    public async Task Hello_2_replies_with_a_flat_array_and_client_info_is_verbatim_in_resp3()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("HELLO 2\r\n");
        await c.ExpectAsync("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:1\r\n"
            + "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n");
        await c.SendAsync("HELLO 3\r\nCLIENT INFO\r\n");
        string map = await c.ReadLineAsync();
        Assert.Equal("%7\r\n", map);
        for (int i = 0; i < 25; i++) // the map's 14 elements, 25 lines
        {
            await c.ReadLineAsync();
        }
        string header = await c.ReadLineAsync();
        Assert.StartsWith("=", header);
        string body = await c.ReadAsync(int.Parse(header[1..^2], System.Globalization.CultureInfo.InvariantCulture) + 2);
        Assert.StartsWith("txt:id=1 addr=127.0.0.1:", body);
        Assert.EndsWith(" cmd=client|info user=default redir=-1 resp=3 lib-name= lib-ver=\n\r\n", body);
    }

    [Fact]
    public async Task Before_auth_the_smaller_multibulk_limit_applies()
    {
        await using var server = await StartAsync("pw");
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("*11\r\n");
        await c.ExpectAsync("-ERR Protocol error: unauthenticated multibulk length\r\n");
        Assert.True(await c.ClosedByServerAsync());
        using var d = await RawClient.ConnectAsync(server.EndPoints[0]);
        await d.SendAsync("AUTH pw\r\n*11\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n");
        await d.ExpectAsync("+OK\r\n+OK\r\n");
    }

    [Fact]
    public async Task Client_kill_by_addr_and_laddr_and_skipme()
    {
        await using var server = await StartAsync();
        using var a = await RawClient.ConnectAsync(server.EndPoints[0]);
        using var b = await RawClient.ConnectAsync(server.EndPoints[0]);
        await a.SendAsync("PING\r\n");
        await a.ExpectAsync("+PONG\r\n");
        await b.SendAsync("PING\r\n");
        await b.ExpectAsync("+PONG\r\n");
        string laddr = server.EndPoints[0].ToString()!;
        await a.SendAsync($"CLIENT KILL LADDR {laddr} SKIPME yes\r\n");
        await a.ExpectAsync(":1\r\n");
        Assert.True(await b.ClosedByServerAsync());
        await a.SendAsync($"CLIENT KILL LADDR {laddr} SKIPME no\r\n");
        await a.ExpectAsync(":1\r\n");
        Assert.True(await a.ClosedByServerAsync());
    }

    [Fact]
    public async Task The_meter_counts_connections_and_commands()
    {
        long commands = 0, accepted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "InProcValkey.Server")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "inprocvalkey.server.commands")
            {
                Interlocked.Add(ref commands, value);
            }
            else if (instrument.Name == "inprocvalkey.server.connections.accepted")
            {
                Interlocked.Add(ref accepted, value);
            }
        });
        listener.Start();
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("PING\r\nPING\r\nPING\r\n");
        await c.ExpectAsync("+PONG\r\n+PONG\r\n+PONG\r\n");
        Assert.True(Interlocked.Read(ref commands) >= 3);
        Assert.True(Interlocked.Read(ref accepted) >= 1);
    }
}
