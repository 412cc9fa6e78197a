using System.Text;
using static InProcValkey.Tests.Strings.StringTestKit;

namespace InProcValkey.Tests.Strings;

/// <summary>MGET, MSET, MSETNX: atomic as a whole, duplicates, other types, TTLs.</summary>
public sealed class MultiKeyTests
{
    [Fact]
    public void MGetReturnsNilForMissingKeysAndOtherTypes()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        t.PutNonString("l");
        var r = t.Run("MGET", "a", "missing", "l", "a");
        Assert.Equal(["1", null, null, "1"], r.Elements.Select(e => e.ToString()));
        t.Error("ERR wrong number of arguments for 'mget' command", "MGET");
    }

    [Fact]
    public void MSetSetsAllAndTheLastDuplicateWins()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "old", "EX", "100");
        t.Ok("MSET", "a", "1", "b", "2", "a", "3");
        Assert.Equal(["3", "2"], t.Run("MGET", "a", "b").Elements.Select(e => e.ToString()));
        Assert.Equal(-1, t.Pttl("a"));
        t.PutNonString("l");
        t.Ok("MSET", "l", "x");
        Assert.Equal("x", t.Text("GET", "l"));
    }

    [Fact]
    public void MSetNeedsPairs()
    {
        using var t = new TestStore();
        t.Error("ERR wrong number of arguments for 'mset' command", "MSET", "a");
        t.Error("ERR wrong number of arguments for 'mset' command", "MSET", "a", "1", "b");
        t.Error("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "a", "1", "b");
        Assert.Equal(-2, t.Pttl("a"));
    }

    [Fact]
    public void MSetNxSetsNothingWhenAnyKeyExists()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "1");
        Assert.Equal(0, t.Int("MSETNX", "z", "1", "a", "2"));
        Assert.Equal(-2, t.Pttl("z"));
        Assert.Equal("1", t.Text("GET", "a"));
        Assert.Equal(1, t.Int("MSETNX", "z", "1", "z", "2"));
        Assert.Equal("2", t.Text("GET", "z"));
        t.PutNonString("l");
        Assert.Equal(0, t.Int("MSETNX", "l", "x", "y", "1"));
    }

    [Fact]
    public void MSetNxTreatsExpiredKeysAsMissing()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "a", "1", "PX", "10");
        t.Time.Advance(TimeSpan.FromMilliseconds(11));
        Assert.Equal(1, t.Int("MSETNX", "a", "2"));
        Assert.Equal(-1, t.Pttl("a"));
    }

    [Fact]
    public void MSetChoosesEncodingsAsSetDoes()
    {
        using var t = new TestStore();
        t.Ok("MSET", "i", "12345", "e", "01", "r", new string('x', 45), "b", "9223372036854775808");
        Assert.Equal("int", t.EncodingOf("i"));
        Assert.Equal("embstr", t.EncodingOf("e"));
        Assert.Equal("raw", t.EncodingOf("r"));
        Assert.Equal("embstr", t.EncodingOf("b"));
    }

    [Fact]
    public void TypedMultiGetAndSet()
    {
        using var t = new TestStore();
        var db = t.Db;
        Assert.True(db.StringSet(Pairs("a", "1", "b", "2")));
        Assert.False(db.StringSet(Pairs("c", "3", "a", "x"), When.NotExists));
        Assert.True(db.StringSet([new KeyValuePair<byte[], byte[]>("c"u8.ToArray(), "3"u8.ToArray())], When.NotExists));
        Assert.Equal(["1", "2", "3", null], db.StringGet(["a", "b", "c", "d"]));
        Assert.Equal(["2"u8.ToArray(), null], db.StringGet(["b"u8.ToArray(), "d"u8.ToArray()]));
        Assert.Empty(db.StringGet(Array.Empty<string>()));
        Assert.True(db.StringSet(Array.Empty<KeyValuePair<string, string>>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.StringSet(Pairs("a", "1"), When.Exists));
        Assert.Throws<ArgumentNullException>(() => db.StringGet((string[])null!));
        Assert.Throws<ArgumentNullException>(() => db.StringGet(["a", null!]));
        Assert.Throws<ArgumentNullException>(() => db.StringSet(Pairs("a", null!)));
    }

    [Fact]
    public async Task ConcurrentReadersSeeAllOfAnMSetOrNone()
    {
        using var t = new TestStore();
        var db = t.Db;
        string[] keys = [.. Enumerable.Range(0, 16).Select(i => "multi:" + i)];
        db.StringSet(keys.Select(k => KeyValuePair.Create(k, "0")).ToArray());
        const int Rounds = 2000;
        var torn = 0;
        var writer = Task.Run(() =>
        {
            for (int round = 1; round <= Rounds; round++)
            {
                var value = round.ToString();
                db.StringSet(keys.Select(k => KeyValuePair.Create(k, value)).ToArray());
            }
        }, TestContext.Current.CancellationToken);
        var reader = Task.Run(() =>
        {
            for (int reads = 0; !writer.IsCompleted || reads < 100; reads++)
            {
                var values = db.StringGet(keys);
                if (values.Distinct().Count() != 1)
                {
                    Interlocked.Increment(ref torn);
                }
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll(writer, reader);
        Assert.Equal(0, torn);
        Assert.All(db.StringGet(keys), v => Assert.Equal(Rounds.ToString(), v));
    }

    [Fact]
    public void ConcurrentMSetNxOnOverlappingKeysLetsExactlyOneWin()
    {
        using var t = new TestStore();
        var db = t.Db;
        int wins = 0;
        Parallel.For(0, 8, i =>
        {
            if (db.StringSet(Pairs("race:a", i.ToString(), "race:" + i, "x", "race:b", i.ToString()), When.NotExists))
            {
                Interlocked.Increment(ref wins);
            }
        });
        Assert.Equal(1, wins);
        Assert.Equal(db.StringGet("race:a"), db.StringGet("race:b"));
        Assert.Equal(Encoding.UTF8.GetBytes(db.StringGet("race:a")!), db.StringGet("race:b"u8));
    }

    private static KeyValuePair<string, string>[] Pairs(params string[] kv) =>
        [.. Enumerable.Range(0, kv.Length / 2).Select(i => KeyValuePair.Create(kv[2 * i], kv[2 * i + 1]))];
}
