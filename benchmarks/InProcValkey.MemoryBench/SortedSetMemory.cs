using System.Globalization;
using System.Text;

namespace InProcValkey.MemoryBench;

/// <summary>
/// One sorted set of N members (<c>member:i</c>, scores in a scrambled order so inserts land all over the structure):
/// bytes per member in InProcValkey (managed heap growth after a full GC) beside redis-server's <c>used_memory</c> growth,
/// in the same run. Usage: <c>--zset [--keys N]</c>.
/// </summary>
internal static class SortedSetMemory
{
    private const int Batch = 1000;

    private static double Score(int i, int count) => (long)i * 7919 % count;

    public static int Run(int count, string? binary)
    {
        Console.WriteLine($"One sorted set of {count:N0} members 'member:<i>' with scrambled integer scores.");
        var before = MemorySnapshot.Take();
        var store = new ValkeyStore();
        var db = store.GetDatabase();
        var key = "z"u8.ToArray();
        var entries = new SortedSetEntry[1];
        for (int i = 0; i < count; i++)
        {
            entries[0] = new SortedSetEntry(Encoding.ASCII.GetBytes("member:" + i.ToString(CultureInfo.InvariantCulture)), Score(i, count));
            db.SortedSetAdd(key, entries);
        }
        var after = MemorySnapshot.Take();
        if (db.SortedSetLength(key) != count)
        {
            throw new InvalidOperationException("members are missing");
        }
        string encoding = store.CreateSession().Execute("OBJECT", "ENCODING", "z").ToString()!;
        long estimate = store.CreateSession().Execute("INFO", "memory").ToString()!.Split('\n')
            .Where(l => l.StartsWith("used_memory:", StringComparison.Ordinal)).Select(l => long.Parse(l[12..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
        GC.KeepAlive(store);
        double ours = (after.TotalMemory - before.TotalMemory) / (double)count;
        Console.WriteLine($"InProcValkey ({encoding}): {ours:F1} bytes/member managed heap growth; INFO used_memory estimate {estimate / (double)count:F1} bytes/member");
        store.Dispose();

        if (binary is null)
        {
            Console.WriteLine("redis-server not found: not compared.");
            return 0;
        }
        using var server = RedisServer.Start(binary);
        var client = server.Client;
        long usedBefore = server.InfoNumber("memory", "used_memory");
        byte[] zadd = "ZADD"u8.ToArray();
        var args = new ReadOnlyMemory<byte>[4];
        int sent = 0;
        for (int i = 0; i < count; i++)
        {
            args[0] = zadd;
            args[1] = key;
            args[2] = Encoding.ASCII.GetBytes(Score(i, count).ToString(CultureInfo.InvariantCulture));
            args[3] = Encoding.ASCII.GetBytes("member:" + i.ToString(CultureInfo.InvariantCulture));
            client.Write(args);
            if (++sent == Batch || i == count - 1)
            {
                client.Flush();
                for (int r = 0; r < sent; r++)
                {
                    client.ReadReply();
                }
                sent = 0;
            }
        }
        long card = (long)client.Call("ZCARD", "z")!;
        long usedAfter = server.InfoNumber("memory", "used_memory");
        Console.WriteLine($"redis-server {server.Version()} (ZCARD {card}): {(usedAfter - usedBefore) / (double)count:F1} bytes/member used_memory growth");
        return 0;
    }
}
