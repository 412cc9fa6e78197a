using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>
/// INFO's text (Valkey's <c>genValkeyInfoString</c>): <c># Section</c> headers, <c>field:value</c> lines ending in CRLF, a
/// blank line between sections. Sections: the default set (server clients memory persistence stats replication cpu modules
/// errorstats cluster keyspace), <c>all</c> (adds commandstats), <c>everything</c> (all, and modules' own sections, none here).
/// </summary>
internal static class ServerOps
{
    /// <summary>The Redis version Valkey 7.2 reports for compatibility, and Valkey's own version.</summary>
    public const string RedisVersion = "7.2.4";
    public const string ValkeyVersion = "7.2.5";

    private static readonly string[] DefaultSections =
        ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace"];

    private static readonly string[] AllSections =
        ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "commandstats", "errorstats", "cluster", "keyspace"];

    private static readonly string RunId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    /// <summary>The INFO text for the requested sections (none: the default set). Unknown section names are ignored.</summary>
    public static string Info(Engine engine, IReadOnlyList<string> requested)
    {
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (requested.Count == 0)
        {
            wanted.UnionWith(DefaultSections);
        }
        foreach (var s in requested)
        {
            if (s.Equals("all", StringComparison.OrdinalIgnoreCase) || s.Equals("everything", StringComparison.OrdinalIgnoreCase))
            {
                wanted.UnionWith(AllSections);
            }
            else if (s.Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                wanted.UnionWith(DefaultSections);
            }
            else
            {
                wanted.Add(s);
            }
        }
        var sb = new StringBuilder();
        foreach (var section in AllSections)
        {
            if (!wanted.Contains(section))
            {
                continue;
            }
            if (sb.Length > 0)
            {
                sb.Append("\r\n");
            }
            AppendSection(sb, engine, section);
        }
        return sb.ToString();
    }

    private static void AppendSection(StringBuilder sb, Engine engine, string section)
    {
        long nowMs = engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
        long uptime = Math.Max(0, (nowMs - engine.StartedUnixMs) / 1000);
        var cfg = engine.Config;
        switch (section)
        {
            case "server":
                Header(sb, "Server");
                Line(sb, "redis_version", RedisVersion);
                Line(sb, "server_name", "valkey");
                Line(sb, "valkey_version", ValkeyVersion);
                Line(sb, "redis_git_sha1", "00000000");
                Line(sb, "redis_git_dirty", "0");
                Line(sb, "redis_build_id", "0");
                Line(sb, "redis_mode", "standalone");
                Line(sb, "os", $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}");
                Line(sb, "arch_bits", (IntPtr.Size * 8).ToString(CultureInfo.InvariantCulture));
                Line(sb, "monotonic_clock", "POSIX clock_gettime");
                Line(sb, "multiplexing_api", "epoll");
                Line(sb, "atomicvar_api", "c11-builtin");
                Line(sb, "gcc_version", "0.0.0");
                Line(sb, "process_id", Environment.ProcessId);
                Line(sb, "process_supervised", "no");
                Line(sb, "run_id", RunId);
                Line(sb, "tcp_port", cfg.Get("port")!);
                Line(sb, "server_time_usec", nowMs * 1000);
                Line(sb, "uptime_in_seconds", uptime);
                Line(sb, "uptime_in_days", uptime / 86400);
                Line(sb, "hz", cfg.Get("hz")!);
                Line(sb, "configured_hz", cfg.Get("hz")!);
                Line(sb, "lru_clock", engine.LruClockRaw);
                Line(sb, "executable", Environment.ProcessPath ?? "");
                Line(sb, "config_file", "");
                Line(sb, "io_threads_active", "0");
                break;
            case "clients":
                Header(sb, "Clients");
                Line(sb, "connected_clients", engine.ConnectedClients);
                Line(sb, "cluster_connections", "0");
                Line(sb, "maxclients", cfg.Get("maxclients")!);
                Line(sb, "client_recent_max_input_buffer", "0");
                Line(sb, "client_recent_max_output_buffer", "0");
                Line(sb, "blocked_clients", engine.Blocking.BlockedCount + engine.Blocking.PostponedCount);
                Line(sb, "tracking_clients", "0");
                Line(sb, "clients_in_timeout_table", "0");
                Line(sb, "total_blocking_keys", engine.Blocking.BlockingKeyCount);
                Line(sb, "total_blocking_keys_on_nokey", "0");
                break;
            case "memory":
                AppendMemory(sb, engine);
                break;
            case "persistence":
                Header(sb, "Persistence");
                Line(sb, "loading", "0");
                Line(sb, "async_loading", "0");
                Line(sb, "current_cow_peak", "0");
                Line(sb, "current_cow_size", "0");
                Line(sb, "current_cow_size_age", "0");
                Line(sb, "current_fork_perc", "0.00");
                Line(sb, "current_save_keys_processed", "0");
                Line(sb, "current_save_keys_total", "0");
                Line(sb, "rdb_changes_since_last_save", "0");
                Line(sb, "rdb_bgsave_in_progress", "0");
                Line(sb, "rdb_last_save_time", engine.StartedUnixMs / 1000);
                Line(sb, "rdb_last_bgsave_status", "ok");
                Line(sb, "rdb_last_bgsave_time_sec", "-1");
                Line(sb, "rdb_current_bgsave_time_sec", "-1");
                Line(sb, "rdb_saves", "0");
                Line(sb, "rdb_last_cow_size", "0");
                Line(sb, "rdb_last_load_keys_expired", "0");
                Line(sb, "rdb_last_load_keys_loaded", "0");
                Line(sb, "aof_enabled", "0");
                Line(sb, "aof_rewrite_in_progress", "0");
                Line(sb, "aof_rewrite_scheduled", "0");
                Line(sb, "aof_last_rewrite_time_sec", "-1");
                Line(sb, "aof_current_rewrite_time_sec", "-1");
                Line(sb, "aof_last_bgrewrite_status", "ok");
                Line(sb, "aof_rewrites", "0");
                Line(sb, "aof_rewrites_consecutive_failures", "0");
                Line(sb, "aof_last_write_status", "ok");
                Line(sb, "aof_last_cow_size", "0");
                Line(sb, "module_fork_in_progress", "0");
                Line(sb, "module_fork_last_cow_size", "0");
                break;
            case "stats":
                Header(sb, "Stats");
                Line(sb, "total_connections_received", Interlocked.Read(ref engine.TotalConnectionsReceived));
                Line(sb, "total_commands_processed", engine.ServerStats.TotalCommands);
                Line(sb, "instantaneous_ops_per_sec", "0");
                Line(sb, "total_net_input_bytes", "0");
                Line(sb, "total_net_output_bytes", "0");
                Line(sb, "rejected_connections", Interlocked.Read(ref engine.RejectedConnections));
                Line(sb, "expired_keys", engine.Stats.ExpiredKeys);
                Line(sb, "evicted_keys", engine.Memory.EvictedKeys);
                Line(sb, "keyspace_hits", engine.KeyspaceHits.Hits);
                Line(sb, "keyspace_misses", engine.KeyspaceHits.Misses);
                Line(sb, "pubsub_channels", engine.PubSub.ChannelCount);
                Line(sb, "pubsub_patterns", engine.PubSub.PatternCount);
                Line(sb, "pubsubshard_channels", engine.PubSub.ShardChannelCount);
                Line(sb, "latest_fork_usec", "0");
                Line(sb, "total_forks", "0");
                Line(sb, "migrate_cached_sockets", "0");
                Line(sb, "total_active_defrag_time", "0");
                Line(sb, "current_active_defrag_time", "0");
                Line(sb, "tracking_total_keys", "0");
                Line(sb, "total_error_replies", engine.ServerStats.TotalErrorReplies);
                Line(sb, "total_reads_processed", "0");
                Line(sb, "total_writes_processed", "0");
                break;
            case "replication":
                Header(sb, "Replication");
                Line(sb, "role", "master");
                Line(sb, "connected_slaves", "0");
                Line(sb, "master_failover_state", "no-failover");
                Line(sb, "master_replid", RunId);
                Line(sb, "master_replid2", "0000000000000000000000000000000000000000");
                Line(sb, "master_repl_offset", "0");
                Line(sb, "second_repl_offset", "-1");
                Line(sb, "repl_backlog_active", "0");
                Line(sb, "repl_backlog_size", "1048576");
                Line(sb, "repl_backlog_first_byte_offset", "0");
                Line(sb, "repl_backlog_histlen", "0");
                break;
            case "cpu":
                Header(sb, "CPU");
                var process = Process.GetCurrentProcess();
                Line(sb, "used_cpu_sys", process.PrivilegedProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));
                Line(sb, "used_cpu_user", process.UserProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));
                Line(sb, "used_cpu_sys_children", "0.000000");
                Line(sb, "used_cpu_user_children", "0.000000");
                break;
            case "modules":
                Header(sb, "Modules");
                break;
            case "errorstats":
                Header(sb, "Errorstats");
                foreach (var (prefix, count) in engine.ServerStats.ErrorCounts())
                {
                    sb.Append(CultureInfo.InvariantCulture, $"errorstat_{prefix}:count={count}\r\n");
                }
                break;
            case "cluster":
                Header(sb, "Cluster");
                Line(sb, "cluster_enabled", "0");
                break;
            case "commandstats":
                AppendCommandStats(sb, engine);
                break;
            case "keyspace":
                AppendKeyspace(sb, engine);
                break;
        }
    }

    // ---- memory accounting (issue 6) ----
    // used_memory is the engine's running total (Keyspace/MemoryAccounting.cs, docs/memory.md): every entry's packed array
    // with its array header, every collection structure's estimate, every shard's slot arrays, and what building the engine
    // allocated (used_memory_startup). The runtime's own overhead and other objects of the process are not counted.
    private static void AppendMemory(StringBuilder sb, Engine engine)
    {
        long bytes = engine.Memory.Used;
        long peak = engine.Memory.Peak;
        long maxmemory = long.Parse(engine.Config.Get("maxmemory")!, CultureInfo.InvariantCulture);
        long rss = Environment.WorkingSet;
        Header(sb, "Memory");
        Line(sb, "used_memory", bytes);
        Line(sb, "used_memory_human", Human(bytes));
        Line(sb, "used_memory_rss", rss);
        Line(sb, "used_memory_rss_human", Human(rss));
        Line(sb, "used_memory_peak", peak);
        Line(sb, "used_memory_peak_human", Human(peak));
        Line(sb, "used_memory_startup", engine.Memory.StartupBytes);
        Line(sb, "used_memory_dataset", bytes - engine.Memory.StartupBytes);
        Line(sb, "maxmemory", maxmemory);
        Line(sb, "maxmemory_human", Human(maxmemory));
        Line(sb, "maxmemory_policy", engine.Config.Get("maxmemory-policy")!);
        Line(sb, "mem_fragmentation_ratio", (bytes == 0 ? 0 : (double)rss / bytes).ToString("F2", CultureInfo.InvariantCulture));
        Line(sb, "mem_allocator", "dotnet");
        Line(sb, "lazyfree_pending_objects", "0");
    }

    private static void AppendCommandStats(StringBuilder sb, Engine engine)
    {
        Header(sb, "Commandstats");
        foreach (var def in engine.Commands.Commands)
        {
            foreach (var d in (Commands.CommandDef[])[def, .. def.SubCommands ?? []])
            {
                var (calls, usec, rejected) = engine.ServerStats.Get(d.Id);
                long failed = engine.ServerStats.Failed(d.Id);
                if (calls == 0 && rejected == 0 && failed == 0)
                {
                    continue;
                }
                double perCall = calls == 0 ? 0 : (double)usec / calls;
                sb.Append(CultureInfo.InvariantCulture,
                    $"cmdstat_{d.FullName}:calls={calls},usec={usec},usec_per_call={perCall:F2},rejected_calls={rejected},failed_calls={failed}\r\n");
            }
        }
    }

    private static void AppendKeyspace(StringBuilder sb, Engine engine)
    {
        Header(sb, "Keyspace");
        foreach (var db in engine.Databases)
        {
            long keys = 0, expires = 0;
            foreach (var shard in db.Shards)
            {
                using (shard.Lock())
                {
                    keys += shard.Table.Count;
                    expires += shard.VolatileCount;
                }
            }
            if (keys > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"db{db.Index}:keys={keys},expires={expires},avg_ttl={(expires == 0 ? 0 : Volatile.Read(ref db.AvgTtl))}\r\n");
            }
        }
    }

    // Valkey's bytesToHuman: B, K, M, G … with two decimals.
    internal static string Human(long n) => n switch
    {
        < 1024 => n.ToString(CultureInfo.InvariantCulture) + "B",
        < 1024 * 1024 => (n / 1024.0).ToString("F2", CultureInfo.InvariantCulture) + "K",
        < 1024L * 1024 * 1024 => (n / (1024.0 * 1024)).ToString("F2", CultureInfo.InvariantCulture) + "M",
        < 1024L * 1024 * 1024 * 1024 => (n / (1024.0 * 1024 * 1024)).ToString("F2", CultureInfo.InvariantCulture) + "G",
        _ => (n / (1024.0 * 1024 * 1024 * 1024)).ToString("F2", CultureInfo.InvariantCulture) + "T",
    };

    private static void Header(StringBuilder sb, string name) => sb.Append("# ").Append(name).Append("\r\n");

    private static void Line(StringBuilder sb, string field, string value) => sb.Append(field).Append(':').Append(value).Append("\r\n");

    private static void Line(StringBuilder sb, string field, long value) =>
        sb.Append(field).Append(':').Append(value.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
}
