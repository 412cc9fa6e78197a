using System.Globalization;

namespace InProcValkey.Keyspace;

/// <summary>
/// The engine's configuration parameters (CONFIG GET / CONFIG SET), one store per engine. Each parameter has a type
/// (bool yes/no, integer with a range, memory value with units, enum, string), Valkey 7.2's default and whether it can be
/// set at run time. Values are kept as the canonical text CONFIG GET prints; the ones the engine reads on hot paths are
/// mirrored in typed fields. The listener reads requirepass, maxclients and timeout from here.
/// </summary>
internal sealed partial class EngineConfig
{
    internal enum Kind { Bool, Int, Memory, Enum, Text }

    internal sealed record Param(string Name, Kind Type, string Default, bool Immutable = false, long Min = 0, long Max = long.MaxValue, string[]? Choices = null, string? Alias = null);

    private static readonly string[] Policies =
        ["volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"];

    private static readonly string[] LogLevels = ["debug", "verbose", "notice", "warning", "nothing"];

    /// <summary>The supported parameters, Valkey 7.2 defaults (ranges as in Valkey's <c>config.c</c>).</summary>
    internal static readonly Param[] Params =
    [
        new("databases", Kind.Int, "16", Immutable: true, Min: 1, Max: int.MaxValue),
        new("port", Kind.Int, "6379", Min: 0, Max: 65535),
        new("bind", Kind.Text, "127.0.0.1"),
        new("protected-mode", Kind.Bool, "yes"),
        new("timeout", Kind.Int, "0", Min: 0, Max: int.MaxValue),
        new("maxclients", Kind.Int, "10000", Min: 1, Max: uint.MaxValue),
        new("requirepass", Kind.Text, ""),
        new("hz", Kind.Int, "10", Min: 0, Max: int.MaxValue),
        new("loglevel", Kind.Enum, "notice", Choices: LogLevels),
        new("maxmemory", Kind.Memory, "0"),
        new("maxmemory-policy", Kind.Enum, "noeviction", Choices: Policies),
        new("maxmemory-samples", Kind.Int, "5", Min: 1, Max: int.MaxValue),
        new("notify-keyspace-events", Kind.Text, ""),
        new("save", Kind.Text, ""),
        new("appendonly", Kind.Bool, "no"),
        new("lfu-log-factor", Kind.Int, "10", Min: 0, Max: int.MaxValue),
        new("lfu-decay-time", Kind.Int, "1", Min: 0, Max: int.MaxValue),
        new("proto-max-bulk-len", Kind.Memory, "536870912", Min: 1024 * 1024),
        new("client-query-buffer-limit", Kind.Memory, "1073741824", Min: 1024 * 1024),
        new("slowlog-log-slower-than", Kind.Int, "10000", Min: -1, Max: long.MaxValue),
        new("slowlog-max-len", Kind.Int, "128", Min: 0, Max: long.MaxValue),
        new("list-max-listpack-size", Kind.Int, "-2", Min: int.MinValue, Max: int.MaxValue, Alias: "list-max-ziplist-size"),
        new("list-compress-depth", Kind.Int, "0", Min: 0, Max: int.MaxValue),
        new("hash-max-listpack-entries", Kind.Int, "512", Alias: "hash-max-ziplist-entries"),
        new("hash-max-listpack-value", Kind.Memory, "64", Alias: "hash-max-ziplist-value"),
        new("set-max-intset-entries", Kind.Int, "512"),
        new("set-max-listpack-entries", Kind.Int, "128"),
        new("set-max-listpack-value", Kind.Int, "64"),
        new("zset-max-listpack-entries", Kind.Int, "128", Alias: "zset-max-ziplist-entries"),
        new("zset-max-listpack-value", Kind.Int, "64", Alias: "zset-max-ziplist-value"),
        new("activerehashing", Kind.Bool, "yes"),
        new("lazyfree-lazy-eviction", Kind.Bool, "no"),
        new("lazyfree-lazy-expire", Kind.Bool, "no"),
        new("lazyfree-lazy-server-del", Kind.Bool, "no"),
        new("lazyfree-lazy-user-del", Kind.Bool, "no"),
        new("lazyfree-lazy-user-flush", Kind.Bool, "no"),
        new("client-output-buffer-limit", Kind.Text, "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
        // ---- memory limits and eviction (issue 6) ----
        new("maxmemory-eviction-tenacity", Kind.Int, "10", Min: 0, Max: 100),
        // ---- upstream test suite: immutable parameters whose value is true of this store ----
        new("daemonize", Kind.Bool, "no", Immutable: true),
        // ---- listener: event-loop threads (ValkeyServerOptions.IoThreads); set at start only ----
        new("io-threads", Kind.Int, "1", Immutable: true, Min: 1, Max: 128),
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public EngineConfig(int databases, long protoMaxBulkLen)
    {
        foreach (var p in Params)
        {
            _values[p.Name] = p.Default;
        }
        _values["databases"] = databases.ToString(CultureInfo.InvariantCulture);
        _values["proto-max-bulk-len"] = protoMaxBulkLen.ToString(CultureInfo.InvariantCulture);
        Refresh();
    }

    /// <summary><c>proto-max-bulk-len</c>.</summary>
    public long ProtoMaxBulkLen { get; private set; }

    /// <summary><c>slowlog-log-slower-than</c> in microseconds; negative disables the slow log.</summary>
    public long SlowlogLogSlowerThan { get; private set; }

    /// <summary><c>slowlog-max-len</c>.</summary>
    public long SlowlogMaxLen { get; private set; }

    /// <summary><c>requirepass</c>; null when empty (no password). Read by the listener on AUTH.</summary>
    public string? RequirePass => Get("requirepass") is { Length: > 0 } pass ? pass : null;

    /// <summary><c>maxclients</c>.</summary>
    public long MaxClients => long.Parse(Get("maxclients")!, CultureInfo.InvariantCulture);

    /// <summary><c>timeout</c> (idle client timeout); zero means never.</summary>
    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(long.Parse(Get("timeout")!, CultureInfo.InvariantCulture));

    /// <summary>Sets one parameter from code (the listener seeding port, bind, requirepass … from its options); Valkey's error text or null.</summary>
    public string? Set(string name, string value) => Set([(name, value)]);

    /// <summary>The value of a parameter as CONFIG GET prints it; null when unknown.</summary>
    public string? Get(string name)
    {
        lock (_lock)
        {
            return _values.TryGetValue(name, out var v) ? v : null;
        }
    }

    /// <summary>
    /// Parameters (and their old ziplist-era aliases) whose name matches the glob <paramref name="pattern"/>, case-insensitively.
    /// A pattern without glob characters is a direct lookup that echoes the name as given (Valkey's <c>configGetCommand</c>).
    /// </summary>
    public List<(string Name, string Value)> Match(ReadOnlySpan<byte> pattern)
    {
        string text = System.Text.Encoding.UTF8.GetString(pattern);
        var result = new List<(string, string)>();
        lock (_lock)
        {
            if (text.AsSpan().IndexOfAny("*?[\\") < 0)
            {
                if (Find(text) is { } exact)
                {
                    result.Add((text, _values[exact.Name]));
                }
                return result;
            }
            var lower = System.Text.Encoding.UTF8.GetBytes(text.ToLowerInvariant());
            foreach (var p in Params)
            {
                foreach (var name in p.Alias is null ? [p.Name] : (string[])[p.Name, p.Alias])
                {
                    if (Glob.Match(lower, System.Text.Encoding.ASCII.GetBytes(name)))
                    {
                        result.Add((name, _values[p.Name]));
                    }
                }
            }
        }
        return result;
    }

    /// <summary>The parameter (or its alias) named <paramref name="name"/>; null when unknown.</summary>
    internal static Param? FindParam(string name) => Find(name);

    /// <summary>Why <paramref name="value"/> is not a valid value of <paramref name="p"/> (CONFIG SET's reason text), or null.</summary>
    internal static string? CheckValue(Param p, string value) => Validate(p, value, out _);

    private static Param? Find(string name) =>
        Array.Find(Params, x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase) ||
                                string.Equals(x.Alias, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// CONFIG SET of several name/value pairs, all or nothing. Returns Valkey's error text, or null when every value was applied.
    /// </summary>
    public string? Set(IReadOnlyList<(string Name, string Value)> pairs)
    {
        var parsed = new List<(Param, string)>(pairs.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pairs)
        {
            var p = Find(name);
            if (p is null)
            {
                return Errors.ErrorMessages.ConfigSetUnknown(name);
            }
            if (p.Immutable)
            {
                return Errors.ErrorMessages.ConfigSetFailed(name, "can't set immutable config");
            }
            if (!seen.Add(p.Name))
            {
                return Errors.ErrorMessages.ConfigSetFailed(name, "duplicate parameter");
            }
            string? error = Validate(p, value, out string canonical);
            if (error is not null)
            {
                return Errors.ErrorMessages.ConfigSetFailed(name, error);
            }
            parsed.Add((p, canonical));
        }
        // ---- keyspace notifications: the flags as given ('n' with 'A' is kept, though CONFIG GET does not print it) ----
        int? notifyFlags = null;
        foreach (var (name, value) in pairs)
        {
            if (Find(name)?.Name == "notify-keyspace-events")
            {
                notifyFlags = Notifications.NotifyFlags.Parse(value);
            }
        }
        lock (_lock)
        {
            _notifyFlags = notifyFlags ?? _notifyFlags;
            foreach (var (p, v) in parsed)
            {
                _values[p.Name] = p.Name == "client-output-buffer-limit" ? MergeOutputLimits(v) : v;
            }
            Refresh();
        }
        return null;
    }

    private void Refresh()
    {
        ProtoMaxBulkLen = long.Parse(_values["proto-max-bulk-len"], CultureInfo.InvariantCulture);
        SlowlogLogSlowerThan = long.Parse(_values["slowlog-log-slower-than"], CultureInfo.InvariantCulture);
        SlowlogMaxLen = long.Parse(_values["slowlog-max-len"], CultureInfo.InvariantCulture);
        RefreshListener();
        RefreshLists();
        RefreshHashes();
        // ---- sets (issue 5) ----
        SetMaxIntsetEntries = long.Parse(_values["set-max-intset-entries"], CultureInfo.InvariantCulture);
        SetMaxListpackEntries = long.Parse(_values["set-max-listpack-entries"], CultureInfo.InvariantCulture);
        SetMaxListpackValue = long.Parse(_values["set-max-listpack-value"], CultureInfo.InvariantCulture);
        RefreshNotifications();
        // ---- memory limits and eviction (issue 6) ----
        RefreshEviction();
    }

    // The per-type checks of Valkey's config.c (boolConfigSet, numericConfigSet, enumConfigSet), with its error texts.
    private static string? Validate(Param p, string value, out string canonical)
    {
        canonical = value;
        switch (p.Type)
        {
            case Kind.Bool:
                if (value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase))
                {
                    canonical = value.ToLowerInvariant();
                    return null;
                }
                return "argument must be 'yes' or 'no'";
            case Kind.Enum:
                foreach (var c in p.Choices!)
                {
                    if (c.Equals(value, StringComparison.OrdinalIgnoreCase))
                    {
                        canonical = c;
                        return null;
                    }
                }
                return "argument(s) must be one of the following: " + string.Join(", ", p.Choices!);
            case Kind.Int:
            case Kind.Memory:
                long n;
                if (p.Type == Kind.Int)
                {
                    if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
                    {
                        return "argument couldn't be parsed into an integer";
                    }
                }
                // Valkey's memtoull refuses a sign: a negative memory value is not a memory value (not a range error).
                else if (value.StartsWith('-') || !TryParseMemory(value, out n))
                {
                    return "argument must be a memory value";
                }
                if (n < p.Min || n > p.Max)
                {
                    return $"argument must be between {p.Min} and {p.Max} inclusive";
                }
                canonical = n.ToString(CultureInfo.InvariantCulture);
                return null;
            default:
                if (p.Name == "notify-keyspace-events")
                {
                    int flags = Notifications.NotifyFlags.Parse(value);
                    if (flags < 0)
                    {
                        return "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
                    }
                    canonical = Notifications.NotifyFlags.ToText(flags); // ---- keyspace notifications: CONFIG GET's normalised form ----
                }
                if (p.Name == "client-output-buffer-limit" && !OutputBufferLimits.TryParse(value, OutputBufferLimits.Default, out _, out var obl))
                {
                    return obl;
                }
                return null;
        }
    }

    /// <summary>Valkey's <c>memtoull</c>: digits with an optional unit (k=1000, kb=1024, m, mb, g, gb; case-insensitive).</summary>
    internal static bool TryParseMemory(string text, out long bytes)
    {
        bytes = 0;
        int end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || (end == 0 && text[end] == '-')))
        {
            end++;
        }
        long mul = text[end..].ToLowerInvariant() switch
        {
            "" or "b" => 1,
            "k" => 1000,
            "kb" => 1024,
            "m" => 1000 * 1000,
            "mb" => 1024 * 1024,
            "g" => 1000L * 1000 * 1000,
            "gb" => 1024L * 1024 * 1024,
            _ => 0,
        };
        if (mul == 0 || !long.TryParse(text.AsSpan(0, end), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return false;
        }
        try
        {
            bytes = checked(n * mul);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // ---- RESP listener (issue 3): limits the listener reads for every new frame ----

    /// <summary><c>client-query-buffer-limit</c>.</summary>
    public long ClientQueryBufferLimit { get; private set; }

    /// <summary><c>client-output-buffer-limit</c>, parsed (its class limits).</summary>
    public OutputBufferLimits OutputBufferLimits { get; private set; } = OutputBufferLimits.Default;

    // CONFIG SET client-output-buffer-limit changes only the classes it names (lock held; the value was validated).
    private string MergeOutputLimits(string value)
    {
        OutputBufferLimits.TryParse(value, OutputBufferLimits, out var merged, out _);
        return merged.ToString();
    }

    private void RefreshListener()
    {
        ClientQueryBufferLimit = long.Parse(_values["client-query-buffer-limit"], CultureInfo.InvariantCulture);
        if (_values.TryGetValue("client-output-buffer-limit", out var obl) && OutputBufferLimits.TryParse(obl, OutputBufferLimits, out var parsed, out _))
        {
            OutputBufferLimits = parsed;
        }
    }

    /// <summary>Sets a value from code without CONFIG SET's checks (the listener seeding its options, which may be below Valkey's minimums in tests).</summary>
    internal void Seed(string name, long value)
    {
        lock (_lock)
        {
            _values[name] = value.ToString(CultureInfo.InvariantCulture);
            Refresh();
        }
    }

    // ---- lists ----

    /// <summary><c>list-max-listpack-size</c> (alias <c>list-max-ziplist-size</c>): the quicklist fill.</summary>
    public int ListMaxListpackSize { get; private set; } = -2;

    /// <summary><c>list-compress-depth</c> (accepted; nodes are not compressed).</summary>
    public int ListCompressDepth { get; private set; }

    private void RefreshLists()
    {
        ListMaxListpackSize = int.Parse(_values["list-max-listpack-size"], CultureInfo.InvariantCulture);
        ListCompressDepth = int.Parse(_values["list-compress-depth"], CultureInfo.InvariantCulture);
    }

    // ---- hashes (issue 4) ----

    /// <summary><c>hash-max-listpack-entries</c> (alias <c>hash-max-ziplist-entries</c>): more fields make a hash a hashtable.</summary>
    public long HashMaxListpackEntries { get; private set; }

    /// <summary><c>hash-max-listpack-value</c> (alias <c>hash-max-ziplist-value</c>): a longer field or value makes a hash a hashtable.</summary>
    public long HashMaxListpackValue { get; private set; }

    private void RefreshHashes()
    {
        HashMaxListpackEntries = long.Parse(_values["hash-max-listpack-entries"], CultureInfo.InvariantCulture);
        HashMaxListpackValue = long.Parse(_values["hash-max-listpack-value"], CultureInfo.InvariantCulture);
    }
    // ---- sets (issue 5) ----

    /// <summary><c>set-max-intset-entries</c>: the most members an intset-encoded set holds.</summary>
    public long SetMaxIntsetEntries { get; private set; }

    /// <summary><c>set-max-listpack-entries</c>: the most members a listpack-encoded set holds.</summary>
    public long SetMaxListpackEntries { get; private set; }

    /// <summary><c>set-max-listpack-value</c>: the longest member (bytes) a listpack-encoded set holds.</summary>
    public long SetMaxListpackValue { get; private set; }

    // ---- keyspace notifications (issue 7) ----

    /// <summary><c>notify-keyspace-events</c> as flags (<see cref="Notifications.NotifyFlags"/>).</summary>
    public int NotifyKeyspaceEvents { get; private set; }

    private int _notifyFlags;

    /// <summary>Called (under the config lock) when <see cref="NotifyKeyspaceEvents"/> changes; set by the engine's notifier.</summary>
    internal Action<int>? NotifyKeyspaceEventsChanged;

    private void RefreshNotifications()
    {
        int flags = _notifyFlags;
        if (flags != NotifyKeyspaceEvents)
        {
            NotifyKeyspaceEvents = flags;
            NotifyKeyspaceEventsChanged?.Invoke(flags);
        }
    }
}

// ---- memory limits and eviction (issue 6) ----
internal sealed partial class EngineConfig
{
    /// <summary><c>maxmemory</c> in bytes; 0 means no limit (the default).</summary>
    public long MaxMemory { get; private set; }

    /// <summary><c>maxmemory-policy</c>.</summary>
    public MaxMemoryPolicy MaxMemoryPolicy { get; private set; }

    /// <summary>Whether <see cref="MaxMemoryPolicy"/> is an LFU policy: entries then carry LFU data in their LRU field.</summary>
    public bool LfuPolicy { get; private set; }

    /// <summary>
    /// Whether integers 0..9999 are stored as Valkey's shared objects (OBJECT REFCOUNT 2147483647): not with a
    /// <c>maxmemory</c> and an LRU or LFU policy (Valkey's <c>MAXMEMORY_FLAG_NO_SHARED_INTEGERS</c>), where every value
    /// needs an access time of its own. Decided when a value is created, as in Valkey.
    /// </summary>
    public bool SharesIntegers { get; private set; } = true;

    /// <summary><c>maxmemory-samples</c>: keys sampled per database for each eviction.</summary>
    public int MaxMemorySamples { get; private set; }

    /// <summary><c>maxmemory-eviction-tenacity</c> (0-100): how long one command may spend evicting.</summary>
    public int EvictionTenacity { get; private set; }

    /// <summary><c>lfu-log-factor</c>.</summary>
    public int LfuLogFactor { get; private set; }

    /// <summary><c>lfu-decay-time</c> in minutes.</summary>
    public int LfuDecayTime { get; private set; }

    private void RefreshEviction()
    {
        MaxMemory = long.Parse(_values["maxmemory"], CultureInfo.InvariantCulture);
        MaxMemoryPolicy = MaxMemoryPolicies.Parse(_values["maxmemory-policy"]);
        LfuPolicy = MaxMemoryPolicy is MaxMemoryPolicy.AllKeysLfu or MaxMemoryPolicy.VolatileLfu;
        SharesIntegers = MaxMemory == 0 || MaxMemoryPolicy is not (MaxMemoryPolicy.AllKeysLru or MaxMemoryPolicy.VolatileLru
            or MaxMemoryPolicy.AllKeysLfu or MaxMemoryPolicy.VolatileLfu);
        MaxMemorySamples = (int)Math.Min(int.MaxValue, long.Parse(_values["maxmemory-samples"], CultureInfo.InvariantCulture));
        EvictionTenacity = int.Parse(_values["maxmemory-eviction-tenacity"], CultureInfo.InvariantCulture);
        LfuLogFactor = (int)Math.Min(int.MaxValue, long.Parse(_values["lfu-log-factor"], CultureInfo.InvariantCulture));
        LfuDecayTime = (int)Math.Min(int.MaxValue, long.Parse(_values["lfu-decay-time"], CultureInfo.InvariantCulture));
    }
}
