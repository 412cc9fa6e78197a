using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.DataTypes.SortedSets;

namespace InProcValkey.Tests.SortedSets;

/// <summary>The large sorted-set structure (dictionary + order-statistic B+tree) against a sorted model.</summary>
public sealed class ZsetIndexModelTests
{
    private sealed class PairComparer : IComparer<(double Score, string Member)>
    {
        public static readonly PairComparer Instance = new();

        public int Compare((double Score, string Member) x, (double Score, string Member) y) =>
            ZsetTree.Compare(x.Score, Encoding.UTF8.GetBytes(x.Member), y.Score, Encoding.UTF8.GetBytes(y.Member));
    }

    private static void Check(ZsetIndex index, Dictionary<string, double> model, Random rng)
    {
        var sorted = model.Select(p => (p.Value, p.Key)).ToList();
        sorted.Sort(PairComparer.Instance);
        Assert.Equal(sorted.Count, index.Count);
        Assert.Equal(sorted.Count, index.Tree.Count);
        // Forward and backward walks.
        var view = new ZsetView(index);
        var forward = new List<(double, string)>();
        for (var c = view.At(0); c.Valid; c.MoveNext())
        {
            forward.Add((c.Score, Encoding.UTF8.GetString(c.Member)));
        }
        Assert.Equal(sorted, forward);
        var backward = new List<(double, string)>();
        for (var c = view.At(sorted.Count - 1); c.Valid; c.MovePrev())
        {
            backward.Add((c.Score, Encoding.UTF8.GetString(c.Member)));
        }
        backward.Reverse();
        Assert.Equal(sorted, backward);
        // Ranks, selects and score bounds at random points.
        for (int t = 0; t < Math.Min(50, sorted.Count); t++)
        {
            int i = rng.Next(sorted.Count);
            var (score, member) = sorted[i];
            Assert.Equal(i, index.Rank(Encoding.UTF8.GetBytes(member), out double s));
            Assert.Equal(score, s);
            var at = view.At(i);
            Assert.Equal(member, Encoding.UTF8.GetString(at.Member));
            double x = rng.Next(2) == 0 ? score : rng.Next(-5, 60);
            Assert.Equal(sorted.Count(p => p.Value < x), view.CountScoreBelow(x, false));
            Assert.Equal(sorted.Count(p => p.Value <= x), view.CountScoreBelow(x, true));
        }
    }

    [Theory]
    [InlineData(1, 3000, 500)]
    [InlineData(2, 20000, 8000)]
    [InlineData(3, 30000, 100000)]
    public void RandomChangesKeepTheTreeEqualToASortedModel(int seed, int operations, int members)
    {
        var rng = new Random(seed);
        var index = new ZsetIndex();
        var model = new Dictionary<string, double>();
        for (int op = 0; op < operations; op++)
        {
            string m = "m" + rng.Next(members);
            var bytes = Encoding.UTF8.GetBytes(m);
            double score = rng.Next(4) == 0 ? 7 : rng.Next(0, 50) + (rng.Next(2) == 0 ? 0.5 : 0);
            int kind = rng.Next(10);
            if (kind < 6)
            {
                if (model.ContainsKey(m))
                {
                    index.Update(bytes, score);
                }
                else
                {
                    index.Add(bytes, score);
                }
                model[m] = score;
            }
            else
            {
                Assert.Equal(model.Remove(m), index.Remove(bytes));
            }
            if (op % (operations / 6) == 0)
            {
                Check(index, model, rng);
            }
        }
        Check(index, model, rng);
        // Drain completely, from both ends and the middle.
        foreach (var m in model.Keys.ToList())
        {
            Assert.True(index.Remove(Encoding.UTF8.GetBytes(m)));
            model.Remove(m);
            if (model.Count % 1500 == 0)
            {
                Check(index, model, rng);
            }
        }
        Assert.Equal(0, index.Count);
        index.Add("again"u8, 1);
        Assert.Equal(0, index.Rank("again"u8, out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SequentialLoadsStayDense(bool ascending)
    {
        var index = new ZsetIndex();
        const int n = 100_000;
        for (int i = 0; i < n; i++)
        {
            int v = ascending ? i : n - i;
            index.Add(Encoding.UTF8.GetBytes("member:" + v), v);
        }
        // Appends/prepends keep full leaves: about n / 64 leaves, not n / 32.
        Assert.True(index.Tree.LeafCount <= n / ZsetTree.LeafCapacity + 2, $"{index.Tree.LeafCount} leaves");
        Assert.Equal(500, index.Rank(Encoding.UTF8.GetBytes("member:" + (ascending ? 500 : 501)), out _));
    }

    [Property(MaxTest = 200, QuietOnSuccess = true)]
    public Property SmallRandomSequencesAgreeWithTheModel() =>
        Prop.ForAll(
            (from m in Gen.Choose(0, 40) from s in Gen.Choose(-3, 3) from k in Gen.Choose(0, 3) select (m, s, k)).ArrayOf().ToArbitrary(),
            ops =>
            {
                var index = new ZsetIndex();
                var model = new Dictionary<string, double>();
                foreach (var (m, s, kind) in ops)
                {
                    string member = "k" + m;
                    var bytes = Encoding.UTF8.GetBytes(member);
                    if (kind == 0)
                    {
                        Assert.Equal(model.Remove(member), index.Remove(bytes));
                    }
                    else if (model.ContainsKey(member))
                    {
                        index.Update(bytes, s);
                        model[member] = s;
                    }
                    else
                    {
                        index.Add(bytes, s);
                        model[member] = s;
                    }
                }
                Check(index, model, new Random(1));
            });
}
