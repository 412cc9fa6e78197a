using System.Globalization;

namespace InProcValkey.MemoryBench;

/// <summary>
/// Issue 4's list measurement: one list of N small items (<c>item:1</c> … <c>item:N</c>, RPUSH one at a time) in
/// InProcValkey (live managed bytes after a full GC, before vs after) and in a redis-server started here
/// (<c>used_memory</c> before vs after), in the same run. Usage: <c>… MemoryBench -- --list [--keys N]</c>.
/// </summary>
internal static class ListMemory
{
    private const int Batch = 1000;

    private static int Item(int i, Span<byte> dst)
    {
        "item:"u8.CopyTo(dst);
        i.TryFormat(dst[5..], out int n, default, CultureInfo.InvariantCulture);
        return 5 + n;
    }

    public static int Run(string? binary, int count)
    {
        Console.WriteLine($"One list of {count:N0} items 'item:1'…'item:{count}' (RPUSH one at a time).");
        Console.WriteLine();
        var ours = Ours(count, out string encoding);
        Console.WriteLine($"| Store | Bytes (total) | Bytes per item | Encoding |");
        Console.WriteLine($"| --- | ---: | ---: | --- |");
        Console.WriteLine($"| InProcValkey (managed heap delta) | {ours:N0} | {ours / (double)count:F2} | {encoding} |");
        if (binary is not null)
        {
            var (used, version, redisEncoding) = Redis(binary, count);
            Console.WriteLine($"| redis-server {version} (used_memory delta) | {used:N0} | {used / (double)count:F2} | {redisEncoding} |");
            Console.WriteLine();
            Console.WriteLine($"InProcValkey / redis-server: {ours / (double)used:P1}.");
        }
        return 0;
    }

    private static long Ours(int count, out string encoding)
    {
        var store = new ValkeyStore();
        var db = store.GetDatabase();
        var key = "biglist"u8.ToArray();
        Span<byte> item = stackalloc byte[24];
        var before = MemorySnapshot.Take();
        for (int i = 1; i <= count; i++)
        {
            db.ListRightPush(key, item[..Item(i, item)]);
        }
        var after = MemorySnapshot.Take();
        if (db.ListLength(key) != count)
        {
            throw new InvalidOperationException("items are missing");
        }
        encoding = store.CreateSession().Execute("OBJECT", "ENCODING", "biglist").ToString() ?? "?";
        GC.KeepAlive(store);
        store.Dispose();
        return after.TotalMemory - before.TotalMemory;
    }

    private static (long Used, string Version, string Encoding) Redis(string binary, int count)
    {
        using var server = RedisServer.Start(binary);
        var client = server.Client;
        long usedBefore = server.InfoNumber("memory", "used_memory");
        byte[] rpush = "RPUSH"u8.ToArray();
        byte[] key = "biglist"u8.ToArray();
        var item = new byte[24];
        var args = new ReadOnlyMemory<byte>[3];
        int sent = 0;
        for (int i = 1; i <= count; i++)
        {
            int n = Item(i, item);
            args[0] = rpush;
            args[1] = key;
            args[2] = item.AsMemory(0, n).ToArray();
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
        long len = (long)client.Call("LLEN", "biglist")!;
        if (len != count)
        {
            throw new InvalidOperationException($"redis-server holds {len} items, expected {count}.");
        }
        long usedAfter = server.InfoNumber("memory", "used_memory");
        string encoding = client.Call("OBJECT", "ENCODING", "biglist") switch
        {
            byte[] b => System.Text.Encoding.UTF8.GetString(b),
            var o => o?.ToString() ?? "?",
        };
        return (usedAfter - usedBefore, server.Version(), encoding);
    }
}
