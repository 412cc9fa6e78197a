using System.Text;
using FsCheck;
using FsCheck.Fluent;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>
/// Random hash commands over the same small key space as <see cref="CommandGen"/>, with a small field space (including
/// integer-like and binary fields) and values around the listpack limits (64 / 65 bytes), so sequences cross the
/// listpack → hashtable conversion and mix hashes with strings on the same keys (WRONGTYPE).
/// </summary>
public static class HashCommandGen
{
    private static readonly byte[][] FieldPool = [B("f1"), B("f2"), B("f3"), B("1"), B("-5"), B(""), Bin.Value, B(Bin.Text(65, 'F'))];

    private static readonly byte[][] ExtraValues = [B(Bin.Text(64)), B(Bin.Text(65)), B("100"), B("-7"), B("2.5")];

    private static readonly byte[][] IncrementPool = [B("1"), B("-3"), B("100"), B("9223372036854775807"), B("x"), B("0")];

    private static readonly byte[][] FloatPool = [B("0.1"), B("-2.5"), B("1e3"), B("inf"), B("abc"), B("3"), B("1e308"), B("0x10")];

    public static Gen<byte[]> Field { get; } = Gen.Elements(FieldPool);

    private static Gen<byte[]> Value { get; } = Gen.Frequency((3, CommandGen.Value), (1, Gen.Elements(ExtraValues)));

    private static Gen<byte[][]> Pairs { get; } =
        Gen.Choose(1, 3).SelectMany(n => Gen.Zip(Field, Value).ArrayOf(n)).Select(ps => ps.SelectMany(p => new[] { p.Item1, p.Item2 }).ToArray());

    private static Gen<byte[][]> Fields { get; } = Gen.Choose(1, 3).SelectMany(n => Field.ArrayOf(n));

    /// <summary>Hash commands with options, including invalid ones.</summary>
    public static Gen<Cmd> HashCommand { get; } = Gen.OneOf(
        from k in CommandGen.Key from p in Pairs select C([B("HSET"), k, .. p]),
        from k in CommandGen.Key from p in Pairs select C([B("HMSET"), k, .. p]),
        from k in CommandGen.Key from f in Field from v in Value select C(B("HSETNX"), k, f, v),
        from k in CommandGen.Key from f in Field select C(B("HGET"), k, f),
        from k in CommandGen.Key from fs in Fields select C([B("HMGET"), k, .. fs]),
        from k in CommandGen.Key from fs in Fields select C([B("HDEL"), k, .. fs]),
        from name in Gen.Elements("HGETALL", "HKEYS", "HVALS", "HLEN") from k in CommandGen.Key select C(B(name), k),
        from name in Gen.Elements("HEXISTS", "HSTRLEN") from k in CommandGen.Key from f in Field select C(B(name), k, f),
        from k in CommandGen.Key from f in Field from i in Gen.Elements(IncrementPool) select C(B("HINCRBY"), k, f, i),
        from k in CommandGen.Key from f in Field from i in Gen.Elements(FloatPool) select C(B("HINCRBYFLOAT"), k, f, i),
        from k in CommandGen.Key from opt in Gen.Elements<byte[][]>([], [B("1")], [B("-3")], [B("0")], [B("100")], [B("-2"), B("WITHVALUES")], [B("100"), B("WITHVALUES")], [B("x")], [B("2"), B("FOO")])
        select C([B("HRANDFIELD"), k, .. opt]),
        from k in CommandGen.Key from opt in Gen.Elements<byte[][]>([], [B("MATCH"), B("f*")], [B("COUNT"), B("1")], [B("COUNT"), B("0")], [B("NOVALUES")])
        select C([B("HSCAN"), k, B("0"), .. opt]),
        from k in CommandGen.Key select C(B("OBJECT"), B("ENCODING"), k));

    private static Cmd C(params byte[][] args) => new(args);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
}
