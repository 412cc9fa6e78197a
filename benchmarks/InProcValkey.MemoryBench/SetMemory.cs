using System.Text;

namespace InProcValkey.MemoryBench;

/// <summary>
/// Issue 5's set measurement: 1,000,000 small sets of integers (<c>set:0000001</c>… with 5 members below 10,000, one SADD
/// each, so every set is an intset on both sides), loaded into InProcValkey and into a fresh redis-server in the same run;
/// bytes per set by GC.GetTotalMemory and by INFO used_memory.
/// </summary>
internal static class SetMemory
{
    public const int Members = 5;
    private const int Batch = 1000;

    private static int Key(int i, Span<byte> destination)
    {
        "set:"u8.CopyTo(destination);
        i.TryFormat(destination[4..], out int written, "D7");
        return 4 + written;
    }

    private static byte[][] MembersOf(int i)
    {
        var members = new byte[Members][];
        for (int j = 0; j < Members; j++)
        {
            members[j] = Encoding.ASCII.GetBytes(((i * 7 + j * 1009) % 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return members;
    }

    public static void Run(int count, string? binary)
    {
        Console.WriteLine($"Memory per set: {count:N0} sets \"set:0000001\"… (11-byte keys) of {Members} integers below 10,000 (intsets), one SADD each.");
        Console.WriteLine();
        var rows = new List<Measurement> { InProcValkey(count) };
        if (binary is not null)
        {
            rows.Add(Redis(binary, count));
        }
        Report.Print(rows, 11 + Members * 2);
        Console.WriteLine($"(payload here: the 11-byte key and {Members} 16-bit integers.)");
    }

    private static Measurement InProcValkey(int count)
    {
        var store = new ValkeyStore();
        var db = store.GetDatabase();
        Span<byte> key = stackalloc byte[32];
        var before = MemorySnapshot.Take();
        for (int i = 1; i <= count; i++)
        {
            int n = Key(i, key);
            db.SetAdd(key[..n], MembersOf(i));
        }
        var after = MemorySnapshot.Take();
        int last = Key(count, key);
        if (db.SetLength(key[..last]) != Members)
        {
            throw new InvalidOperationException("the last set was not stored");
        }
        var encoding = store.CreateSession().Execute(["OBJECT", "ENCODING", Encoding.ASCII.GetString(key[..last])]).ToString();
        Console.WriteLine($"InProcValkey OBJECT ENCODING of the last set: {encoding}");
        GC.KeepAlive(store);
        store.Dispose();
        return new Measurement("InProcValkey", false, (after.TotalMemory - before.TotalMemory) / (double)count,
            (after.HeapSize - before.HeapSize) / (double)count, (after.Rss - before.Rss) / (double)count);
    }

    private static Measurement Redis(string binary, int count)
    {
        using var server = RedisServer.Start(binary);
        string version = server.Version();
        var client = server.Client;
        long usedBefore = server.InfoNumber("memory", "used_memory");
        long rssBefore = server.InfoNumber("memory", "used_memory_rss");
        var key = new byte[32];
        var args = new ReadOnlyMemory<byte>[2 + Members];
        args[0] = "SADD"u8.ToArray();
        int sent = 0;
        for (int i = 1; i <= count; i++)
        {
            int n = Key(i, key);
            args[1] = key.AsMemory(0, n).ToArray();
            var members = MembersOf(i);
            for (int j = 0; j < Members; j++)
            {
                args[2 + j] = members[j];
            }
            client.Write(args);
            if (++sent == Batch || i == count)
            {
                client.Flush();
                for (int r = 0; r < sent; r++)
                {
                    client.ReadReply();
                }
                sent = 0;
            }
        }
        long keys = (long)client.Call("DBSIZE")!;
        if (keys != count)
        {
            throw new InvalidOperationException($"redis-server holds {keys} keys, expected {count}.");
        }
        Console.WriteLine($"redis-server OBJECT ENCODING of the last set: {client.Call("OBJECT", "ENCODING", Encoding.ASCII.GetString(key, 0, Key(count, key)))}");
        long usedAfter = server.InfoNumber("memory", "used_memory");
        long rssAfter = server.InfoNumber("memory", "used_memory_rss");
        return new Measurement($"redis-server {version}", false, (usedAfter - usedBefore) / (double)count, double.NaN, (rssAfter - rssBefore) / (double)count);
    }
}
