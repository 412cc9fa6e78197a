using static InProcValkey.Tests.Strings.StringTestKit;

namespace InProcValkey.Tests.Strings;

/// <summary>LCS: expected replies come from redis-server 7.0.15 (same algorithm as Valkey 7.2).</summary>
public sealed class LcsTests
{
    private static string Render(ValkeyReply r) => r.Kind switch
    {
        ValkeyReplyKind.Integer => r.AsInt64().ToString(),
        ValkeyReplyKind.BulkString => r.ToString()!,
        _ => "[" + string.Join(",", r.Elements.Select(Render)) + "]",
    };

    [Fact]
    public void ReturnsTheSubsequenceItsLengthOrItsRanges()
    {
        using var t = new TestStore();
        t.Ok("MSET", "a", "ohmytext", "b", "mynewtext");
        Assert.Equal("mytext", t.Text("LCS", "a", "b"));
        Assert.Equal(6, t.Int("LCS", "a", "b", "LEN"));
        Assert.Equal("[matches,[[[4,7],[5,8]],[[2,3],[0,1]]],len,6]", Render(t.Run("LCS", "a", "b", "IDX")));
        Assert.Equal("[matches,[[[4,7],[5,8],4],[[2,3],[0,1],2]],len,6]", Render(t.Run("LCS", "a", "b", "IDX", "WITHMATCHLEN")));
        Assert.Equal("[matches,[[[4,7],[5,8],4]],len,6]", Render(t.Run("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")));
        Assert.Equal("[matches,[[[4,7],[5,8],4],[[2,3],[0,1],2]],len,6]", Render(t.Run("LCS", "a", "b", "idx", "minmatchlen", "-4", "withmatchlen")));
        Assert.Equal("mytext", t.Text("LCS", "a", "b", "WITHMATCHLEN", "MINMATCHLEN", "3"));
    }

    [Theory]
    [InlineData("abcabcabc", "cbacbacba", "cbabc", "[matches,[[[8,8],[6,6],1],[[7,7],[4,4],1],[[6,6],[2,2],1],[[4,4],[1,1],1],[[2,2],[0,0],1]],len,5]")]
    [InlineData("aaaa", "aa", "aa", "[matches,[[[2,3],[0,1],2]],len,2]")]
    [InlineData("GTCGTTCGGAATGCCGTTGCTCTGTAAA", "ACCGGTCGAGTGCGCGGAAGCCGGCCGAA", "GTCGTCGGAAGCCGGCCGAA",
        "[matches,[[[26,27],[27,28],2],[[23,23],[26,26],1],[[21,21],[25,25],1],[[18,19],[23,24],2],[[12,15],[19,22],4],[[6,10],[14,18],5],[[5,5],[10,10],1],[[0,3],[4,7],4]],len,20]")]
    [InlineData("hello", "", "", "[matches,[],len,0]")]
    public void TiesAreBrokenAsValkeyDoes(string a, string b, string lcs, string idx)
    {
        using var t = new TestStore();
        t.Ok("MSET", "a", a, "b", b);
        Assert.Equal(lcs, t.Text("LCS", "a", "b"));
        Assert.Equal(idx, Render(t.Run("LCS", "a", "b", "IDX", "WITHMATCHLEN")));
    }

    [Fact]
    public void MissingKeysAreEmptyStrings()
    {
        using var t = new TestStore();
        t.Ok("SET", "a", "abc");
        Assert.Equal("", t.Text("LCS", "a", "missing"));
        Assert.Equal(0, t.Int("LCS", "missing", "other", "LEN"));
        Assert.Equal("[matches,[],len,0]", Render(t.Run("LCS", "a", "missing", "IDX")));
    }

    [Fact]
    public void ErrorsComeInValkeysOrder()
    {
        using var t = new TestStore();
        t.Ok("MSET", "a", "abc", "b", "abd");
        t.PutNonString("l");
        t.Error("ERR The specified keys must contain string values", "LCS", "a", "l", "FOO");
        t.Error("ERR The specified keys must contain string values", "LCS", "l", "missing");
        t.Error(Syntax, "LCS", "a", "b", "FOO");
        t.Error(Syntax, "LCS", "a", "b", "MINMATCHLEN");
        t.Error(NotInteger, "LCS", "a", "b", "MINMATCHLEN", "x", "LEN", "IDX");
        t.Error("ERR If you want both the length and indexes, please just use IDX.", "LCS", "a", "b", "LEN", "IDX");
        t.Error("ERR wrong number of arguments for 'lcs' command", "LCS", "a");
    }

    [Fact]
    public void TheTableIsLimitedByProtoMaxBulkLen()
    {
        using var store = new ValkeyStore(new ValkeyStoreOptions { ProtoMaxBulkLen = 1024 * 1024 });
        var s = store.CreateSession();
        s.Execute("SET", "a", new string('a', 1000));
        s.Execute("SET", "b", new string('b', 1000));
        Assert.Equal("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len", s.Execute("LCS", "a", "b", "LEN").ErrorMessage);
        s.Execute("SET", "b", new string('a', 200));
        Assert.Equal(200, s.Execute("LCS", "a", "b", "LEN").AsInt64());
    }

    [Fact]
    public void TypedApi()
    {
        using var t = new TestStore();
        var db = t.Db;
        t.Ok("MSET", "a", "ohmytext", "b", "mynewtext");
        Assert.Equal("mytext", db.StringLongestCommonSubsequence("a", "b"));
        Assert.Equal("mytext"u8.ToArray(), db.StringLongestCommonSubsequence("a"u8, "b"u8));
        Assert.Equal(6, db.StringLongestCommonSubsequenceLength("a", "b"));
        var m = db.StringLongestCommonSubsequenceWithMatches("a", "b");
        Assert.Equal(6, m.LongestMatchLength);
        Assert.Equal([new LcsMatch(4, 5, 4), new LcsMatch(2, 0, 2)], m.Matches);
        Assert.Single(db.StringLongestCommonSubsequenceWithMatches("a"u8, "b"u8, minLength: 3).Matches);
        t.PutNonString("l");
        Assert.Equal("ERR The specified keys must contain string values", Assert.Throws<ValkeyException>(() => db.StringLongestCommonSubsequence("a", "l")).Message);
        Assert.Throws<ArgumentNullException>(() => db.StringLongestCommonSubsequence("a", null!));
    }
}
