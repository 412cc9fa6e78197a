using System.Globalization;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>
/// One way Redis 7.0 (the reference server installed here) replies differently from Valkey 7.2 (what the engine
/// implements). <see cref="Applies"/> recognises the case from the command and Redis' reply; <see cref="ValkeyReply"/>
/// gives the reply Valkey 7.2 sends instead. Every row is described in docs/compatibility.md under its <see cref="Id"/>.
/// </summary>
public sealed record KnownDifference(
    string Id,
    string Command,
    string Case,
    Func<IReadOnlyList<byte[]>, ValkeyReply, bool> Applies,
    Func<IReadOnlyList<byte[]>, ValkeyReply, ValkeyReply> ValkeyReply,
    string Source);

/// <summary>
/// The one code-side table of Redis 7.0 vs Valkey 7.2 differences. The harness passes every redis-server reply through
/// <see cref="Expected"/> before comparing it with the engine's, when the reference server is Redis older than 7.2.
/// </summary>
public static class KnownDifferences
{
    /// <summary>Commands whose replies come from Valkey's <c>addReplyDouble</c> (RESP2: a bulk string from <c>d2string</c>).</summary>
    private static readonly HashSet<string> DoubleReplyCommands =
    [
        "ZSCORE", "ZINCRBY", "ZMSCORE", "ZADD", "ZRANGE", "ZRANGEBYSCORE", "ZREVRANGE", "ZREVRANGEBYSCORE", "ZPOPMIN",
        "ZPOPMAX", "BZPOPMIN", "BZPOPMAX", "ZRANDMEMBER", "ZUNION", "ZINTER", "ZDIFF", "ZMPOP", "BZMPOP", "ZRANK",
        "ZREVRANK", "GEODIST", "GEOPOS", "GEOSEARCH", "GEORADIUS", "GEORADIUSBYMEMBER",
    ];

