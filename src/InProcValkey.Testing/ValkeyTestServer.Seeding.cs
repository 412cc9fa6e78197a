using System.Globalization;
using System.Text;

namespace InProcValkey.Testing;

/// <summary>Seeding (commands from code or a redis-cli style file) and inspection (keyspace snapshots).</summary>
public sealed partial class ValkeyTestServer
{
    /// <summary>Runs one command on the server directly (not logged, no faults), e.g. <c>kit.Execute("HSET", "h", "f", "v")</c>.</summary>
    /// <param name="command">The command name and its arguments.</param>
    /// <returns>The reply; errors are returned as error replies.</returns>
    public ValkeyReply Execute(params string[] command) => Store.Execute(command);

    /// <summary>
    /// Runs a script of commands, one per line, written as you would type them in redis-cli (quotes and escapes as redis-cli
    /// parses them; blank lines and lines starting with <c>#</c> are skipped). <c>SELECT n</c> switches the database for the
    /// lines after it. Not logged, no faults.
    /// </summary>
    /// <param name="commands">The script.</param>
    /// <param name="database">The database the first lines run on.</param>
    /// <returns>How many commands ran.</returns>
    /// <exception cref="FormatException">A line does not parse (unbalanced quotes); nothing after it ran.</exception>
    /// <exception cref="InvalidOperationException">A command failed: the message names the line and the error; nothing after it ran.</exception>
    public int LoadCommands(string commands, int database = 0)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var session = Store.CreateSession(database);
        int count = 0;
        int lineNo = 0;
        foreach (var rawLine in commands.Split('\n'))
        {
            lineNo++;
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }
            IReadOnlyList<byte[]> args;
            try
            {
                args = RedisCliText.Split(line);
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {lineNo}: {e.Message}", e);
            }
            if (args.Count == 0)
            {
                continue;
            }
            var reply = session.Execute([.. args]);
            if (reply.IsError)
            {
                throw new InvalidOperationException($"line {lineNo}: {line.Trim()}: {reply.ErrorMessage}");
            }
            count++;
        }
        return count;
    }

    /// <summary>Runs the script in the file at <paramref name="path"/> (see <see cref="LoadCommands"/>).</summary>
    public int LoadCommandsFromFile(string path, int database = 0) => LoadCommands(File.ReadAllText(path), database);

    /// <summary>
    /// Reads every key of every database (type, value, TTL) into a <see cref="KeyspaceSnapshot"/>. Reads as a client does
    /// (expired keys are reclaimed on the way; the keys' LRU clock, OBJECT IDLETIME, is refreshed); nothing is logged.
    /// </summary>
    public KeyspaceSnapshot Snapshot()
    {
        var result = new SortedDictionary<int, SortedDictionary<string, KeySnapshot>>();
        for (int db = 0; db < Store.DatabaseCount; db++)
        {
            var session = Store.CreateSession(db);
            var keys = new SortedDictionary<string, KeySnapshot>(StringComparer.Ordinal);
            string cursor = "0";
            do
            {
                var page = Check(session.Execute("SCAN", cursor, "COUNT", "1000"));
                cursor = page.Elements[0].ToString()!;
                foreach (var keyReply in page.Elements[1].Elements)
                {
                    var key = keyReply.AsBytes()!;
                    if (ReadKey(session, key) is { } snapshot)
                    {
                        keys[snapshot.Key] = snapshot;
                    }
                }
            }
            while (cursor != "0");
            if (keys.Count > 0)
            {
                result[db] = keys;
            }
        }
        return new KeyspaceSnapshot(result);
    }

    private static KeySnapshot? ReadKey(ValkeySession session, byte[] key)
    {
        string type = Check(session.Execute("TYPE"u8.ToArray(), key)).ToString()!;
        object value;
        switch (type)
        {
            case "none":
                return null;
            case "string":
                value = Text(Check(session.Execute("GET"u8.ToArray(), key)));
                break;
            case "list":
                value = Check(session.Execute("LRANGE"u8.ToArray(), key, "0"u8.ToArray(), "-1"u8.ToArray())).Elements.Select(Text).ToArray();
                break;
            case "set":
                value = Check(session.Execute("SMEMBERS"u8.ToArray(), key)).Elements.Select(Text).Order(StringComparer.Ordinal).ToArray();
                break;
            case "hash":
                var flat = Check(session.Execute("HGETALL"u8.ToArray(), key)).Elements;
                var hash = new SortedDictionary<string, string>(StringComparer.Ordinal);
                for (int i = 0; i + 1 < flat.Count; i += 2)
                {
                    hash[Text(flat[i])] = Text(flat[i + 1]);
                }
                value = hash;
                break;
            case "zset":
                var pairs = Check(session.Execute("ZRANGE"u8.ToArray(), key, "0"u8.ToArray(), "-1"u8.ToArray(), "WITHSCORES"u8.ToArray())).Elements;
                var members = new List<KeyValuePair<string, double>>();
                if (pairs.Count > 0 && pairs[0].Kind == ValkeyReplyKind.Array)
                {
                    foreach (var p in pairs)
                    {
                        members.Add(new(Text(p.Elements[0]), Score(p.Elements[1])));
                    }
                }
                else
                {
                    for (int i = 0; i + 1 < pairs.Count; i += 2)
                    {
                        members.Add(new(Text(pairs[i]), Score(pairs[i + 1])));
                    }
                }
                value = members;
                break;
            default:
                value = "<" + type + ">";
                break;
        }
        long pttl = Check(session.Execute("PTTL"u8.ToArray(), key)).AsInt64();
        if (pttl == -2)
        {
            return null;
        }
        return new KeySnapshot(Encoding.UTF8.GetString(key), type, value, pttl >= 0 ? TimeSpan.FromMilliseconds(pttl) : null);
    }

    private static string Text(ValkeyReply reply) => reply.AsBytes() is { } bytes ? Encoding.UTF8.GetString(bytes) : reply.ToString() ?? "";

    private static double Score(ValkeyReply reply) => reply.Kind == ValkeyReplyKind.Double
        ? reply.AsDouble()
        : double.Parse(Text(reply).Replace("inf", "Infinity", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static ValkeyReply Check(ValkeyReply reply) =>
        reply.IsError ? throw new InvalidOperationException("snapshot: " + reply.ErrorMessage) : reply;
}
