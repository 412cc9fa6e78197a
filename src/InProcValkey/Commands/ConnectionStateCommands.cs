using System.Security.Cryptography;
using System.Text;
using InProcValkey.DataTypes;
using InProcValkey.Errors;

namespace InProcValkey.Commands;

/// <summary>
/// Commands that act on the connection itself (Valkey's <c>networking.c</c>, <c>server.c</c>, <c>acl.c</c>): HELLO, AUTH,
/// QUIT, RESET, CLIENT ID/GETNAME/SETNAME/SETINFO/INFO/LIST/KILL/REPLY/NO-EVICT/NO-TOUCH. Each goes through
/// <see cref="CommandContext.Client"/>; an in-process session (no client) is answered as a plain, authenticated RESP2 client
/// whose state is not kept.
/// </summary>
internal static partial class ConnectionStateCommands
{
    private const string Conn = "connection";
    // Valkey's flags: every CLIENT subcommand is NOSCRIPT|LOADING|STALE (and slow); HELLO, AUTH, QUIT and RESET are also
    // FAST, NO_AUTH and ALLOW_BUSY.
    private const CommandFlags Always = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    private const CommandFlags Handshake = Always | CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.AllowBusy;
    private const string ClientParent = "client";

    public static readonly CommandDef[] All =
    [
        new("hello", -1, Handshake, Conn, Hello),
        new("auth", -2, Handshake, Conn, Auth),
        new("quit", -1, Handshake, Conn, Quit),
        new("reset", 1, Handshake, Conn, Reset),
        new(ClientParent, -2, CommandFlags.None, Conn, null)
        {
            SubCommands =
            [
                new("id", 2, Always, Conn, ClientId) { Parent = ClientParent },
                new("getname", 2, Always, Conn, ClientGetName) { Parent = ClientParent },
                new("setname", 3, Always, Conn, ClientSetName) { Parent = ClientParent },
                new("setinfo", 4, Always, Conn, ClientSetInfo) { Parent = ClientParent },
                new("info", 2, Always, Conn, ClientInfo) { Parent = ClientParent },
                new("list", -2, CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale, Conn, ClientList) { Parent = ClientParent },
                new("kill", -3, CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale, Conn, ClientKill) { Parent = ClientParent },
                new("reply", 3, Always, Conn, ClientReply) { Parent = ClientParent },
                new("no-evict", 3, CommandFlags.Admin | Always, Conn, ClientNoEvict) { Parent = ClientParent },
                new("no-touch", 3, Always, Conn, ClientNoTouch) { Parent = ClientParent },
                ClientUnblockCommand.Def,
                new("pause", -3, AdminAlways, Conn, ClientPauseCommand) { Parent = ClientParent },
                new("unpause", 2, AdminAlways, Conn, ClientUnpause) { Parent = ClientParent },
                new("help", 2, CommandFlags.Loading | CommandFlags.Stale, Conn, ClientHelp) { Parent = ClientParent },
            ],
        },
        new("monitor", 1, AdminAlways, "server", Monitor),
    ];

    // ---- HELLO ----