    public static readonly IReadOnlyList<KnownDifference> All =
    [
        new(
            Id: "KD1-pattern-nesting",
            Command: "KEYS, SCAN MATCH",
            Case: "a glob pattern with more than 1000 '*' each followed by another character",
            Applies: (cmd, _) => PatternOf(cmd) is { } p && StarsFollowedByLiteral(p) > 1000,
            // Valkey 7.2.7+ stops matching past 1000 nested '*' (CVE-2024-31228): such a pattern matches no key.
            ValkeyReply: (cmd, redis) => ReplyWithNoKeys(cmd, redis),
            Source: "valkey-io/valkey 7.2.7 release notes (CVE-2024-31228); src/util.c stringmatchlen_impl 'nesting > 1000'"),
        new(
            Id: "KD2-double-format",
            Command: "ZSCORE, ZINCRBY, GEODIST, … (any RESP2 double reply)",
            Case: "a non-integral double",
            Applies: (cmd, redis) => DoubleReplyCommands.Contains(ReplyComparer.Name(cmd, 0)) && HasLongDouble(redis),
            // Redis 7.0 prints %.17g ("1.1000000000000001"); Redis 7.2 / Valkey 7.2 print the shortest round-trip form ("1.1").
            ValkeyReply: (_, redis) => ReformatDoubles(redis),
            Source: "redis/redis #10587 (d2string/addReplyDouble with fpconv_dtoa, Redis 7.2), #11597 (nan)"),
        // Before KD3 (one difference applies per reply): CLIENT HELP also gets KD3's footer here.
        new(
            Id: "KD4-client-help-72",
            Command: "CLIENT HELP",
            Case: "the subcommands new in 7.2",
            Applies: (cmd, redis) => cmd.Count == 2 && ReplyComparer.Name(cmd, 0) == "CLIENT" && ReplyComparer.Name(cmd, 1) == "HELP"
                                     && redis.Kind == ValkeyReplyKind.Array,
            // Valkey 7.2 lists SETINFO after SETNAME and NO-TOUCH after NO-EVICT; its footer is KD3's.
            ValkeyReply: (_, redis) => ClientHelp72(redis),
            Source: "src/networking.c clientCommand help in Valkey 7.2 / Redis 7.2 (CLIENT SETINFO and NO-TOUCH are new in 7.2)"),
        new(
            Id: "KD3-help-footer",
            Command: "OBJECT HELP (every <command> HELP)",
            Case: "the last line of a HELP reply",
            Applies: (cmd, redis) => cmd.Count == 2 && ReplyComparer.Name(cmd, 1) == "HELP" && redis.Kind == ValkeyReplyKind.Array &&
                                     redis.Elements.Count > 0 && redis.Elements[^1].ToString() == "    Prints this help.",
            // Redis 7.2 / Valkey 7.2 changed addReplyHelp's footer from "Prints this help." to "Print this help.".
            ValkeyReply: (_, redis) => global::InProcValkey.ValkeyReply.Array(
                [.. redis.Elements.Take(redis.Elements.Count - 1), global::InProcValkey.ValkeyReply.SimpleString("    Print this help.")]),
            Source: "src/networking.c addReplyHelp in Valkey 7.2 / Redis 7.2 (fakeredis tests test_pubsub_help_redis7 vs _redis71)"),
        new(
            Id: "KD4-hello-noauth-hint",
            Command: "HELLO (without AUTH, when a password is required)",
            Case: "the NOAUTH error's hint",
            // The error text is unique to HELLO, so the row also applies where the command is not known (raw wire scripts).
            Applies: (_, redis) => redis.IsError && redis.ErrorMessage!.StartsWith("NOAUTH HELLO must be called", StringComparison.Ordinal) &&
                                   redis.ErrorMessage.Contains("the HELLO AUTH <user> <pass> option", StringComparison.Ordinal),
            // Redis 7.2 / Valkey 7.2 name the protocol version in the hint: "HELLO <proto> AUTH <user> <pass>".
            ValkeyReply: (_, redis) => global::InProcValkey.ValkeyReply.Error(redis.ErrorMessage!.Replace(
                "the HELLO AUTH <user> <pass> option", "the HELLO <proto> AUTH <user> <pass> option", StringComparison.Ordinal)),
            Source: "redis/redis #11809 (Redis 7.2, \"Fix HELLO error message command syntax suggestion\"), inherited by Valkey 7.2"),
        // lists
        new(
            Id: "KD-lists-lpos-rank-min",
            Command: "LPOS",
            Case: "RANK -9223372036854775808 (LONG_MIN)",
            Applies: (cmd, _) => ReplyComparer.Name(cmd, 0) == "LPOS" && HasRankLongMin(cmd),
            // Redis 7.0 negates LONG_MIN (overflow) and searches; 7.2 parses RANK within -LONG_MAX..LONG_MAX.
            ValkeyReply: (_, _) => global::InProcValkey.ValkeyReply.Error(
                "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"),
            Source: "redis/redis #12167 (Redis 7.2, t_list.c lposCommand getRangeLongFromObjectOrReply -LONG_MAX..LONG_MAX), in Valkey 7.2"),
        new(
            Id: "KD-lists-timeout-range",
            Command: "BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP (every seconds timeout)",
            Case: "a positive timeout too large for milliseconds since the epoch (inf, 1e400, …)",
            Applies: (cmd, redis) => redis.ErrorMessage == "ERR timeout is negative" && TimeoutArgument(cmd) is { } t &&
                                     (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("+inf", StringComparison.OrdinalIgnoreCase) ||
                                      double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v > 0),
            // Redis 7.0 casts the overflowing long double to a negative long long; 7.2 checks the range first.
            ValkeyReply: (_, _) => global::InProcValkey.ValkeyReply.Error("ERR timeout is out of range"),
            Source: "src/timeout.c getTimeoutFromObjectOrReply ('timeout is out of range', Redis 7.2 / Valkey 7.2)"),
    ];

    /// <summary>
    /// The reply Valkey 7.2 gives where <paramref name="server"/> replied <paramref name="redisReply"/>; the reply itself when
    /// no difference applies (or the reference server already is Valkey / Redis 7.2+).
    /// </summary>
    public static ValkeyReply Expected(ServerIdentity server, IReadOnlyList<byte[]> command, ValkeyReply redisReply, out KnownDifference? applied)
    {
        applied = null;
        if (!server.IsRedisBefore72)
        {
            return redisReply;
        }
        foreach (var d in All)
        {
            if (d.Applies(command, redisReply))
            {
                applied = d;
                return d.ValkeyReply(command, redisReply);
            }
        }
        return redisReply;
    }

    private static byte[]? PatternOf(IReadOnlyList<byte[]> cmd)
    {
        string name = ReplyComparer.Name(cmd, 0);
        if (name == "KEYS" && cmd.Count == 2)
        {
            return cmd[1];
        }
        if (name == "SCAN")
        {
            for (int i = 2; i + 1 < cmd.Count; i += 2)
            {
                if (ReplyComparer.Name(cmd, i) == "MATCH")
                {
                    return cmd[i + 1];
                }
            }
        }
        return null;
    }

