using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InProcValkey.Tests.Keys;

public sealed class ScanTests
{
    private static (string Cursor, List<string> Keys) Scan(TestStore t, params string[] args)
    {
        var r = t.Run(["SCAN", .. args]);
        Assert.Equal(ValkeyReplyKind.Array, r.Kind);
        Assert.Equal(2, r.Elements.Count);
        Assert.Equal(ValkeyReplyKind.BulkString, r.Elements[0].Kind);
        return (r.Elements[0].ToString()!, r.Elements[1].Elements.Select(e => e.ToString()!).ToList());
    }

    private static List<string> ScanAll(TestStore t, params string[] options)
    {
        var all = new List<string>();
        string cursor = "0";
        do
        {
            (cursor, var keys) = Scan(t, [cursor, .. options]);
            all.AddRange(keys);
        }
        while (cursor != "0");
        return all;
    }

    [Fact]
    public void AFullIterationReturnsEveryKey()
    {
        using var t = new TestStore();
        for (int i = 0; i < 500; i++)
        {
            t.Ok("SET", "key:" + i, "v");
        }
        var seen = ScanAll(t, "COUNT", "7");
        Assert.Equal(500, seen.Count);
        Assert.Equal(500, seen.Distinct().Count());
    }

    [Fact]
    public void AnEmptyDatabaseEndsAtOnceWhateverTheCursor()
    {
        using var t = new TestStore();
        var (cursor, keys) = Scan(t, "0");
        Assert.Equal("0", cursor);
        Assert.Empty(keys);
        (cursor, keys) = Scan(t, "123456");
        Assert.Equal("0", cursor);
        Assert.Empty(keys);
    }

    [Fact]
    public void CountBoundsTheWorkOfOneCall()
    {
        using var t = new TestStore();
        for (int i = 0; i < 1000; i++)
        {
            t.Ok("SET", "k" + i, "v");
        }
        var (cursor, keys) = Scan(t, "0", "COUNT", "5");
        Assert.NotEqual("0", cursor);
        Assert.InRange(keys.Count, 1, 20);
        var (c2, all) = Scan(t, "0", "COUNT", "100000");
        Assert.Equal("0", c2);
        Assert.Equal(1000, all.Count);
    }

    [Fact]
    public void MatchFiltersWithTheGlobAndStarMatchesTheEmptyKey()
    {
        using var t = new TestStore();
        t.Ok("SET", "", "empty");
        t.Ok("SET", "user:1", "a");
        t.Ok("SET", "user:2", "b");
        t.Ok("SET", "order:1", "c");
        Assert.Equal(["user:1", "user:2"], ScanAll(t, "MATCH", "user:*", "COUNT", "1000").Order());
        Assert.Equal(4, ScanAll(t, "MATCH", "*").Count);
        Assert.Equal(3, ScanAll(t, "MATCH", "**").Count); // only the exact "*" matches the empty key
        Assert.Equal(["order:1", "user:1"], ScanAll(t, "MATCH", "z", "MATCH", "*:1").Order()); // the last MATCH wins
    }

