using System.Text;
using FsCheck;
using FsCheck.Fluent;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>Generators of list commands (valid and invalid options) over the shared small key space.</summary>
public static class ListCommandGen
{
    private static readonly byte[][] ElementPool =
    [
        B("a"), B("b"), B("1"), B("-1"), B("01"), B("300000"), B(""), B("9223372036854775807"), B(new string('x', 70)),
        B(new string('y', 5000)), B("a b"), [0xff, 0x00],
    ];

    private static readonly byte[][] IndexPool = [B("0"), B("1"), B("2"), B("-1"), B("-2"), B("5"), B("-100"), B("100"), B("x"), B("")];

    private static readonly byte[][] CountPool = [B("0"), B("1"), B("2"), B("3"), B("-1"), B("-2"), B("10"), B("x")];

    public static Gen<byte[]> Element { get; } = Gen.Elements(ElementPool);

    private static Gen<byte[]> Index { get; } = Gen.Elements(IndexPool);

    private static Gen<byte[]> Count { get; } = Gen.Elements(CountPool);

    private static Gen<byte[]> Side { get; } = Gen.Elements(B("LEFT"), B("RIGHT"), B("left"), B("UP"));

    private static Gen<byte[][]> LposOption { get; } = Gen.OneOf(
        Gen.Elements("1", "2", "-1", "-2", "0", "x").Select(r => new[] { B("RANK"), B(r) }),
        Gen.Elements("0", "1", "2", "-1").Select(c => new[] { B("COUNT"), B(c) }),
        Gen.Elements("0", "1", "3", "-1").Select(m => new[] { B("MAXLEN"), B(m) }),
        Gen.Constant(new[] { B("FOO") }));

    /// <summary>List commands, now and then a blocking one (served at once, or timing out after 10 ms).</summary>
    public static Gen<Cmd> ListCommand => Gen.Frequency((12, NonBlocking), (1, Blocking));

    private static Gen<Cmd> NonBlocking { get; } = Gen.OneOf(
        from name in Gen.Elements("LPUSH", "RPUSH", "LPUSHX", "RPUSHX") from k in CommandGen.Key from n in Gen.Choose(1, 4) from els in Element.ArrayOf(n)
        select C([B(name), k, .. els]),
        from name in Gen.Elements("LPOP", "RPOP") from k in CommandGen.Key from c in Gen.Elements<byte[][]>([], [B("0")], [B("1")], [B("2")], [B("5")], [B("-1")], [B("x")])
        select C([B(name), k, .. c]),
        CommandGen.Key.Select(k => C(B("LLEN"), k)),
        from k in CommandGen.Key from i in Index select C(B("LINDEX"), k, i),
        from k in CommandGen.Key from i in Index from e in Element select C(B("LSET"), k, i, e),
        from k in CommandGen.Key from s in Index from e in Index select C(B("LRANGE"), k, s, e),
        from k in CommandGen.Key from s in Index from e in Index select C(B("LTRIM"), k, s, e),
        from k in CommandGen.Key from c in Count from e in Element select C(B("LREM"), k, c, e),
        from k in CommandGen.Key from w in Gen.Elements("BEFORE", "AFTER", "after", "MIDDLE") from p in Element from e in Element
        select C(B("LINSERT"), k, B(w), p, e),
        from k in CommandGen.Key from e in Element from n in Gen.Choose(0, 3) from opts in LposOption.ArrayOf(n)
        select C([B("LPOS"), k, e, .. opts.SelectMany(o => o)]),
        from k1 in CommandGen.Key from k2 in CommandGen.Key from s1 in Side from s2 in Side select C(B("LMOVE"), k1, k2, s1, s2),
        from k1 in CommandGen.Key from k2 in CommandGen.Key select C(B("RPOPLPUSH"), k1, k2),
        from k1 in CommandGen.Key from k2 in CommandGen.Key from s in Side from c in Gen.Elements<byte[][]>([], [B("COUNT"), B("2")], [B("COUNT"), B("0")], [B("COUNT")])
        select C([B("LMPOP"), B("2"), k1, k2, s, .. c]));

    private static Gen<Cmd> Blocking { get; } = Gen.OneOf(
        from name in Gen.Elements("BLPOP", "BRPOP") from k1 in CommandGen.Key from k2 in CommandGen.Key select C(B(name), k1, k2, B("0.01")),
        from k1 in CommandGen.Key from k2 in CommandGen.Key select C(B("BLMOVE"), k1, k2, B("RIGHT"), B("LEFT"), B("0.01")),
        from k in CommandGen.Key select C(B("BLMPOP"), B("0.01"), B("1"), k, B("LEFT"), B("COUNT"), B("3")));

    private static Cmd C(params byte[][] args) => new(args);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
}
