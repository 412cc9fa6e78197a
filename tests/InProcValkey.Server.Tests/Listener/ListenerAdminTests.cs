using System.Text.RegularExpressions;
using InProcValkey.Server;
using Microsoft.Extensions.Time.Testing;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>CLIENT PAUSE, CLIENT KILL filters, CLIENT LIST fields, MONITOR, output buffer limits and INFO statistics over the wire.</summary>
public sealed partial class ListenerAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ValkeyServer> StartAsync(ValkeyServerOptions? options = null, ValkeyStore? store = null)
    {
        options ??= new ValkeyServerOptions();
        options.Port = 0;
        var server = store is null ? new ValkeyServer(options) : new ValkeyServer(store, options);
        await server.StartAsync(Ct);
        return server;
    }

    private static async Task<RawClient> ConnectAsync(ValkeyServer server)
    {
        var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("PING\r\n");
        await c.ExpectAsync("+PONG\r\n");
        return c;
    }

    private static async Task<string> BulkAsync(RawClient c)
    {
        string header = await c.ReadLineAsync();
        Assert.StartsWith("$", header);
        int length = int.Parse(header[1..^2], System.Globalization.CultureInfo.InvariantCulture);
        string body = await c.ReadAsync(length + 2);
        return body[..^2];
    }

    // ---- CLIENT PAUSE ----

    [Fact]
    public async Task Pause_write_holds_writes_but_not_reads_until_the_pause_ends_on_the_engines_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = new ValkeyStore(new ValkeyStoreOptions { TimeProvider = time });
        await using var server = await StartAsync(store: store);
        using var admin = await ConnectAsync(server);
        using var c = await ConnectAsync(server);
        await admin.SendAsync("CLIENT PAUSE 10000 WRITE\r\n");
        await admin.ExpectAsync("+OK\r\n");
        // Errors found before the call are answered at once; a read goes on; the write (and what follows it) waits.
        await c.SendAsync("GET\r\nGET k\r\nEXPIRE k 10\r\nPING\r\n");
        await c.ExpectAsync("-ERR wrong number of arguments for 'get' command\r\n$-1\r\n");
        var held = c.ReadAsync(":0\r\n+PONG\r\n".Length);
        await Task.Delay(200, Ct);
        Assert.False(held.IsCompleted);
        await admin.SendAsync("CLIENT LIST\r\n");
        Assert.Contains(" flags=b ", (await BulkAsync(admin)).Split('\n')[1]);
        // A held client counts in blocked_clients (Valkey's BLOCKED_POSTPONE).
        await admin.SendAsync("INFO clients\r\n");
        Assert.Contains("blocked_clients:1\r\n", await BulkAsync(admin));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(":0\r\n+PONG\r\n", await held);
        await admin.SendAsync("INFO clients\r\n");
        Assert.Contains("blocked_clients:0\r\n", await BulkAsync(admin));
    }

    [Fact]
    public async Task Pause_all_holds_every_command_even_the_pausing_clients_and_unpause_from_elsewhere_is_held_too_until_the_end()
    {
        await using var server = await StartAsync();
        using var a = await ConnectAsync(server);
        using var b = await ConnectAsync(server);
        await a.SendAsync("CLIENT PAUSE 100000\r\nPING\r\n");
        await a.ExpectAsync("+OK\r\n");
        var pong = a.ReadAsync("+PONG\r\n".Length);
        await Task.Delay(200, Ct);
        Assert.False(pong.IsCompleted);
        server.Store.Engine.Pause.Unpause();
        Assert.Equal("+PONG\r\n", await pong);
        // WRITE then UNPAUSE from another client: its unpause runs (not a write) and the held SET goes on.
        await a.SendAsync("CLIENT PAUSE 100000 WRITE\r\n");
        await a.ExpectAsync("+OK\r\n");
        await a.SendAsync("SET k v\r\n");
        var ok = a.ReadAsync("+OK\r\n".Length);
        await Task.Delay(200, Ct);
        Assert.False(ok.IsCompleted);
        await b.SendAsync("CLIENT UNPAUSE\r\n");
        await b.ExpectAsync("+OK\r\n");
        Assert.Equal("+OK\r\n", await ok);
    }

    [Fact]
    public async Task A_held_client_can_still_be_killed()
    {
        await using var server = await StartAsync();
        using var a = await ConnectAsync(server);
        using var b = await ConnectAsync(server);
        await a.SendAsync("CLIENT ID\r\n");
        string id = (await a.ReadLineAsync())[1..^2];
        server.Store.Engine.Pause.Pause(Keyspace.PauseMode.Write, long.MaxValue);
        await a.SendAsync("SET k v\r\n");
        await Task.Delay(100, Ct);
        server.Store.Engine.Pause.Unpause();
        await a.ExpectAsync("+OK\r\n");
        server.Store.Engine.Pause.Pause(Keyspace.PauseMode.Write, long.MaxValue);
        await a.SendAsync("SET k v\r\n");
        await Task.Delay(100, Ct);
        await b.SendAsync($"CLIENT KILL ID {id}\r\n"); // CLIENT KILL is not a write
        await b.ExpectAsync(":1\r\n");
        Assert.True(await a.ClosedByServerAsync());
        server.Store.Engine.Pause.Unpause();
    }

    // ---- CLIENT KILL ----

    [Fact]
    public async Task Client_kill_filters_by_type_and_user_and_the_old_form_may_kill_oneself()
    {
        await using var server = await StartAsync();
        using var a = await ConnectAsync(server);
        using var b = await ConnectAsync(server);
        using var c = await ConnectAsync(server);
        await a.SendAsync("CLIENT KILL TYPE replica\r\nCLIENT KILL TYPE master\r\nCLIENT KILL TYPE pubsub\r\nCLIENT KILL MAXAGE 1000\r\n");
        await a.ExpectAsync(":0\r\n:0\r\n:0\r\n-ERR syntax error\r\n");
        await a.SendAsync("CLIENT KILL USER default TYPE normal\r\n");
        await a.ExpectAsync(":2\r\n");
        Assert.True(await b.ClosedByServerAsync());
        Assert.True(await c.ClosedByServerAsync());
        await a.SendAsync("CLIENT INFO\r\n");
        string info = await BulkAsync(a);
        string addr = Regex.Match(info, "addr=(\\S+)").Groups[1].Value;
        await a.SendAsync($"CLIENT KILL {addr}\r\n");
        await a.ExpectAsync("+OK\r\n");
        Assert.True(await a.ClosedByServerAsync());
    }

    [Fact]
    public async Task Client_kill_skipme_no_includes_the_caller()
    {
        await using var server = await StartAsync();
        using var old = await ConnectAsync(server);
        using var young = await ConnectAsync(server);
        await young.SendAsync("CLIENT KILL TYPE normal\r\n");
        await young.ExpectAsync(":1\r\n");
        Assert.True(await old.ClosedByServerAsync());
        await young.SendAsync("CLIENT KILL TYPE normal SKIPME no\r\n");
        await young.ExpectAsync(":1\r\n");
        Assert.True(await young.ClosedByServerAsync());
    }

    // ---- CLIENT LIST ----

    [Fact]
    public async Task Client_list_reports_the_query_buffer_arguments_db_and_last_command()
    {
        await using var server = await StartAsync();
        using var a = await ConnectAsync(server);
        using var b = await ConnectAsync(server);
        await b.SendAsync("SELECT 3\r\n");
        await b.ExpectAsync("+OK\r\n");
        await a.SendAsync("*2\r\n$6\r\nCLIENT\r\n$4\r\nLIST\r\n");
        var lines = (await BulkAsync(a)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        // The caller, as Valkey shows it: its own 26-byte command pending, two arguments of 10 bytes.
        Assert.Contains(" db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=4070 argv-mem=10 multi-mem=0 ", lines[0]);
        Assert.Contains(" cmd=client|list ", lines[0]);
        Assert.Contains(" flags=N ", lines[0]);
        Assert.Contains(" db=3 ", lines[1]);
        Assert.Contains(" qbuf=0 qbuf-free=0 argv-mem=0 ", lines[1]);
        // (Its reply may still be counted as in flight for a moment after it arrived: obl/omem are not asserted here.)
        Assert.Contains(" cmd=select ", lines[1]);
    }

    // ---- MONITOR ----

    [GeneratedRegex("^\\+\\d+\\.\\d{6} \\[(\\d+) ([^\\]]+)\\] (.*)\\r\\n$")]
    private static partial Regex MonitorLine();

    [Fact]
    public async Task Monitor_receives_every_command_after_it_ran_quoted_and_with_passwords_redacted()
    {
        await using var server = await StartAsync();
        using var m = await ConnectAsync(server);
        using var c = await ConnectAsync(server);
        await m.SendAsync("MONITOR\r\n");
        await m.ExpectAsync("+OK\r\n");
        await c.SendAsync("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$7\r\na\"b\\\n\x01\x7f\r\n");
        await c.ExpectAsync("+OK\r\n");
        await c.SendAsync("SELECT 2\r\nAUTH default secret\r\nHELLO 2 AUTH default secret SETNAME x\r\nCONFIG GET port\r\nGET\r\nPING\r\n");
        string[] expected =
        [
            "0|\"SET\" \"k\" \"a\\\"b\\\\\\n\\x01\\x7f\"",
            "2|\"SELECT\" \"2\"",
            "2|\"AUTH\" \"(redacted)\" \"(redacted)\"",
            "2|\"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\" \"SETNAME\" \"x\"",
            "2|\"PING\"", // CONFIG (admin) and the rejected GET are not shown
        ];
        await ExpectMonitorLinesAsync(m, expected);
        // The monitor's own commands are fed to it too, after their replies; RESET ends monitoring.
        await m.SendAsync("PING\r\n");
        await m.ExpectAsync("+PONG\r\n");
        Assert.Matches(MonitorLine(), await m.ReadLineAsync());
        await m.SendAsync("RESET\r\n");
        await m.ExpectAsync("+RESET\r\n");
        using var d = await ConnectAsync(server);
        await m.SendAsync("PING\r\n");
        await m.ExpectAsync("+PONG\r\n");
    }

    [Fact]
    public async Task Monitor_shows_the_commands_exec_runs_one_by_one_before_exec_and_not_when_queued()
    {
        await using var server = await StartAsync();
        using var m = await ConnectAsync(server);
        using var c = await ConnectAsync(server);
        await m.SendAsync("MONITOR\r\n");
        await m.ExpectAsync("+OK\r\n");
        await c.SendAsync("MULTI\r\nSET a 1\r\nGET a\r\nSELECT 2\r\nINCR n\r\nCONFIG GET port\r\nEXEC\r\nMULTI\r\nSET b 1\r\nDISCARD\r\nPING\r\n");
        await c.ExpectAsync("+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n"
            + "*5\r\n+OK\r\n$1\r\n1\r\n+OK\r\n:1\r\n*2\r\n$4\r\nport\r\n");
        await c.ReadLineAsync(); // the port's bulk header
        await c.ReadLineAsync(); // and its digits
        await c.ExpectAsync("+OK\r\n+QUEUED\r\n+OK\r\n+PONG\r\n");
        // As redis-server 7.0 shows them (checked with redis-cli MONITOR): queued commands are not shown, each command EXEC
        // ran is shown after it ran, in its database, admin ones (CONFIG) not at all, then EXEC itself.
        string[] expected =
        [
            "0|\"MULTI\"", "0|\"SET\" \"a\" \"1\"", "0|\"GET\" \"a\"", "2|\"SELECT\" \"2\"", "2|\"INCR\" \"n\"", "2|\"EXEC\"",
            "2|\"MULTI\"", "2|\"DISCARD\"", "2|\"PING\"",
        ];
        await ExpectMonitorLinesAsync(m, expected);
    }

    // The next MONITOR lines, each "db|arguments" (a loopback client's address checked, the timestamp's shape too).
    private static async Task ExpectMonitorLinesAsync(RawClient m, string[] expected)
    {
        foreach (var want in expected)
        {
            var match = MonitorLine().Match(await m.ReadLineAsync());
            Assert.True(match.Success);
            Assert.Matches("^127\\.0\\.0\\.1:\\d+$", match.Groups[2].Value);
            Assert.Equal(want, match.Groups[1].Value + "|" + match.Groups[3].Value);
        }
    }

    [Fact]
    public async Task Monitor_twice_replies_nothing_the_second_time_and_client_list_flags_it()
    {
        await using var server = await StartAsync();
        using var m = await ConnectAsync(server);
        await m.SendAsync("MONITOR\r\nMONITOR\r\nCLIENT INFO\r\n");
        await m.ExpectAsync("+OK\r\n");
        string info = await BulkAsync(m);
        Assert.Contains(" flags=O ", info);
        Assert.Contains(" cmd=client|info ", info);
    }

    // ---- output buffer limits ----

    [Fact]
    public async Task A_client_that_pipelines_big_gets_without_reading_is_closed_at_the_hard_limit()
    {
        await using var server = await StartAsync(new ValkeyServerOptions { ClientOutputBufferLimit = "normal 1mb 0 0" });
        using var setter = await ConnectAsync(server);
        string value = new('x', 100_000);
        await setter.SendAsync(RespHarness.Command("SET", "big", value));
        await setter.ExpectAsync("+OK\r\n");
        using var greedy = await ConnectAsync(server);
        var pipeline = string.Concat(Enumerable.Repeat("GET big\r\n", 500)); // 50 MB of replies
        await greedy.SendAsync(pipeline);
        Assert.True(await greedy.ClosedByServerAsync());
        // The others are unaffected.
        await setter.SendAsync("STRLEN big\r\n");
        await setter.ExpectAsync(":100000\r\n");
    }

    [Fact]
    public async Task A_client_that_stays_over_the_soft_limit_without_reading_is_closed_after_the_soft_seconds()
    {
        await using var server = await StartAsync(new ValkeyServerOptions { ClientOutputBufferLimit = "normal 0 64kb 1" });
        using var setter = await ConnectAsync(server);
        await setter.SendAsync(RespHarness.Command("SET", "big", new string('x', 100_000)));
        await setter.ExpectAsync("+OK\r\n");
        using var greedy = await ConnectAsync(server);
        await greedy.SendAsync(string.Concat(Enumerable.Repeat("GET big\r\n", 500))); // 50 MB: the flush stalls
        await Task.Delay(1000, Ct);
        Assert.Equal(2, (await ListAsync(setter)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // not yet
        await Task.Delay(3000, Ct);
        Assert.Single((await ListAsync(setter)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(await greedy.ClosedByServerAsync());
    }

    private static async Task<string> ListAsync(RawClient c)
    {
        await c.SendAsync("CLIENT LIST\r\n");
        return await BulkAsync(c);
    }

    [Fact]
    public async Task Without_a_limit_a_reader_that_never_reads_is_kept_and_a_normal_reader_gets_everything()
    {
        await using var server = await StartAsync();
        using var c = await ConnectAsync(server);
        string value = new('y', 100_000);
        await c.SendAsync(RespHarness.Command("SET", "big", value));
        await c.ExpectAsync("+OK\r\n");
        await c.SendAsync(string.Concat(Enumerable.Repeat("GET big\r\n", 30)) + "PING\r\n");
        string bulk = $"$100000\r\n{value}\r\n";
        for (int i = 0; i < 30; i++)
        {
            await c.ExpectAsync(bulk);
        }
        await c.ExpectAsync("+PONG\r\n");
    }

    [Fact]
    public async Task Config_set_client_output_buffer_limit_applies_to_the_next_batch()
    {
        await using var server = await StartAsync();
        using var c = await ConnectAsync(server);
        await c.SendAsync(RespHarness.Command("SET", "big", new string('z', 50_000)) + "CONFIG SET client-output-buffer-limit \"normal 40000 0 0\"\r\n");
        await c.ExpectAsync("+OK\r\n+OK\r\n");
        await c.SendAsync("GET big\r\n");
        Assert.True(await c.ClosedByServerAsync());
    }

    // ---- parser limits from the engine's configuration ----

    [Fact]
    public async Task Config_set_proto_max_bulk_len_applies_to_new_frames()
    {
        await using var server = await StartAsync();
        using var c = await ConnectAsync(server);
        await c.SendAsync("CONFIG SET proto-max-bulk-len 1mb\r\n");
        await c.ExpectAsync("+OK\r\n");
        await c.SendAsync("*2\r\n$4\r\nECHO\r\n$1048577\r\n");
        await c.ExpectAsync("-ERR Protocol error: invalid bulk length\r\n");
        Assert.True(await c.ClosedByServerAsync());
    }

    [Fact]
    public async Task Config_set_client_query_buffer_limit_applies_to_pending_input()
    {
        await using var server = await StartAsync();
        using var c = await ConnectAsync(server);
        await c.SendAsync("CONFIG SET client-query-buffer-limit 1mb\r\n");
        await c.ExpectAsync("+OK\r\n");
        // An incomplete 2 MB argument: 1.2 MB of it pending is over the new limit.
        await c.SendAsync("*2\r\n$4\r\nECHO\r\n$2000000\r\n" + new string('q', 1_200_000));
        Assert.True(await c.ClosedByServerAsync());
    }

    // ---- INFO statistics ----

    [Fact]
    public async Task Info_counts_connections_received_and_rejected()
    {
        await using var server = await StartAsync(new ValkeyServerOptions { MaxClients = 1 });
        using var a = await ConnectAsync(server);
        using var b = await RawClient.ConnectAsync(server.EndPoints[0]);
        await b.ExpectAsync("-ERR max number of clients reached\r\n");
        await a.SendAsync("INFO stats\r\n");
        string stats = await BulkAsync(a);
        Assert.Contains("total_connections_received:1\r\n", stats);
        Assert.Contains("rejected_connections:1\r\n", stats);
        await a.SendAsync("INFO clients\r\n");
        Assert.Contains("connected_clients:1\r\n", await BulkAsync(a));
    }
}
