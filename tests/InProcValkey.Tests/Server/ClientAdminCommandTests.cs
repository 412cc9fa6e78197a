namespace InProcValkey.Tests.Server;

/// <summary>CLIENT PAUSE/UNPAUSE/HELP/KILL, MONITOR and client-output-buffer-limit as an in-process session sees them.</summary>
public sealed class ClientAdminCommandTests
{
    [Fact]
    public void Client_pause_checks_its_mode_then_its_timeout()
    {
        using var t = new TestStore();
        t.Error("ERR CLIENT PAUSE mode must be WRITE or ALL", "CLIENT", "PAUSE", "x", "foo");
        t.Error("ERR timeout is not an integer or out of range", "CLIENT", "PAUSE", "x");
        t.Error("ERR timeout is negative", "CLIENT", "PAUSE", "-1", "WRITE");
        t.Error("ERR timeout is out of range", "CLIENT", "PAUSE", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        t.Error("ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.", "CLIENT", "pause", "10", "write", "x");
        t.Error("ERR wrong number of arguments for 'client|pause' command", "CLIENT", "PAUSE");
        t.Error("ERR wrong number of arguments for 'client|unpause' command", "CLIENT", "UNPAUSE", "x");
    }

    [Fact]
    public void A_pause_keeps_the_stricter_mode_and_the_later_end_and_ends_on_the_engines_clock()
    {
        using var t = new TestStore();
        var pause = t.Store.Engine.Pause;
        t.Ok("CLIENT", "PAUSE", "1000", "WRITE");
        Assert.True(pause.Holds(mayWrite: true));
        Assert.False(pause.Holds(mayWrite: false));
        t.Ok("CLIENT", "PAUSE", "10", "ALL");
        Assert.True(pause.Holds(mayWrite: false));
        t.Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(pause.Holds(mayWrite: false)); // the end stayed at 1000 ms
        t.Time.Advance(TimeSpan.FromMilliseconds(501));
        Assert.False(pause.Holds(mayWrite: true));
        t.Ok("CLIENT", "PAUSE", "1000");
        t.Ok("CLIENT", "UNPAUSE");
        Assert.False(pause.Holds(mayWrite: true));
        t.Ok("CLIENT", "PAUSE", "0");
        Assert.False(pause.Holds(mayWrite: true));
    }

    [Fact]
    public async Task Waiting_for_a_pause_completes_at_its_deadline_or_at_unpause()
    {
        using var t = new TestStore();
        var pause = t.Store.Engine.Pause;
        t.Ok("CLIENT", "PAUSE", "1000");
        var wait = pause.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);
        t.Time.Advance(TimeSpan.FromMilliseconds(1000));
        await wait.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        t.Ok("CLIENT", "PAUSE", "1000");
        wait = pause.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);
        t.Ok("CLIENT", "UNPAUSE");
        await wait.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void In_process_sessions_are_never_paused()
    {
        using var t = new TestStore();
        t.Ok("CLIENT", "PAUSE", "100000");
        t.Ok("SET", "k", "v");
    }

    [Fact]
    public void Client_help_is_valkey_72s_text()
    {
        using var t = new TestStore();
        var help = t.Run("CLIENT", "HELP");
        Assert.Equal(ValkeyReplyKind.Array, help.Kind);
        var lines = help.Elements.Select(e => e.ToString()).ToList();
        Assert.Equal("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", lines[0]);
        Assert.Contains("SETINFO <option> <value>", lines);
        Assert.Contains("NO-TOUCH (ON|OFF)", lines);
        Assert.Contains("PAUSE <timeout> [WRITE|ALL]", lines);
        Assert.Equal(["HELP", "    Print this help."], lines[^2..]);
        Assert.Equal(54, lines.Count);
    }

    [Fact]
    public void Client_kill_errors_are_valkeys()
    {
        using var t = new TestStore();
        t.Error("ERR No such client", "CLIENT", "KILL", "1.2.3.4:5");
        t.Error("ERR client-id should be greater than 0", "CLIENT", "KILL", "ID", "0");
        t.Error("ERR Unknown client type 'foo'", "CLIENT", "KILL", "TYPE", "foo");
        t.Error("ERR No such user 'nobody'", "CLIENT", "KILL", "USER", "nobody");
        t.Error("ERR syntax error", "CLIENT", "KILL", "SKIPME", "maybe");
        t.Error("ERR syntax error", "CLIENT", "KILL", "ID", "1", "ADDR");
        t.Error("ERR syntax error", "CLIENT", "KILL", "MAXAGE", "1"); // a Valkey 8 filter; 7.2 rejects it
        Assert.Equal(0, t.Int("CLIENT", "KILL", "USER", "default", "TYPE", "replica", "SKIPME", "no"));
    }

    [Fact]
    public void Monitor_is_refused_to_a_session_that_needs_one_reply_per_command()
    {
        using var t = new TestStore();
        t.Error("ERR MONITOR isn't allowed for DENY BLOCKING client", "MONITOR");
    }

    [Fact]
    public void Client_output_buffer_limit_gets_sets_per_class_and_rejects_malformed_values()
    {
        using var t = new TestStore();
        Assert.Equal("client-output-buffer-limit normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
            string.Join(' ', t.Run("CONFIG", "GET", "client-output-buffer-limit").Elements.Select(e => e.ToString())));
        t.Ok("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 2k 3");
        t.Ok("CONFIG", "SET", "client-output-buffer-limit", "replica 1 2 3");
        Assert.Equal("normal 1048576 2000 3 slave 1 2 3 pubsub 33554432 8388608 60",
            t.Run("CONFIG", "GET", "client-output-buffer-limit").Elements[1].ToString());
        Assert.Equal(new InProcValkey.Keyspace.OutputBufferLimit(1048576, 2000, 3), t.Store.Engine.Config.OutputBufferLimits.Normal);
        const string Prefix = "ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - ";
        t.Error(Prefix + "Wrong number of arguments in buffer limit configuration.", "CONFIG", "SET", "client-output-buffer-limit", "normal 1");
        t.Error(Prefix + "Invalid client class specified in buffer limit configuration.", "CONFIG", "SET", "client-output-buffer-limit", "master 1 2 3");
        t.Error(Prefix + "Error in hard, soft or soft_seconds setting in buffer limit configuration.", "CONFIG", "SET", "client-output-buffer-limit", "normal x 2 3");
        t.Error(Prefix + "Error in hard, soft or soft_seconds setting in buffer limit configuration.", "CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 3x");
        t.Ok("CONFIG", "SET", "client-output-buffer-limit", "");
        Assert.Equal("normal 1048576 2000 3 slave 1 2 3 pubsub 33554432 8388608 60",
            t.Run("CONFIG", "GET", "client-output-buffer-limit").Elements[1].ToString());
    }
}
