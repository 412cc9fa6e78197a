using System.Buffers;
using static InProcValkey.Tests.Strings.StringTestKit;

namespace InProcValkey.Tests.Strings;

/// <summary>The typed string API: same semantics as the commands, exceptions at the edge.</summary>
public sealed class TypedApiTests
{
    [Fact]
    public void SetAndGetReturnsTheOldValue()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Null(db.StringSetAndGet("k", "1"));
        Assert.Equal("1", db.StringSetAndGet("k", "2", TimeSpan.FromSeconds(5)));
        Assert.Equal(5000, t.Pttl("k"));
        Assert.Equal("2", db.StringSetAndGet("k", "3", when: When.NotExists));
        Assert.Equal("2"u8.ToArray(), db.StringSetAndGet("k"u8, "4"u8, keepTtl: true));
        Assert.Equal(5000, t.Pttl("k"));
        Assert.Throws<ArgumentException>(() => db.StringSetAndGet("k", "5", TimeSpan.FromSeconds(1), keepTtl: true));
    }

    [Fact]
    public void GetSetGetDeleteAndGetSetExpiry()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("k", "v", TimeSpan.FromSeconds(10));
        Assert.Equal("v", db.StringGetSet("k", "w"));
        Assert.Equal(-1, t.Pttl("k"));
        Assert.Equal("w", db.StringGetSetExpiry("k", TimeSpan.FromSeconds(30)));
        Assert.Equal(30_000, t.Pttl("k"));
        Assert.Equal("w", db.StringGetSetExpiry("k", (TimeSpan?)null));
        Assert.Equal(-1, t.Pttl("k"));
        var at = t.Time.GetUtcNow().AddMinutes(1);
        Assert.Equal("w"u8.ToArray(), db.StringGetSetExpiry("k"u8, at));
        Assert.Equal(60_000, t.Pttl("k"));
        Assert.Equal("w", db.StringGetSetExpiry("k", t.Time.GetUtcNow().AddSeconds(-1)));
        Assert.Equal(-2, t.Pttl("k"));
        Assert.Null(db.StringGetSetExpiry("k", TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.StringGetSetExpiry("k", TimeSpan.Zero));
        db.StringSet("d", "x");
        Assert.Equal("x", db.StringGetDelete("d"));
        Assert.Null(db.StringGetDelete("d"u8));
    }

    [Fact]
    public void RangesAndLength()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Equal(5, db.StringAppend("k", "hello"));
        Assert.Equal(11, db.StringAppend("k"u8, " world"u8));
        Assert.Equal("world", db.StringGetRange("k", -5, -1));
        Assert.Equal("hello"u8.ToArray(), db.StringGetRange("k"u8, 0, 4));
        Assert.Equal(11, db.StringSetRange("k", 0, "J"));
        Assert.Equal(13, db.StringSetRange("k"u8, 11, "!!"u8));
        Assert.Equal(13, db.StringLength("k"));
        Assert.Equal("Jello world!!", db.StringGet("k"));
        Assert.Equal("ERR offset is out of range", Assert.Throws<ValkeyException>(() => db.StringSetRange("k", -1, "x")).Message);
        Assert.Equal(0, db.StringLength("missing"u8));
        Assert.Equal("", db.StringGetRange("missing", 0, -1));
    }

    [Fact]
    public void CountersThrowValkeyErrors()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Equal(5, db.StringIncrement("k", 5));
        Assert.Equal(4, db.StringDecrement("k"));
        Assert.Equal(-6, db.StringDecrement("k"u8, 10));
        Assert.Equal(-5, db.StringIncrement("k"u8));
        db.StringSet("max", long.MaxValue.ToString());
        Assert.Equal("ERR increment or decrement would overflow", Assert.Throws<ValkeyException>(() => db.StringIncrement("max")).Message);
        Assert.Equal("ERR decrement would overflow", Assert.Throws<ValkeyException>(() => db.StringDecrement("k", long.MinValue)).Message);
        db.StringSet("s", "01");
        Assert.Equal(NotInteger, Assert.Throws<ValkeyException>(() => db.StringIncrement("s")).Message);
        t.PutNonString("l");
        Assert.Throws<ValkeyWrongTypeException>(() => db.StringIncrement("l"));
        Assert.Throws<ValkeyWrongTypeException>(() => db.StringIncrement("l", 1.5));
        Assert.Throws<ValkeyWrongTypeException>(() => db.StringAppend("l", "x"));
        Assert.Throws<ValkeyWrongTypeException>(() => db.StringGetDelete("l"));
        Assert.Throws<ValkeyWrongTypeException>(() => db.StringGetSetExpiry("l", (TimeSpan?)null));
        Assert.Throws<ValkeyWrongTypeException>(() => db.StringLength("l"));
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Throws<ArgumentNullException>(() => db.StringIncrement((string)null!));
        Assert.Throws<ArgumentNullException>(() => db.StringAppend("k", null!));
        Assert.Throws<ArgumentNullException>(() => db.StringGetSet(null!, "v"));
        Assert.Throws<ArgumentNullException>(() => db.StringSetRange("k", 0, null!));
        Assert.Throws<ArgumentNullException>(() => db.StringIncrementByFloat("k", null!));
        Assert.Throws<ArgumentNullException>(() => db.StringGetDelete((string)null!));
    }

    [Fact]
    public void GetIntoABufferWriterAllocatesNothing()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.StringSet("k"u8, "some value"u8);
        db.StringSet("n"u8, "12345"u8);
        var buffer = new ArrayBufferWriter<byte>(64);
        for (int i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            db.StringGet("k"u8, buffer);
            db.StringGet("n"u8, buffer);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            buffer.ResetWrittenCount();
            db.StringGet("k"u8, buffer);
            db.StringGet("n"u8, buffer);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("some value12345"u8.ToArray(), buffer.WrittenSpan.ToArray());
    }
}
