using System.Text;

namespace InProcValkey.Testing;

/// <summary>One command a client sent to the kit's server, as the server received it.</summary>
public sealed class LoggedCommand
{
    internal LoggedCommand(string name, IReadOnlyList<byte[]> arguments, long clientId, string? clientName, int database, DateTimeOffset time)
    {
        Name = name;
        RawArguments = arguments;
        ClientId = clientId;
        ClientName = clientName;
        Database = database;
        Time = time;
    }

    /// <summary>The command name, upper case (<c>SET</c>, <c>HGETALL</c>, <c>CLIENT</c>).</summary>
    public string Name { get; }

    /// <summary>The arguments after the name, as sent.</summary>
    public IReadOnlyList<byte[]> RawArguments { get; }

    /// <summary>The arguments after the name, decoded as UTF-8.</summary>
    public IReadOnlyList<string> Arguments => field ??= RawArguments.Select(static a => Encoding.UTF8.GetString(a)).ToArray();

    /// <summary>The id of the connection that sent it (CLIENT ID).</summary>
    public long ClientId { get; }

    /// <summary>The connection's name when it sent it (CLIENT SETNAME; StackExchange.Redis sets its ClientName), or null.</summary>
    public string? ClientName { get; }

    /// <summary>The database selected when it was sent.</summary>
    public int Database { get; }

    /// <summary>The server's time (the kit's <see cref="TimeProvider"/>) when it was received.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Whether an argument equals <paramref name="token"/>, ignoring case (for options: <c>HasArgument("EX")</c>).</summary>
    public bool HasArgument(string token) => Arguments.Any(a => string.Equals(a, token, StringComparison.OrdinalIgnoreCase));

    /// <summary>The argument after the first one equal to <paramref name="option"/> (ignoring case), or null: <c>OptionValue("EX")</c> is "60" for <c>SET k v EX 60</c>.</summary>
    public string? OptionValue(string option)
    {
        var args = Arguments;
        for (int i = 0; i < args.Count - 1; i++)
        {
            if (string.Equals(args[i], option, StringComparison.OrdinalIgnoreCase))
            {
                return args[i + 1];
            }
        }
        return null;
    }

    /// <summary>The command as redis-cli would show it: <c>SET "key" "value" "EX" "60"</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Name);
        foreach (var a in RawArguments)
        {
            sb.Append(' ').Append(RedisCliText.Quote(a));
        }
        return sb.ToString();
    }
}
