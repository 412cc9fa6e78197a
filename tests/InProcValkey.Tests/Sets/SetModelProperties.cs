using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InProcValkey.Tests.Sets;

/// <summary>
/// Random sequences of set commands on a few keys, checked against a model of <see cref="HashSet{T}"/>s: every reply
/// and, after each step, every key's members and cardinality. Members mix integers (intset), short strings (listpack) and
/// enough of them to pass the thresholds (lowered here so sequences reach the hashtable), so all encodings and conversions
/// are exercised.
/// </summary>
public sealed class SetModelProperties
{
    private static readonly string[] Keys = ["a", "b", "c"];

    private static Gen<string> Member { get; } = Gen.OneOf(
        Gen.Choose(-40, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Choose(0, 30).Select(i => "m" + i),
        Gen.Elements("70000", "-9223372036854775808", "9223372036854775807", "01", "", "x y"));

    private static Gen<string[]> Op { get; } = Gen.OneOf(
        from k in Gen.Elements(Keys) from n in Gen.Choose(1, 8) from ms in Member.ArrayOf(n) select (string[])["SADD", k, .. ms],
        from k in Gen.Elements(Keys) from n in Gen.Choose(1, 4) from ms in Member.ArrayOf(n) select (string[])["SREM", k, .. ms],
        from s in Gen.Elements(Keys) from d in Gen.Elements(Keys) from m in Member select new[] { "SMOVE", s, d, m },
        from op in Gen.Elements("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE") from d in Gen.Elements(Keys)
        from n in Gen.Choose(1, 3) from ks in Gen.Elements(Keys).ArrayOf(n) select (string[])[op, d, .. ks],
        from op in Gen.Elements("SINTER", "SUNION", "SDIFF") from n in Gen.Choose(1, 3) from ks in Gen.Elements(Keys).ArrayOf(n)
        select (string[])[op, .. ks],
        from n in Gen.Choose(1, 3) from ks in Gen.Elements(Keys).ArrayOf(n) from l in Gen.Choose(0, 5)
        select (string[])["SINTERCARD", n.ToString(CultureInfo.InvariantCulture), .. ks, "LIMIT", l.ToString(CultureInfo.InvariantCulture)],
        from k in Gen.Elements(Keys) from c in Gen.Choose(0, 12) select new[] { "SPOP", k, c.ToString(CultureInfo.InvariantCulture) },
        from k in Gen.Elements(Keys) select new[] { "SPOP", k },
        from k in Gen.Elements(Keys) from c in Gen.Choose(-12, 12) select new[] { "SRANDMEMBER", k, c.ToString(CultureInfo.InvariantCulture) },
        from k in Gen.Elements(Keys) from m in Member select new[] { "SISMEMBER", k, m });

    [Property(MaxTest = 200)]
    public Property SetCommandsAgreeWithAHashSetModel() =>
        Prop.ForAll(Gen.Choose(10, 60).SelectMany(n => Op.ArrayOf(n)).ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), Check);

    private static void Check(string[][] ops, bool smallThresholds)
    {
        using var t = new TestStore(seed: 5);
        if (smallThresholds)
        {
            t.Ok("CONFIG", "SET", "set-max-intset-entries", "6", "set-max-listpack-entries", "5", "set-max-listpack-value", "3");
        }
        var model = Keys.ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal));
        HashSet<string> Of(string k) => model[k];
        foreach (var op in ops)
        {
            var reply = t.Run(op);
            Assert.False(reply.IsError, $"{string.Join(' ', op)} → {reply}");
            var members = reply.Elements.Select(e => e.ToString()!).ToList();
            switch (op[0])
            {
                case "SADD":
                    Assert.Equal(op.Skip(2).Count(m => Of(op[1]).Add(m)), reply.AsInt64());
                    break;
                case "SREM":
                    Assert.Equal(op.Skip(2).Count(m => Of(op[1]).Remove(m)), reply.AsInt64());
                    break;
                case "SMOVE":
                    bool moved = Of(op[1]).Contains(op[3]);
                    Assert.Equal(moved ? 1 : 0, reply.AsInt64());
                    if (moved && op[1] != op[2])
                    {
                        Of(op[1]).Remove(op[3]);
                        Of(op[2]).Add(op[3]);
                    }
                    break;
                case "SINTER" or "SUNION" or "SDIFF":
                    Assert.Equal(Combine(op[0], op.Skip(1).Select(Of)).Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
                    break;
                case "SINTERSTORE" or "SUNIONSTORE" or "SDIFFSTORE":
                    var result = Combine(op[0][..^5], op.Skip(2).Select(Of));
                    Assert.Equal(result.Count, reply.AsInt64());
                    model[op[1]] = result;
                    break;
                case "SINTERCARD":
                    int n = int.Parse(op[1], CultureInfo.InvariantCulture);
                    long limit = long.Parse(op[^1], CultureInfo.InvariantCulture);
                    long card = Combine("SINTER", op.Skip(2).Take(n).Select(Of)).Count;
                    Assert.Equal(limit == 0 ? card : Math.Min(card, limit), reply.AsInt64());
                    break;
                case "SPOP" when op.Length == 2:
                    if (reply.Kind == ValkeyReplyKind.Null)
                    {
                        Assert.Empty(Of(op[1]));
                    }
                    else
                    {
                        Assert.True(Of(op[1]).Remove(reply.ToString()!));
                    }
                    break;
                case "SPOP":
                    int count = int.Parse(op[2], CultureInfo.InvariantCulture);
                    Assert.Equal(Math.Min(count, Of(op[1]).Count), members.Count);
                    Assert.All(members, m => Assert.True(Of(op[1]).Remove(m), "popped a non-member or twice: " + m));
                    break;
                case "SRANDMEMBER":
                    int c = int.Parse(op[2], CultureInfo.InvariantCulture);
                    int size = Of(op[1]).Count;
                    Assert.Equal(size == 0 ? 0 : c >= 0 ? Math.Min(c, size) : -c, members.Count);
                    Assert.All(members, m => Assert.Contains(m, Of(op[1])));
                    if (c > 0)
                    {
                        Assert.Equal(members.Count, members.Distinct().Count());
                    }
                    break;
                case "SISMEMBER":
                    Assert.Equal(Of(op[1]).Contains(op[2]) ? 1 : 0, reply.AsInt64());
                    break;
            }
            foreach (var k in Keys)
            {
                Assert.Equal(Of(k).Count, t.Int("SCARD", k));
                Assert.Equal(Of(k).Count > 0 ? 1 : 0, t.Int("EXISTS", k));
                var actual = t.Run("SMEMBERS", k).Elements.Select(e => e.ToString()!).ToList();
                Assert.Equal(actual.Count, actual.Distinct().Count());
                Assert.Equal(Of(k).Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
            }
        }
    }

    private static HashSet<string> Combine(string op, IEnumerable<HashSet<string>> sets)
    {
        var list = sets.ToList();
        var result = new HashSet<string>(list[0], StringComparer.Ordinal);
        foreach (var s in list.Skip(1))
        {
            switch (op)
            {
                case "SINTER":
                    result.IntersectWith(s);
                    break;
                case "SUNION":
                    result.UnionWith(s);
                    break;
                default:
                    result.ExceptWith(s);
                    break;
            }
        }
        return result;
    }
}
