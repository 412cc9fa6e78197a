using System.Net;
using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>The listener over raw sockets: pipelining, inline commands, AUTH, protocol errors, limits, CLIENT, QUIT.</summary>
public sealed class ListenerTests
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
    public async Task Port_zero_binds_a_free_loopback_port_and_reports_it()
    {
        await using var server = await StartAsync();
        var ep = Assert.IsType<IPEndPoint>(Assert.Single(server.EndPoints));
        Assert.Equal(IPAddress.Loopback, ep.Address);
        Assert.NotEqual(0, ep.Port);
    }

    [Fact]
    public async Task Pipelined_commands_are_answered_in_order()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nv1\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\nPING\r\n");
        await c.ExpectAsync("+OK\r\n$2\r\nv1\r\n:1\r\n+PONG\r\n");
    }

    [Fact]
    public async Task Inline_commands_work_as_typed_in_telnet()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("set greeting \"hello world\"\r\nget greeting\n");
        await c.ExpectAsync("+OK\r\n$11\r\nhello world\r\n");
    }

    [Fact]
    public async Task A_command_split_across_reads_is_run_once_complete()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("*2\r\n$4\r\nEC");
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await c.SendAsync("HO\r\n$2\r\nhi\r\n");
        await c.ExpectAsync("$2\r\nhi\r\n");
    }

    [Fact]
    public async Task A_protocol_error_is_answered_then_the_connection_closes_and_the_keyspace_stays()
    {
        await using var server = await StartAsync();
        using var a = await RawClient.ConnectAsync(server.EndPoints[0]);
        await a.SendAsync("SET kept 1\r\n*abc\r\n");
        await a.ExpectAsync("+OK\r\n-ERR Protocol error: invalid multibulk length\r\n");
        Assert.True(await a.ClosedByServerAsync());
        using var b = await RawClient.ConnectAsync(server.EndPoints[0]);
        await b.SendAsync("GET kept\r\n");
        await b.ExpectAsync("$1\r\n1\r\n");
    }

    [Fact]
    public async Task A_client_gone_mid_frame_loses_nothing_acknowledged_and_others_are_served()
    {
        await using var server = await StartAsync();
        using (var a = await RawClient.ConnectAsync(server.EndPoints[0]))
        {
            await a.SendAsync("*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$5\r\n12");
            await a.ExpectAsync("+OK\r\n");
        }
        using var other = await RawClient.ConnectAsync(server.EndPoints[0]);
        await other.SendAsync("GET a\r\nEXISTS b\r\n");
        await other.ExpectAsync("$1\r\n1\r\n:0\r\n");
    }

    [Fact]
    public async Task Quit_replies_ok_then_closes_and_skips_the_rest_of_the_batch()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("QUIT\r\nSET after quit\r\n");
        await c.ExpectAsync("+OK\r\n");
        Assert.True(await c.ClosedByServerAsync());
        Assert.Equal(0, server.Store.GetDatabase().KeyExists("after") ? 1 : 0);
    }

    [Fact]
    public async Task With_requirepass_commands_need_auth_first()
    {
        await using var server = await StartAsync(o => o.RequirePass = "s3cret");
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("GET x\r\nNOSUCHCMD\r\nAUTH wrong\r\nAUTH s3cret\r\nSET x 1\r\nGET x\r\n");
        await c.ExpectAsync("-NOAUTH Authentication required.\r\n"
            + "-ERR unknown command 'NOSUCHCMD', with args beginning with: \r\n"
            + "-WRONGPASS invalid username-password pair or user is disabled.\r\n"
            + "+OK\r\n+OK\r\n$1\r\n1\r\n");
    }

    [Fact]
    public async Task Auth_with_user_default_and_reset_deauthenticates()
    {
        await using var server = await StartAsync(o => o.RequirePass = "pw");
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("AUTH someone pw\r\nAUTH default pw\r\nPING\r\nRESET\r\nPING\r\n");
        await c.ExpectAsync("-WRONGPASS invalid username-password pair or user is disabled.\r\n+OK\r\n+PONG\r\n+RESET\r\n-NOAUTH Authentication required.\r\n");
    }

    [Fact]
    public async Task Hello_without_auth_is_refused_when_a_password_is_set_and_hello_auth_switches_to_resp3()
    {
        await using var server = await StartAsync(o => o.RequirePass = "pw");
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("HELLO 3\r\n");
        string line = await c.ReadLineAsync();
        Assert.StartsWith("-NOAUTH HELLO must be called with the client already authenticated", line);
        await c.SendAsync("HELLO 3 AUTH default pw SETNAME app\r\n");
        await c.ExpectAsync("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:1\r\n"
            + "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n");
        await c.SendAsync("CLIENT GETNAME\r\nGET nothing\r\n");
        await c.ExpectAsync("$3\r\napp\r\n_\r\n");
    }

    [Fact]
    public async Task Auth_without_a_configured_password_is_valkeys_error()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("AUTH x\r\nHELLO 4\r\nHELLO two\r\nHELLO 3 bogus\r\n");
        await c.ExpectAsync("-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\r\n"
            + "-NOPROTO unsupported protocol version\r\n-ERR Protocol version is not an integer or out of range\r\n-ERR Syntax error in HELLO option 'bogus'\r\n");
    }

    [Fact]
    public async Task Maxclients_refuses_the_extra_client_with_valkeys_error()
    {
        await using var server = await StartAsync(o => o.MaxClients = 1);
        using var first = await RawClient.ConnectAsync(server.EndPoints[0]);
        await first.SendAsync("PING\r\n");
        await first.ExpectAsync("+PONG\r\n");
        using var second = await RawClient.ConnectAsync(server.EndPoints[0]);
        await second.ExpectAsync("-ERR max number of clients reached\r\n");
        Assert.True(await second.ClosedByServerAsync());
        await first.SendAsync("PING\r\n");
        await first.ExpectAsync("+PONG\r\n");
    }

    [Fact]
    public async Task Client_setname_list_and_kill_by_id()
    {
        await using var server = await StartAsync();
        using var a = await RawClient.ConnectAsync(server.EndPoints[0]);
        using var b = await RawClient.ConnectAsync(server.EndPoints[0]);
        await b.SendAsync("CLIENT ID\r\n");
        string idLine = await b.ReadLineAsync();
        long bId = long.Parse(idLine[1..^2], System.Globalization.CultureInfo.InvariantCulture);
        await a.SendAsync("CLIENT SETNAME \"a b\"\r\nCLIENT SETNAME worker\r\nCLIENT GETNAME\r\n");
        await a.ExpectAsync("-ERR Client names cannot contain spaces, newlines or special characters.\r\n+OK\r\n$6\r\nworker\r\n");
        await a.SendAsync("CLIENT LIST\r\n");
        string header = await a.ReadLineAsync();
        string body = await a.ReadAsync(int.Parse(header[1..^2], System.Globalization.CultureInfo.InvariantCulture) + 2);
        Assert.Contains(" name=worker ", body);
        Assert.Contains($"id={bId} ", body);
        Assert.Contains("cmd=client|list user=default redir=-1 resp=2 lib-name= lib-ver=\n", body);
        await a.SendAsync($"CLIENT KILL ID {bId}\r\nCLIENT KILL ID 0\r\nCLIENT KILL 1.2.3.4:5\r\n");
        await a.ExpectAsync(":1\r\n-ERR client-id should be greater than 0\r\n-ERR No such client\r\n");
        Assert.True(await b.ClosedByServerAsync());
    }

    [Fact]
    public async Task Client_reply_off_and_skip_silence_replies()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("CLIENT REPLY OFF\r\nSET a 1\r\nCLIENT REPLY ON\r\nCLIENT REPLY SKIP\r\nGET a\r\nGET a\r\n");
        await c.ExpectAsync("+OK\r\n$1\r\n1\r\n");
    }

    [Fact]
    public async Task Idle_clients_are_closed_after_the_timeout()
    {
        await using var server = await StartAsync(o => o.Timeout = TimeSpan.FromMilliseconds(200));
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        Assert.True(await c.ClosedByServerAsync());
    }

    [Fact]
    public async Task Unix_socket_and_ipv6_listeners_serve_the_same_store()
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6 || OperatingSystem.IsWindows())
        {
            return;
        }
        string path = Path.Combine(Path.GetTempPath(), $"ipv-{Guid.NewGuid():N}.sock");
        await using var server = await StartAsync(o =>
        {
            o.Bind.Add("::1");
            o.UnixSocket = path;
        });
        Assert.Equal(3, server.EndPoints.Count);
        using var unix = await RawClient.ConnectAsync(server.EndPoints[2]);
        await unix.SendAsync("SET where unix\r\n");
        await unix.ExpectAsync("+OK\r\n");
        using var v6 = await RawClient.ConnectAsync(server.EndPoints[1]);
        await v6.SendAsync("GET where\r\n");
        await v6.ExpectAsync("$4\r\nunix\r\n");
        await server.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Stop_closes_connected_clients()
    {
        var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("PING\r\n");
        await c.ExpectAsync("+PONG\r\n");
        await server.DisposeAsync();
        Assert.True(await c.ClosedByServerAsync());
    }
}
