using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InProcValkey.Tests.Lists;

/// <summary>The typed API with binary elements against a <c>List&lt;byte[]&gt;</c> model, across node limits.</summary>
public sealed class ListBinaryModelTests
{
    private static readonly Gen<byte[]> Values = Gen.OneOf(
        Gen.Elements<byte[]>([], [0], [0xff, 0x00, 0x7f], "12"u8.ToArray(), "-12"u8.ToArray(), "012"u8.ToArray(), "9223372036854775808"u8.ToArray()),
        Gen.Choose(-100000, 100000).Select(i => System.Text.Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        Gen.Choose(0, 80).Select(n => Enumerable.Range(0, n).Select(i => (byte)(i * 37)).ToArray()),
        Gen.Choose(4090, 8300).Select(n => new byte[n]));

    private static readonly Gen<(int Kind, byte[] Value, int A, int B)> Ops =
        from kind in Gen.Choose(0, 7)
        from value in Values
        from a in Gen.Choose(-8, 8)
        from b in Gen.Choose(-8, 8)
        select (kind, value, a, b);

    [Property(MaxTest = 40)]
    public Property BinaryElementsRoundTripThroughEveryEdit()
    {
        var fills = Gen.Elements(-2, -1, 2, 4);
        return Prop.ForAll(fills.ToArbitrary(), Ops.ListOf().ToArbitrary(), (fill, ops) =>
        {
            using var t = new TestStore();
            t.Ok("CONFIG", "SET", "list-max-listpack-size", fill.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var db = t.Db;
            var key = "bin"u8.ToArray();
            var m = new List<byte[]>();
            foreach (var (kind, v, a, b) in ops)
            {
                switch (kind)
                {
                    case 0:
                        db.ListLeftPush(key, v);
                        m.Insert(0, v);
                        break;
                    case 1:
                        db.ListRightPush(key, [v, v]);
                        m.Add(v);
                        m.Add(v);
                        break;
                    case 2:
                        {
                            var popped = db.ListLeftPop(key);
                            Assert.Equal(m.Count > 0 ? m[0] : null, popped);
                            if (m.Count > 0) m.RemoveAt(0);
                            break;
                        }
                    case 3:
                        {
                            int n = Math.Abs(a);
                            var popped = db.ListRightPop(key, n);
                            var expected = Enumerable.Range(0, Math.Min(n, m.Count)).Select(i => m[m.Count - 1 - i]).ToArray();
                            Assert.Equal(expected, popped);
                            m.RemoveRange(m.Count - expected.Length, expected.Length);
                            break;
                        }
                    case 4 when m.Count > 0:
                        {
                            int i = ((a % m.Count) + m.Count) % m.Count;
                            db.ListSetByIndex(key, i, v);
                            m[i] = v;
                            break;
                        }
                    case 5 when m.Count > 0:
                        {
                            var pivot = m[Math.Abs(b) % m.Count];
                            int at = m.FindIndex(x => x.AsSpan().SequenceEqual(pivot));
                            if (a >= 0)
                            {
                                Assert.Equal(m.Count + 1, db.ListInsertAfter(key, pivot, v));
                                m.Insert(at + 1, v);
                            }
                            else
                            {
                                Assert.Equal(m.Count + 1, db.ListInsertBefore(key, pivot, v));
                                m.Insert(at, v);
                            }
                            break;
                        }
                    case 6:
                        {
                            long removed = db.ListRemove(key, v, a);
                            long limit = a == 0 ? long.MaxValue : Math.Abs(a);
                            long done = 0;
                            if (a >= 0)
                            {
                                for (int i = 0; i < m.Count && done < limit;)
                                {
                                    if (m[i].AsSpan().SequenceEqual(v)) { m.RemoveAt(i); done++; } else { i++; }
                                }
                            }
                            else
                            {
                                for (int i = m.Count - 1; i >= 0 && done < limit; i--)
                                {
                                    if (m[i].AsSpan().SequenceEqual(v)) { m.RemoveAt(i); done++; }
                                }
                            }
                            Assert.Equal(done, removed);
                            break;
                        }
                    default:
                        {
                            var moved = db.ListMove(key, key, a >= 0 ? ListSide.Left : ListSide.Right, b >= 0 ? ListSide.Left : ListSide.Right);
                            if (m.Count == 0)
                            {
                                Assert.Null(moved);
                                break;
                            }
                            var e = a >= 0 ? m[0] : m[^1];
                            m.RemoveAt(a >= 0 ? 0 : m.Count - 1);
                            if (b >= 0) m.Insert(0, e); else m.Add(e);
                            Assert.Equal(e, moved);
                            break;
                        }
                }
                Assert.Equal(m, db.ListRange(key));
                Assert.Equal(m.Count, db.ListLength(key));
            }
        });
    }
}
