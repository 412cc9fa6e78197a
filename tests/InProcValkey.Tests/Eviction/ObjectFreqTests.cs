namespace InProcValkey.Tests.Eviction;

public sealed class ObjectFreqTests
{
    private const string LfuNotSelected =
        "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    private const string LfuSelected =
        "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    [Fact]
    public void FreqStartsAtFiveGrowsOnReadsAndDecaysByMinute()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
        t.Ok("SET", "k", "v");
        Assert.Equal(5, t.Int("OBJECT", "FREQ", "k"));
        Assert.Equal("v", t.Text("GET", "k"));
        // The first increment above LFU_INIT_VAL is certain (probability 1 / (0 × factor + 1)).
        Assert.Equal(6, t.Int("OBJECT", "FREQ", "k"));
        Assert.Equal(6, t.Int("OBJECT", "FREQ", "k"));
        t.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(3, t.Int("OBJECT", "FREQ", "k"));
        t.Ok("CONFIG", "SET", "lfu-decay-time", "0");
        Assert.Equal(6, t.Int("OBJECT", "FREQ", "k"));
        t.Ok("CONFIG", "SET", "lfu-decay-time", "2");
        Assert.Equal(5, t.Int("OBJECT", "FREQ", "k"));
        t.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, t.Int("OBJECT", "FREQ", "k"));
    }

    [Fact]
    public void LogFactorZeroCountsEveryRead()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "maxmemory-policy", "volatile-lfu");
        t.Ok("CONFIG", "SET", "lfu-log-factor", "0");
        t.Ok("SET", "k", "v");
        for (int i = 0; i < 20; i++)
        {
            t.Text("GET", "k");
            t.Int("STRLEN", "k");
        }
        Assert.Equal(45, t.Int("OBJECT", "FREQ", "k"));
    }

    [Fact]
    public void FreqAndIdletimeAnswerOnlyUnderTheirPolicy()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        t.Error(LfuNotSelected, "OBJECT", "FREQ", "k");
        t.Nil("OBJECT", "FREQ", "nosuch");
        Assert.Equal(0, t.Int("OBJECT", "IDLETIME", "k"));
        t.Ok("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
        t.Error(LfuSelected, "OBJECT", "IDLETIME", "k");
        t.Nil("OBJECT", "IDLETIME", "nosuch");
        t.Ok("CONFIG", "SET", "maxmemory-policy", "volatile-lru");
        t.Error(LfuNotSelected, "OBJECT", "FREQ", "k");
    }

    [Fact]
    public void EvictionParametersAreValidatedAsValkeyDoes()
    {
        using var t = new TestStore();
        t.Error("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction",
            "CONFIG", "SET", "maxmemory-policy", "lru");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'maxmemory-eviction-tenacity') - argument must be between 0 and 100 inclusive",
            "CONFIG", "SET", "maxmemory-eviction-tenacity", "101");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'maxmemory-samples') - argument must be between 1 and 2147483647 inclusive",
            "CONFIG", "SET", "maxmemory-samples", "0");
        t.Error("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value",
            "CONFIG", "SET", "maxmemory", "-1");
        t.Ok("CONFIG", "SET", "maxmemory-policy", "ALLKEYS-LRU");
        Assert.Equal("[maxmemory-policy, allkeys-lru]", t.Text("CONFIG", "GET", "maxmemory-policy"));
        t.Ok("CONFIG", "SET", "maxmemory", "1gb");
        Assert.Equal("[maxmemory, 1073741824]", t.Text("CONFIG", "GET", "maxmemory"));
        Assert.Equal("[maxmemory-eviction-tenacity, 10]", t.Text("CONFIG", "GET", "maxmemory-eviction-tenacity"));
    }
}