    [Fact]
    public void TypeFiltersByTypeNameIgnoringCaseAndAnUnknownTypeMatchesNothing()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.Ok("SET", "b", "2");
        Assert.Equal(2, ScanAll(t, "TYPE", "string").Count);
        Assert.Equal(2, ScanAll(t, "TYPE", "STRING").Count);
        Assert.Empty(ScanAll(t, "TYPE", "hash"));
        Assert.Empty(ScanAll(t, "TYPE", "list"));
        Assert.Empty(ScanAll(t, "TYPE", "zset"));
        Assert.Empty(ScanAll(t, "TYPE", "set"));
        Assert.Empty(ScanAll(t, "TYPE", "stream"));
        // Valkey 7.2 accepts an unknown type name (the error is planned for a later major version).
        Assert.Empty(ScanAll(t, "TYPE", "foo"));
    }

    [Fact]
    public void ExpiredKeysAreNotReturnedAndAreReclaimed()
    {
        using var t = new TestStore(activeExpiry: false);
        for (int i = 0; i < 20; i++)
        {
            t.Ok("SET", "live" + i, "v");
            t.Ok("SET", "dead" + i, "v", "PX", "100");
        }
        t.Time.Advance(TimeSpan.FromMilliseconds(101));
        Assert.Equal(40, t.Int("DBSIZE"));
        var seen = ScanAll(t);
        Assert.Equal(20, seen.Count);
        Assert.All(seen, k => Assert.StartsWith("live", k));
        Assert.Equal(20, t.Int("DBSIZE"));
        Assert.Equal(20, t.Store.Engine.Stats.ExpiredKeys);
    }

    [Fact]
    public void ExpiredKeysNotMatchingThePatternAreLeftAlone()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "a", "v", "PX", "10");
        t.Ok("SET", "b", "v", "PX", "10");
        t.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(ScanAll(t, "MATCH", "a"));
        Assert.Equal(1, t.Int("DBSIZE"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData(" 0")]
    [InlineData("0x10")]
    [InlineData("1.5")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999999")]
    public void ACursorThatIsNotAnUnsignedNumberIsInvalid(string cursor)
    {
        using var t = new TestStore();
        t.Error("ERR invalid cursor", "SCAN", cursor);
    }

    [Theory]
    [InlineData("")] // strtoul converts nothing and stops at the end: cursor 0
    [InlineData("+0")]
    [InlineData("-0")]
    [InlineData("007")]
    [InlineData("18446744073709551615")]
    [InlineData("-1")] // wraps to 2^64-1, as strtoul does
    [InlineData("-18446744073709551615")]
    public void ACursorIsReadAsStrtoulReadsIt(string cursor)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "v");
        Assert.Equal(ValkeyReplyKind.Array, t.Run("SCAN", cursor).Kind);
    }

    [Fact]
    public void OptionErrorsMatchValkey()
    {
        using var t = new TestStore();
        t.Error("ERR syntax error", "SCAN", "0", "COUNT");
        t.Error("ERR syntax error", "SCAN", "0", "COUNT", "0");
        t.Error("ERR syntax error", "SCAN", "0", "COUNT", "-1");
        t.Error("ERR value is not an integer or out of range", "SCAN", "0", "COUNT", "x");
        t.Error("ERR value is not an integer or out of range", "SCAN", "0", "COUNT", "99999999999999999999");
        t.Error("ERR syntax error", "SCAN", "0", "MATCH");
        t.Error("ERR syntax error", "SCAN", "0", "TYPE");
        t.Error("ERR syntax error", "SCAN", "0", "FOO", "bar");
        t.Error("ERR wrong number of arguments for 'scan' command", "SCAN");
        Assert.Equal(ValkeyReplyKind.Array, t.Run("SCAN", "0", "count", "9223372036854775807", "match", "*", "type", "string").Kind);
    }

    [Fact]
    public void TheCursorIsABulkStringOfTheBucketCursorAndShard()
    {
        using var t = new TestStore();
        for (int i = 0; i < 2000; i++)
        {
            t.Ok("SET", "k" + i, "v");
        }
        var (cursor, _) = Scan(t, "0", "COUNT", "1");
        ulong c = ulong.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(0UL, c);
        Assert.True(c < 1UL << 38);
    }

    // ---- the SCAN guarantee under a changing keyspace ----

    /// <summary>Between SCAN calls: churn ids to add, a range of churn ids to delete (shrinking tables), and the COUNT.</summary>
    public sealed record Step(int[] Add, int RemoveFrom, int RemoveCount, int Count);

    private static readonly Gen<Step> StepGen =
        Gen.Zip(
                Gen.Zip(Gen.ArrayOf(Gen.Choose(0, 3000)), Gen.Zip(Gen.Choose(0, 3000), Gen.Frequency((3, Gen.Choose(0, 20)), (1, Gen.Choose(0, 2000))))),
                Gen.Choose(1, 25))
            .Select(x => new Step(x.Item1.Item1.Take(60).ToArray(), x.Item1.Item2.Item1, x.Item1.Item2.Item2, x.Item2));

    [Property(MaxTest = 40)]
    public Property EveryKeyPresentForTheWholeIterationIsReturnedWhileKeysComeAndGo() =>
        Prop.ForAll(
            Gen.Zip(Gen.Zip(Gen.Choose(0, 400), Gen.Choose(0, 3000)), Gen.ListOf(StepGen).Select(l => l.ToArray())).ToArbitrary(),
            x =>
            {
                var ((stableCount, initialChurn), steps) = x;
                using var t = new TestStore(activeExpiry: false);
                var db = t.Db;
                var everExisted = new HashSet<string>();
                for (int i = 0; i < stableCount; i++)
                {
                    db.StringSet("s" + i, "v");
                    everExisted.Add("s" + i);
                }
                for (int i = 0; i < initialChurn; i++)
                {
                    db.StringSet("c" + i, "v");
                    everExisted.Add("c" + i);
                }
                var seen = new HashSet<string>();
                ulong cursor = 0;
                int call = 0;
                do
                {
                    var step = steps.Length == 0 ? new Step([], 0, 0, 10) : steps[call % steps.Length];
                    var page = db.Scan(cursor, "*", step.Count);
                    cursor = page.Cursor;
                    foreach (var k in page.Keys)
                    {
                        var s = Encoding.UTF8.GetString(k);
                        Assert.Contains(s, everExisted);
                        seen.Add(s);
                    }
                    if (call < 400)
                    {
                        // Grow and shrink the tables between calls: only churn keys change.
                        foreach (var a in step.Add)
                        {
                            db.StringSet("c" + a, "v");
                            everExisted.Add("c" + a);
                        }
                        for (int r = step.RemoveFrom; r < step.RemoveFrom + step.RemoveCount; r++)
                        {
                            db.KeyDelete("c" + r);
                        }
                    }
                    Assert.True(++call < 100_000, "the iteration does not end");
                }
                while (cursor != 0);
                for (int i = 0; i < stableCount; i++)
                {
                    Assert.Contains("s" + i, seen);
                }
            });

    [Fact]
    public void KeyScanEnumeratesEveryKeyWithThePatternAndType()
    {
        using var t = new TestStore();
        for (int i = 0; i < 300; i++)
        {
            t.Db.StringSet("a" + i, "v");
            t.Db.StringSet("b" + i, "v");
        }
        Assert.Equal(300, t.Db.KeyScan("a*", pageSize: 13).Distinct().Count());
        Assert.Equal(600, t.Db.KeyScan().Distinct().Count());
        Assert.Equal(600, t.Db.KeyScan("*", 50, KeyType.String).Distinct().Count());
        Assert.Empty(t.Db.KeyScan("*", 50, KeyType.Hash));
        Assert.Equal(300, t.Db.KeyScan("b*"u8.ToArray(), 1000).Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Db.KeyScan("*", 0));
        Assert.Throws<ArgumentNullException>(() => t.Db.KeyScan((string)null!));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheGuaranteeHoldsWhileEveryTableGrowsOrShrinksSeveralTimes(bool grow)
    {
        using var t = new TestStore(activeExpiry: false);
        var db = t.Db;
        for (int i = 0; i < 2000; i++)
        {
            db.StringSet("s" + i, "v");
        }
        if (!grow)
        {
            for (int i = 0; i < 30_000; i++)
            {
                db.StringSet("c" + i, "v");
            }
        }
        var seen = new HashSet<string>();
        ulong cursor = 0;
        int churn = 0;
        do
        {
            var page = db.Scan(cursor, "s*", 5);
            cursor = page.Cursor;
            seen.UnionWith(page.Keys.Select(k => Encoding.UTF8.GetString(k)));
            for (int j = 0; j < 150 && churn < 30_000; j++, churn++)
            {
                if (grow)
                {
                    db.StringSet("c" + churn, "v");
                }
                else
                {
                    db.KeyDelete("c" + churn);
                }
            }
        }
        while (cursor != 0);
        Assert.Equal(2000, seen.Count);
    }
}
