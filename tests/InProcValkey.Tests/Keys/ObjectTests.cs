namespace InProcValkey.Tests.Keys;

public sealed class ObjectTests
{
    private const string LfuNotSelected =
        "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    [Fact]
    public void EncodingNamesIntEmbstrAndRaw()
    {
        using var t = new TestStore();
        t.Ok("SET", "i", "-123");
        t.Ok("SET", "e", "hello");
        t.Ok("SET", "e44", new string('x', 44));
        t.Ok("SET", "r45", new string('x', 45));
        t.Ok("SET", "lead0", "0123");
        Assert.Equal("int", t.Text("OBJECT", "ENCODING", "i"));
        Assert.Equal("embstr", t.Text("OBJECT", "ENCODING", "e"));
        Assert.Equal("embstr", t.Text("OBJECT", "ENCODING", "e44"));
        Assert.Equal("raw", t.Text("OBJECT", "ENCODING", "r45"));
        Assert.Equal("embstr", t.Text("object", "encoding", "lead0"));
        Assert.Equal(ValkeyReplyKind.BulkString, t.Run("OBJECT", "ENCODING", "i").Kind);
    }

    [Theory]
    [InlineData("0", 2147483647)]
    [InlineData("9999", 2147483647)]
    [InlineData("10000", 1)]
    [InlineData("-1", 1)]
    [InlineData("abc", 1)]
    [InlineData("123456789012345678901234567890123456789012345678", 1)]
    public void RefCountReportsSharedIntegersAsValkey72Does(string value, long refcount)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", value);
        Assert.Equal(refcount, t.Int("OBJECT", "REFCOUNT", "k"));
    }

    [Fact]
    public void IdleTimeCountsSecondsSinceTheLastAccess()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(0, t.Int("OBJECT", "IDLETIME", "k"));
        t.Time.Advance(TimeSpan.FromSeconds(75));
        Assert.Equal(75, t.Int("OBJECT", "IDLETIME", "k"));
        Assert.Equal(75, t.Int("OBJECT", "IDLETIME", "k")); // OBJECT itself is no access
        t.Text("GET", "k");
        Assert.Equal(0, t.Int("OBJECT", "IDLETIME", "k"));
    }

    [Fact]
    public void FreqFailsBecauseNoLfuPolicyIsSelectedButAMissingKeyIsNil()
    {
        using var t = new TestStore();
        t.Nil("OBJECT", "FREQ", "missing");
        t.Ok("SET", "k", "v");
        t.Error(LfuNotSelected, "OBJECT", "FREQ", "k");
    }

    [Fact]
    public void MissingAndExpiredKeysAreNil()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Nil("OBJECT", "ENCODING", "missing");
        t.Nil("OBJECT", "REFCOUNT", "missing");
        t.Nil("OBJECT", "IDLETIME", "missing");
        t.Ok("SET", "k", "v", "PX", "10");
        t.Time.Advance(TimeSpan.FromMilliseconds(11));
        t.Nil("OBJECT", "ENCODING", "k");
        Assert.Equal(1, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void HelpListsTheSubcommandsInValkey72Words()
    {
        using var t = new TestStore();
        var r = t.Run("object", "help");
        Assert.Equal(ValkeyReplyKind.Array, r.Kind);
        Assert.All(r.Elements, e => Assert.Equal(ValkeyReplyKind.SimpleString, e.Kind));
        Assert.Equal(
            [
                "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ENCODING <key>",
                "    Return the kind of internal representation used in order to store the value",
                "    associated with a <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the <key>. The returned integer is",
                "    proportional to the logarithm of the recent access frequency of the key.",
                "IDLETIME <key>",
                "    Return the idle time of the <key>, that is the approximated number of",
                "    seconds elapsed since the last access to the key.",
                "REFCOUNT <key>",
                "    Return the number of references of the value associated with the specified",
                "    <key>.",
                "HELP",
                "    Print this help.",
            ],
            r.Elements.Select(e => e.ToString()!));
    }

    [Fact]
    public void ArityAndUnknownSubcommandErrorsComeFromTheDispatcher()
    {
        using var t = new TestStore();
        t.Error("ERR wrong number of arguments for 'object' command", "OBJECT");
        t.Error("ERR unknown subcommand 'foo'. Try OBJECT HELP.", "OBJECT", "foo");
        t.Error("ERR unknown subcommand 'foo'. Try OBJECT HELP.", "object", "foo", "k");
        t.Error("ERR wrong number of arguments for 'object|encoding' command", "OBJECT", "ENCODING");
        t.Error("ERR wrong number of arguments for 'object|refcount' command", "OBJECT", "REFCOUNT", "a", "b");
        t.Error("ERR wrong number of arguments for 'object|idletime' command", "OBJECT", "IDLETIME");
        t.Error("ERR wrong number of arguments for 'object|freq' command", "OBJECT", "FREQ");
        t.Error("ERR wrong number of arguments for 'object|help' command", "OBJECT", "HELP", "x");
    }

    [Fact]
    public void TypedApiReadsObjectFields()
    {
        using var t = new TestStore();
        t.Db.StringSet("n", "7");
        Assert.Equal("int", t.Db.KeyEncoding("n"));
        Assert.Equal(2147483647, t.Db.KeyRefCount("n"));
        t.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), t.Db.KeyIdleTime("n"));
        Assert.Null(t.Db.KeyEncoding("missing"));
        Assert.Null(t.Db.KeyRefCount("missing"));
        Assert.Null(t.Db.KeyIdleTime("missing"u8));
    }
}