    private static void Hello(CommandContext ctx)
    {
        var args = ctx.Args;
        var client = ctx.Client;
        long version = 0;
        int next = 1;
        if (args.Count >= 2)
        {
            if (!Numbers.TryParseInt64(args[1], out version))
            {
                ctx.Reply.Error(ErrorMessages.HelloBadProtocol);
                return;
            }
            if (version < 2 || version > 3)
            {
                ctx.Reply.Error(ErrorMessages.NoProto);
                return;
            }
            next = 2;
        }
        int user = -1;
        int name = -1;
        for (int j = next; j < args.Count; j++)
        {
            int more = args.Count - 1 - j;
            if (args.Is(j, "AUTH"u8) && more >= 2)
            {
                user = j + 1;
                j += 2;
            }
            else if (args.Is(j, "SETNAME"u8) && more >= 1)
            {
                if (!ValidAttribute(args[j + 1]))
                {
                    ctx.Reply.Error(ErrorMessages.ClientNameInvalid);
                    return;
                }
                name = j + 1;
                j++;
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.HelloSyntax(args.GetString(j)));
                return;
            }
        }
        if (client is { Authenticated: false } && user < 0)
        {
            ctx.Reply.Error(ErrorMessages.HelloNoAuth);
            return;
        }
        if (user >= 0)
        {
            if (!CheckCredentials(client, args[user], args[user + 1]))
            {
                ctx.Reply.Error(ErrorMessages.WrongPass);
                return;
            }
            if (client is not null)
            {
                client.Authenticated = true;
            }
        }
        int protocol = client?.Protocol ?? 2;
        if (version != 0)
        {
            protocol = (int)version;
            if (client is not null)
            {
                client.Protocol = protocol;
            }
        }
        if (name >= 0 && client is not null)
        {
            client.Name = args[name].Length == 0 ? null : args.GetString(name);
        }
        var r = ctx.Reply;
        r.Map(7);
        r.Bulk("server"u8);
        r.Bulk("redis"u8);
        r.Bulk("version"u8);
        r.Bulk("7.2.4"u8);
        r.Bulk("proto"u8);
        r.Integer(protocol);
        r.Bulk("id"u8);
        r.Integer(client?.Id ?? 0);
        r.Bulk("mode"u8);
        r.Bulk("standalone"u8);
        r.Bulk("role"u8);
        r.Bulk("master"u8);
        r.Bulk("modules"u8);
        r.Array(0);
    }

    // ---- AUTH ----

    private static void Auth(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Count > 3)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        var client = ctx.Client;
        bool ok;
        if (args.Count == 2)
        {
            if (client?.RequirePass is null)
            {
                ctx.Reply.Error(ErrorMessages.AuthWithoutPassword);
                return;
            }
            ok = CheckCredentials(client, "default"u8, args[1]);
        }
        else
        {
            ok = CheckCredentials(client, args[1], args[2]);
        }
        if (!ok)
        {
            ctx.Reply.Error(ErrorMessages.WrongPass);
            return;
        }
        if (client is not null)
        {
            client.Authenticated = true;
        }
        ctx.Reply.SimpleString("OK");
    }

    // Only the default user exists: with no requirepass it takes any password (Valkey's "nopass"); otherwise the
    // password is compared in constant time (as Valkey, over SHA-256 digests, so the length leaks nothing either).
    private static bool CheckCredentials(IClientConnection? client, ReadOnlySpan<byte> user, ReadOnlySpan<byte> password)
    {
        bool isDefault = user.SequenceEqual("default"u8);
        var required = client?.RequirePass;
        if (required is null)
        {
            return isDefault;
        }
        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(password, given);
        SHA256.HashData(required, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected) & isDefault;
    }

    // ---- QUIT, RESET ----

    private static void Quit(CommandContext ctx)
    {
        ctx.Reply.SimpleString("OK");
        ctx.Client?.CloseAfterReply();
    }

    private static void Reset(CommandContext ctx)
    {
        ctx.Transaction?.Discard(); // transactions (issue 7): discardTransaction + unwatchAllKeys
        ctx.DbIndex = 0;
        if (ctx.Client is { } client)
        {
            client.Protocol = 2;
            client.Name = null;
            client.ReplyMode = ClientReplyMode.On;
            client.NoEvict = false;
            client.NoTouch = false;
            client.Authenticated = client.RequirePass is null;
            client.StopMonitor();
            ctx.Engine.PubSub.UnsubscribeAll(client.Subscriber);
        }
        ctx.Reply.SimpleString("RESET");
    }

    // ---- CLIENT ----

    private static void ClientId(CommandContext ctx) => ctx.Reply.Integer(ctx.Client?.Id ?? 0);

    private static void ClientGetName(CommandContext ctx)
    {
        if (ctx.Client?.Name is { } name)
        {
            ctx.Reply.Bulk(name);
        }
        else
        {
            ctx.Reply.Null();
        }
    }

    private static void ClientSetName(CommandContext ctx)
    {
        var value = ctx.Args[2];
        if (!ValidAttribute(value))
        {
            ctx.Reply.Error(ErrorMessages.ClientNameInvalid);
            return;
        }
        if (ctx.Client is { } client)
        {
            client.Name = value.Length == 0 ? null : ctx.Args.GetString(2);
        }
        ctx.Reply.SimpleString("OK");
    }

    private static void ClientSetInfo(CommandContext ctx)
    {
        var args = ctx.Args;
        bool libName = args.Is(2, "LIB-NAME"u8);
        if (!libName && !args.Is(2, "LIB-VER"u8))
        {
            ctx.Reply.Error(ErrorMessages.SetInfoUnrecognized(args.GetString(2)));
            return;
        }
        if (!ValidAttribute(args[3]))
        {
            ctx.Reply.Error(ErrorMessages.SetInfoInvalid(args.GetString(2)));
            return;
        }
        if (ctx.Client is { } client)
        {
            string? value = args[3].Length == 0 ? null : args.GetString(3);
            if (libName)
            {
                client.LibName = value;
            }
            else
            {
                client.LibVersion = value;
            }
        }
        ctx.Reply.SimpleString("OK");
    }

    private static void ClientInfo(CommandContext ctx)
    {
        if (ctx.Client is not { } client)
        {
            ctx.Reply.Verbatim("txt", "");
            return;
        }
        ctx.Reply.Verbatim("txt", client.Describe() + "\n");
    }

    private static void ClientList(CommandContext ctx)
    {
        var args = ctx.Args;
        HashSet<long>? ids = null;
        string? typeFilter = null;
        if (args.Count == 4 && args.Is(2, "TYPE"u8))
        {
            var type = args[3];
            if (!type.IsValkeyClientType())
            {
                ctx.Reply.Error(ErrorMessages.UnknownClientType(args.GetString(3)));
                return;
            }
            typeFilter = Ascii.EqualsIgnoreCase(type, "slave"u8) ? "replica" : Encoding.ASCII.GetString(type).ToLowerInvariant();
        }
        else if (args.Count > 3 && args.Is(2, "ID"u8))
        {
            ids = [];
            for (int i = 3; i < args.Count; i++)
            {
                if (!Numbers.TryParseInt64(args[i], out long id))
                {
                    ctx.Reply.Error(ErrorMessages.InvalidClientId);
                    return;
                }
                ids.Add(id);
            }
        }
        else if (args.Count != 2)
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        var text = new StringBuilder();
        if (ctx.Client is { } client)
        {
            foreach (var peer in client.Peers())
            {
                if ((ids is null || ids.Contains(peer.Id)) && (typeFilter is null || peer.ClientType == typeFilter))
                {
                    text.Append(peer.Describe()).Append('\n');
                }
            }
        }
        ctx.Reply.Verbatim("txt", text.ToString());
    }

    private static bool IsValkeyClientType(this ReadOnlySpan<byte> type) =>
        Ascii.EqualsIgnoreCase(type, "normal"u8) || Ascii.EqualsIgnoreCase(type, "slave"u8)
        || Ascii.EqualsIgnoreCase(type, "replica"u8) || Ascii.EqualsIgnoreCase(type, "master"u8)
        || Ascii.EqualsIgnoreCase(type, "pubsub"u8);

    private static void ClientReply(CommandContext ctx)
    {
        var args = ctx.Args;
        ClientReplyMode mode;
        if (args.Is(2, "ON"u8))
        {
            mode = ClientReplyMode.On;
        }
        else if (args.Is(2, "OFF"u8))
        {
            mode = ClientReplyMode.Off;
        }
        else if (args.Is(2, "SKIP"u8))
        {
            // Ignored while replies are OFF; otherwise the next command is skipped (also when this one is).
            mode = ctx.Client is { ReplyMode: ClientReplyMode.Off } ? ClientReplyMode.Off : ClientReplyMode.SkipNext;
        }
        else
        {
            ctx.Reply.Error(ErrorMessages.Syntax);
            return;
        }
        if (ctx.Client is { } client)
        {
            client.ReplyMode = mode;
            if (mode == ClientReplyMode.On)
            {
                ctx.Reply.SimpleString("OK");
            }
        }
        else
        {
            // An in-process session always gets its reply.
            ctx.Reply.SimpleString("OK");
        }
    }

    private static void ClientNoEvict(CommandContext ctx)
    {
        if (TryOnOff(ctx, out bool on))
        {
            if (ctx.Client is { } client)
            {
                client.NoEvict = on;
            }
            ctx.Reply.SimpleString("OK");
        }
    }

    private static void ClientNoTouch(CommandContext ctx)
    {
        if (TryOnOff(ctx, out bool on))
        {
            if (ctx.Client is { } client)
            {
                client.NoTouch = on;
            }
            ctx.Reply.SimpleString("OK");
        }
    }

    private static bool TryOnOff(CommandContext ctx, out bool on)
    {
        on = ctx.Args.Is(2, "ON"u8);
        if (on || ctx.Args.Is(2, "OFF"u8))
        {
            return true;
        }
        ctx.Reply.Error(ErrorMessages.Syntax);
        return false;
    }

    // Valkey's validateClientAttr: every byte in '!'..'~' (an empty value clears the attribute).
    private static bool ValidAttribute(ReadOnlySpan<byte> value)
    {
        foreach (byte b in value)
        {
            if (b < '!' || b > '~')
            {
                return false;
            }
        }
        return true;
    }
}
