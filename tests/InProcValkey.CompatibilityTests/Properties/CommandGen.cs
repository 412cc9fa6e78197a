using System.Text;
using FsCheck;
using FsCheck.Fluent;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>One generated command; prints as a readable command line in counterexamples.</summary>
public sealed record Cmd(byte[][] Args)
{
    public override string ToString() => Render.Command(Args);
}

/// <summary>
/// Generators of random commands over a small key space (a, b, c and a binary key) with small values, random options
/// and some invalid arguments. Nothing time-sensitive is generated: TTLs are 0/negative (delete now) or ≥ 100 s, absolute
/// times are far in the past or future, so replies do not depend on when a command runs (TTL replies are compared ±1).
/// </summary>
public static class CommandGen
{
    private static readonly byte[][] KeyPool = [B("a"), B("b"), B("c"), Bin.Key];

    private static readonly byte[][] ValuePool =
    [
        B("0"), B("1"), B("-1"), B("10"), B("123"), B("9999"), B("10000"), B("9223372036854775807"), B("-9223372036854775808"),
        B("abc"), B(""), B("3.5"), B("1e3"), B("01"), B(" 1"), B(Bin.Text(44)), B(Bin.Text(45)), Bin.Value,
        B("12345678901234567890"), B("hello world"),
    ];

    private static readonly byte[][] IncrementPool =
        [B("0"), B("1"), B("-1"), B("5"), B("100"), B("9223372036854775807"), B("-9223372036854775808"), B("x"), B("1.5"), B("")];

    private static readonly byte[][] FloatPool =
        [B("0.1"), B("-2.5"), B("10.5"), B("1e3"), B("3.0e-5"), B("inf"), B("abc"), B("1"), B("-0"), B("0x10"), B("1e308")];

    private static readonly byte[][] OffsetPool =
        [B("0"), B("1"), B("3"), B("-1"), B("-3"), B("100"), B("-100"), B("x"), B("9223372036854775807")];

    private static readonly byte[][] TtlPool =
        [B("100"), B("1000"), B("100000"), B("0"), B("-1"), B("abc"), B("9223372036854775807")];

    // Millisecond TTLs (PX, PEXPIRE): none that can run out during a sequence. Both servers run on the real clock, and under
    // load 100 ms or 1 s can pass between two commands on one server and not on the other, so a key would expire on one
    // side only. Short TTLs are tested on the fake clock instead (tests/InProcValkey.Tests, Expiry).
    private static readonly byte[][] MsTtlPool =
        [B("100000"), B("3600000"), B("0"), B("-1"), B("abc"), B("9223372036854775807")];

    private static readonly byte[][] DbPool = [B("0"), B("1"), B("16"), B("x")];

    public static Gen<byte[]> Key { get; } = Gen.Elements(KeyPool);

    public static Gen<byte[]> Value { get; } = Gen.Elements(ValuePool);

    private static Gen<byte[]> Increment { get; } = Gen.Elements(IncrementPool);

    private static Gen<byte[]> Float { get; } = Gen.Elements(FloatPool);

    private static Gen<byte[]> Offset { get; } = Gen.Elements(OffsetPool);

    private static Gen<byte[]> Ttl { get; } = Gen.Elements(TtlPool);

    private static Gen<byte[]> MsTtl { get; } = Gen.Elements(MsTtlPool);

    private static Gen<byte[]> Db { get; } = Gen.Elements(DbPool);

    // Absolute times far from now: 1 (past) or about a day ahead (computed when generated; never near "now").
    private static Gen<byte[]> AbsSeconds { get; } = Gen.Elements<byte[]>(B("1"), B("-5")).Or(Gen.Fresh(() => B((DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86_400).ToString())));

    private static Gen<byte[]> AbsMs { get; } = Gen.Elements<byte[]>(B("1"), B("-100")).Or(Gen.Fresh(() => B((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 86_400_000).ToString())));

    private static Gen<byte[][]> SetOption { get; } = Gen.OneOf(
        Gen.Elements<byte[][]>([B("NX")], [B("XX")], [B("GET")], [B("KEEPTTL")], [B("FOO")], [B("EX")]),
        Ttl.Select(t => new[] { B("EX"), t }),
        MsTtl.Select(t => new[] { B("PX"), t }),
        AbsSeconds.Select(t => new[] { B("EXAT"), t }),
        AbsMs.Select(t => new[] { B("PXAT"), t }));

    private static Gen<byte[][]> GetExOption { get; } = Gen.OneOf(
        Gen.Elements<byte[][]>([B("PERSIST")], [B("FOO")], [B("KEEPTTL")]),
        Ttl.Select(t => new[] { B("EX"), t }),
        MsTtl.Select(t => new[] { B("PX"), t }),
        AbsSeconds.Select(t => new[] { B("EXAT"), t }),
        AbsMs.Select(t => new[] { B("PXAT"), t }));

    private static Gen<byte[][]> ExpireFlag { get; } =
        Gen.Elements<byte[][]>([], [], [B("NX")], [B("XX")], [B("GT")], [B("LT")], [B("NX"), B("XX")], [B("GT"), B("LT")], [B("FOO")]);

    // GT/LT with a relative time compare now + t with a TTL set by an earlier relative command: when both use the same t,
    // the answer depends on whether the two commands ran in the same millisecond, which differs between the two servers.
    // Relative EXPIRE/PEXPIRE therefore get GT/LT only in the (always rejected) GT+LT pair; GT and LT alone are exercised
    // with EXPIREAT/PEXPIREAT, whose absolute times are the same on both sides.
    private static Gen<byte[][]> RelativeExpireFlag { get; } =
        Gen.Elements<byte[][]>([], [], [B("NX")], [B("XX")], [B("NX"), B("XX")], [B("GT"), B("LT")], [B("FOO")]);

