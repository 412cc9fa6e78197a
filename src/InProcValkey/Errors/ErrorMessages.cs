namespace InProcValkey.Errors;

/// <summary>
/// Every error text the engine replies with, verbatim from Valkey 7.2 (<c>server.c</c> shared objects,
/// <c>t_string.c</c>, <c>db.c</c>, <c>expire.c</c>, <c>object.c</c>). Texts carry their prefix
/// (<c>ERR</c>, <c>WRONGTYPE</c>, …) and no trailing CRLF. Keep them here and nowhere else.
/// </summary>
internal static class ErrorMessages
{
    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public const string Syntax = "ERR syntax error";
    public const string NotInteger = "ERR value is not an integer or out of range";
    public const string NotFloat = "ERR value is not a valid float";
    public const string Overflow = "ERR increment or decrement would overflow";
    public const string IncrFloatNaNOrInf = "ERR increment would produce NaN or Infinity";
    public const string NoSuchKey = "ERR no such key";
    public const string DbIndexOutOfRange = "ERR DB index is out of range";
    public const string InvalidDbIndex = "ERR invalid DB index";
    public const string SameObject = "ERR source and destination objects are the same";
    public const string StringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public const string OffsetOutOfRange = "ERR offset is out of range";
    public const string NegativeTimeout = "ERR timeout is negative";
    public const string ExpireNxAndOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
    public const string ExpireGtAndLt = "ERR GT and LT options at the same time are not compatible";
    public const string LfuNotSelected =
        "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    public const string LruNotSelected =
        "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    public const string InvalidCursor = "ERR invalid cursor";

    /// <summary><c>ERR wrong number of arguments for 'get' command</c>.</summary>
    public static string WrongArity(string commandFullName) =>
        $"ERR wrong number of arguments for '{commandFullName}' command";

    /// <summary><c>ERR invalid expire time in 'set' command</c>.</summary>
    public static string InvalidExpireTime(string commandName) =>
        $"ERR invalid expire time in '{commandName}' command";

    /// <summary><c>ERR unknown subcommand 'x'. Try OBJECT HELP.</c></summary>
    public static string UnknownSubcommand(string subcommand, string commandName) =>
        Sanitize($"ERR unknown subcommand '{Truncate(CString(subcommand), 128)}'. Try {commandName.ToUpperInvariant()} HELP.");

