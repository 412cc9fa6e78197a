using InProcValkey.Server.Tool;

namespace InProcValkey.Server.Tests.Tool;

public sealed class ConfigParserTests
{
    private static ServerConfig Ok(params string[] args)
    {
        var result = ConfigParser.Parse(args);
        Assert.Null(result.Error);
        Assert.Equal(ToolAction.Run, result.Action);
        return result.Config;
    }

    private static string Error(Func<string, string> readFile, params string[] args)
    {
        var result = ConfigParser.Parse(args, readFile);
        Assert.NotNull(result.Error);
        return result.Error;
    }

    private static string Error(params string[] args) => Error(_ => throw new IOException("none"), args);

    [Fact]
    public void No_arguments_give_valkey_defaults()
    {
        var c = Ok();
        Assert.Equal(6379, c.Port);
        Assert.Equal(["127.0.0.1"], c.Bind);
        Assert.Equal(16, c.Databases);
        Assert.Equal(10000, c.MaxClients);
        Assert.True(c.ProtectedMode);
        Assert.Equal("notice", c.LogLevel);
        Assert.Equal(512L * 1024 * 1024, c.ProtoMaxBulkLen);
        Assert.Equal(1024L * 1024 * 1024, c.ClientQueryBufferLimit);
    }

    [Fact]
    public void Every_supported_option_is_read_from_the_command_line()
    {
        var c = Ok("--port", "6380", "--bind", "127.0.0.1", "::1", "--unixsocket", "/tmp/v.sock", "--requirepass", "s3cret",
            "--databases", "4", "--maxclients", "50", "--timeout", "30", "--protected-mode", "no", "--loglevel", "warning",
            "--proto-max-bulk-len", "2mb", "--client-query-buffer-limit", "512MB");
        Assert.Equal(6380, c.Port);
        Assert.Equal(["127.0.0.1", "::1"], c.Bind);
        Assert.Equal("/tmp/v.sock", c.UnixSocket);
        Assert.Equal("s3cret", c.RequirePass);
        Assert.Equal(4, c.Databases);
        Assert.Equal(50, c.MaxClients);
        Assert.Equal(30, c.TimeoutSeconds);
        Assert.False(c.ProtectedMode);
        Assert.Equal("warning", c.LogLevel);
        Assert.Equal(2L * 1024 * 1024, c.ProtoMaxBulkLen);
        Assert.Equal(512L * 1024 * 1024, c.ClientQueryBufferLimit);

        var options = c.ToServerOptions();
        Assert.Equal(["127.0.0.1", "::1"], options.Bind);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal("s3cret", options.RequirePass);
    }

    [Fact]
    public void Save_and_appendonly_are_accepted_and_ignored()
    {
        var c = Ok("--port", "7000", "--save", "", "--appendonly", "no", "--save");
        Assert.Equal(7000, c.Port);
    }

