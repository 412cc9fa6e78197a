namespace InProcValkey.Tests.Server;

public sealed class ConfigCommandTests
{
    [Fact]
    public void ConfigGetRepliesAMapOfEveryParameterMatchingAnyPattern()
    {
        using var t = new TestStore();
        Assert.Equal("[maxmemory-policy, noeviction, hz, 10]", t.Text("CONFIG", "GET", "maxmemory-policy", "hz"));
        Assert.Equal(ValkeyReplyKind.Map, t.Run("CONFIG", "GET", "hz").Kind);
        Assert.Equal("[databases, 16]", t.Text("CONFIG", "GET", "DATA*"));
        Assert.Equal("[hz, 10]", t.Text("CONFIG", "GET", "hz", "h?"));
        Assert.Equal("[]", t.Text("CONFIG", "GET", "nosuch"));
        Assert.Equal("[HZ, 10]", t.Text("CONFIG", "GET", "HZ"));
        Assert.Equal("[hash-max-ziplist-entries, 512]", t.Text("CONFIG", "GET", "hash-max-ziplist-entries"));
        Assert.Equal("[hash-max-listpack-entries, 512, hash-max-ziplist-entries, 512, hash-max-listpack-value, 64, hash-max-ziplist-value, 64]",
            t.Text("CONFIG", "GET", "hash-max-*"));
        var all = t.Run("CONFIG", "GET", "*");
        Assert.Contains(all.Elements, e => e.ToString() == "proto-max-bulk-len");
        Assert.Equal("[zset-max-listpack-entries, 128, zset-max-listpack-value, 64]", t.Text("CONFIG", "GET", "zset-max-listpack-*"));
        t.Error("ERR wrong number of arguments for 'config|get' command", "CONFIG", "GET");
    }

    [Fact]
    public void ConfigSetChangesSeveralParametersAtOnce()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "hz", "20", "maxmemory", "1gb", "appendonly", "YES", "maxmemory-policy", "ALLKEYS-LRU");
        Assert.Equal("[hz, 20, maxmemory, 1073741824, appendonly, yes, maxmemory-policy, allkeys-lru]",
            t.Text("CONFIG", "GET", "hz", "maxmemory", "appendonly", "maxmemory-policy"));
        t.Ok("CONFIG", "SET", "maxmemory", "10k");
        Assert.Equal("[maxmemory, 10000]", t.Text("CONFIG", "GET", "maxmemory"));
    }

    [Fact]
    public void ConfigSetIsAllOrNothingWithValkeysErrors()
    {
        using var t = new TestStore();
        t.Error("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value",
            "CONFIG", "SET", "hz", "50", "maxmemory", "1xb");
        Assert.Equal("[hz, 10]", t.Text("CONFIG", "GET", "hz"));
        t.Error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'", "CONFIG", "SET", "foo", "1");
        t.Error("ERR syntax error", "CONFIG", "SET", "hz", "1", "maxmemory");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config", "CONFIG", "SET", "databases", "3");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer", "CONFIG", "SET", "hz", "abc");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'", "CONFIG", "SET", "appendonly", "maybe");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction",
            "CONFIG", "SET", "maxmemory-policy", "foo");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'hz') - duplicate parameter", "CONFIG", "SET", "hz", "10", "hz", "11");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'maxmemory-samples') - argument must be between 1 and 2147483647 inclusive",
            "CONFIG", "SET", "maxmemory-samples", "0");
        t.Error("ERR wrong number of arguments for 'config|set' command", "CONFIG", "SET", "hz");
    }

    [Fact]
    public void ProtoMaxBulkLenIsSettableAndLimitsStringGrowth()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "proto-max-bulk-len", "1mb");
        t.Error("ERR string exceeds maximum allowed size (proto-max-bulk-len)", "SETRANGE", "k", "2000000", "x");
        t.Ok("CONFIG", "SET", "proto-max-bulk-len", "512mb");
        Assert.Equal(2000001, t.Int("SETRANGE", "k", "2000000", "x"));
    }

    [Fact]
    public void ConfigResetStatClearsCommandStatistics()
    {
        using var t = new TestStore();
        t.Nil("GET", "a");
        Assert.Contains("cmdstat_get:calls=1,", t.Text("INFO", "commandstats"));
        t.Ok("CONFIG", "RESETSTAT");
        Assert.DoesNotContain("cmdstat_get", t.Text("INFO", "commandstats"));
    }

    [Fact]
    public void ConfigHelpAndRewrite()
    {
        using var t = new TestStore();
        var help = t.Run("CONFIG", "HELP");
        Assert.Equal("CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help.Elements[0].ToString());
        Assert.Equal("    Print this help.", help.Elements[^1].ToString());
        t.Error("ERR The server is running without a config file", "CONFIG", "REWRITE");
        t.Error("ERR unknown subcommand 'FOO'. Try CONFIG HELP.", "CONFIG", "FOO");
    }
}
