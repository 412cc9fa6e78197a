using System.Globalization;
using System.Text;
using static InProcValkey.Caching.Tests.CacheTestContext;

namespace InProcValkey.Caching.Tests;

/// <summary>
/// The one-pass read of an entry's fields (listpack, hashtable, and hashes with many other fields, read by lookups) and the
/// tick parsing (a fast path for plain decimal text, the general parser for anything else).
/// </summary>
public sealed class EntryReadTests
{
    private static string Ticks(TimeSpan t) => t.Ticks.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(10, "listpack")]
    [InlineData(300, "hashtable")]
    public void Get_reads_data_and_slides_the_ttl_capped_by_absexp_in_both_encodings(int size, string encoding)
    {
        using var t = new CacheTestContext();
        var data = Encoding.ASCII.GetBytes(new string('d', size));
        var now = t.Time.GetUtcNow();
        string abs = now.AddSeconds(45).UtcTicks.ToString(CultureInfo.InvariantCulture);
        // Field order differs from RedisCache's on purpose: the read must not depend on it.
        t.Store.Execute("HSET", "app:e", "data", Encoding.ASCII.GetString(data), "sldexp", Ticks(TimeSpan.FromSeconds(30)), "absexp", abs);
        Assert.Equal(encoding, t.Store.Execute("OBJECT", "ENCODING", "app:e").ToString());
        Assert.Equal(data, t.Cache.Get("e"));
        Assert.Equal(30_000, t.Pttl("e"));
        t.Time.Advance(TimeSpan.FromSeconds(20));
        t.Cache.Refresh("e");
        Assert.Equal(25_000, t.Pttl("e")); // now + 30 s is past absexp (now + 25 s)
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public void A_hash_with_many_other_fields_is_read_by_lookups(int size)
    {
        using var t = new CacheTestContext();
        var args = new List<object> { "HSET", "app:wide" };
        for (int i = 0; i < 20; i++)
        {
            args.Add("f" + i);
            args.Add("x");
        }
        args.AddRange(["sldexp", Ticks(TimeSpan.FromSeconds(10)), "absexp", "-1", "data", new string('w', size)]);
        t.Store.Execute([.. args.Select(a => a.ToString()!)]);
        Assert.Equal(new string('w', size), t.Text("wide"));
        Assert.Equal(10_000, t.Pttl("wide"));
    }

    [Theory]
    [InlineData("+300000000", 30_000)] // not plain digits: the general parser reads it
    [InlineData("000300000000", 30_000)] // leading zeros
    [InlineData("3000000000000000000", 300_000_000_000_000)] // 19 digits: past the fast path's 18
    [InlineData("-1", -1)] // no sliding window: the TTL is left alone
    [InlineData("12x", -1)] // not a number: treated as no sliding window
    [InlineData("-", -1)]
    public void Sliding_ticks_in_any_decimal_text_are_read_as_the_parser_reads_them(string sldexp, long expectedPttl)
    {
        using var t = new CacheTestContext();
        t.Store.Execute("HSET", "app:s", "absexp", "-1", "sldexp", sldexp, "data", new string('v', 100));
        Assert.Equal(new string('v', 100), t.Text("s"));
        Assert.Equal(expectedPttl, t.Pttl("s"));
    }

    [Fact]
    public void A_hash_without_data_is_a_miss_but_its_sliding_window_is_still_renewed()
    {
        using var t = new CacheTestContext();
        t.Store.Execute("HSET", "app:nodata", "absexp", "-1", "sldexp", Ticks(TimeSpan.FromSeconds(10)));
        Assert.Null(t.Cache.Get("nodata"));
        Assert.Equal(10_000, t.Pttl("nodata"));
    }

    [Fact]
    public void Set_overwrites_an_entry_shaped_hash_and_replaces_a_three_field_hash_of_other_names()
    {
        using var t = new CacheTestContext();
        t.Store.Execute("HSET", "app:o", "absexp", "1", "sldexp", "2", "other", "3");
        t.Cache.Set("o", Bytes("v"), new());
        var fields = t.Store.Execute("HKEYS", "app:o").Elements.Select(e => e.ToString()).Order().ToArray();
        Assert.Equal(["absexp", "data", "sldexp"], fields);
        t.Cache.Set("o", Bytes("w"), Options(sliding: TimeSpan.FromSeconds(5)));
        Assert.Equal("w", t.Text("o"));
        Assert.Equal(5_000, t.Pttl("o"));
    }
}
