using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.DataTypes.Sets;

namespace InProcValkey.Tests.Sets;

public sealed class IntsetTests
{
    private static Gen<long> Value { get; } = Gen.OneOf(
        Gen.Choose(-300, 300).Select(i => (long)i),
        Gen.Elements(short.MinValue, short.MaxValue, short.MaxValue + 1L, int.MinValue, int.MaxValue, int.MaxValue + 1L, long.MinValue, long.MaxValue, -40_000L));

    [Property(MaxTest = 300)]
    public Property InsertsAndRemovesAgreeWithASortedSet() =>
        Prop.ForAll(Gen.Zip(Gen.Elements(true, true, false), Value).ArrayOf().ToArbitrary(), ops =>
        {
            var model = new SortedSet<long>();
            byte[] data = [2];
            foreach (var (insert, v) in ops)
            {
                int at = Intset.Search(data, v);
                Assert.Equal(model.Contains(v), at >= 0);
                if (insert && at < 0)
                {
                    var next = new byte[Intset.LengthAfterInsert(data, v)];
                    Intset.Insert(data, ~at, v, next);
                    data = next;
                    model.Add(v);
                }
                else if (!insert && at >= 0)
                {
                    data = data[..Intset.RemoveAt(data, at)];
                    model.Remove(v);
                }
                Assert.Equal(model.Count, Intset.Count(data));
                Assert.Equal(model.ToArray(), Enumerable.Range(0, Intset.Count(data)).Select(i => Intset.Get(data, i)).ToArray());
                if (model.Count > 0)
                {
                    // The width is the smallest holding every element ever added (intsets never narrow).
                    Assert.True(Intset.Width(data) >= Math.Max(Intset.WidthOf(model.Min), Intset.WidthOf(model.Max)));
                }
            }
        });

    [Fact]
    public void InsertInPlaceShiftsTheTail()
    {
        var buffer = new byte[1 + 4 * 2];
        var data = Intset.FromSorted([1, 5, 9]);
        data.CopyTo(buffer, 0);
        Intset.Insert(buffer.AsSpan(0, data.Length), 1, 3, buffer);
        Assert.Equal([1L, 3, 5, 9], Enumerable.Range(0, 4).Select(i => Intset.Get(buffer, i)));
        var wide = new byte[1 + 4 * 8];
        data.CopyTo(wide, 0);
        Intset.Insert(wide.AsSpan(0, data.Length), ~Intset.Search(data, long.MinValue), long.MinValue, wide);
        Assert.Equal([long.MinValue, 1, 5, 9], Enumerable.Range(0, 4).Select(i => Intset.Get(wide, i)));
        Assert.Equal(8, Intset.Width(wide));
    }
}
