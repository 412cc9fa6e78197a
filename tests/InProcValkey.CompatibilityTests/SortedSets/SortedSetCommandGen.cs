using System.Text;
using FsCheck;
using FsCheck.Fluent;
using InProcValkey.CompatibilityTests.Properties;

namespace InProcValkey.CompatibilityTests.SortedSets;

/// <summary>
/// Random sorted-set commands over keys a, b, c (and a string key s), few members so they collide, scores including
/// infinities and invalid ones, every range form and option. -0 is left out: whether it reads back as 0 depends on whether
/// the set passed through a listpack, which ZADD's size hints decide differently in Redis 7.0 and Valkey 7.2 (unit-tested). Nothing nondeterministic (ZRANDMEMBER, ZSCAN cursors) is generated.
/// </summary>
public static class SortedSetCommandGen
{
    private static readonly Gen<byte[]> Key = Gen.Elements(B("a"), B("b"), B("c"), B("s"));
    private static readonly Gen<byte[]> ShortMember = Gen.Elements(B("m1"), B("m2"), B("m3"), B("x"), B("y"), B(""), B("m10"), B("zz"));
    private static readonly Gen<byte[]> AnyMember = Gen.Elements(B("m1"), B("m2"), B("m3"), B("x"), B("y"), B(""), B("m10"), B("zz"), B(new string('q', 70)));
    private static readonly Gen<byte[]> AnyScore = Gen.Elements(B("0"), B("1"), B("2"), B("-1"), B("1.5"), B("0.1"), B("inf"), B("-inf"), B("3"), B("2"), B("1e3"), B("x"));
    private static readonly Gen<byte[]> Bound = Gen.Elements(B("-inf"), B("+inf"), B("0"), B("1"), B("(1"), B("2"), B("(2"), B("1.5"), B("x"), B("-1"));
    private static readonly Gen<byte[]> LexBound = Gen.Elements(B("-"), B("+"), B("[m1"), B("(m1"), B("[m2"), B("(x"), B("[zz"), B("x"), B("["));
    private static readonly Gen<byte[]> Index = Gen.Elements(B("0"), B("1"), B("-1"), B("2"), B("-2"), B("5"), B("100"), B("-100"));
    private static readonly Gen<byte[]> Count = Gen.Elements(B("0"), B("1"), B("2"), B("5"), B("-1"), B("x"));

    private static readonly Gen<byte[][]> AddFlags = Gen.Elements<byte[][]>([], [], [B("NX")], [B("XX")], [B("GT")], [B("LT")], [B("CH")], [B("XX"), B("CH")], [B("GT"), B("CH")], [B("INCR")], [B("NX"), B("XX")]);

    private static readonly Gen<byte[][]> Limit = Gen.Elements<byte[][]>([], [], [B("LIMIT"), B("0"), B("2")], [B("LIMIT"), B("1"), B("-1")], [B("LIMIT"), B("-1"), B("1")], [B("LIMIT"), B("1"), B("1")]);

    private static readonly Gen<byte[][]> Weights = Gen.Elements<byte[][]>([], [B("WEIGHTS"), B("2"), B("0.5")], [B("WEIGHTS"), B("-1"), B("inf")], [B("WEIGHTS"), B("1")]);

    private static readonly Gen<byte[][]> Aggregate = Gen.Elements<byte[][]>([], [B("AGGREGATE"), B("SUM")], [B("AGGREGATE"), B("MIN")], [B("AGGREGATE"), B("MAX")]);

    /// <summary>Every command but the lex ranges (Valkey's answer to a lex range over members of different scores depends on its skiplist's random shape).</summary>
    public static Gen<Cmd> Command { get; } = Commands(AnyMember, AnyScore, lex: false);

    /// <summary>Lex ranges with all scores 0 (the documented use), any encoding.</summary>
    public static Gen<Cmd> SameScoreLexCommand { get; } = Commands(AnyMember, Gen.Constant(B("0")), lex: true);

    /// <summary>Lex ranges over listpacks with mixed scores: Valkey's listpack walk is deterministic, and reproduced.</summary>
    public static Gen<Cmd> ListpackLexCommand { get; } = Commands(ShortMember, AnyScore, lex: true);

