using System.Text;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Sets;

public sealed class SetConcurrencyTests
{
    // Keys that land in the same shard, so removing one (backward-shift deletion) may move another's slot mid-command.
    private static List<string> KeysInOneShard(int count)
    {
        var byShard = new Dictionary<int, List<string>>();
        for (int i = 0; ; i++)
        {
            string k = "k" + i;
            int shard = KeyHash.Of(Encoding.UTF8.GetBytes(k)).Shard;
            var list = byShard.TryGetValue(shard, out var l) ? l : byShard[shard] = [];
            list.Add(k);
            if (list.Count == count)
            {
                return list;
            }
        }
    }

    [Fact]
    public void MovingTheLastMemberBetweenKeysOfOneShardKeepsEveryKeyFindable()
    {
        using var t = new TestStore();
        var keys = KeysInOneShard(40);
        for (int i = 0; i < keys.Count; i++)
        {
            t.Int("SADD", keys[i], "m" + i);
        }
        // Each source holds one member: the move deletes the source, which may shift the destination's slot.
        for (int i = 0; i + 1 < keys.Count; i += 2)
        {
            Assert.Equal(1, t.Int("SMOVE", keys[i], keys[i + 1], "m" + i));
        }
        for (int i = 0; i + 1 < keys.Count; i += 2)
        {
            Assert.Equal(0, t.Int("EXISTS", keys[i]));
            Assert.Equal(2, t.Int("SCARD", keys[i + 1]));
            Assert.Equal(1, t.Int("SISMEMBER", keys[i + 1], "m" + i));
        }
    }

    [Fact]
    public void MovingOntoAnExpiredDestinationThatShiftsTheSourceSlotKeepsTheSourceRight()
    {
        using var t = new TestStore(activeExpiry: false);
        var keys = KeysInOneShard(600);
        foreach (var k in keys)
        {
            t.Int("SADD", k, "a", "b");
        }
        // Find a source displaced from its home into the slot right after a destination: deleting the destination (lazy
        // expiry during SMOVE's lookup) shifts the source back into the destination's slot.
        var db = t.Db.Db;
        var table = db.ShardOf(KeyHash.Of(Encoding.UTF8.GetBytes(keys[0]))).Table;
        int mask = table.Capacity - 1;
        var slotOf = keys.ToDictionary(k => k, k => table.Find(KeyHash.Of(Encoding.UTF8.GetBytes(k)).Hash, Encoding.UTF8.GetBytes(k)));
        var bySlot = slotOf.ToDictionary(p => p.Value, p => p.Key);
        var pair = keys
            .Where(src => ((int)KeyHash.Of(Encoding.UTF8.GetBytes(src)).Hash & mask) != slotOf[src] && bySlot.ContainsKey((slotOf[src] - 1) & mask))
            .Select(src => (Source: src, Destination: bySlot[(slotOf[src] - 1) & mask]))
            .First();
        t.Int("PEXPIRE", pair.Destination, "10");
        t.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, t.Int("SMOVE", pair.Source, pair.Destination, "a"));
        Assert.Equal(1, t.Int("SCARD", pair.Source));
        Assert.Equal(1, t.Int("SISMEMBER", pair.Source, "b"));
        Assert.Equal(1, t.Int("SCARD", pair.Destination));
        Assert.Equal(-1, t.Int("TTL", pair.Destination));
    }

    [Fact]
    public void ConcurrentMovesAndStoresNeitherLoseNorDuplicateMembers()
    {
        using var t = new TestStore();
        var db = t.Db;
        db.SetAdd("a", [.. Enumerable.Range(0, 300).Select(i => "m" + i)]);
        var threads = Enumerable.Range(0, 4).Select(n => new Thread(() =>
        {
            var rnd = new Random(n);
            for (int i = 0; i < 3000; i++)
            {
                string m = "m" + rnd.Next(300);
                switch (rnd.Next(4))
                {
                    case 0:
                        db.SetMove("a", "b", m);
                        break;
                    case 1:
                        db.SetMove("b", "a", m);
                        break;
                    case 2:
                        db.SetCombineAndStore(SetOperation.Union, "u", ["a", "b"]);
                        break;
                    default:
                        db.SetIntersectionLength(["a", "b"]);
                        break;
                }
            }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        var a = db.SetMembers("a");
        var b = db.SetMembers("b");
        Assert.Empty(a.Intersect(b));
        Assert.Equal(300, a.Length + b.Length);
        Assert.Equal(300, db.SetCombine(SetOperation.Union, "a", "b").Length);
    }
}
