using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Server;

/// <summary>CONFIG GET/SET errors, COMMAND GETKEYS, INFO keyspace, LASTSAVE shape, CLUSTER/SENTINEL (server commands, issue 3).</summary>
public sealed class ServerCommandTests(RedisServerFixture server) : CompatTest(server)
{
    [Theory]
    [InlineData("maxmemory-policy")]
    [InlineData("maxmemory-samples")]
    [InlineData("databases")]
    [InlineData("proto-max-bulk-len")]
    [InlineData("client-query-buffer-limit")]
    [InlineData("slowlog-*")]
    [InlineData("lfu-*")]
    [InlineData("hash-max-*")]
    [InlineData("zset-max-*")]
    [InlineData("list-max-*")]
    [InlineData("lazyfree-*")]
    [InlineData("HZ")]
    [InlineData("hash-max-ziplist-entries")]
    [InlineData("no-such-parameter")]
    public void ConfigGetOfParametersWithEqualDefaults(string pattern) => SameSorted("CONFIG", "GET", pattern);

    [Theory]
    [InlineData("databases", "3")]
    [InlineData("hz", "abc")]
    [InlineData("appendonly", "maybe")]
    [InlineData("maxmemory-policy", "foo")]
    [InlineData("maxmemory", "1xb")]
    [InlineData("maxmemory-samples", "0")]
    [InlineData("no-such-parameter", "1")]
    [InlineData("notify-keyspace-events", "Q")]
    public void ConfigSetErrors(string name, string value) => Same("CONFIG", "SET", name, value);

    [Fact]
    public void ConfigSetArgumentErrors()
    {
        Same("CONFIG", "SET", "hz", "10", "hz", "11");
        Same("CONFIG", "SET", "hz", "10", "maxmemory");
        Same("CONFIG", "SET", "hz");
        Same("CONFIG", "GET");
        Same("CONFIG", "REWRITE");
        Same("CONFIG", "NOPE");
        Same("CONFIG", "SET", "maxmemory-samples", "5");
    }

    [Fact]
    public void CommandGetKeys()
    {
        Same("COMMAND", "GETKEYS", "SET", "a", "b");
        Same("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2");
        Same("COMMAND", "GETKEYS", "DEL", "a", "b", "c");
        Same("COMMAND", "GETKEYS", "get");
        Same("COMMAND", "GETKEYS", "set", "a");
        Same("COMMAND", "GETKEYS", "nosuch", "a");
        Same("COMMAND", "GETKEYS", "ping", "a");
        Same("COMMAND", "GETKEYSANDFLAGS", "get", "a");
        Same("COMMAND", "INFO", "nosuch");
        Same("COMMAND", "NOPE");
    }

    [Fact]
    public void InfoKeyspaceAndUnknownSections()
    {
        Same("INFO", "keyspace");
        Same("MSET", "a", "1", "b", "2");
        Same("INFO", "keyspace");
        Same("INFO", "nosuch");
        Same("INFO", "cluster");
    }

    [Fact]
    public void LastSaveClusterSentinelSlowlogErrors()
    {
        SameShape("LASTSAVE");
        Same("CLUSTER", "INFO");
        Same("CLUSTER", "NOPE");
        Same("SENTINEL", "masters");
        Same("SLOWLOG", "GET", "-2");
        Same("SLOWLOG", "GET", "1", "2");
        Same("SLOWLOG", "NOPE");
    }
}