    /// <summary>String commands with options, including invalid ones.</summary>
    public static Gen<Cmd> StringCommand { get; } = Gen.OneOf(
        from k in Key from v in Value from n in Gen.Choose(0, 3) from opts in SetOption.ArrayOf(n)
        select C([B("SET"), k, v, .. opts.SelectMany(o => o)]),
        Key.Select(k => C(B("GET"), k)),
        from k in Key from v in Value select C(B("GETSET"), k, v),
        Key.Select(k => C(B("GETDEL"), k)),
        from k in Key from n in Gen.Choose(0, 2) from opts in GetExOption.ArrayOf(n)
        select C([B("GETEX"), k, .. opts.SelectMany(o => o)]),
        from k in Key from v in Value select C(B("APPEND"), k, v),
        from k in Key from o in Offset from v in Value select C(B("SETRANGE"), k, o, v),
        from k in Key from s in Offset from e in Offset select C(B("GETRANGE"), k, s, e),
        from k in Key from s in Offset from e in Offset select C(B("SUBSTR"), k, s, e),
        Key.Select(k => C(B("STRLEN"), k)),
        from name in Gen.Elements("INCR", "DECR") from k in Key select C(B(name), k),
        from name in Gen.Elements("INCRBY", "DECRBY") from k in Key from i in Increment select C(B(name), k, i),
        from k in Key from f in Float select C(B("INCRBYFLOAT"), k, f),
        from k1 in Key from v1 in Value from k2 in Key from v2 in Value select C(B("MSET"), k1, v1, k2, v2),
        from k1 in Key from v1 in Value from k2 in Key from v2 in Value select C(B("MSETNX"), k1, v1, k2, v2),
        from k1 in Key from k2 in Key from k3 in Key select C(B("MGET"), k1, k2, k3),
        from k in Key from v in Value select C(B("SETNX"), k, v),
        from name in Gen.Elements("SETEX", "PSETEX") from k in Key from t in Ttl from v in Value select C(B(name), k, t, v),
        from k1 in Key from k2 in Key from opt in Gen.Elements<byte[][]>([], [B("LEN")], [B("IDX")], [B("IDX"), B("WITHMATCHLEN")], [B("IDX"), B("MINMATCHLEN"), B("2")], [B("LEN"), B("IDX")])
        select C([B("LCS"), k1, k2, .. opt]),
        from sub in Gen.Elements("ENCODING", "REFCOUNT") from k in Key select C(B("OBJECT"), B(sub), k));

    /// <summary>Key-space, expiry and database commands.</summary>
    public static Gen<Cmd> KeyCommand { get; } = Gen.OneOf(
        from k1 in Key from k2 in Key select C(B("DEL"), k1, k2),
        from k1 in Key from k2 in Key select C(B("UNLINK"), k1, k2),
        from k1 in Key from k2 in Key select C(B("EXISTS"), k1, k2),
        Key.Select(k => C(B("TYPE"), k)),
        from k1 in Key from k2 in Key select C(B("TOUCH"), k1, k2),
        from name in Gen.Elements("RENAME", "RENAMENX") from k1 in Key from k2 in Key select C(B(name), k1, k2),
        from k1 in Key from k2 in Key from opt in Gen.Elements<byte[][]>([], [B("REPLACE")], [B("DB"), B("1")], [B("DB"), B("1"), B("REPLACE")], [B("DB"), B("16")], [B("FOO")])
        select C([B("COPY"), k1, k2, .. opt]),
        from k in Key from db in Db select C(B("MOVE"), k, db),
        Gen.Elements("*", "a*", "?", "[ab]", "k*", "*\u00ff*").Select(p => C(B("KEYS"), B(p))),
        Gen.Elements<byte[][]>([], [B("MATCH"), B("[bc]")], [B("COUNT"), B("1")], [B("TYPE"), B("string")], [B("COUNT"), B("0")])
            .Select(opt => C([B("SCAN"), B("0"), .. opt])),
        from k in Key from t in Ttl from f in RelativeExpireFlag select C([B("EXPIRE"), k, t, .. f]),
        from k in Key from t in MsTtl from f in RelativeExpireFlag select C([B("PEXPIRE"), k, t, .. f]),
        from k in Key from t in AbsSeconds from f in ExpireFlag select C([B("EXPIREAT"), k, t, .. f]),
        from k in Key from t in AbsMs from f in ExpireFlag select C([B("PEXPIREAT"), k, t, .. f]),
        from name in Gen.Elements("TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME", "PERSIST") from k in Key select C(B(name), k),
        Db.Select(db => C(B("SELECT"), db)),
        Gen.Constant(C(B("DBSIZE"))),
        Gen.Elements<byte[][]>([B("0"), B("1")], [B("1"), B("0")], [B("0"), B("16")]).Select(p => C([B("SWAPDB"), .. p])),
        Gen.Elements<byte[][]>([], [B("ASYNC")], [B("FOO")]).Select(opt => C([B("FLUSHDB"), .. opt])));

    /// <summary>Sequences of <paramref name="min"/>–<paramref name="max"/> commands, shrunk by dropping commands.</summary>
    public static Arbitrary<Cmd[]> Sequences(Gen<Cmd> command, int min, int max) =>
        Arb.From(
            Gen.Choose(min, max).SelectMany(n => command.ArrayOf(n)),
            seq => Enumerable.Range(0, seq.Length).Select(i => seq.Where((_, j) => j != i).ToArray()));

    private static Cmd C(params byte[][] args) => new(args);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
}
