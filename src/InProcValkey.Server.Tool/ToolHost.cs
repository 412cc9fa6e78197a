using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace InProcValkey.Server.Tool;

/// <summary>The tool's body, independent of the process: parse, start a <see cref="ValkeyServer"/>, print the ready line, run until cancelled.</summary>
internal static class ToolHost
{
    /// <summary>The <c>--version</c> line.</summary>
    internal static string VersionLine =>
        $"InProcValkey server v={typeof(ValkeyServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0"} (Valkey {ConfigParser.ValkeyVersion} compatible)";

    internal const string Help = """
        Usage: inprocvalkey-server [/path/to/valkey.conf] [options]
               inprocvalkey-server - (read config from stdin is not supported)
               inprocvalkey-server -v or --version
               inprocvalkey-server -h or --help

        Options (also valid as directives in the config file, without the leading --):
          --port <port>                     TCP port (default 6379; 0 picks a free port, printed in the ready line)
          --bind <addr> [<addr> ...]        addresses to listen on (default 127.0.0.1; ::1, * and ::* accepted)
          --unixsocket <path>               also listen on a Unix-domain socket
          --requirepass <password>          password of the default user (AUTH)
          --databases <n>                   number of databases (default 16)
          --maxclients <n>                  maximum number of connected clients (default 10000)
          --io-threads <n>                  event-loop threads serving the sockets (default 1, as in Valkey)
          --timeout <seconds>               close clients idle for this long (default 0: never)
          --protected-mode yes|no           refuse non-loopback clients when no password is set (default yes)
          --loglevel debug|verbose|notice|warning|nothing   (default notice)
          --proto-max-bulk-len <size>       largest bulk string (default 512mb; units b, k, kb, m, mb, g, gb)
          --client-query-buffer-limit <size> largest pending query buffer (default 1gb)
          --save <...>, --appendonly yes|no accepted and ignored: there is no persistence.
          --<parameter> <value>             any other parameter CONFIG SET accepts, e.g. --maxmemory 100mb,
                                            --maxmemory-policy allkeys-lru, --notify-keyspace-events KEA

        Command-line options override the config file. Stops cleanly on SIGINT / SIGTERM.

        Examples:
               inprocvalkey-server --port 6380
               inprocvalkey-server /etc/valkey/valkey.conf --loglevel verbose
               inprocvalkey-server --port 7777 --save '' --appendonly no
               inprocvalkey-server --port 6380 --maxmemory 256mb --maxmemory-policy allkeys-lfu
        """;

    /// <summary>Runs the tool until <paramref name="stop"/> is cancelled; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken stop,
        Action<IReadOnlyList<EndPoint>>? onReady = null)
    {
        var parsed = ConfigParser.Parse(args);
        if (parsed.Error is not null)
        {
            await stderr.WriteLineAsync(parsed.Error);
            return 1;
        }
        if (parsed.Action == ToolAction.Help)
        {
            await stdout.WriteLineAsync(Help);
            return 0;
        }
        if (parsed.Action == ToolAction.Version)
        {
            await stdout.WriteLineAsync(VersionLine);
            return 0;
        }

        var config = parsed.Config;
        if (config.Bind.Count == 0 && config.UnixSocket is null)
        {
            await stderr.WriteLineAsync("Configured to not listen anywhere, exiting.");
            return 1;
        }
        using var loggerFactory = new WriterLoggerFactory(stderr, MinimumLevel(config.LogLevel));
        using var store = new ValkeyStore(new ValkeyStoreOptions { Databases = config.Databases, ProtoMaxBulkLen = config.ProtoMaxBulkLen });
        foreach (var (name, value) in config.EngineParameters)
        {
            // Checked while parsing; a later directive wins, as in a valkey.conf.
            if (store.Engine.Config.Set(name, value) is { } configError)
            {
                await stderr.WriteLineAsync(configError);
                return 1;
            }
        }
        await using var server = new ValkeyServer(store, config.ToServerOptions(), loggerFactory);
        try
        {
            await server.StartAsync(stop);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or ArgumentException or FormatException)
        {
            await stderr.WriteLineAsync($"Failed listening: {e.Message}");
            return 1;
        }

        await stdout.WriteLineAsync(ReadyLine(server.EndPoints));
        await stdout.FlushAsync(CancellationToken.None);
        onReady?.Invoke(server.EndPoints);
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
        await server.StopAsync(CancellationToken.None);
        await stdout.WriteLineAsync("Valkey is now ready to exit, bye bye...");
        await stdout.FlushAsync(CancellationToken.None);
        return 0;
    }

    /// <summary><c>Ready to accept connections tcp 127.0.0.1:6380 unix /tmp/v.sock</c>.</summary>
    internal static string ReadyLine(IReadOnlyList<EndPoint> endPoints)
    {
        var parts = endPoints.Select(e => e switch
        {
            IPEndPoint ip => "tcp " + ip,
            System.Net.Sockets.UnixDomainSocketEndPoint unix => "unix " + unix,
            _ => e.ToString(),
        });
        return "Ready to accept connections " + string.Join(' ', parts);
    }

    private static LogLevel MinimumLevel(string level) => level switch
    {
        "debug" => LogLevel.Trace,
        "verbose" => LogLevel.Debug,
        "notice" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        _ => LogLevel.None,
    };
}
