using System.Text;
using InProcValkey.DataTypes;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Keyspace;

/// <summary>
/// The Robin Hood table's own guarantees: SCAN cursors (positions in the hash space) visit each entry exactly once across
/// grows and shrinks, the load stays at most 7/8 with capacities that are not powers of two, and an optimistic reader
/// racing Robin Hood displacement and backward-shift deletion never faults, never loops, and, validated by the
/// seqlock, always finds a key that stays in the table.
/// </summary>
public sealed class KeyTableRobinHoodTests
{
    private static byte[] KeyBytes(int key) => Encoding.ASCII.GetBytes("key:" + key);

    private static uint HashOf(int key) => KeyHash.Of(KeyBytes(key)).Hash;

    private static byte[] Entry(int key) => StringValue.Create(KeyBytes(key), "v"u8, -1, 0);

    [Fact]
    public void A_scan_interleaved_with_grows_and_shrinks_returns_every_stable_key_exactly_once()
    {
        var random = new Random(11);
        for (int round = 0; round < 20; round++)
        {
            var table = new KeyTable();
            const int Stable = 300;
            for (int k = 0; k < Stable; k++)
            {
                table.Add(HashOf(k), Entry(k));
            }
            var seen = new List<string>();
            ulong cursor = 0;
            int churn = 1_000_000;
            var added = new List<int>();
            do
            {
                cursor = table.ScanBucket(cursor, ref seen, static (ref List<string> s, byte[] e) => s.Add(Encoding.ASCII.GetString(EntryLayout.Key(e))));
                // Between calls, grow the table a lot or shrink it back, so the cursor crosses several capacities.
                if (random.Next(4) == 0)
                {
                    for (int n = random.Next(1, 400); n > 0; n--)
                    {
                        table.Add(HashOf(churn), Entry(churn));
                        added.Add(churn++);
                    }
                }
                else if (added.Count > 0 && random.Next(3) == 0)
                {
                    foreach (int k in added)
                    {
                        table.RemoveAt(table.Find(HashOf(k), KeyBytes(k)));
                    }
                    added.Clear();
                }
            }
            while (cursor != 0);
            var stableSeen = seen.Where(s => int.Parse(s.AsSpan(4)) < Stable).ToList();
            Assert.Equal(Stable, stableSeen.Count);
            Assert.Equal(Stable, stableSeen.Distinct().Count());
        }
    }

    [Fact]
    public void Capacities_follow_the_1_5_steps_and_the_load_stays_within_seven_eighths()
    {
        var table = new KeyTable();
        var capacities = new List<int> { table.Capacity };
        for (int k = 0; k < 20_000; k++)
        {
            table.Add(HashOf(k), Entry(k));
            Assert.True(table.Count * 8 <= table.Capacity * 7);
            if (table.Capacity != capacities[^1])
            {
                capacities.Add(table.Capacity);
            }
        }
        Assert.Equal([8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576], capacities);
        for (int k = 0; k < 20_000; k++)
        {
            Assert.True(table.Find(HashOf(k), KeyBytes(k)) >= 0);
            Assert.Equal(-1, table.Find(HashOf(-k - 1), KeyBytes(-k - 1)));
        }
    }

    [Fact]
    public async Task Optimistic_readers_racing_displacement_and_backward_shift_never_fault_and_validated_reads_find_stable_keys()
    {
        var shard = new KeyShard(0);
        var table = shard.Table;
        const int Stable = 400;
        for (int k = 0; k < Stable; k++)
        {
            table.Add(HashOf(k), Entry(k));
        }
        // Keep the table near 7/8 full without resizing: churn keys move in and out, shifting the stable ones both ways.
        int capacity = table.Capacity;
        int churnRoom = capacity * 7 / 8 - Stable - 1;
        Assert.True(churnRoom > 20);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var writer = Task.Run(() =>
        {
            var random = new Random(3);
            var present = new List<int>();
            int next = 1_000_000;
            while (!stop.IsCancellationRequested)
            {
                using (shard.Lock())
                {
                    if (present.Count < churnRoom && (present.Count == 0 || random.Next(2) == 0))
                    {
                        table.Add(HashOf(next), Entry(next));
                        present.Add(next++);
                    }
                    else
                    {
                        int at = random.Next(present.Count);
                        int k = present[at];
                        present[at] = present[^1];
                        present.RemoveAt(present.Count - 1);
                        table.RemoveAt(table.Find(HashOf(k), KeyBytes(k)));
                    }
                }
            }
        }, TestContext.Current.CancellationToken);
        long validated = 0, unvalidatedMisses = 0, reads = 0;
        int i = 0;
        while (!stop.IsCancellationRequested)
        {
            int k = i++ % Stable;
            var key = KeyBytes(k);
            int version = shard.BeginOptimisticRead();
            var e = table.FindOptimistic(HashOf(k), key);
            reads++;
            if (e is not null)
            {
                // A returned entry is always the key's own entry, even unvalidated.
                Assert.True(EntryLayout.Key(e).SequenceEqual(key));
            }
            if (version >= 0 && shard.Validate(version))
            {
                Assert.NotNull(e);
                validated++;
            }
            else if (e is null)
            {
                unvalidatedMisses++;
            }
        }
        await writer;
        Assert.Equal(capacity, table.Capacity);
        Assert.True(reads > 0 && validated > 0, $"reads {reads}, validated {validated}, unvalidated misses {unvalidatedMisses}");
    }
}
