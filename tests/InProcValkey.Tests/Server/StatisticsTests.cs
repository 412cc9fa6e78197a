namespace InProcValkey.Tests.Server;

/// <summary>INFO's keyspace_hits/misses, total_error_replies, errorstats and commandstats' rejected/failed calls; CONFIG RESETSTAT.</summary>
public sealed class StatisticsTests
{
    private static long Field(TestStore t, string section, string field)
    {
        foreach (var line in t.Text("INFO", section)!.Split("\r\n"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new Xunit.Sdk.XunitException($"no {field} in INFO {section}");
    }

    private static string? Line(TestStore t, string section, string prefix) =>
        t.Text("INFO", section)!.Split("\r\n").FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void Read_lookups_count_hits_and_misses_and_writes_do_not()
    {
        using var t = new TestStore();
        t.Nil("GET", "nokey");                      // miss
        t.Ok("SET", "a", "1");                       // write lookup: not counted
        t.Text("GET", "a");                          // hit
        t.Int("INCR", "a");                          // write lookup: not counted
        Assert.Equal(1, t.Int("EXISTS", "a", "b", "c")); // 1 hit, 2 misses
        t.Text("TYPE", "a");                         // hit
        t.Int("TTL", "nokey");                       // miss
        t.Run("MGET", "a", "nokey");                 // hit, miss
        t.Int("STRLEN", "a");                        // hit
        t.Run("SET", "a", "2", "GET");               // SET … GET reads: hit
        Assert.Equal(6, Field(t, "stats", "keyspace_hits"));
        Assert.Equal(5, Field(t, "stats", "keyspace_misses"));
    }

    [Fact]
    public void Each_error_reply_is_counted_under_its_prefix()
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "x");
        Assert.StartsWith("ERR", t.Text("INCR", "s"));
        t.Error("NOPROTO unsupported protocol version", "HELLO", "4");
        t.Error("WRONGPASS invalid username-password pair or user is disabled.", "AUTH", "nobody", "pw");
        t.Error("NOPROTO unsupported protocol version", "HELLO", "9");
        Assert.Equal(4, Field(t, "stats", "total_error_replies"));
        Assert.Equal("# Errorstats\r\nerrorstat_ERR:count=1\r\nerrorstat_NOPROTO:count=2\r\nerrorstat_WRONGPASS:count=1\r\n", t.Text("INFO", "errorstats"));
    }

    [Fact]
    public void Commandstats_counts_rejected_calls_before_the_call_and_failed_calls_during_it()
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "x");
        t.Run("INCR", "s");           // fails during the call
        t.Run("INCR");                // arity: rejected
        t.Run("NOSUCHCOMMAND", "x");  // unknown: an error, no command to charge
        string? incr = Line(t, "commandstats", "cmdstat_incr:");
        Assert.NotNull(incr);
        Assert.Contains(",rejected_calls=1,failed_calls=1", incr);
        Assert.StartsWith("cmdstat_incr:calls=1,", incr);
        Assert.Equal(3, Field(t, "stats", "total_error_replies"));
        Assert.Equal("errorstat_ERR:count=3", Line(t, "errorstats", "errorstat_ERR"));
    }

    [Fact]
    public void Config_resetstat_resets_hits_errors_and_call_counters()
    {
        using var t = new TestStore();
        t.Nil("GET", "k");
        t.Run("INCR");
        t.Ok("CONFIG", "RESETSTAT");
        Assert.Equal(0, Field(t, "stats", "keyspace_hits"));
        Assert.Equal(0, Field(t, "stats", "keyspace_misses"));
        Assert.Equal(0, Field(t, "stats", "total_error_replies"));
        Assert.Null(Line(t, "errorstats", "errorstat_"));
        Assert.Null(Line(t, "commandstats", "cmdstat_incr:"));
    }

    [Fact]
    public void Hits_from_several_threads_all_count()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Parallel.For(0, 8, _ =>
        {
            var s = t.Store.CreateSession();
            for (int i = 0; i < 1000; i++)
            {
                s.Execute("GET", "k");
            }
        });
        Assert.Equal(8000, Field(t, "stats", "keyspace_hits"));
    }
}
