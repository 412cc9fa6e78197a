namespace InProcValkey.Tests.Hashes;

/// <summary>HRANDFIELD (counts, WITHVALUES, seeded randomness) and HSCAN (pages, MATCH, COUNT, iteration under change).</summary>
public sealed class HashRandomScanTests
{
    private static void Fill(TestStore t, string key, int n, int valueLength = 1)
    {
        for (int i = 0; i < n; i++)
        {
            t.Run("HSET", key, "f" + i, new string('v', valueLength) + i);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(600)]
    public void PositiveCountsReturnDistinctFields(int size)
    {
        using var t = new TestStore();
        Fill(t, "h", size);
        foreach (int count in new[] { 1, 2, size / 3, size / 2, size - 1, size, size + 10 })
        {
            var fields = t.Run("HRANDFIELD", "h", count.ToString()).Elements.Select(e => e.ToString()).ToList();
            Assert.Equal(Math.Min(count, size), fields.Count);
            Assert.Equal(fields.Count, fields.Distinct().Count());
            Assert.All(fields, f => Assert.Equal(1, t.Int("HEXISTS", "h", f!)));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(600)]
    public void NegativeCountsMayRepeat(int size)
    {
        using var t = new TestStore();
        Fill(t, "h", size);
        var fields = t.Run("HRANDFIELD", "h", "-50").Elements;
        Assert.Equal(50, fields.Count);
        if (size == 3)
        {
            Assert.True(fields.Select(f => f.ToString()).Distinct().Count() <= 3);
        }
    }

    [Fact]
    public void WithValuesPairsEachFieldWithItsValue()
    {
        using var t = new TestStore();
        Fill(t, "h", 10);
        foreach (var count in new[] { "3", "-20", "10", "100", "1" })
        {
            var r = t.Run("HRANDFIELD", "h", count, "WITHVALUES").Elements;
            Assert.True(r.Count % 2 == 0);
            for (int i = 0; i < r.Count; i += 2)
            {
                Assert.Equal(t.Text("HGET", "h", r[i].ToString()!), r[i + 1].ToString());
            }
        }
    }

    [Fact]
    public void WholeListpackHashComesInInsertionOrder()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "z", "1", "a", "2", "m", "3");
        Assert.Equal("[z, 1, a, 2, m, 3]", t.Text("HRANDFIELD", "h", "3", "WITHVALUES"));
        Assert.Equal("[]", t.Text("HRANDFIELD", "h", "0"));
    }

    [Fact]
    public void TheSameSeedDrawsTheSameFields()
    {
        string Draw()
        {
            using var t = new TestStore(seed: 42);
            Fill(t, "h", 20);
            Fill(t, "big", 300, 70);
            return t.Text("HRANDFIELD", "h", "-10") + t.Text("HRANDFIELD", "h", "5") + t.Text("HRANDFIELD", "big", "7") + t.Text("HRANDFIELD", "big");
        }
        Assert.Equal(Draw(), Draw());
    }

    [Fact]
    public void CountArgumentErrors()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1");
        t.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807", "HRANDFIELD", "h", "-9223372036854775808");
        t.Error("ERR value is out of range", "HRANDFIELD", "h", "4611686018427387904", "WITHVALUES");
        t.Error("ERR syntax error", "HRANDFIELD", "h", "1", "WITHVALUE");
        t.Error("ERR value is not an integer or out of range", "HRANDFIELD", "h", "x");
        t.Nil("HRANDFIELD", "missing");
        Assert.Equal("[]", t.Text("HRANDFIELD", "missing", "5"));
    }

    [Fact]
    public void HscanOfAListpackIsOnePageWithCursorZero()
    {
        using var t = new TestStore();
        t.Run("HSET", "h", "a", "1", "b", "2", "ab", "3");
        Assert.Equal("[0, [a, 1, b, 2, ab, 3]]", t.Text("HSCAN", "h", "0", "COUNT", "1"));
        Assert.Equal("[0, [a, 1, ab, 3]]", t.Text("HSCAN", "h", "123", "MATCH", "a*"));
        Assert.Equal("[0, []]", t.Text("HSCAN", "missing", "0", "COUNT", "0"));
        t.Error("ERR syntax error", "HSCAN", "h", "0", "NOVALUES");
        t.Error("ERR syntax error", "HSCAN", "h", "0", "COUNT", "0");
        t.Error("ERR invalid cursor", "HSCAN", "h", "x");
    }

    [Fact]
    public void HscanOfAHashtableReturnsEveryFieldPresentThroughout()
    {
        using var t = new TestStore();
        Fill(t, "h", 1000, 70);
        var seen = new HashSet<string>();
        string cursor = "0";
        int calls = 0;
        do
        {
            var page = t.Run("HSCAN", "h", cursor, "COUNT", "20").Elements;
            cursor = page[0].ToString()!;
            var items = page[1].Elements;
            for (int i = 0; i < items.Count; i += 2)
            {
                seen.Add(items[i].ToString()!);
            }
            // Growth and shrinkage during the iteration (fields f1000+ come and go; f0..f999 stay).
            t.Run("HSET", "h", "x" + calls, "1");
            if (calls % 3 == 0)
            {
                t.Run("HDEL", "h", "x" + (calls / 2));
            }
            calls++;
        }
        while (cursor != "0");
        Assert.True(calls > 10);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Contains("f" + i, seen);
        }
    }
}
