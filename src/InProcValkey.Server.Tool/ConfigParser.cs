using System.Globalization;
using System.Text;

namespace InProcValkey.Server.Tool;

/// <summary>What the command line asks for.</summary>
internal enum ToolAction { Run, Help, Version }

/// <summary>The outcome of parsing: the action, the settings, or the fatal error text (printed to stderr, exit code 1).</summary>
internal sealed record ParseResult(ToolAction Action, ServerConfig Config, string? Error);

/// <summary>
/// valkey-server's argument and configuration handling: <c>[config-file] [--directive value ...]</c>. The file is read as
/// valkey.conf (<c>directive value ...</c> per line, <c>#</c> comments, single or double quoted values), then each
/// <c>--directive</c> of the command line is one more line, so the command line overrides the file. A bad line gives
/// Valkey's <c>*** FATAL CONFIG FILE ERROR ***</c> block.
/// </summary>
internal static class ConfigParser
{
    /// <summary>The Valkey version the tool reports compatibility with.</summary>
    internal const string ValkeyVersion = "7.2.4";

    private readonly record struct Line(int Number, string Text, List<string> Args);

    /// <summary>Parses the command line; <paramref name="readFile"/> reads the config file (tests pass their own).</summary>
    public static ParseResult Parse(IReadOnlyList<string> args, Func<string, string>? readFile = null)
    {
        var config = new ServerConfig();
        if (args.Count >= 1 && args[0] is "--help" or "-h")
        {
            return new ParseResult(ToolAction.Help, config, null);
        }
        if (args.Count >= 1 && args[0] is "--version" or "-v")
        {
            return new ParseResult(ToolAction.Version, config, null);
        }

        var lines = new List<Line>();
        int index = 0;
        int number = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            string text;
            try
            {
                text = (readFile ?? File.ReadAllText)(args[0]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new ParseResult(ToolAction.Run, config, $"Fatal error, can't open config file '{args[0]}': {e.Message}");
            }
            foreach (var raw in text.Split('\n'))
            {
                number++;
                string trimmed = raw.Trim(' ', '\t', '\r', '\n');
                if (trimmed.Length == 0 || trimmed[0] == '#')
                {
                    continue;
                }
                var split = SplitArgs(trimmed);
                if (split is null)
                {
                    return Fatal(config, number, trimmed, "Unbalanced quotes in configuration line");
                }
                lines.Add(new Line(number, trimmed, split));
            }
            index = 1;
        }

        // The command line is appended to the file's text after a newline: each --name starts a line, the arguments up to
        // the next --name are its values (valkey-server's main()), so its first line is the file's line count + 1 (2 with no file).
        number = Math.Max(number, 1);
        List<string>? current = null;
        for (; index < args.Count; index++)
        {
            string arg = args[index];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                current = [arg[2..]];
                number++;
                lines.Add(new Line(number, "", current));
            }
            else if (current is null)
            {
                return Fatal(config, number + 1, Repr(arg), "Bad directive or wrong number of arguments");
            }
            else
            {
                current.Add(arg);
            }
        }