    private static Gen<Cmd> Commands(Gen<byte[]> Member, Gen<byte[]> Score, bool lex) => lex ? LexCommands(Member, Score) : Gen.OneOf(
        from k in Key from f in AddFlags from n in Gen.Choose(1, 3) from pairs in Gen.Zip(Score, Member).ArrayOf(n)
        select C([B("ZADD"), k, .. f, .. pairs.SelectMany(p => new[] { p.Item1, p.Item2 })]),
        from k in Key from s in Score from m in Member select C(B("ZINCRBY"), k, s, m),
        from k in Key from m1 in Member from m2 in Member select C(B("ZREM"), k, m1, m2),
        from name in Gen.Elements("ZCARD", "TYPE", "EXISTS") from k in Key select C(B(name), k),
        from k in Key select C(B("OBJECT"), B("ENCODING"), k),
        from name in Gen.Elements("ZSCORE", "ZRANK", "ZREVRANK") from k in Key from m in Member select C(B(name), k, m),
        from k in Key from m1 in Member from m2 in Member select C(B("ZMSCORE"), k, m1, m2),
        from k in Key from a in Bound from b in Bound select C(B("ZCOUNT"), k, a, b),
        from k in Key from a in Index from b in Index from w in Gen.Elements<byte[][]>([], [B("WITHSCORES")], [B("REV"), B("WITHSCORES")])
        select C([B("ZRANGE"), k, a, b, .. w]),
        from name in Gen.Elements("ZRANGEBYSCORE", "ZREVRANGEBYSCORE") from k in Key from a in Bound from b in Bound from w in Gen.Elements<byte[][]>([], [B("WITHSCORES")]) from l in Limit
        select C([B(name), k, a, b, .. w, .. l]),
        from k in Key from a in Bound from b in Bound from rev in Gen.Elements<byte[][]>([], [B("REV")]) from l in Limit
        select C([B("ZRANGE"), k, a, b, B("BYSCORE"), .. rev, .. l, B("WITHSCORES")]),
        from d in Key from k in Key from a in Index from b in Index select C(B("ZRANGESTORE"), d, k, a, b),
        from d in Key from k in Key from a in Bound from b in Bound from l in Limit select C([B("ZRANGESTORE"), d, k, a, b, B("BYSCORE"), .. l]),
        from k in Key from a in Index from b in Index select C(B("ZREMRANGEBYRANK"), k, a, b),
        from k in Key from a in Bound from b in Bound select C(B("ZREMRANGEBYSCORE"), k, a, b),
        from name in Gen.Elements("ZPOPMIN", "ZPOPMAX") from k in Key from c in Gen.Elements<byte[][]>([], [B("1")], [B("3")], [B("0")], [B("-1")])
        select C([B(name), k, .. c]),
        from k1 in Key from k2 in Key from w in Gen.Elements("MIN", "MAX") from c in Gen.Elements<byte[][]>([], [B("COUNT"), B("2")], [B("COUNT"), B("10")])
        select C([B("ZMPOP"), B("2"), k1, k2, B(w), .. c]),
        from name in Gen.Elements("ZUNION", "ZINTER") from k1 in Key from k2 in Key from w in Weights from a in Aggregate
        select C([B(name), B("2"), k1, k2, .. w, .. a, B("WITHSCORES")]),
        from k1 in Key from k2 in Key select C(B("ZDIFF"), B("2"), k1, k2, B("WITHSCORES")),
        from k1 in Key from k2 in Key from l in Gen.Elements<byte[][]>([], [B("LIMIT"), B("1")]) select C([B("ZINTERCARD"), B("2"), k1, k2, .. l]),
        from name in Gen.Elements("ZUNIONSTORE", "ZINTERSTORE") from d in Key from k1 in Key from k2 in Key from w in Weights from a in Aggregate
        select C([B(name), d, B("2"), k1, k2, .. w, .. a]),
        from d in Key from k1 in Key from k2 in Key select C(B("ZDIFFSTORE"), d, B("2"), k1, k2),
        from k in Key select C(B("SET"), k, B("v")),
        from k in Key select C(B("DEL"), k),
        from k1 in Key from k2 in Key select C(B("COPY"), k1, k2, B("REPLACE")),
        from k1 in Key from k2 in Key select C(B("RENAME"), k1, k2),
        from k in Key select C(B("EXPIRE"), k, B("100")),
        from k in Key select C(B("ZSCAN"), k, B("0"), B("COUNT"), B("1000")));

    private static Gen<Cmd> LexCommands(Gen<byte[]> Member, Gen<byte[]> Score) => Gen.OneOf(
        from k in Key from n in Gen.Choose(1, 3) from pairs in Gen.Zip(Score, Member).ArrayOf(n)
        select C([B("ZADD"), k, .. pairs.SelectMany(p => new[] { p.Item1, p.Item2 })]),
        from k in Key from m1 in Member select C(B("ZREM"), k, m1),
        from k in Key from a in LexBound from b in LexBound select C(B("ZLEXCOUNT"), k, a, b),
        from name in Gen.Elements("ZRANGEBYLEX", "ZREVRANGEBYLEX") from k in Key from a in LexBound from b in LexBound from l in Limit
        select C([B(name), k, a, b, .. l]),
        from k in Key from a in LexBound from b in LexBound from rev in Gen.Elements<byte[][]>([], [B("REV")]) from l in Limit
        select C([B("ZRANGE"), k, a, b, B("BYLEX"), .. rev, .. l]),
        from d in Key from k in Key from a in LexBound from b in LexBound select C(B("ZRANGESTORE"), d, k, a, b, B("BYLEX")),
        from k in Key from a in LexBound from b in LexBound select C(B("ZREMRANGEBYLEX"), k, a, b),
        from k in Key select C(B("ZRANGE"), k, B("0"), B("-1"), B("WITHSCORES")),
        from k in Key select C(B("OBJECT"), B("ENCODING"), k));

    private static Cmd C(params byte[][] args) => new(args);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
}