    [Theory]
    [InlineData("1", 1L)]
    [InlineData("1b", 1L)]
    [InlineData("1k", 1000L)]
    [InlineData("1kb", 1024L)]
    [InlineData("3m", 3000000L)]
    [InlineData("3MB", 3L * 1024 * 1024)]
    [InlineData("2g", 2000000000L)]
    [InlineData("2Gb", 2L * 1024 * 1024 * 1024)]
    public void Memory_values_take_valkey_units(string text, long bytes)
    {
        Assert.True(ConfigParser.TryParseMemory(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mb")]
    [InlineData("-1mb")]
    [InlineData("1tb")]
    [InlineData("1 mb")]
    [InlineData("99999999999999999gb")]
    public void Malformed_memory_values_are_rejected(string text) => Assert.False(ConfigParser.TryParseMemory(text, out _));

    [Fact]
    public void The_config_file_is_read_and_the_command_line_overrides_it()
    {
        const string file = "# a comment\n\n  port 7001\r\nbind 127.0.0.1 \"::1\"\nrequirepass 'p w'\nmaxclients 10\nsave 900 1\nappendonly no\n";
        var result = ConfigParser.Parse(["/etc/valkey.conf", "--maxclients", "20"], path => path == "/etc/valkey.conf" ? file : throw new IOException());
        Assert.Null(result.Error);
        Assert.Equal(7001, result.Config.Port);
        Assert.Equal(["127.0.0.1", "::1"], result.Config.Bind);
        Assert.Equal(20, result.Config.MaxClients);
    }

    [Fact]
    public void Quoted_values_follow_sdssplitargs()
    {
        Assert.Equal(["requirepass", "a b", "c\"d", "e'f", "\n\u0041"], ConfigParser.SplitArgs("requirepass \"a b\" \"c\\\"d\" 'e\\'f' \"\\n\\x41\""));
        Assert.Null(ConfigParser.SplitArgs("requirepass \"abc"));
        Assert.Null(ConfigParser.SplitArgs("requirepass \"abc\"def"));
        Assert.Null(ConfigParser.SplitArgs("requirepass 'abc"));
    }

    [Fact]
    public void An_unknown_directive_in_the_file_is_a_fatal_config_error_naming_the_line()
    {
        string error = Error(_ => "port 7000\n# comment\nwhatever x y\n", "valkey.conf");
        Assert.Equal("\n*** FATAL CONFIG FILE ERROR (Redis 7.2.4) ***\nReading the configuration file, at line 3\n>>> 'whatever x y'\nBad directive or wrong number of arguments", error);
    }

    [Fact]
    public void An_unknown_option_on_the_command_line_is_a_fatal_config_error()
    {
        string error = Error("--port", "6380", "--foo", "bar");
        Assert.Contains("*** FATAL CONFIG FILE ERROR", error);
        Assert.EndsWith("at line 3\n>>> 'foo \"bar\"'\nBad directive or wrong number of arguments", error);
    }

    [Fact]
    public void Command_line_lines_are_numbered_after_the_file_and_their_values_quoted_like_valkey()
    {
        // valkey-server appends the command line to the file's text after a newline; values are echoed with sdscatrepr.
        string error = Error(_ => "port 1\nbind 127.0.0.1\n", "v.conf", "--port", "2", "--bogus", "a b", "c\"d");
        Assert.EndsWith("at line 5\n>>> 'bogus \"a b\" \"c\\\"d\"'\nBad directive or wrong number of arguments", error);
        Assert.EndsWith("at line 2\n>>> 'foo'\nBad directive or wrong number of arguments", Error("--foo"));
    }

    [Theory]
    [InlineData("port", "abc", "argument couldn't be parsed into an integer")]
    [InlineData("port", "65536", "argument must be between 0 and 65535 inclusive")]
    [InlineData("databases", "0", "argument must be between 1 and 2147483647 inclusive")]
    [InlineData("protected-mode", "maybe", "argument must be 'yes' or 'no'")]
    [InlineData("appendonly", "maybe", "argument must be 'yes' or 'no'")]
    [InlineData("loglevel", "loud", "argument(s) must be one of the following: debug, verbose, notice, warning, nothing")]
    [InlineData("proto-max-bulk-len", "12xb", "argument must be a memory value")]
    [InlineData("client-query-buffer-limit", "1k", "argument must be between 1048576 and 9223372036854775807 inclusive")]
    public void Bad_values_give_valkey_messages(string name, string value, string message)
    {
        string error = Error("--" + name, value);
        Assert.EndsWith($"at line 2\n>>> '{name} \"{value}\"'\n{message}", error);
    }

    [Fact]
    public void Wrong_argument_counts_are_rejected()
    {
        // As redis-server 7.0.15 prints them: a known directive with the wrong count is not a "bad directive".
        Assert.EndsWith(">>> 'port'\nwrong number of arguments", Error("--port"));
        Assert.EndsWith(">>> 'port \"1\" \"2\"'\nwrong number of arguments", Error("--port", "1", "2"));
        Assert.EndsWith(">>> 'maxmemory \"1\" \"2\"'\nwrong number of arguments", Error("--maxmemory", "1", "2"));
        // bind without an address is valid: the server then listens nowhere (the tool exits, as valkey-server does).
        Assert.Empty(Ok("--bind").Bind);
    }

    [Fact]
    public void Unbalanced_quotes_in_the_file_are_reported()
    {
        Assert.EndsWith(">>> 'requirepass \"x'\nUnbalanced quotes in configuration line", Error(_ => "requirepass \"x\n", "v.conf"));
    }

    [Fact]
    public void A_missing_config_file_is_fatal()
    {
        Assert.StartsWith("Fatal error, can't open config file 'nope.conf'", Error("nope.conf"));
    }

    [Fact]
    public void Help_and_version_are_recognised()
    {
        Assert.Equal(ToolAction.Help, ConfigParser.Parse(["--help"]).Action);
        Assert.Equal(ToolAction.Help, ConfigParser.Parse(["-h"]).Action);
        Assert.Equal(ToolAction.Version, ConfigParser.Parse(["--version"]).Action);
        Assert.Equal(ToolAction.Version, ConfigParser.Parse(["-v"]).Action);
        Assert.Matches(@"^InProcValkey server v=\S+ \(Valkey 7\.2\.4 compatible\)$", ToolHost.VersionLine);
        Assert.Contains("accepted and ignored", ToolHost.Help);
    }

    [Fact]
    public void Other_engine_parameters_are_accepted_as_options_and_directives()
    {
        var c = Ok("--maxmemory", "100mb", "--maxmemory-policy", "allkeys-lru", "--notify-keyspace-events", "KEA");
        Assert.Equal([("maxmemory", "100mb"), ("maxmemory-policy", "allkeys-lru"), ("notify-keyspace-events", "KEA")], c.EngineParameters);
        var f = ConfigParser.Parse(["v.conf"], _ => "hash-max-listpack-entries 64\nclient-output-buffer-limit normal 0 0 0\n");
        Assert.Null(f.Error);
        Assert.Equal([("hash-max-listpack-entries", "64"), ("client-output-buffer-limit", "normal 0 0 0")], f.Config.EngineParameters);
    }

    [Fact]
    public void A_bad_engine_parameter_value_is_a_fatal_config_error_with_valkeys_reason()
    {
        // As redis-server --maxmemory 10x prints it.
        Assert.EndsWith("at line 2\n>>> 'maxmemory \"10x\"'\nargument must be a memory value", Error("--maxmemory", "10x"));
        Assert.EndsWith("wrong number of arguments", Error("--maxmemory"));
        // Immutable parameters other than the ones the tool reads itself stay refused.
        Assert.EndsWith("Bad directive or wrong number of arguments", Error("--daemonize", "yes"));
    }
}
