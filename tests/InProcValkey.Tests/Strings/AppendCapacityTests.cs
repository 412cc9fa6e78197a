using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Strings;

public sealed class AppendCapacityTests
{
    private static byte[] EntryOf(TestStore t, string key)
    {
        var k = System.Text.Encoding.UTF8.GetBytes(key);
        var db = t.Store.Engine.Databases[0];
        var h = KeyHash.Of(k);
        var shard = db.ShardOf(h);
        int i = shard.Table.Find(h.Hash, k);
        Assert.True(i >= 0);
        return shard.Table.EntryAt(i);
    }

    [Fact]
    public void RepeatedAppendsGrowIntoSpareCapacityInsteadOfCopyingEveryTime()
    {
        using var t = new TestStore();
        t.Int("APPEND", "log", "first-line;");
        t.Int("APPEND", "log", "second;");
        var afterGrowth = EntryOf(t, "log");
        t.Int("APPEND", "log", "x");
        Assert.Same(afterGrowth, EntryOf(t, "log"));
        Assert.Equal("first-line;second;x", t.Text("GET", "log"));
        Assert.Equal(19, t.Int("STRLEN", "log"));
        Assert.Equal("raw", t.Text("OBJECT", "ENCODING", "log"));
    }

    [Fact]
    public void ManySmallAppendsBuildTheExactValue()
    {
        using var t = new TestStore();
        var expected = new System.Text.StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            string piece = (i % 7).ToString() + "ab"[i % 2];
            expected.Append(piece);
            Assert.Equal(expected.Length, t.Int("APPEND", "k", piece));
        }
        Assert.Equal(expected.ToString(), t.Text("GET", "k"));
        Assert.Equal(expected.ToString()[^2..], t.Text("GETRANGE", "k", "-2", "-1"));
    }

    [Fact]
    public void SetRangeGrowsIntoSpareCapacityZeroFillingTheGap()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "hello");
        t.Int("APPEND", "k", " world");
        Assert.Equal(15, t.Int("SETRANGE", "k", "13", "!!"));
        Assert.Equal("hello world\0\0!!", t.Text("GET", "k"));
        t.Ok("SET", "k", "short");
        Assert.Equal("short", t.Text("GET", "k"));
    }

    [Fact]
    public void TtlSurvivesInPlaceGrowth()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v", "PX", "10000");
        t.Int("APPEND", "k", "1");
        t.Int("APPEND", "k", "2");
        Assert.Equal("v12", t.Text("GET", "k"));
        t.Time.Advance(TimeSpan.FromSeconds(11));
        t.Nil("GET", "k");
    }
}
