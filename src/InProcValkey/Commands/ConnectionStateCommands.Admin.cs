using System.Text;
using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>CLIENT KILL (both forms), CLIENT PAUSE / UNPAUSE, CLIENT HELP and MONITOR (Valkey's <c>networking.c</c>, <c>server.c</c>).</summary>
internal static partial class ConnectionStateCommands
{
    private const CommandFlags AdminAlways = CommandFlags.Admin | Always;

    // ---- CLIENT KILL ----

    // Valkey's clientKillCommand: the old form (CLIENT KILL addr:port) may kill the caller and replies OK or "No such
    // client"; the filter form replies the number killed and skips the caller unless SKIPME no. Filters combine (AND).
    // MAXAGE is a Valkey 8 / Redis 7.4 filter: Valkey 7.2 answers it with a syntax error, and so do we.
    private static void ClientKill(CommandContext ctx)
    {
        var args = ctx.Args;
        var me = ctx.Client;
        long id = 0;
        string? addr = null, laddr = null, type = null;
        bool skipMe = true;
        bool oldForm = args.Count == 3;
        if (oldForm)
        {
            addr = args.GetString(2);
            skipMe = false;
        }
        else
        {
            for (int i = 2; i < args.Count; i += 2)
            {
                bool more = i + 1 < args.Count;
                if (more && args.Is(i, "ID"u8))
                {
                    if (!Numbers.TryParseInt64(args[i + 1], out id) || id < 1)
                    {
                        ctx.Reply.Error(ErrorMessages.ClientIdNotPositive);
                        return;
                    }
                }
                else if (more && args.Is(i, "TYPE"u8))
                {
                    var t = args[i + 1];
                    if (!t.IsValkeyClientType())
                    {
                        ctx.Reply.Error(ErrorMessages.UnknownClientType(args.GetString(i + 1)));
                        return;
                    }
                    type = Ascii.EqualsIgnoreCase(t, "slave"u8) ? "replica" : Encoding.ASCII.GetString(t).ToLowerInvariant();
                }
                else if (more && args.Is(i, "ADDR"u8))
                {
                    addr = args.GetString(i + 1);
                }
                else if (more && args.Is(i, "LADDR"u8))
                {
                    laddr = args.GetString(i + 1);
                }
                else if (more && args.Is(i, "USER"u8))
                {
                    if (!args[i + 1].SequenceEqual("default"u8))
                    {
                        ctx.Reply.Error(ErrorMessages.NoSuchUser(args.GetString(i + 1)));
                        return;
                    }
                }
                else if (more && args.Is(i, "SKIPME"u8))
                {
                    if (args.Is(i + 1, "YES"u8))
                    {
                        skipMe = true;
                    }
                    else if (args.Is(i + 1, "NO"u8))
                    {
                        skipMe = false;
                    }
                    else
                    {
                        ctx.Reply.Error(ErrorMessages.Syntax);
                        return;
                    }
                }
                else
                {
                    ctx.Reply.Error(ErrorMessages.Syntax);
                    return;
                }
            }
        }
        int killed = 0;
        bool killMe = false;
        foreach (var peer in me?.Peers() ?? [])
        {
            if ((addr is not null && peer.Address != addr) || (laddr is not null && peer.LocalAddress != laddr)
                || (type is not null && peer.ClientType != type) || (id != 0 && peer.Id != id)
                || (skipMe && peer == me))
            {
                continue;
            }
            if (peer == me)
            {
                killMe = true;
            }
            else
            {
                peer.Kill();
            }
            killed++;
        }
        if (oldForm)
        {
            if (killed == 0)
            {
                ctx.Reply.Error(ErrorMessages.NoSuchClient);
            }
            else
            {
                ctx.Reply.SimpleString("OK");
            }
        }
        else
        {
            ctx.Reply.Integer(killed);
        }
        if (killMe)
        {
            me!.CloseAfterReply();
        }
    }

    // ---- CLIENT PAUSE / UNPAUSE ----

    // CLIENT PAUSE timeout [WRITE|ALL]: the mode is checked first, then the timeout (Valkey's getTimeoutFromObjectOrReply
    // in milliseconds: an integer, not negative, 0 = already over); more arguments are a subcommand syntax error.
    private static void ClientPauseCommand(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Count > 4)
        {
            ctx.Reply.Error(ErrorMessages.SubcommandSyntax(args.GetString(1), args.GetString(0)));
            return;
        }
        var mode = PauseMode.All;
        if (args.Count == 4)
        {
            if (args.Is(3, "WRITE"u8))
            {
                mode = PauseMode.Write;
            }
            else if (!args.Is(3, "ALL"u8))
            {
                ctx.Reply.Error(ErrorMessages.PauseMode);
                return;
            }
        }
        if (!Numbers.TryParseInt64(args[2], out long timeout))
        {
            ctx.Reply.Error(ErrorMessages.TimeoutNotInteger);
            return;
        }
        if (timeout < 0)
        {
            ctx.Reply.Error(ErrorMessages.NegativeTimeout);
            return;
        }
        long now = ctx.Clock.NowMs;
        if (timeout > 0)
        {
            if (timeout > long.MaxValue - now)
            {
                ctx.Reply.Error(ErrorMessages.TimeoutOutOfRange);
                return;
            }
            timeout += now;
        }
        ctx.Engine.Pause.Pause(mode, timeout);
        ctx.Reply.SimpleString("OK");
    }

    private static void ClientUnpause(CommandContext ctx)
    {
        ctx.Engine.Pause.Unpause();
        ctx.Reply.SimpleString("OK");
    }

    // ---- CLIENT HELP (Valkey 7.2's text; the footer is addReplyHelp's "Print this help.") ----

    private static readonly string[] ClientHelpLines =
    [
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "SETINFO <option> <value>",
        "    Set client meta attr. Options are:",
        "    * LIB-NAME: the client lib name.",
        "    * LIB-VER: the client lib version.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
        "NO-TOUCH (ON|OFF)",
        "    Will not touch LRU/LFU stats when this mode is on.",
    ];

    private static void ClientHelp(CommandContext ctx)
    {
        ctx.Reply.Array(ClientHelpLines.Length + 3);
        ctx.Reply.SimpleString(ctx.Args.GetString(0).ToUpperInvariant() + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in ClientHelpLines)
        {
            ctx.Reply.SimpleString(line);
        }
        ctx.Reply.SimpleString("HELP");
        ctx.Reply.SimpleString("    Print this help.");
    }

    // ---- MONITOR ----

    // Valkey's monitorCommand: a client that needs one reply per command (here: an in-process session) cannot monitor;
    // MONITOR on a monitoring client is ignored (no reply).
    private static void Monitor(CommandContext ctx)
    {
        if (ctx.Client is not { } client)
        {
            ctx.Reply.Error(ErrorMessages.MonitorDenyBlocking);
            return;
        }
        if (client.IsMonitor)
        {
            return;
        }
        client.StartMonitor();
        ctx.Reply.SimpleString("OK");
    }
}
