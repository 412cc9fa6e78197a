using System.Buffers;
using System.Text;

namespace InProcValkey.Tests.Hashes;

/// <summary>The typed hash API (ValkeyDatabase.Hashes*): same semantics as the commands, exceptions at the edge.</summary>
public sealed class TypedHashApiTests
{
    private static ReadOnlyMemory<byte> B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void SetGetDeleteWithStrings()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.True(db.HashSet("h", "a", "1"));
        Assert.False(db.HashSet("h", "a", "2"));
        Assert.False(db.HashSet("h", "a", "3", When.NotExists));
        Assert.True(db.HashSet("h", "b", "x", When.NotExists));
        Assert.Equal("2", db.HashGet("h", "a"));
        Assert.Null(db.HashGet("h", "zz"));
        Assert.Equal(["2", null, "x"], db.HashGet("h", "a", "zz", "b"));
        Assert.Equal(2, db.HashLength("h"));
        Assert.True(db.HashExists("h", "b"));
        Assert.Equal(1, db.HashStringLength("h", "b"));
        Assert.Equal(["a", "b"], db.HashKeys("h"));
        Assert.Equal(["2", "x"], db.HashValues("h"));
        Assert.Equal(1, db.HashDelete("h", "a", "zz"));
        Assert.True(db.HashDelete("h", "b"));
        Assert.False(db.KeyExists("h"));
        Assert.Throws<ArgumentException>(() => db.HashSet("h", "a", "1", When.Exists));
    }

    [Fact]
    public void SetManyEntriesAndGetAll()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Equal(3, db.HashSet("h", new HashEntry("absexp", "123"), new HashEntry("sldexp", "-1"), new HashEntry("data", "payload")));
        var all = db.HashGetAll("h");
        Assert.Equal(["absexp: 123", "sldexp: -1", "data: payload"], all.Select(e => e.ToString()));
        Assert.Empty(db.HashGetAll("missing"));
        Assert.Throws<ArgumentException>(() => db.HashSet("h", ReadOnlySpan<HashEntry>.Empty));
    }

    [Fact]
    public void ReadsIntoReusableBuffersAllocateNothing()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.HashSet("h"u8, new HashEntry(B("absexp"), B("1700000000000")), new HashEntry(B("sldexp"), B("-1")), new HashEntry(B("data"), new byte[100]));
        var buffer = new ValkeyValueBuffer();
        var writer = new ArrayBufferWriter<byte>(256);
        ReadOnlyMemory<byte>[] fields = [B("absexp"), B("sldexp"), B("data"), B("none")];
        // Warm up.
        db.HashGetAll("h"u8, buffer);
        db.HashGet("h"u8, fields, buffer);
        db.HashGet("h"u8, "data"u8, writer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            db.HashGetAll("h"u8, buffer);
            db.HashGet("h"u8, fields, buffer);
            writer.ResetWrittenCount();
            db.HashGet("h"u8, "data"u8, writer);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(4, buffer.Count);
        Assert.Equal("1700000000000", buffer.GetString(0));
        Assert.Equal("-1", buffer.GetString(1));
        Assert.Equal(100, buffer[2].Length);
        Assert.True(buffer.IsNull(3));
        Assert.Equal(100, writer.WrittenCount);
    }

    [Fact]
    public void Counters()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Equal(5, db.HashIncrement("h", "n", 5));
        Assert.Equal(4, db.HashIncrement("h", "n", -1L));
        Assert.Equal(4.5, db.HashIncrement("h", "n", 0.5));
        Assert.Equal("4.6", db.HashIncrementText("h"u8, "n"u8, 0.1));
        var e = Assert.Throws<ValkeyException>(() => db.HashIncrement("h", "n", 1));
        Assert.Equal("ERR hash value is not an integer", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => db.HashIncrement("h", "n", double.NaN));
    }

    [Fact]
    public void WrongTypeThrows()
    {
        using var t = new TestStore();
        t.Db.StringSet("s", "x");
        Assert.Throws<ValkeyWrongTypeException>(() => t.Db.HashGet("s", "f"));
        Assert.Throws<ValkeyWrongTypeException>(() => t.Db.HashSet("s", "f", "v"));
        Assert.Throws<ValkeyWrongTypeException>(() => t.Db.HashGetAll("s"));
    }

    [Fact]
    public void RandomFieldsAndScan()
    {
        using var t = new TestStore();
        var db = t.Db;
        for (int i = 0; i < 200; i++)
        {
            db.HashSet("h", "f" + i, new string('v', 70));
        }
        Assert.StartsWith("f", db.HashRandomField("h"));
        Assert.Null(db.HashRandomField("missing"));
        Assert.Equal(10, db.HashRandomFields("h", 10).Distinct().Count());
        Assert.Equal(30, db.HashRandomFields("h", -30).Length);
        Assert.All(db.HashRandomFieldsWithValues("h", 5), e => Assert.Equal(70, e.Value.Length));
        Assert.Equal(200, db.HashScan("h").Select(e => e.NameText).Distinct().Count());
        Assert.Equal(10, db.HashScan("h", "f1?", 7).Count());
        var page = db.HashScanPage("h"u8, 0, pageSize: 5);
        Assert.NotEqual(0UL, page.Cursor);
    }
}
