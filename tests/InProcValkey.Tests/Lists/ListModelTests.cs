using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InProcValkey.Tests.Lists;

public sealed class ListModelTests
{
    private static string S(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.Elements("a", "b", "c", "1", "01", "-7", "300000", ""),
        Gen.Choose(-70000, 70000).Select(i => S(i)),
        Gen.Choose(0, 60).Select(n => new string('s', n)),
        Gen.Choose(4000, 9000).Select(n => new string('L', n)));

    private sealed record Op(int Kind, string Value, int A, int B);

    private static readonly Gen<Op> Ops =
        from kind in Gen.Choose(0, 10)
        from value in Values
        from a in Gen.Choose(-12, 12)
        from b in Gen.Choose(-12, 12)
        select new Op(kind, value, a, b);

    // Applies one operation to the store and to the model (a list of strings).
    private static void Apply(TestStore t, List<string> m, Op op)
    {
        string v = op.Value;
        switch (op.Kind)
        {
            case 0:
                t.Int("LPUSH", "k", v, v + "x");
                m.Insert(0, v);
                m.Insert(0, v + "x");
                break;
            case 1:
                t.Int("RPUSH", "k", v);
                m.Add(v);
                break;
            case 2:
                {
                    int n = Math.Abs(op.A);
                    var r = t.Run("LPOP", "k", S(n));
                    int take = Math.Min(n, m.Count);
                    if (m.Count == 0)
                    {
                        Assert.True(r.IsNull);
                    }
                    else
                    {
                        Assert.Equal(m.Take(take), r.Elements.Select(e => e.ToString()));
                    }
                    m.RemoveRange(0, take);
                    break;
                }
            case 3:
                {
                    var r = t.Run("RPOP", "k");
                    if (m.Count == 0)
                    {
                        Assert.True(r.IsNull);
                    }
                    else
                    {
                        Assert.Equal(m[^1], r.ToString());
                        m.RemoveAt(m.Count - 1);
                    }
                    break;
                }
            case 4:
                {
                    var r = t.Run("LSET", "k", S(op.A), v);
                    long i = op.A < 0 ? op.A + m.Count : op.A;
                    if (m.Count == 0)
                    {
                        Assert.Equal("ERR no such key", r.ErrorMessage);
                    }
                    else if (i < 0 || i >= m.Count)
                    {
                        Assert.Equal("ERR index out of range", r.ErrorMessage);
                    }
                    else
                    {
                        m[(int)i] = v;
                    }
                    break;
                }
            case 5:
                {
                    string pivot = m.Count > 0 ? m[Math.Abs(op.A) % m.Count] : "a";
                    bool after = op.B >= 0;
                    long r = t.Int("LINSERT", "k", after ? "AFTER" : "BEFORE", pivot, v);
                    int at = m.IndexOf(pivot);
                    if (m.Count == 0)
                    {
                        Assert.Equal(0, r);
                    }
                    else
                    {
                        m.Insert(after ? at + 1 : at, v);
                        Assert.Equal(m.Count, r);
                    }
                    break;
                }
            case 6:
                {
                    string target = m.Count > 0 && op.B % 2 == 0 ? m[Math.Abs(op.B) % m.Count] : v;
                    long r = t.Int("LREM", "k", S(op.A), target);
                    long removed = 0;
                    long limit = op.A == 0 ? long.MaxValue : Math.Abs(op.A);
                    if (op.A >= 0)
                    {
                        for (int i = 0; i < m.Count && removed < limit;)
                        {
                            if (m[i] == target) { m.RemoveAt(i); removed++; } else { i++; }
                        }
                    }
                    else
                    {
                        for (int i = m.Count - 1; i >= 0 && removed < limit; i--)
                        {
                            if (m[i] == target) { m.RemoveAt(i); removed++; }
                        }
                    }
                    Assert.Equal(removed, r);
                    break;
                }
            case 7:
                {
                    t.Ok("LTRIM", "k", S(op.A), S(op.B + 6));
                    long len = m.Count, start = op.A, end = op.B + 6;
                    if (start < 0) start += len;
                    if (end < 0) end += len;
                    if (start < 0) start = 0;
                    if (start > end || start >= len)
                    {
                        m.Clear();
                    }
                    else
                    {
                        if (end >= len) end = len - 1;
                        var kept = m.GetRange((int)start, (int)(end - start + 1));
                        m.Clear();
                        m.AddRange(kept);
                    }
                    break;
                }
            case 8:
                {
                    var r = t.Run("LMOVE", "k", "k", op.A >= 0 ? "LEFT" : "RIGHT", op.B >= 0 ? "LEFT" : "RIGHT");
                    if (m.Count == 0)
                    {
                        Assert.True(r.IsNull);
                        break;
                    }
                    string e = op.A >= 0 ? m[0] : m[^1];
                    m.RemoveAt(op.A >= 0 ? 0 : m.Count - 1);
                    if (op.B >= 0) m.Insert(0, e); else m.Add(e);
                    Assert.Equal(e, r.ToString());
                    break;
                }
            case 9:
                {
                    var r = t.Run("LINDEX", "k", S(op.A));
                    long i = op.A < 0 ? op.A + m.Count : op.A;
                    Assert.Equal(i >= 0 && i < m.Count ? m[(int)i] : null, r.ToString());
                    break;
                }
            default:
                {
                    var r = t.Run("LPOS", "k", v, "RANK", op.A == 0 ? "1" : S(op.A), "COUNT", "0");
                    var expected = new List<long>();
                    int rank = op.A == 0 ? 1 : op.A;
                    int matches = 0;
                    if (rank > 0)
                    {
                        for (int i = 0; i < m.Count; i++) if (m[i] == v && ++matches >= rank) expected.Add(i);
                    }
                    else
                    {
                        for (int i = m.Count - 1; i >= 0; i--) if (m[i] == v && ++matches >= -rank) expected.Add(i);
                    }
                    Assert.Equal(expected, r.Elements.Select(e => e.AsInt64()));
                    break;
                }
        }
    }

    [Property(MaxTest = 100)]
    public Property RandomListOperationsMatchAListModel()
    {
        var fills = Gen.Elements(-2, -1, 1, 2, 3, 5, 128);
        return Prop.ForAll(fills.ToArbitrary(), Ops.ListOf().ToArbitrary(), (fill, ops) =>
        {
            using var t = new TestStore();
            t.Ok("CONFIG", "SET", "list-max-listpack-size", S(fill));
            var model = new List<string>();
            foreach (var op in ops)
            {
                Apply(t, model, op);
                var actual = t.Run("LRANGE", "k", "0", "-1").Elements.Select(e => e.ToString()!).ToList();
                Assert.Equal(model, actual);
                Assert.Equal(model.Count, t.Int("LLEN", "k"));
                Assert.Equal(model.Count > 0 ? 1 : 0, t.Int("EXISTS", "k"));
            }
        });
    }
}
