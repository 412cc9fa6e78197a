using System.Buffers;
using System.Globalization;
using System.Text;
using InProcValkey.Commands;
using InProcValkey.DataTypes;

namespace InProcValkey.Server.Monitoring;

/// <summary>A connection that can receive MONITOR lines from other connections.</summary>
internal interface IMonitorClient
{
    /// <summary>Queues one line (already in RESP, <c>+…\r\n</c>) for delivery by the monitor's own connection loop.</summary>
    void EnqueueMonitorLine(byte[] line);
}

/// <summary>
/// MONITOR (Valkey's <c>replicationFeedMonitors</c>): every command a listener client runs is sent, after it ran, to each
/// monitoring client as <c>+&lt;unix seconds&gt;.&lt;micros&gt; [&lt;db&gt; &lt;addr&gt;] "arg" "arg"…</c> with Valkey's
/// quoting of arguments (<c>sdscatrepr</c>); Unix-socket clients show as <c>unix:&lt;path&gt;</c>. AUTH and HELLO … AUTH
/// passwords are shown as <c>(redacted)</c>, as Valkey redacts them. While no client monitors, the cost per command is one
/// volatile read (<see cref="IsActive"/>).
/// </summary>
internal sealed class MonitorFeed(TimeProvider time)
{
    private readonly Lock _lock = new();
    private volatile IMonitorClient[] _monitors = [];

    /// <summary>True while at least one client monitors.</summary>
    public bool IsActive => _monitors.Length != 0;

    public void Add(IMonitorClient client)
    {
        lock (_lock)
        {
            if (Array.IndexOf(_monitors, client) < 0)
            {
                _monitors = [.. _monitors, client];
            }
        }
    }

    public void Remove(IMonitorClient client)
    {
        lock (_lock)
        {
            if (Array.IndexOf(_monitors, client) >= 0)
            {
                _monitors = [.. _monitors.Where(m => m != client)];
            }
        }
    }

    /// <summary>
    /// Feeds the command just run by <paramref name="ctx"/>. A monitor that is the caller itself gets the line right after
    /// its reply (written to its own output, as Valkey appends both to the same buffer), or queued with
    /// <paramref name="queueForSelf"/> (a command inside EXEC, whose reply is still being written); others get it queued.
    /// </summary>
    public void Feed(CommandContext ctx, IClientConnection? source, bool queueForSelf = false)
    {
        var monitors = _monitors;
        if (monitors.Length == 0)
        {
            return;
        }
        byte[] line = Format(time.GetUtcNow(), ctx.DbIndex, source?.Address ?? "", source is IUnixClient { UnixSocketPath: { } path } ? path : null, ctx.Args);
        foreach (var monitor in monitors)
        {
            if (ReferenceEquals(monitor, source) && !queueForSelf)
            {
                var output = ((Protocol.RespReplyWriter)ctx.Reply).Output;
                output.Write(line);
            }
            else
            {
                monitor.EnqueueMonitorLine(line);
            }
        }
    }

    /// <summary>One MONITOR line, <c>+…\r\n</c>.</summary>
    internal static byte[] Format(DateTimeOffset now, int db, string address, string? unixSocket, CommandArgs args)
    {
        long micros = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var sb = new StringBuilder(64);
        sb.Append('+').Append((micros / 1_000_000).ToString(CultureInfo.InvariantCulture)).Append('.')
          .Append((micros % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)).Append(" [")
          .Append(db.ToString(CultureInfo.InvariantCulture)).Append(' ')
          .Append(unixSocket is null ? address : "unix:" + unixSocket).Append("] ");
        var redacted = Redacted(args);
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            if (redacted is not null && redacted[i])
            {
                sb.Append("\"(redacted)\"");
            }
            else
            {
                AppendRepr(sb, args[i]);
            }
        }
        sb.Append("\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    // Valkey's sdscatrepr: in double quotes; \ and " escaped, \n \r \t \a \b by name, other bytes outside 0x20..0x7e as \xHH.
    internal static void AppendRepr(StringBuilder sb, ReadOnlySpan<byte> value)
    {
        sb.Append('"');
        foreach (byte b in value)
        {
            switch (b)
            {
                case (byte)'\\':
                case (byte)'"':
                    sb.Append('\\').Append((char)b);
                    break;
                case (byte)'\n':
                    sb.Append("\\n");
                    break;
                case (byte)'\r':
                    sb.Append("\\r");
                    break;
                case (byte)'\t':
                    sb.Append("\\t");
                    break;
                case 7:
                    sb.Append("\\a");
                    break;
                case 8:
                    sb.Append("\\b");
                    break;
                default:
                    if (b >= 0x20 && b <= 0x7e)
                    {
                        sb.Append((char)b);
                    }
                    else
                    {
                        sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    // HELLO stops at an invalid SETNAME before it reads further options (so a later AUTH is not redacted).
    private static bool ValidName(ReadOnlySpan<byte> name) => name.IndexOfAnyExceptInRange((byte)'!', (byte)'~') < 0;

    // Which arguments Valkey redacts (redactClientCommandArgument): AUTH's password (and username) when AUTH has 2 or 3
    // arguments; HELLO's AUTH username and password, for each AUTH option met while parsing valid options.
    private static bool[]? Redacted(CommandArgs args)
    {
        if (args.Is(0, "AUTH"u8))
        {
            if (args.Count > 3)
            {
                return null;
            }
            var r = new bool[args.Count];
            for (int i = 1; i < args.Count; i++)
            {
                r[i] = true;
            }
            return r;
        }
        if (!args.Is(0, "HELLO"u8) || args.Count < 2)
        {
            return null;
        }
        if (!Numbers.TryParseInt64(args[1], out long version) || version < 2 || version > 3)
        {
            return null;
        }
        bool[]? redacted = null;
        for (int j = 2; j < args.Count; j++)
        {
            int more = args.Count - 1 - j;
            if (args.Is(j, "AUTH"u8) && more >= 2)
            {
                redacted ??= new bool[args.Count];
                redacted[j + 1] = redacted[j + 2] = true;
                j += 2;
            }
            else if (args.Is(j, "SETNAME"u8) && more >= 1 && ValidName(args[j + 1]))
            {
                j++;
            }
            else
            {
                break;
            }
        }
        return redacted;
    }
}

/// <summary>A connection made over the Unix socket (MONITOR shows it as <c>unix:&lt;path&gt;</c>).</summary>
internal interface IUnixClient
{
    /// <summary>The server's socket path, or null for a TCP connection.</summary>
    string? UnixSocketPath { get; }
}
