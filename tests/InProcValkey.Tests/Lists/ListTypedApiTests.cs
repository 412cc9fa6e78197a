using System.Buffers;
using System.Text;

namespace InProcValkey.Tests.Lists;

public sealed class ListTypedApiTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void PushPopAndLengthThroughTheTypedApi()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.Equal(1, db.ListRightPush("l", "a"));
        Assert.Equal(3, db.ListRightPush("l", ["b", "c"]));
        Assert.Equal(4, db.ListLeftPush("l", "z"));
        Assert.Equal(0, db.ListLeftPush("missing", "x", When.Exists));
        Assert.Equal(4, db.ListLength("l"));
        Assert.Equal("z", db.ListLeftPop("l"));
        Assert.Equal("c", db.ListRightPop("l"));
        Assert.Equal([B("a"), B("b")], db.ListLeftPop(B("l"), 5));
        Assert.Null(db.ListLeftPop("l"));
        Assert.Empty(db.ListRightPop(B("l"), 2));
    }

    [Fact]
    public void IndexSetInsertRangeTrimRemoveAndPosition()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.ListRightPush("l", ["a", "b", "c", "b"]);
        Assert.Equal("c", db.ListGetByIndex("l", -2));
        Assert.Null(db.ListGetByIndex("l", 9));
        db.ListSetByIndex("l", 0, "A");
        Assert.Equal(5, db.ListInsertAfter("l", "A", "x"));
        Assert.Equal(-1, db.ListInsertBefore("l", "nope", "x"));
        Assert.Equal(["A", "x", "b", "c", "b"], db.ListRange("l"));
        Assert.Equal(3, db.ListPosition("l", "c"));
        Assert.Equal(4, db.ListPosition("l", "b", rank: -1));
        Assert.Equal([2L, 4L], db.ListPositions("l", "b", 0));
        Assert.Equal(2, db.ListRemove("l", "b"));
        db.ListTrim("l", 1, -1);
        Assert.Equal(["x", "c"], db.ListRange("l"));
        var ex = Assert.Throws<ValkeyException>(() => db.ListSetByIndex("l", 7, "q"));
        Assert.Equal("ERR index out of range", ex.Message);
        db.StringSet("s", "v");
        Assert.ThrowsAny<ValkeyException>(() => db.ListLength("s"));
    }

    [Fact]
    public void RangeIntoCallerBuffersWritesElementsAndLengths()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.ListRightPush("l", ["one", "22", "three"]);
        var buffer = new ArrayBufferWriter<byte>();
        var lengths = new int[2];
        Assert.Equal(2, db.ListRange(B("l"), 0, -1, buffer, lengths));
        Assert.Equal([3, 2], lengths);
        Assert.Equal("one22", Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.Clear();
        Assert.True(db.ListRightPop(B("l"), buffer));
        Assert.Equal("three", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void MoveAndMultiPop()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.ListRightPush("a", ["1", "2", "3"]);
        Assert.Equal("3", db.ListRightPopLeftPush("a", "b"));
        Assert.Equal("1", db.ListMove("a", "b", ListSide.Left, ListSide.Right));
        Assert.Null(db.ListMove("none", "b", ListSide.Left, ListSide.Right));
        var r = db.ListPop(["none", "b"], ListSide.Left, 5);
        Assert.NotNull(r);
        Assert.Equal("b", r.Key);
        Assert.Equal(["3", "1"], r.TextValues);
        Assert.Null(db.ListPop(["none", "b"], ListSide.Left));
    }
}
