using static InProcValkey.Tests.Lists.ListCommandTests;

namespace InProcValkey.Tests.Lists;

public sealed class ListEncodingTests
{
    private static string? Enc(TestStore t, string key) => t.Text("OBJECT", "ENCODING", key);

    [Fact]
    public void SmallListsAreListpacks()
    {
        using var t = new TestStore();
        for (int i = 0; i < 500; i++)
        {
            t.Int("RPUSH", "l", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal("listpack", Enc(t, "l"));
    }

    [Fact]
    public void AnElementBeyondTheByteLimitConvertsRightAway()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", new string('x', 8200));
        Assert.Equal("quicklist", Enc(t, "l"));
        t.Int("RPUSH", "m", new string('x', 8000));
        Assert.Equal("listpack", Enc(t, "m"));
        t.Int("RPUSH", "m", new string('y', 200));
        Assert.Equal("quicklist", Enc(t, "m"));
    }

    [Fact]
    public void GrowingPastEightKilobytesConvertsAndShrinkingBelowHalfConvertsBack()
    {
        using var t = new TestStore();
        var v = new string('v', 10);
        int n = 0;
        while (Enc(t, "l") != "quicklist")
        {
            t.Int("RPUSH", "l", v);
            n++;
        }
        // 12 bytes per entry (1 + 10 + backlen 1) + 7 header/end; the check adds the raw 10 bytes: 7 + 12 * 682 + 10 > 8192.
        Assert.Equal(683, n);
        for (int i = 0; i < 100; i++)
        {
            t.Int("RPUSH", "l", v);
        }
        // Pop back down: one node left is not enough while it is above 4096 bytes (half the limit).
        while (t.Int("LLEN", "l") > 400)
        {
            t.Text("RPOP", "l");
            Assert.Equal("quicklist", Enc(t, "l"));
        }
        while (Enc(t, "l") == "quicklist")
        {
            t.Text("RPOP", "l");
        }
        Assert.Equal(340, t.Int("LLEN", "l"));
    }

    [Fact]
    public void CountLimitFollowsListMaxListpackSize()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "list-max-listpack-size", "4");
        t.Int("RPUSH", "l", "1", "2", "3", "4");
        Assert.Equal("listpack", Enc(t, "l"));
        t.Int("RPUSH", "l", "5");
        Assert.Equal("quicklist", Enc(t, "l"));
        t.Text("RPOP", "l");
        t.Text("RPOP", "l");
        Assert.Equal("quicklist", Enc(t, "l"));
        t.Text("RPOP", "l");
        Assert.Equal("listpack", Enc(t, "l"));
        Assert.Equal(["1", "2"], Items(t, "LRANGE", "l", "0", "-1"));
        Assert.Equal(["list-max-ziplist-size", "4"], Items(t, "CONFIG", "GET", "list-max-ziplist-size"));
    }

    [Fact]
    public void LinsertConvertsBeforeLookingForThePivot()
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "list-max-listpack-size", "2");
        t.Int("RPUSH", "l", "a", "b");
        Assert.Equal(-1, t.Int("LINSERT", "l", "BEFORE", "zz", "x"));
        Assert.Equal("quicklist", Enc(t, "l"));
    }

    [Fact]
    public void QuicklistsSurviveCopyRenameAndExpiry()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", new string('x', 9000), "b");
        t.Int("COPY", "l", "c");
        t.Ok("RENAME", "l", "r");
        t.Int("EXPIRE", "r", "10");
        t.Int("RPUSH", "r", "more");
        Assert.Equal(2, t.Int("LLEN", "c"));
        Assert.Equal(3, t.Int("LLEN", "r"));
        Assert.Equal("quicklist", Enc(t, "c"));
        t.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(0, t.Int("EXISTS", "r"));
    }

    [Fact]
    public void ListpackEntriesKeepTheirTtlWhenTheyGrow()
    {
        using var t = new TestStore();
        t.Int("RPUSH", "l", "a");
        t.Int("EXPIRE", "l", "100");
        for (int i = 0; i < 200; i++)
        {
            t.Int("RPUSH", "l", "some-value-" + i);
        }
        Assert.InRange(t.Int("TTL", "l"), 99, 100);
        Assert.Equal("listpack", Enc(t, "l"));
    }
}