        foreach (var line in lines)
        {
            string text = line.Text.Length > 0 ? line.Text : string.Join(' ', line.Args.Select((a, i) => i == 0 ? a : Repr(a)));
            string? error = Apply(config, line.Args);
            if (error is not null)
            {
                return Fatal(config, line.Number, text, error);
            }
        }
        return new ParseResult(ToolAction.Run, config, null);
    }

    private static ParseResult Fatal(ServerConfig config, int line, string text, string message) =>
        new(ToolAction.Run, config,
            $"\n*** FATAL CONFIG FILE ERROR (Redis {ValkeyVersion}) ***\nReading the configuration file, at line {line}\n>>> '{text}'\n{message}");

    /// <summary>Applies one directive; Valkey's error text or null.</summary>
    private static string? Apply(ServerConfig config, List<string> line)
    {
        string name = line[0].ToLowerInvariant();
        int argc = line.Count;
        switch (name)
        {
            case "bind" when argc >= 2:
                if (argc - 1 > 16)
                {
                    return "Too many bind addresses specified.";
                }
                config.Bind = line.Skip(1).ToList();
                return null;
            case "bind":
                config.Bind = []; // no address: valkey-server then listens nowhere and exits
                return null;
            case "save":
                return null; // no persistence: accepted and ignored
            case "appendonly" when argc == 2:
                return ParseBool(line[1], out _);
            case "port" when argc == 2:
                return ParseInt(line[1], 0, 65535, v => config.Port = (int)v);
            case "databases" when argc == 2:
                return ParseInt(line[1], 1, int.MaxValue, v => config.Databases = (int)v);
            case "io-threads" when argc == 2:
                return ParseInt(line[1], 1, 128, v => config.IoThreads = (int)v);
            case "maxclients" when argc == 2:
                return ParseInt(line[1], 1, int.MaxValue, v => config.MaxClients = (int)v);
            case "timeout" when argc == 2:
                return ParseInt(line[1], 0, int.MaxValue, v => config.TimeoutSeconds = (int)v);
            case "unixsocket" when argc == 2:
                config.UnixSocket = line[1].Length == 0 ? null : line[1];
                return null;
            case "requirepass" when argc == 2:
                config.RequirePass = line[1];
                return null;
            case "protected-mode" when argc == 2:
            {
                string? error = ParseBool(line[1], out bool yes);
                if (error is null)
                {
                    config.ProtectedMode = yes;
                }
                return error;
            }
            case "loglevel" when argc == 2:
            {
                string level = line[1].ToLowerInvariant();
                if (level is not ("debug" or "verbose" or "notice" or "warning" or "nothing"))
                {
                    return "argument(s) must be one of the following: debug, verbose, notice, warning, nothing";
                }
                config.LogLevel = level;
                return null;
            }
            case "proto-max-bulk-len" when argc == 2:
                return ParseMemory(line[1], v => config.ProtoMaxBulkLen = v);
            case "client-query-buffer-limit" when argc == 2:
                return ParseMemory(line[1], v => config.ClientQueryBufferLimit = v);
            default:
                return ApplyEngineParameter(config, name, line);
        }
    }

    // Any other parameter of the engine's CONFIG table (maxmemory, maxmemory-policy, notify-keyspace-events,
    // hash-max-listpack-entries, …) works as in valkey-server: checked now with CONFIG SET's rules, set on the store at start.
    private static readonly HashSet<string> ToolDirectives =
    [
        "bind", "save", "appendonly", "port", "databases", "maxclients", "timeout", "unixsocket", "requirepass",
        "io-threads", "protected-mode", "loglevel", "proto-max-bulk-len", "client-query-buffer-limit",
    ];

    private static readonly HashSet<string> MultiArgument = ["client-output-buffer-limit"];

    private static string? ApplyEngineParameter(ServerConfig config, string name, List<string> line)
    {
        var param = InProcValkey.Keyspace.EngineConfig.FindParam(name);
        if (!ToolDirectives.Contains(name) && param is not { Immutable: false })
        {
            return "Bad directive or wrong number of arguments";
        }
        // A known directive with the wrong count of arguments (config.c's loadServerConfigFromString); only the
        // multi-argument parameters take more than one.
        if (param is not { Immutable: false } || line.Count < 2 || (line.Count > 2 && !MultiArgument.Contains(name)))
        {
            return "wrong number of arguments";
        }
        string value = string.Join(' ', line.Skip(1));
        if (InProcValkey.Keyspace.EngineConfig.CheckValue(param, value) is { } error)
        {
            return error;
        }
        config.EngineParameters.Add((name, value));
        return null;
    }

    private static string? ParseBool(string value, out bool yes)
    {
        yes = value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return yes || value.Equals("no", StringComparison.OrdinalIgnoreCase) ? null : "argument must be 'yes' or 'no'";
    }

    private static string? ParseInt(string value, long min, long max, Action<long> set)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return "argument couldn't be parsed into an integer";
        }
        if (n < min || n > max)
        {
            return $"argument must be between {min} and {max} inclusive";
        }
        set(n);
        return null;
    }

    private static string? ParseMemory(string value, Action<long> set)
    {
        const long min = 1024 * 1024;
        if (!TryParseMemory(value, out long n))
        {
            return "argument must be a memory value";
        }
        if (n < min)
        {
            return $"argument must be between {min} and {long.MaxValue} inclusive";
        }
        set(n);
        return null;
    }

    /// <summary>
    /// Valkey's <c>memtoull</c>: digits with an optional unit (b, k=1000, kb=1024, m, mb, g, gb; case-insensitive), parsed
    /// by the engine's CONFIG parser; the tool's memory options are unsigned, so a sign is refused.
    /// </summary>
    internal static bool TryParseMemory(string text, out long bytes)
    {
        bytes = 0;
        return !text.StartsWith('-') && Keyspace.EngineConfig.TryParseMemory(text, out bytes);
    }

    /// <summary>
    /// Valkey's <c>sdssplitargs</c>: space-separated arguments, double quotes with escapes (<c>\n \r \t \b \a \\ \" \xHH</c>),
    /// single quotes with <c>\'</c>; a closing quote must be followed by a space or the end. Null for unbalanced quotes.
    /// </summary>
    internal static List<string>? SplitArgs(string line)
    {
        var result = new List<string>();
        int i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }
            if (i >= line.Length)
            {
                return result;
            }
            var current = new StringBuilder();
            bool inDouble = false, inSingle = false;
            while (true)
            {
                if (inDouble)
                {
                    if (i >= line.Length)
                    {
                        return null;
                    }
                    char c = line[i];
                    if (c == '\\' && i + 3 < line.Length && line[i + 1] == 'x' && char.IsAsciiHexDigit(line[i + 2]) && char.IsAsciiHexDigit(line[i + 3]))
                    {
                        current.Append((char)Convert.ToByte(line.Substring(i + 2, 2), 16));
                        i += 3;
                    }
                    else if (c == '\\' && i + 1 < line.Length)
                    {
                        i++;
                        current.Append(line[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'a' => '\a', var o => o });
                    }
                    else if (c == '"')
                    {
                        if (i + 1 < line.Length && !char.IsWhiteSpace(line[i + 1]))
                        {
                            return null;
                        }
                        i++;
                        break;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                else if (inSingle)
                {
                    if (i >= line.Length)
                    {
                        return null;
                    }
                    char c = line[i];
                    if (c == '\\' && i + 1 < line.Length && line[i + 1] == '\'')
                    {
                        i++;
                        current.Append('\'');
                    }
                    else if (c == '\'')
                    {
                        if (i + 1 < line.Length && !char.IsWhiteSpace(line[i + 1]))
                        {
                            return null;
                        }
                        i++;
                        break;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                else
                {
                    if (i >= line.Length || char.IsWhiteSpace(line[i]))
                    {
                        break;
                    }
                    char c = line[i];
                    if (c == '"')
                    {
                        inDouble = true;
                    }
                    else if (c == '\'')
                    {
                        inSingle = true;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                i++;
            }
            result.Add(current.ToString());
        }
    }

    /// <summary>A command-line value as valkey-server echoes it in its error block (<c>sdscatrepr</c>: always double-quoted, escaped).</summary>
    private static string Repr(string arg)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in arg)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\a' => "\\a",
                '\b' => "\\b",
                _ when c < ' ' || c == (char)127 => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
