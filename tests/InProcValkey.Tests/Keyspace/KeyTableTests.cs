using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.DataTypes;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Keyspace;

public sealed class KeyTableTests
{
    // Few distinct home buckets on purpose, so probe runs collide, wrap around and get shifted back on deletion.
    private static uint HashOf(int key) => (uint)(key % 7) * 0x9E3779B1u + (uint)(key % 3);

    private static byte[] KeyBytes(int key) => Encoding.ASCII.GetBytes("k" + key);

    private static byte[] Entry(int key) => StringValue.Create(KeyBytes(key), "v"u8, -1, 0);

    private static void AssertInvariants(KeyTable table, HashSet<int> model, int universe)
    {
        Assert.Equal(model.Count, table.Count);
        Assert.True(table.Count * 8 <= table.Capacity * 7, "load factor above 7/8");
        int capacity = table.Capacity;
        int occupied = 0;
        for (int i = 0; i < capacity; i++)
        {
            if (!table.IsOccupied(i))
            {
                continue;
            }
            occupied++;
            // Linear probing: every slot from the entry's home slot to the entry is occupied.
            for (int j = KeyTable.Home(table.HashAt(i), capacity); j != i; j = (j + 1) % capacity)
            {
                Assert.True(table.IsOccupied(j), $"gap at {j} before entry at {i}");
            }
            // Robin Hood: the next entry of the run is at most one slot farther from its home.
            int next = (i + 1) % capacity;
            if (table.IsOccupied(next))
            {
                Assert.True(
                    KeyTable.Distance(table.HashAt(next), next, capacity) <= KeyTable.Distance(table.HashAt(i), i, capacity) + 1,
                    $"entry at {next} is out of Robin Hood order");
            }
        }
        Assert.Equal(model.Count, occupied);
        for (int k = 0; k < universe; k++)
        {
            int idx = table.Find(HashOf(k), KeyBytes(k));
            if (model.Contains(k))
            {
                Assert.True(idx >= 0, $"key {k} not found");
                Assert.True(EntryLayout.Key(table.EntryAt(idx)).SequenceEqual(KeyBytes(k)));
            }
            else
            {
                Assert.Equal(-1, idx);
            }
        }
    }

    [Property(MaxTest = 200)]
    public Property EveryKeyIsFoundAfterRandomAddsAndBackwardShiftDeletes() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Zip(Gen.Elements(true, true, false), Gen.Choose(0, 59))).Select(l => l.ToArray()).ToArbitrary(),
            ops =>
            {
                var table = new KeyTable();
                var model = new HashSet<int>();
                foreach (var (add, key) in ops)
                {
                    int idx = table.Find(HashOf(key), KeyBytes(key));
                    if (add && idx < 0)
                    {
                        table.Add(HashOf(key), Entry(key));
                        model.Add(key);
                    }
                    else if (!add && idx >= 0)
                    {
                        table.RemoveAt(idx);
                        model.Remove(key);
                    }
                    AssertInvariants(table, model, 60);
                }
            });

    [Property(MaxTest = 100)]
    public Property AFullBucketScanOfAnUnchangedTableVisitsEveryEntryExactlyOnce() =>
        Prop.ForAll(
            Gen.Choose(0, 300).ToArbitrary(),
            n =>
            {
                var table = new KeyTable();
                for (int k = 0; k < n; k++)
                {
                    table.Add(HashOf(k) ^ (uint)k * 2654435761u, Entry(k));
                }
                var seen = new List<string>();
                ulong cursor = 0;
                do
                {
                    cursor = table.ScanBucket(cursor, ref seen, static (ref List<string> s, byte[] e) => s.Add(Encoding.ASCII.GetString(EntryLayout.Key(e))));
                }
                while (cursor != 0);
                Assert.Equal(n, seen.Count);
                Assert.Equal(n, seen.Distinct().Count());
            });

    [Fact]
    public void ReverseBitsMatchesABitByBitReversal()
    {
        var random = new Random(5);
        for (int i = 0; i < 1000; i++)
        {
            ulong v = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            ulong expected = 0;
            for (int b = 0; b < 64; b++)
            {
                expected |= ((v >> b) & 1) << (63 - b);
            }
            Assert.Equal(expected, KeyTable.ReverseBits(v));
        }
    }
}
