using System.Globalization;
using InProcValkey.DataTypes.Lists;
using static InProcValkey.Tests.Lists.ListCommandTests;

namespace InProcValkey.Tests.Lists;

// DEBUG QUICKLIST-PACKED-THRESHOLD (Valkey's test knob for plain nodes; the upstream list tests use it to put small
// elements into plain nodes). The threshold is process-wide as in Valkey; it only changes node layout, never replies,
// so other tests running meanwhile are not affected. Each test restores it.
public sealed class ListPackedThresholdTests
{
    [Fact]
    public void DebugSetsTheThresholdAndRejectsWhatValkeyRejects()
    {
        using var t = new TestStore();
        try
        {
            t.Ok("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1b");
            Assert.True(ListLimits.IsLarge(1, -2));
            t.Ok("DEBUG", "quicklist-packed-threshold", "1kb");
            Assert.False(ListLimits.IsLarge(1023, -2));
            Assert.True(ListLimits.IsLarge(1024, -2));
            const string error = "ERR argument must be a memory value bigger than 1 and smaller than 4gb";
            t.Error(error, "DEBUG", "QUICKLIST-PACKED-THRESHOLD", "4gb");
            t.Error(error, "DEBUG", "QUICKLIST-PACKED-THRESHOLD", "x");
            t.Error(error, "DEBUG", "QUICKLIST-PACKED-THRESHOLD", "-1");
            Assert.True(ListLimits.IsLarge(1024, -2)); // a rejected value changes nothing
            t.Ok("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "0");
            Assert.False(ListLimits.IsLarge(8192, -2)); // 0: the fill decides again (8 KB for -2)
            Assert.True(ListLimits.IsLarge(8193, -2));
        }
        finally
        {
            ListLimits.TrySetPackedThreshold(0);
        }
    }

    [Fact]
    public void ListsWithPlainNodesForSmallElementsBehaveLikeTheModel()
    {
        using var t = new TestStore();
        var rnd = new Random(7);
        var model = new List<string>();
        t.Ok("CONFIG", "SET", "list-max-listpack-size", "4");
        try
        {
            t.Ok("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "5b");
            string Next() => rnd.Next(2) == 0 ? rnd.Next(100).ToString(CultureInfo.InvariantCulture) : new string((char)('a' + rnd.Next(26)), 5 + rnd.Next(10));
            for (int step = 0; step < 3000; step++)
            {
                switch (rnd.Next(9))
                {
                    case 0:
                    {
                        string v = Next();
                        model.Insert(0, v);
                        Assert.Equal(model.Count, t.Int("LPUSH", "l", v));
                        break;
                    }
                    case 1:
                    {
                        string v = Next();
                        model.Add(v);
                        Assert.Equal(model.Count, t.Int("RPUSH", "l", v));
                        break;
                    }
                    case 2 when model.Count > 0:
                    {
                        int i = rnd.Next(model.Count);
                        string v = Next();
                        model[i] = v;
                        t.Ok("LSET", "l", i.ToString(CultureInfo.InvariantCulture), v);
                        break;
                    }
                    case 3 when model.Count > 0:
                    {
                        string pivot = model[rnd.Next(model.Count)];
                        bool after = rnd.Next(2) == 0;
                        string v = Next();
                        model.Insert(model.IndexOf(pivot) + (after ? 1 : 0), v);
                        Assert.Equal(model.Count, t.Int("LINSERT", "l", after ? "AFTER" : "BEFORE", pivot, v));
                        break;
                    }
                    case 4 when model.Count > 0:
                    {
                        string v = model[rnd.Next(model.Count)];
                        int removed = model.RemoveAll(x => x == v);
                        Assert.Equal(removed, t.Int("LREM", "l", "0", v));
                        break;
                    }
                    case 5 when model.Count > 20:
                    {
                        int start = rnd.Next(3), stop = model.Count - 1 - rnd.Next(3);
                        model = model.GetRange(start, stop - start + 1);
                        t.Ok("LTRIM", "l", start.ToString(CultureInfo.InvariantCulture), stop.ToString(CultureInfo.InvariantCulture));
                        break;
                    }
                    case 6 when model.Count > 0:
                    {
                        Assert.Equal(model[0], t.Text("LPOP", "l"));
                        model.RemoveAt(0);
                        break;
                    }
                    case 7 when model.Count > 0:
                    {
                        // LMOVE l l RIGHT LEFT: rotate the tail to the head.
                        string v = model[^1];
                        model.RemoveAt(model.Count - 1);
                        model.Insert(0, v);
                        Assert.Equal(v, t.Text("LMOVE", "l", "l", "RIGHT", "LEFT"));
                        break;
                    }
                    case 8 when model.Count > 0:
                    {
                        string v = model[rnd.Next(model.Count)];
                        Assert.Equal(model.IndexOf(v), t.Int("LPOS", "l", v));
                        break;
                    }
                }
                if (step % 50 == 0)
                {
                    Assert.Equal(model, Items(t, "LRANGE", "l", "0", "-1"));
                }
            }
            Assert.Equal(model, Items(t, "LRANGE", "l", "0", "-1"));
        }
        finally
        {
            ListLimits.TrySetPackedThreshold(0);
        }
    }
}
