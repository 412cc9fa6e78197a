using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>
/// Set commands over <see cref="CommandGen.Key"/>'s small key space, with members from a pool of integers (intset-able,
/// non-canonical ones too) and strings, options and some invalid arguments. Random draws are generated only where the
/// reply is determined (SPOP of at least the whole set, SRANDMEMBER of a count that reaches the size) or compared by shape
/// and leave no state behind (SRANDMEMBER).
/// </summary>
public static class SetCommandGen
{
    private static readonly byte[][] MemberPool =
    [
        B("0"), B("1"), B("2"), B("-1"), B("70000"), B("9223372036854775807"), B("-9223372036854775808"), B("01"), B("a"),
        B("b"), B(""), B("hello world"), B("1.5"), B("9223372036854775808"),
    ];

    public static Gen<byte[]> Member { get; } = Gen.Elements(MemberPool);

    private static Gen<byte[][]> Members(int min, int max) => Gen.Choose(min, max).SelectMany(n => Member.ArrayOf(n));

    private static Gen<byte[][]> Keys(int min, int max) => Gen.Choose(min, max).SelectMany(n => CommandGen.Key.ArrayOf(n));

    public static Gen<Cmd> SetCommand { get; } = Gen.OneOf(
        from k in CommandGen.Key from m in Members(1, 5) select C([B("SADD"), k, .. m]),
        from k in CommandGen.Key from m in Members(1, 5) select C([B("SADD"), k, .. m]),
        from k in CommandGen.Key from m in Members(1, 3) select C([B("SREM"), k, .. m]),
        CommandGen.Key.Select(k => C(B("SCARD"), k)),
        from k in CommandGen.Key from m in Member select C(B("SISMEMBER"), k, m),
        from k in CommandGen.Key from m in Members(1, 4) select C([B("SMISMEMBER"), k, .. m]),
        CommandGen.Key.Select(k => C(B("SMEMBERS"), k)),
        from s in CommandGen.Key from d in CommandGen.Key from m in Member select C(B("SMOVE"), s, d, m),
        from name in Gen.Elements("SINTER", "SUNION", "SDIFF") from ks in Keys(1, 3) select C([B(name), .. ks]),
        from name in Gen.Elements("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE") from d in CommandGen.Key from ks in Keys(1, 3)
        select C([B(name), d, .. ks]),
        from n in Gen.Elements("0", "1", "2", "3", "x", "-1") from ks in Keys(1, 3)
        from opt in Gen.Elements<byte[][]>([], [B("LIMIT"), B("1")], [B("LIMIT"), B("0")], [B("LIMIT"), B("-1")], [B("LIMIT")], [B("FOO")])
        select C([B("SINTERCARD"), B(n), .. ks, .. opt]),
        from k in CommandGen.Key from c in Gen.Elements("100", "0", "-1", "x") select C(B("SPOP"), k, B(c)),
        from k in CommandGen.Key from c in Gen.Elements("100", "0", "-3", "x") select C(B("SRANDMEMBER"), k, B(c)),
        CommandGen.Key.Select(k => C(B("SRANDMEMBER"), k)),
        from k in CommandGen.Key from opt in Gen.Elements<byte[][]>([], [B("MATCH"), B("*1*")], [B("COUNT"), B("0")], [B("MATCH")])
        select C([B("SSCAN"), k, B("0"), .. opt]));

    private static Cmd C(params byte[][] args) => new(args);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
}