    private static int StarsFollowedByLiteral(byte[] pattern)
    {
        int count = 0;
        for (int i = 0; i + 1 < pattern.Length; i++)
        {
            if (pattern[i] == '*' && pattern[i + 1] != '*')
            {
                count++;
            }
        }
        return count;
    }

    private static ValkeyReply ReplyWithNoKeys(IReadOnlyList<byte[]> cmd, ValkeyReply redis)
    {
        if (redis.Kind != ValkeyReplyKind.Array)
        {
            return redis;
        }
        // KEYS: no keys. SCAN: same cursor, no keys (the harness also feeds whole SCAN iterations as a KEYS-like array).
        return ReplyComparer.Name(cmd, 0) == "SCAN" && redis.Elements.Count == 2 && redis.Elements[1].Kind == ValkeyReplyKind.Array
            ? global::InProcValkey.ValkeyReply.Array(redis.Elements[0], global::InProcValkey.ValkeyReply.Array())
            : global::InProcValkey.ValkeyReply.Array();
    }

    private static bool HasLongDouble(ValkeyReply r) => r.Kind switch
    {
        ValkeyReplyKind.BulkString => IsRedis70Double(r.AsBytes()!, out _),
        ValkeyReplyKind.Array => r.Elements.Any(HasLongDouble),
        _ => false,
    };

    private static ValkeyReply ReformatDoubles(ValkeyReply r) => r.Kind switch
    {
        ValkeyReplyKind.BulkString when IsRedis70Double(r.AsBytes()!, out double d) => global::InProcValkey.ValkeyReply.Bulk(Resp2.FormatDouble(d)),
        ValkeyReplyKind.Array => global::InProcValkey.ValkeyReply.Array(r.Elements.Select(ReformatDoubles).ToArray()),
        _ => r,
    };

    // A %.17g rendering whose shortest round-trip form is different ("0.10000000000000001" → "0.1").
    private static bool IsRedis70Double(byte[] bytes, out double value)
    {
        string s = System.Text.Encoding.ASCII.GetString(bytes);
        value = 0;
        return s.Length > 0 && (s.Contains('.') || s.Contains('e')) &&
               double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
               Resp2.FormatDouble(value) != s;
    }

    // KD4: Redis 7.0's CLIENT HELP with 7.2's SETINFO and NO-TOUCH entries and footer.
    private static ValkeyReply ClientHelp72(ValkeyReply redis)
    {
        var lines = new List<ValkeyReply>();
        foreach (var e in redis.Elements)
        {
            string text = e.ToString()!;
            lines.Add(text == "    Prints this help." ? global::InProcValkey.ValkeyReply.SimpleString("    Print this help.") : e);
            string[] after = text switch
            {
                "    Assign the name <name> to the current connection." =>
                    ["SETINFO <option> <value>", "    Set client meta attr. Options are:", "    * LIB-NAME: the client lib name.", "    * LIB-VER: the client lib version."],
                "    Protect current client connection from eviction." =>
                    ["NO-TOUCH (ON|OFF)", "    Will not touch LRU/LFU stats when this mode is on."],
                _ => [],
            };
            lines.AddRange(after.Select(global::InProcValkey.ValkeyReply.SimpleString));
        }
        return global::InProcValkey.ValkeyReply.Array([.. lines]);
    }

    // lists: whether an LPOS command has RANK LONG_MIN before any option error.
    private static bool HasRankLongMin(IReadOnlyList<byte[]> cmd)
    {
        for (int i = 3; i + 1 < cmd.Count; i += 2)
        {
            string opt = ReplyComparer.Name(cmd, i);
            if (opt == "RANK")
            {
                if (System.Text.Encoding.ASCII.GetString(cmd[i + 1]) == "-9223372036854775808")
                {
                    return true;
                }
            }
            else if (opt is not ("COUNT" or "MAXLEN"))
            {
                return false;
            }
        }
        return false;
    }

    // lists: the seconds timeout argument of a blocking list command.
    private static string? TimeoutArgument(IReadOnlyList<byte[]> cmd) => ReplyComparer.Name(cmd, 0) switch
    {
        "BLPOP" or "BRPOP" or "BRPOPLPUSH" or "BLMOVE" when cmd.Count > 2 => System.Text.Encoding.ASCII.GetString(cmd[^1]),
        "BLMPOP" when cmd.Count > 1 => System.Text.Encoding.ASCII.GetString(cmd[1]),
        _ => null,
    };
}
