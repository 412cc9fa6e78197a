using System.Globalization;

namespace InProcValkey.MemoryBench;

/// <summary>
/// Issue 4's hash measurement: N hashes <c>hash:0000001</c>… of 5 small fields (<c>field1</c>…<c>field5</c>, 10-byte
/// values that are not integers), each written by one HSET, into InProcValkey and into a fresh redis-server in the same
/// run; bytes per hash (InProcValkey: GC.GetTotalMemory delta; redis-server: INFO used_memory delta).
/// Usage: <c>dotnet run -c Release --project benchmarks/InProcValkey.MemoryBench -- --hashes [--keys N] [--no-redis]</c>.
/// </summary>
internal static class HashMemory
{
    private const int Fields = 5;
    private const int ValueSize = 10;
    private const int Batch = 1000;

    public static int Run(int count, string? redisBinary)
    {
        Console.WriteLine($"Memory per hash: {count:N0} hashes \"hash:0000001\"… of {Fields} fields \"field1\"…\"field{Fields}\" with {ValueSize}-byte values, one HSET each.");
        Console.WriteLine($".NET {Environment.Version}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}.");
        Console.WriteLine();
        var ours = InProcValkey(count, out string encoding);
        Console.WriteLine("| store | allocated B/hash | GC heap B/hash | RSS B/hash | OBJECT ENCODING | vs redis-server |");
        Console.WriteLine("|-------|-----------------:|---------------:|-----------:|-----------------|----------------:|");
        Measurement? redis = null;
        string redisEncoding = "-";
        if (redisBinary is not null)
        {
            redis = Redis(redisBinary, count, out redisEncoding);
        }
        string ratio = redis is null ? "" : (ours.AllocatedPerKey / redis.AllocatedPerKey).ToString("0.00", CultureInfo.InvariantCulture) + "x";
        Console.WriteLine($"| {ours.Store} | {F(ours.AllocatedPerKey)} | {F(ours.GcHeapPerKey)} | {F(ours.RssPerKey)} | {encoding} | {ratio} |");
        if (redis is not null)
        {
            Console.WriteLine($"| {redis.Store} | {F(redis.AllocatedPerKey)} | - | {F(redis.RssPerKey)} | {redisEncoding} | |");
        }
        return 0;
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.0", CultureInfo.InvariantCulture);

    private static int Key(int i, Span<byte> destination)
    {
        "hash:"u8.CopyTo(destination);
        i.TryFormat(destination[5..], out int written, "D7");
        return 5 + written;
    }

    private static void Value(int i, int field, Span<byte> destination)
    {
        "v"u8.CopyTo(destination);
        destination[1] = (byte)('0' + field);
        destination[2] = (byte)':';
        i.TryFormat(destination[3..ValueSize], out _, "D7");
    }

    private static readonly byte[][] FieldNames = [.. Enumerable.Range(1, Fields).Select(f => System.Text.Encoding.ASCII.GetBytes($"field{f}"))];

    private static Measurement InProcValkey(int count, out string encoding)
    {
        var store = new ValkeyStore();
        var db = store.GetDatabase();
        var values = new byte[Fields][];
        for (int f = 0; f < Fields; f++)
        {
            values[f] = new byte[ValueSize];
        }
        var entries = new HashEntry[Fields];
        var key = new byte[32];
        var before = MemorySnapshot.Take();
        for (int i = 1; i <= count; i++)
        {
            int n = Key(i, key);
            for (int f = 0; f < Fields; f++)
            {
                Value(i, f + 1, values[f]);
                entries[f] = new HashEntry(FieldNames[f], values[f]);
            }
            db.HashSet(key.AsSpan(0, n), entries);
        }
        var after = MemorySnapshot.Take();
        int last = Key(count, key);
        if (db.HashLength(key.AsSpan(0, last)) != Fields)
        {
            throw new InvalidOperationException("the last hash was not stored");
        }
        encoding = store.CreateSession().Execute("OBJECT", "ENCODING", System.Text.Encoding.ASCII.GetString(key, 0, last)).ToString() ?? "?";
        GC.KeepAlive(store);
        store.Dispose();
        return new Measurement("InProcValkey", false,
            (after.TotalMemory - before.TotalMemory) / (double)count,
            (after.HeapSize - before.HeapSize) / (double)count,
            (after.Rss - before.Rss) / (double)count);
    }

    private static Measurement Redis(string binary, int count, out string encoding)
    {
        using var server = RedisServer.Start(binary);
        string version = server.Version();
        var client = server.Client;
        long usedBefore = server.InfoNumber("memory", "used_memory");
        long rssBefore = server.InfoNumber("memory", "used_memory_rss");
        var key = new byte[32];
        var values = new byte[Fields][];
        for (int f = 0; f < Fields; f++)
        {
            values[f] = new byte[ValueSize];
        }
        var args = new ReadOnlyMemory<byte>[2 + 2 * Fields];
        args[0] = "HSET"u8.ToArray();
        int sent = 0;
        for (int i = 1; i <= count; i++)
        {
            int n = Key(i, key);
            args[1] = key.AsMemory(0, n);
            for (int f = 0; f < Fields; f++)
            {
                Value(i, f + 1, values[f]);
                args[2 + 2 * f] = FieldNames[f];
                args[3 + 2 * f] = values[f];
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
        long usedAfter = server.InfoNumber("memory", "used_memory");
        long rssAfter = server.InfoNumber("memory", "used_memory_rss");
        encoding = client.Call("OBJECT", "ENCODING", System.Text.Encoding.ASCII.GetString(key, 0, Key(count, key)))?.ToString() ?? "?";
        return new Measurement($"redis-server {version}", false, (usedAfter - usedBefore) / (double)count, double.NaN, (rssAfter - rssBefore) / (double)count);
    }
}
