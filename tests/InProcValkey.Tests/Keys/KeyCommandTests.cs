namespace InProcValkey.Tests.Keys;

public sealed class KeyCommandTests
{
    [Fact]
    public void DelAndUnlinkCountTheKeysRemovedAndADuplicateOnlyOnce()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Ok("SET", "b", "2");
        Assert.Equal(2, t.Int("DEL", "a", "b", "a", "missing"));
        t.Ok("SET", "c", "3");
        Assert.Equal(1, t.Int("UNLINK", "c", "c"));
        Assert.Equal(0, t.Int("UNLINK", "c"));
        t.Error("ERR wrong number of arguments for 'del' command", "DEL");
        t.Error("ERR wrong number of arguments for 'unlink' command", "UNLINK");
    }

    [Fact]
    public void DelOfAnExpiredKeyReportsNothingRemovedButReclaimsIt()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "a", "1", "PX", "10");
        t.Time.Advance(TimeSpan.FromMilliseconds(11));
        Assert.Equal(0, t.Int("DEL", "a"));
        Assert.Equal(0, t.Int("DBSIZE"));
        Assert.Equal(1, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void ExistsCountsDuplicates()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        Assert.Equal(3, t.Int("EXISTS", "a", "a", "nope", "a"));
        Assert.Equal(0, t.Int("EXISTS", "nope"));
    }

    [Fact]
    public void TypeNamesStringsAndNone()
    {
        using var t = new TestStore();
        t.Ok("SET", "s", "x");
        var r = t.Run("TYPE", "s");
        Assert.Equal(ValkeyReplyKind.SimpleString, r.Kind);
        Assert.Equal("string", r.ToString());
        Assert.Equal("none", t.Text("TYPE", "missing"));
        t.Error("ERR wrong number of arguments for 'type' command", "TYPE");
    }

    [Fact]
    public void TouchCountsExistingKeysWithDuplicatesAndRestartsTheIdleTime()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(30, t.Int("OBJECT", "IDLETIME", "a"));
        Assert.Equal(2, t.Int("TOUCH", "a", "a", "missing"));
        Assert.Equal(0, t.Int("OBJECT", "IDLETIME", "a"));
    }

    [Fact]
    public void ReadsThatDoNotCountAsAccessLeaveTheIdleTimeAlone()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Time.Advance(TimeSpan.FromSeconds(20));
        t.Run("TYPE", "a");
        t.Run("EXISTS", "a");
        t.Run("TTL", "a");
        t.Run("PTTL", "a");
        t.Run("EXPIRETIME", "a");
        t.Run("OBJECT", "ENCODING", "a");
        t.Run("OBJECT", "REFCOUNT", "a");
        t.Run("OBJECT", "FREQ", "a");
        Assert.Equal(20, t.Int("OBJECT", "IDLETIME", "a"));
        Assert.Equal("1", t.Text("GET", "a"));
        Assert.Equal(0, t.Int("OBJECT", "IDLETIME", "a"));
    }

    [Fact]
    public void RenameMovesValueEncodingAndTtlAndReplacesTheTarget()
    {
        using var t = new TestStore();
        t.Ok("SET", "src", "12345", "EX", "100");
        t.Ok("SET", "dst", "old");
        t.Ok("RENAME", "src", "dst");
        Assert.Equal(0, t.Int("EXISTS", "src"));
        Assert.Equal("12345", t.Text("GET", "dst"));
        Assert.Equal("int", t.Text("OBJECT", "ENCODING", "dst"));
        Assert.Equal(100, t.Int("TTL", "dst"));
    }

    [Fact]
    public void RenameOfAKeyWithoutTtlLeavesTheTargetWithoutTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "src", "v");
        t.Ok("SET", "dst", "old", "EX", "100");
        t.Ok("RENAME", "src", "dst");
        Assert.Equal(-1, t.Int("TTL", "dst"));
    }

    [Fact]
    public void RenameErrorsAndTheSameKey()
    {
        using var t = new TestStore();
        t.Error("ERR no such key", "RENAME", "missing", "x");
        t.Error("ERR no such key", "RENAME", "missing", "missing");
        t.Error("ERR no such key", "RENAMENX", "missing", "x");
        t.Ok("SET", "k", "v");
        // Valkey 7.2: renaming an existing key to itself is OK (RENAMENX: 0), nothing changes.
        t.Ok("RENAME", "k", "k");
        Assert.Equal(0, t.Int("RENAMENX", "k", "k"));
        Assert.Equal("v", t.Text("GET", "k"));
        t.Error("ERR wrong number of arguments for 'rename' command", "RENAME", "k");
        t.Error("ERR wrong number of arguments for 'renamenx' command", "RENAMENX", "k", "a", "b");
    }

    [Fact]
    public void RenameOfAnExpiredKeyIsNoSuchKey()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "k", "v", "PX", "5");
        t.Time.Advance(TimeSpan.FromMilliseconds(6));
        t.Error("ERR no such key", "RENAME", "k", "x");
    }

    [Fact]
    public void RenameNxOnlyWritesAMissingTarget()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Ok("SET", "b", "2");
        Assert.Equal(0, t.Int("RENAMENX", "a", "b"));
        Assert.Equal("1", t.Text("GET", "a"));
        Assert.Equal(1, t.Int("RENAMENX", "a", "c"));
        Assert.Equal("1", t.Text("GET", "c"));
        Assert.Equal(0, t.Int("EXISTS", "a"));
    }

    [Fact]
    public void RenameKeepsManyKeysInOneShardConsistent()
    {
        // Renames inside one shard's table while it grows: the source must be found again after the insert.
        using var t = new TestStore();
        for (int i = 0; i < 2000; i++)
        {
            t.Ok("SET", "k" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        for (int i = 0; i < 2000; i++)
        {
            t.Ok("RENAME", "k" + i, "r" + i);
        }
        Assert.Equal(2000, t.Int("DBSIZE"));
        for (int i = 0; i < 2000; i += 97)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Text("GET", "r" + i));
            Assert.Equal(0, t.Int("EXISTS", "k" + i));
        }
    }

    [Fact]
    public void CopyDuplicatesValueEncodingAndTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "i", "42", "PX", "5000");
        t.Ok("SET", "e", "short");
        t.Ok("SET", "r", new string('x', 100));
        Assert.Equal(1, t.Int("COPY", "i", "i2"));
        Assert.Equal(1, t.Int("COPY", "e", "e2"));
        Assert.Equal(1, t.Int("COPY", "r", "r2"));
        Assert.Equal("42", t.Text("GET", "i2"));
        Assert.Equal("int", t.Text("OBJECT", "ENCODING", "i2"));
        Assert.Equal("embstr", t.Text("OBJECT", "ENCODING", "e2"));
        Assert.Equal("raw", t.Text("OBJECT", "ENCODING", "r2"));
        Assert.Equal(5000, t.Int("PTTL", "i2"));
        Assert.Equal("42", t.Text("GET", "i"));
    }

    [Fact]
    public void CopyDoesNotOverwriteWithoutReplace()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Ok("SET", "b", "2", "EX", "50");
        Assert.Equal(0, t.Int("COPY", "a", "b"));
        Assert.Equal("2", t.Text("GET", "b"));
        Assert.Equal(1, t.Int("COPY", "a", "b", "REPLACE"));
        Assert.Equal("1", t.Text("GET", "b"));
        Assert.Equal(-1, t.Int("TTL", "b"));
        Assert.Equal(0, t.Int("COPY", "missing", "z"));
    }

    [Fact]
    public void CopyToAnotherDatabase()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(1, t.Int("COPY", "k", "k", "DB", "3"));
        Assert.Equal(0, t.Int("COPY", "k", "k", "db", "3"));
        Assert.Equal(1, t.Int("COPY", "k", "k", "replace", "db", "3"));
        // Options repeat; the last DB wins.
        Assert.Equal(1, t.Int("COPY", "k", "other", "DB", "1", "DB", "2", "REPLACE", "REPLACE"));
        Assert.Equal("v", t.Store.GetDatabase(3).StringGet("k"));
        Assert.Equal("v", t.Store.GetDatabase(2).StringGet("other"));
        Assert.Null(t.Store.GetDatabase(1).StringGet("other"));
    }

    [Fact]
    public void CopyErrorsMatchValkey()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        t.Error("ERR source and destination objects are the same", "COPY", "k", "k");
        t.Error("ERR source and destination objects are the same", "COPY", "k", "k", "DB", "0");
        t.Error("ERR source and destination objects are the same", "COPY", "missing", "missing");
        t.Error("ERR syntax error", "COPY", "k", "z", "DB");
        t.Error("ERR syntax error", "COPY", "k", "z", "FOO");
        t.Error("ERR value is not an integer or out of range", "COPY", "k", "z", "DB", "x");
        t.Error("ERR value is out of range, value must between -2147483648 and 2147483647", "COPY", "k", "z", "DB", "99999999999");
        t.Error("ERR DB index is out of range", "COPY", "k", "z", "DB", "16");
        t.Error("ERR DB index is out of range", "COPY", "missing", "z", "DB", "-1");
        t.Error("ERR wrong number of arguments for 'copy' command", "COPY", "k");
        Assert.Equal(0, t.Int("EXISTS", "z"));
    }

    [Fact]
    public void MoveTransfersTheKeyWithItsTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v", "EX", "60");
        Assert.Equal(1, t.Int("MOVE", "k", "5"));
        Assert.Equal(0, t.Int("EXISTS", "k"));
        var s5 = t.Store.CreateSession(5);
        Assert.Equal("v", s5.Execute("GET", "k").ToString());
        Assert.Equal(60, s5.Execute("TTL", "k").AsInt64());
    }

    [Fact]
    public void MoveDoesNothingWhenTheKeyIsMissingOrAlreadyInTheTarget()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Int("MOVE", "missing", "1"));
        t.Ok("SET", "k", "here");
        t.Store.GetDatabase(1).StringSet("k", "there");
        Assert.Equal(0, t.Int("MOVE", "k", "1"));
        Assert.Equal("here", t.Text("GET", "k"));
        Assert.Equal("there", t.Store.GetDatabase(1).StringGet("k"));
    }

    [Fact]
    public void MoveErrorsMatchValkey()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        t.Error("ERR source and destination objects are the same", "MOVE", "k", "0");
        t.Error("ERR source and destination objects are the same", "MOVE", "missing", "0");
        t.Error("ERR DB index is out of range", "MOVE", "k", "16");
        t.Error("ERR DB index is out of range", "MOVE", "k", "-1");
        t.Error("ERR value is not an integer or out of range", "MOVE", "k", "x");
        t.Error("ERR value is not an integer or out of range", "MOVE", "k", " 1");
        t.Error("ERR value is out of range, value must between -2147483648 and 2147483647", "MOVE", "k", "99999999999");
        t.Error("ERR wrong number of arguments for 'move' command", "MOVE", "k");
    }

    [Fact]
    public void KeysMatchesTheGlobAndSkipsExpiredKeysWithoutReclaimingThem()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "", "empty");
        t.Ok("SET", "hello", "1");
        t.Ok("SET", "hallo", "1");
        t.Ok("SET", "hxllo", "1", "PX", "10");
        t.Time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(["hallo", "hello"], t.Db.Keys("h?llo").Order());
        Assert.Equal(["hallo", "hello"], t.Db.Keys("h[ae]llo").Order());
        Assert.Equal(3, t.Run("KEYS", "*").Elements.Count); // "*" matches the empty key too
        Assert.Equal(2, t.Run("KEYS", "**").Elements.Count);
        Assert.Equal(4, t.Int("DBSIZE"));
        Assert.Equal(0, t.Store.Engine.Stats.ExpiredKeys);
        t.Error("ERR wrong number of arguments for 'keys' command", "KEYS");
    }

    [Fact]
    public void RandomKeyIsNilOnAnEmptyDatabaseAndSkipsExpiredKeys()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Nil("RANDOMKEY");
        for (int i = 0; i < 50; i++)
        {
            t.Ok("SET", "dead" + i, "v", "PX", "10");
        }
        t.Ok("SET", "alive", "v");
        t.Time.Advance(TimeSpan.FromMilliseconds(20));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal("alive", t.Text("RANDOMKEY"));
        }
        Assert.Equal(1, t.Int("DEL", "alive"));
        t.Nil("RANDOMKEY");
        Assert.Equal(0, t.Int("DBSIZE"));
        Assert.Equal(50, t.Store.Engine.Stats.ExpiredKeys);
        t.Error("ERR wrong number of arguments for 'randomkey' command", "RANDOMKEY", "x");
    }

    [Fact]
    public void RandomKeyIsDeterministicForASeedAndCoversTheKeys()
    {
        static List<string> Draws(int seed)
        {
            using var t = new TestStore(seed: seed);
            for (int i = 0; i < 40; i++)
            {
                t.Ok("SET", "k" + i, "v");
            }
            return Enumerable.Range(0, 400).Select(_ => t.Text("RANDOMKEY")!).ToList();
        }
        var a = Draws(42);
        Assert.Equal(a, Draws(42));
        Assert.NotEqual(a, Draws(43));
        Assert.Equal(40, a.Distinct().Count());
    }
}
