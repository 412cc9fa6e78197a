namespace InProcValkey.Tests.Server;

public sealed class InfoCommandTests
{
    private static string[] Headers(string info) =>
        [.. info.Split("\r\n").Where(l => l.StartsWith('#'))];

    [Fact]
    public void InfoWithoutArgumentsRepliesValkeysDefaultSections()
    {
        using var t = new TestStore();
        var reply = t.Run("INFO");
        Assert.Equal(ValkeyReplyKind.Verbatim, reply.Kind);
        Assert.Equal("txt", reply.VerbatimFormat);
        Assert.Equal(["# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Replication", "# CPU", "# Modules", "# Errorstats", "# Cluster", "# Keyspace"],
            Headers(reply.ToString()!));
        Assert.Contains("# Commandstats", Headers(t.Text("INFO", "all")!));
        Assert.Contains("# Commandstats", Headers(t.Text("INFO", "everything")!));
    }

    [Fact]
    public void InfoServerReportsValkey72()
    {
        using var t = new TestStore();
        string info = t.Text("INFO", "server")!;
        Assert.StartsWith("# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:7.2.", info);
        Assert.Contains("\r\nredis_mode:standalone\r\n", info);
        Assert.Contains("\r\ntcp_port:6379\r\n", info);
        Assert.EndsWith("\r\n", info);
        Assert.DoesNotContain("# Clients", info);
        t.Time.Advance(TimeSpan.FromSeconds(90));
        Assert.Contains("\r\nuptime_in_seconds:90\r\n", t.Text("INFO", "server"));
    }

    [Fact]
    public void InfoSectionsAreSeparatedByABlankLineAndUnknownOnesIgnored()
    {
        using var t = new TestStore();
        string info = t.Text("INFO", "cluster", "replication", "nosuch")!;
        Assert.StartsWith("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n", info);
        Assert.EndsWith("\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n", info);
        Assert.Equal("", t.Text("INFO", "nosuch"));
    }

    [Fact]
    public void InfoKeyspaceCountsKeysAndExpiresPerDatabase()
    {
        using var t = new TestStore();
        Assert.Equal("# Keyspace\r\n", t.Text("INFO", "keyspace"));
        t.Ok("SET", "a", "1");
        t.Ok("SET", "b", "1", "EX", "100");
        t.Ok("SELECT", "3");
        t.Ok("SET", "c", "1");
        Assert.Equal("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n", t.Text("INFO", "keyspace"));
    }

    [Fact]
    public void InfoKeyspaceAvgTtlIsTheActiveExpiryCyclesRunningEstimate()
    {
        using var t = new TestStore(activeExpiry: true);
        for (int i = 0; i < 10; i++)
        {
            t.Ok("SET", "k" + i, "1", "PX", "100000");
        }
        t.Ok("SET", "plain", "1");
        // Nothing sampled yet: 0, as in Valkey before its first cycle.
        Assert.Contains("db0:keys=11,expires=10,avg_ttl=0\r\n", t.Text("INFO", "keyspace"));
        t.Time.Advance(TimeSpan.FromMilliseconds(1000)); // cycles run inside Advance: the first batch sets the estimate
        Assert.Contains("db0:keys=11,expires=10,avg_ttl=99000\r\n", t.Text("INFO", "keyspace"));
        // Later batches weigh 2 % each: the estimate moves from 99000 toward the TTLs now left (90000), never past them.
        t.Time.Advance(TimeSpan.FromMilliseconds(9000));
        string line = t.Text("INFO", "keyspace")!;
        long avg = long.Parse(line[(line.IndexOf("avg_ttl=", StringComparison.Ordinal) + 8)..].TrimEnd(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(avg, 90000, 98999);
        t.Time.Advance(TimeSpan.FromSeconds(100)); // all expired: no TTLs left, avg_ttl 0
        Assert.Contains("db0:keys=1,expires=0,avg_ttl=0\r\n", t.Text("INFO", "keyspace"));
    }

    [Fact]
    public void InfoStatsCountsCommandsAndExpiredKeys()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "a", "1", "PX", "10");
        t.Time.Advance(TimeSpan.FromSeconds(1));
        t.Nil("GET", "a");
        string stats = t.Text("INFO", "stats")!;
        Assert.Contains("\r\ntotal_commands_processed:2\r\n", stats);
        Assert.Contains("\r\nexpired_keys:1\r\n", stats);
    }

    [Fact]
    public void InfoMemoryGrowsWithTheKeyspace()
    {
        using var t = new TestStore();
        long Used() => long.Parse(t.Text("INFO", "memory")!.Split("\r\n").First(l => l.StartsWith("used_memory:"))["used_memory:".Length..]);
        long before = Used();
        t.Ok("SET", "big", new string('x', 100_000));
        Assert.True(Used() >= before + 100_000);
    }

    [Fact]
    public void InfoCommandstatsCountsCallsAndRejectedCalls()
    {
        using var t = new TestStore();
        t.Nil("GET", "a");
        t.Nil("GET", "b");
        t.Error("ERR wrong number of arguments for 'get' command", "GET");
        t.Ok("CONFIG", "SET", "hz", "10");
        string stats = t.Text("INFO", "commandstats")!;
        Assert.Matches(@"\r\ncmdstat_get:calls=2,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=1,failed_calls=0\r\n", stats);
        Assert.Contains("\r\ncmdstat_config|set:calls=1,", stats);
    }

    [Fact]
    public void EverySectionLineIsFieldColonValue()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        string info = t.Text("INFO", "everything")!;
        Assert.DoesNotContain("\n\n", info.Replace("\r\n", "\n").Replace("\n\n#", "\n#"));
        foreach (var line in info.Split("\r\n"))
        {
            Assert.True(line.Length == 0 || line.StartsWith("# ") || System.Text.RegularExpressions.Regex.IsMatch(line, "^[a-z0-9_|]+:[^\r\n]*$"), line);
        }
        Assert.DoesNotContain('\n', info.Replace("\r\n", ""));
    }
}