    /// <summary>Valkey's reply to an unknown command: name and the first 128 bytes of arguments, quoted.</summary>
    public static string UnknownCommand(string name, IReadOnlyList<string> args)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < args.Count && sb.Length < 128; i++)
        {
            int room = 128 - sb.Length;
            sb.Append('\'').Append(Truncate(CString(args[i]), room)).Append("' ");
        }
        return Sanitize($"ERR unknown command '{Truncate(CString(name), 128)}', with args beginning with: {sb}");
    }

    // Valkey formats arguments with %s, which stops at the first NUL byte.
    private static string CString(string s)
    {
        int nul = s.IndexOf('\0');
        return nul < 0 ? s : s[..nul];
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    // Valkey replaces CR and LF in error replies with spaces so that the reply stays one line.
    internal static string Sanitize(string s) =>
        s.Contains('\r') || s.Contains('\n') ? s.Replace('\r', ' ').Replace('\n', ' ') : s;

    // ---- strings (t_string.c): DECRBY, LCS ----

    /// <summary>DECRBY with -9223372036854775808 (negating it would overflow), checked before the key is read.</summary>
    public const string DecrementOverflow = "ERR decrement would overflow";
    public const string LcsNotStrings = "ERR The specified keys must contain string values";
    public const string LcsLenAndIdx = "ERR If you want both the length and indexes, please just use IDX.";
    public const string LcsTableTooLarge = "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
    public const string LcsAllocationFailed = "ERR Insufficient memory, failed allocating transient memory for LCS";

    // ---- keys, expiry and databases (db.c, expire.c, object.c) ----

    public const string InvalidFirstDbIndex = "ERR invalid first DB index";
    public const string InvalidSecondDbIndex = "ERR invalid second DB index";

    /// <summary>Valkey's <c>getIntFromObjectOrReply</c> without a custom message, for a number outside the C int range.</summary>
    public const string IntOutOfRange = "ERR value is out of range, value must between -2147483648 and 2147483647";

    /// <summary><c>ERR Unsupported option foo</c> (EXPIRE family options).</summary>
    public static string UnsupportedOption(string option) => Sanitize($"ERR Unsupported option {option}");

    // ---- RESP protocol errors (networking.c processMultibulkBuffer / processInlineBuffer), issue 3 ----
    // Verified byte for byte against redis-server 7.0.15, identical in Valkey 7.2. The connection closes after each.

    public const string ProtocolInvalidMultibulkLength = "ERR Protocol error: invalid multibulk length";
    public const string ProtocolInvalidBulkLength = "ERR Protocol error: invalid bulk length";
    public const string ProtocolUnauthenticatedMultibulkLength = "ERR Protocol error: unauthenticated multibulk length";
    public const string ProtocolUnauthenticatedBulkLength = "ERR Protocol error: unauthenticated bulk length";
    public const string ProtocolTooBigMultibulkCount = "ERR Protocol error: too big mbulk count string";
    public const string ProtocolTooBigBulkCount = "ERR Protocol error: too big bulk count string";
    public const string ProtocolTooBigInline = "ERR Protocol error: too big inline request";
    public const string ProtocolUnbalancedQuotes = "ERR Protocol error: unbalanced quotes in request";

    /// <summary>
    /// <c>ERR Protocol error: expected '$', got 'x'</c>: Valkey prints the byte with <c>%c</c>, raw (0xFF stays one byte; the
    /// caller writes this text as Latin-1); CR and LF become spaces like every error reply.
    /// </summary>
    public static string ProtocolExpectedDollar(byte got) => $"ERR Protocol error: expected '$', got '{(char)got}'";

    // ---- server commands (COMMAND, CONFIG, INFO, SLOWLOG, DEBUG, CLUSTER), issue 3 ----
    // Checked against redis-server 7.0.15; the same in Valkey 7.2.

    /// <summary>CONFIG SET of a parameter we do not know.</summary>
    public static string ConfigSetUnknown(string name) => Sanitize($"ERR Unknown option or number of arguments for CONFIG SET - '{name}'");

    /// <summary>CONFIG SET rejected a value (Valkey names the first argument it failed on).</summary>
    public static string ConfigSetFailed(string name, string reason) => Sanitize($"ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}");

    public const string ConfigRewriteNoFile = "ERR The server is running without a config file";
    public const string CommandInvalidCommand = "ERR Invalid command specified";
    public const string CommandInvalidArgCount = "ERR Invalid number of arguments specified for command";
    public const string CommandNoKeys = "ERR The command has no key arguments";
    public const string CommandInvalidArgs = "ERR Invalid arguments specified for command";
    public const string SlowlogCount = "ERR count should be greater than or equal to -1";
    /// <summary>SLOWLOG GET with more than one argument: the subcommand name echoed as given.</summary>
    public static string SlowlogGetArity(string subcommand) => Sanitize($"ERR unknown subcommand or wrong number of arguments for '{subcommand}'. Try SLOWLOG HELP.");
    public const string ClusterDisabled = "ERR This instance has cluster support disabled";

    // ---- connection state: HELLO, AUTH, CLIENT (networking.c, server.c, acl.c), issue 3 ----

    public const string NoProto = "NOPROTO unsupported protocol version";
    public const string HelloBadProtocol = "ERR Protocol version is not an integer or out of range";
    public const string HelloNoAuth =
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time";
    public const string NoAuth = "NOAUTH Authentication required.";
    public const string AuthWithoutPassword =
        "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
    public const string WrongPass = "WRONGPASS invalid username-password pair or user is disabled.";
    public const string ClientNameInvalid = "ERR Client names cannot contain spaces, newlines or special characters.";
    public const string NoSuchClient = "ERR No such client";
    public const string ClientIdNotPositive = "ERR client-id should be greater than 0";
    public const string InvalidClientId = "ERR Invalid client ID";
    public const string MaxClients = "ERR max number of clients reached";

    /// <summary><c>ERR Syntax error in HELLO option 'x'</c>.</summary>
    public static string HelloSyntax(string option) => Sanitize($"ERR Syntax error in HELLO option '{option}'");

    /// <summary>CLIENT SETINFO with an attribute other than LIB-NAME / LIB-VER.</summary>
    public static string SetInfoUnrecognized(string option) => Sanitize($"ERR Unrecognized option '{option}'");

    /// <summary>CLIENT SETINFO with a value outside <c>!</c>..<c>~</c>.</summary>
    public static string SetInfoInvalid(string option) => Sanitize($"ERR {option} cannot contain spaces, newlines or special characters.");

    /// <summary>CLIENT LIST TYPE with an unknown type.</summary>
    public static string UnknownClientType(string type) => Sanitize($"ERR Unknown client type '{type}'");

    // ---- Blocking commands ----

    /// <summary>The reply of a command released by CLIENT UNBLOCK … ERROR (Valkey's <c>unblockClientOnError</c>).</summary>
    public const string UnblockedByClient = "UNBLOCKED client unblocked via CLIENT UNBLOCK";

    /// <summary>CLIENT UNBLOCK with a reason other than TIMEOUT or ERROR.</summary>
    public const string UnblockReason = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";

    /// <summary>A CLIENT subcommand given the wrong number of arguments where Valkey checks it itself.</summary>
    public static string ClientSubcommandSyntax(string subcommand) => Sanitize($"ERR unknown subcommand or wrong number of arguments for '{subcommand}'. Try CLIENT HELP.");
    // ---- RESP listener (issue 3): CLIENT PAUSE / KILL, MONITOR ----

    public const string TimeoutNotInteger = "ERR timeout is not an integer or out of range";
    public const string TimeoutOutOfRange = "ERR timeout is out of range";
    public const string PauseMode = "ERR CLIENT PAUSE mode must be WRITE or ALL";
    public const string MonitorDenyBlocking = "ERR MONITOR isn't allowed for DENY BLOCKING client";

    /// <summary>Valkey's <c>addSubcommandSyntaxError</c>: the subcommand as given, the command upper-cased.</summary>
    public static string SubcommandSyntax(string subcommand, string command) =>
        Sanitize($"ERR unknown subcommand or wrong number of arguments for '{Truncate(subcommand, 128)}'. Try {command.ToUpperInvariant()} HELP.");

    /// <summary>CLIENT KILL USER with a user that does not exist (only <c>default</c> does).</summary>
    public static string NoSuchUser(string user) => Sanitize($"ERR No such user '{user}'");

    // ---- lists ----

    public const string IndexOutOfRange = "ERR index out of range";
    public const string MustBePositive = "ERR value is out of range, must be positive";
    public const string LposRankZero =
        "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
    public const string LposRankRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    public const string LposCountNegative = "ERR COUNT can't be negative";
    public const string LposMaxlenNegative = "ERR MAXLEN can't be negative";
    public const string NumkeysNotPositive = "ERR numkeys should be greater than 0";
    public const string CountNotPositive = "ERR count should be greater than 0";
    public const string TimeoutNotFloat = "ERR timeout is not a float or out of range";

    // ---- hashes (t_hash.c), issue 4 ----

    public const string HashValueNotInteger = "ERR hash value is not an integer";
    public const string HashValueNotFloat = "ERR hash value is not a float";
    public const string ValueNaNOrInfinity = "ERR value is NaN or Infinity";
    public const string ValueOutOfRange = "ERR value is out of range";
    public const string HRandFieldCountOutOfRange =
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    // ---- sorted sets (t_zset.c), issue 5 ----
    // Checked against redis-server 7.0.15; the same in Valkey 7.2.

    public const string ZsetNaN = "ERR resulting score is not a number (NaN)";
    public const string ZsetMinMaxNotFloat = "ERR min or max is not a float";
    public const string ZsetMinMaxNotLex = "ERR min or max not valid string range item";
    public const string ZsetXxNx = "ERR XX and NX options at the same time are not compatible";
    public const string ZsetGtLtNx = "ERR GT, LT, and/or NX options at the same time are not compatible";
    public const string ZsetIncrSinglePair = "ERR INCR option supports a single increment-element pair";
    public const string ZsetWeightNotFloat = "ERR weight value is not a float";
    public const string ZsetLimitOnlyByScoreOrLex = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    public const string ZsetWithScoresByLex = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
    public const string ZsetLimitNegative = "ERR LIMIT can't be negative";
    public const string ZsetNumKeysPositive = "ERR numkeys should be greater than 0";
    public const string ZsetCountPositive = "ERR count should be greater than 0";
    public const string ValueMustBePositive = "ERR value is out of range, must be positive";

    /// <summary><c>ERR at least 1 input key is needed for 'zunionstore' command</c>.</summary>
    public static string ZsetAtLeastOneKey(string command) => Sanitize($"ERR at least 1 input key is needed for '{command}' command");

    /// <summary>getRangeLongFromObjectOrReply without a message: <c>ERR value is out of range, value must between MIN and MAX</c>.</summary>
    public static string ValueOutOfRangeBetween(long min, long max) => $"ERR value is out of range, value must between {min} and {max}";
    // ---- Pub/sub (issue 7) ----

    /// <summary>A RESP2 client in subscribe mode ran a command other than (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT, RESET.</summary>
    public static string SubscribeContext(string fullName) =>
        Sanitize($"ERR Can't execute '{fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");

    /// <summary>Not a Valkey error: a subscribe command run through an in-process session, which has no connection to push messages to.</summary>
    public const string SubscribeInProcess = "ERR SUBSCRIBE commands need a connection; in-process code subscribes with ValkeyStore.Subscribe";
    // ---- sets (t_set.c, object.c), issue 5 ----

    /// <summary><c>getPositiveLongFromObjectOrReply</c> without a message: SPOP's count.</summary>
    public const string SetCountNotPositive = "ERR value is out of range, must be positive";
    /// <summary>SRANDMEMBER's count (<c>getRangeLongFromObjectOrReply</c> over -LONG_MAX..LONG_MAX).</summary>
    public const string SetRandomCountRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    public const string SetNumKeysNotPositive = "ERR numkeys should be greater than 0";
    public const string SetNumKeysTooMany = "ERR Number of keys can't be greater than number of args";
    public const string SetLimitNegative = "ERR LIMIT can't be negative";

    // ---- SORT (issue 5) ----

    /// <summary>SORT: a score that strtod cannot read whole (Valkey's <c>sortCommandGeneric</c>).</summary>
    public const string SortScoreNotDouble = "ERR One or more scores can't be converted into double";

    // ---- transactions (issue 7): multi.c ----

    public const string ExecWithoutMulti = "ERR EXEC without MULTI";
    public const string DiscardWithoutMulti = "ERR DISCARD without MULTI";
    public const string MultiNested = "ERR MULTI calls can not be nested";
    public const string WatchInsideMulti = "ERR WATCH inside MULTI is not allowed";

    /// <summary>EXEC after a command was rejected while queuing (<c>shared.execaborterr</c>).</summary>
    public const string ExecAbort = "EXECABORT Transaction discarded because of previous errors.";

    /// <summary>EXEC itself rejected (<c>execCommandAbort</c>): the rejection's text without its <c>ERR </c> prefix.</summary>
    public static string ExecAbortBecause(string error) =>
        "EXECABORT Transaction discarded because of: " + (error.StartsWith("ERR ", StringComparison.Ordinal) ? error[4..] : error);
    // ---- memory limits and eviction (issue 6) ----

    /// <summary>Valkey's <c>shared.oomerr</c>: a denyoom command refused over <c>maxmemory</c>.</summary>
    public const string OutOfMemory = "OOM command not allowed when used memory > 'maxmemory'.";
    // ---- DEBUG subcommands for the upstream test suite ----

    /// <summary>DEBUG QUICKLIST-PACKED-THRESHOLD with a value memtoull rejects or above 4 GB (debug.c).</summary>
    public const string DebugPackedThreshold = "ERR argument must be a memory value bigger than 1 and smaller than 4gb";
}
