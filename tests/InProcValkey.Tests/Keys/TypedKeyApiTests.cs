namespace InProcValkey.Tests.Keys;

public sealed class TypedKeyApiTests
{
    [Fact]
    public void DeleteExistsAndTouchWithOneOrManyKeys()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("a", "1");
        db.StringSet("b", "2");
        Assert.True(db.KeyExists("a"));
        Assert.True(db.KeyExists("b"u8));
        Assert.Equal(3, db.KeyExists("a", "b", "a", "c"));
        Assert.Equal(2, db.KeyExists(["a"u8.ToArray(), "b"u8.ToArray()]));
        Assert.True(db.KeyTouch("a"));
        Assert.Equal(2, db.KeyTouch("a", "b", "c"));
        Assert.True(db.KeyDelete("a"));
        Assert.False(db.KeyDelete("a"u8));
        Assert.Equal(1, db.KeyDelete("a", "b", "b"));
        Assert.False(db.KeyExists("b"));
    }

    [Fact]
    public void TypeOfAKey()
    {
        using var t = new TestStore();
        t.Db.StringSet("s", "v");
        Assert.Equal(KeyType.String, t.Db.KeyType("s"));
        Assert.Equal(KeyType.None, t.Db.KeyType("missing"u8));
    }

    [Fact]
    public void RenameAndRenameNx()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("a", "1", TimeSpan.FromSeconds(30));
        db.StringSet("b", "2");
        Assert.False(db.KeyRename("a", "b", When.NotExists));
        Assert.True(db.KeyRename("a", "b"));
        Assert.Equal("1", db.StringGet("b"));
        Assert.Equal(TimeSpan.FromSeconds(30), db.KeyTimeToLive("b"));
        var e = Assert.Throws<ValkeyException>(() => db.KeyRename("a", "c"));
        Assert.Equal("ERR no such key", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => db.KeyRename("b", "c", When.Exists));
        Assert.Throws<ArgumentNullException>(() => db.KeyRename(null!, "c"));
    }

    [Fact]
    public void CopyAndMoveAcrossDatabases()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("k", "v");
        Assert.True(db.KeyCopy("k", "k2"));
        Assert.False(db.KeyCopy("k", "k2"));
        Assert.True(db.KeyCopy("k", "k2", replace: true));
        Assert.True(db.KeyCopy("k", "k", destinationDatabase: 2));
        Assert.Equal("v", t.Store.GetDatabase(2).StringGet("k"));
        Assert.Equal("ERR source and destination objects are the same", Assert.Throws<ValkeyException>(() => db.KeyCopy("k", "k")).Message);
        Assert.Equal("ERR DB index is out of range", Assert.Throws<ValkeyException>(() => db.KeyCopy("k", "x", 99)).Message);

        Assert.True(db.KeyMove("k2", 5));
        Assert.False(db.KeyExists("k2"));
        Assert.Equal("v", t.Store.GetDatabase(5).StringGet("k2"));
        Assert.False(db.KeyMove("k2", 5));
        Assert.Equal("ERR source and destination objects are the same", Assert.Throws<ValkeyException>(() => db.KeyMove("k", 0)).Message);
        Assert.Equal("ERR DB index is out of range", Assert.Throws<ValkeyException>(() => db.KeyMove("k", -1)).Message);
    }

    [Fact]
    public void ExpireWithTimeSpansAndDatesAndConditions()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("k", "v");
        Assert.Null(db.KeyTimeToLive("k"));
        Assert.Null(db.KeyExpireTime("k"));
        Assert.False(db.KeyExpire("k", TimeSpan.FromSeconds(10), ExpireWhen.HasExpiry));
        Assert.True(db.KeyExpire("k", TimeSpan.FromSeconds(10), ExpireWhen.HasNoExpiry));
        Assert.False(db.KeyExpire("k", TimeSpan.FromSeconds(5), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.True(db.KeyExpire("k", TimeSpan.FromSeconds(5), ExpireWhen.LessThanCurrentExpiry));
        Assert.Equal(TimeSpan.FromSeconds(5), db.KeyTimeToLive("k"));
        var at = t.Time.GetUtcNow().AddMinutes(3);
        Assert.True(db.KeyExpire("k", at));
        Assert.Equal(at, db.KeyExpireTime("k"));
        Assert.Equal(TimeSpan.FromMinutes(3), db.KeyTimeToLive("k"u8));
        Assert.True(db.KeyExpire("k", (TimeSpan?)null));
        Assert.Null(db.KeyTimeToLive("k"));
        Assert.False(db.KeyPersist("k"));
        Assert.True(db.KeyExpire("k", TimeSpan.FromSeconds(1)));
        Assert.True(db.KeyPersist("k"));
        Assert.Throws<ArgumentException>(() => db.KeyExpire("k", (TimeSpan?)null, ExpireWhen.HasExpiry));
        Assert.False(db.KeyExpire("missing", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ExpireInThePastDeletes()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("a", "v");
        db.StringSet("b", "v");
        Assert.True(db.KeyExpire("a", TimeSpan.Zero));
        Assert.True(db.KeyExpire("b", t.Time.GetUtcNow().AddSeconds(-1)));
        Assert.False(db.KeyExists("a"));
        Assert.False(db.KeyExists("b"));
    }

    [Fact]
    public void ExpiryIsSeenByTheClockOfTheStore()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("k", "v");
        db.KeyExpire("k", TimeSpan.FromMilliseconds(1500));
        t.Time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(TimeSpan.FromMilliseconds(500), db.KeyTimeToLive("k"));
        t.Time.Advance(TimeSpan.FromMilliseconds(501));
        Assert.Null(db.KeyTimeToLive("k"));
        Assert.False(db.KeyExists("k"));
    }

    [Fact]
    public void KeysScanAndRandom()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Null(db.KeyRandom());
        Assert.Null(db.KeyRandomBytes());
        for (int i = 0; i < 30; i++)
        {
            db.StringSet("user:" + i, "v");
        }
        db.StringSet("other", "v");
        Assert.Equal(30, db.Keys("user:*").Count);
        Assert.Equal(31, db.Keys().Count);
        Assert.Single(db.Keys("oth?r"u8));
        Assert.StartsWith("user:", db.KeyScan("user:*").First());
        var seen = new HashSet<string>();
        ulong cursor = 0;
        do
        {
            var page = db.Scan(cursor, "user:1*", pageSize: 3);
            cursor = page.Cursor;
            seen.UnionWith(page.Keys.Select(k => System.Text.Encoding.UTF8.GetString(k)));
        }
        while (cursor != 0);
        Assert.Equal(11, seen.Count); // user:1, user:10 … user:19
        Assert.NotNull(db.KeyRandom());
        Assert.Throws<ArgumentOutOfRangeException>(() => db.Scan(0, "*", 0));
    }

    [Fact]
    public void DatabaseAndStoreWideOperations()
    {
        using var t = new TestStore();
        var db0 = t.Db;
        var db1 = t.Store.GetDatabase(1);
        db0.StringSet("a", "0");
        db1.StringSet("b", "1");
        Assert.Equal(1, db0.DatabaseSize());
        t.Store.SwapDatabases(0, 1);
        Assert.Equal("1", db0.StringGet("b"));
        Assert.Equal("0", db1.StringGet("a"));
        db0.FlushDatabase();
        Assert.Equal(0, db0.DatabaseSize());
        Assert.Equal(1, db1.DatabaseSize());
        t.Store.FlushAll();
        Assert.Equal(0, db1.DatabaseSize());
        Assert.Equal(t.Time.GetUtcNow(), t.Store.Time());
    }

    [Fact]
    public void NullKeysAreRejected()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Throws<ArgumentNullException>(() => db.KeyDelete((string)null!));
        Assert.Throws<ArgumentNullException>(() => db.KeyDelete((string[])null!));
        Assert.Throws<ArgumentNullException>(() => db.KeyExists("a", null!));
        Assert.Throws<ArgumentNullException>(() => db.KeyExists(new byte[][] { null! }));
        Assert.Throws<ArgumentNullException>(() => db.KeyExpire((string)null!, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentNullException>(() => db.KeyTimeToLive((string)null!));
        Assert.Throws<ArgumentNullException>(() => db.Keys((string)null!));
        Assert.Throws<ArgumentNullException>(() => db.KeyCopy("a", null!));
    }

    [Fact]
    public void LongStringKeysUseRentedBuffers()
    {
        using var t = new TestStore();
        var key = new string('é', 1000);
        t.Db.StringSet(key, "v");
        Assert.True(t.Db.KeyExists(key));
        Assert.True(t.Db.KeyRename(key, key + "2"));
        Assert.Equal(KeyType.String, t.Db.KeyType(key + "2"));
    }
}
