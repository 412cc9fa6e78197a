using System.Globalization;

namespace InProcValkey.MemoryBench;

/// <summary>
/// Bytes per key: loads 1,000,000 keys into InProcValkey (and, for reference, ConcurrentDictionary and MemoryCache),
/// then into a redis-server started here on a free loopback port, with and without a TTL on every key, and prints a table.
/// Usage: <c>dotnet run -c Release --project benchmarks/InProcValkey.MemoryBench [-- --keys N] [--no-redis] [--no-reference] [--redis-server PATH]</c>;
/// <c>--hashes</c> measures 1,000,000 hashes of 5 small fields instead (<see cref="HashMemory"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        int count = 1_000_000;
        bool redis = true, reference = true, hashes = false;
        bool list = false; // lists (issue 4): --list measures one list of N items instead
        // sorted sets (issue 5): --zset measures one sorted set of --keys members instead.
        bool zset = false;
        string? redisPath = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--keys" when i + 1 < args.Length:
                    count = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--hashes":
                    hashes = true;
                    break;
                case "--zset":
                    zset = true;
                    break;
                case "--no-redis":
                    redis = false;
                    break;
                case "--no-reference":
                    reference = false;
                    break;
                case "--list":
                    list = true;
                    break;
                case "--redis-server" when i + 1 < args.Length:
                    redisPath = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'. Options: --keys N, --no-redis, --no-reference, --redis-server PATH, --list, --hashes");
                    return 2;
            }
        }
        if (count is < 1 or > 9_999_999)
        {
            Console.Error.WriteLine("--keys must be between 1 and 9,999,999.");
            return 2;
        }

        string? binary = redis ? RedisServer.Find(redisPath) : null;
        if (list)
        {
            return ListMemory.Run(binary, count);
        }
        if (zset)
        {
            return SortedSetMemory.Run(count, binary);
        }
        if (hashes)
        {
            return HashMemory.Run(count, binary);
        }
        Console.WriteLine($"Memory per key: {Dataset.Describe(count)}.");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}.");
        if (redis && binary is null)
        {
            Console.WriteLine("redis-server was not found on PATH: only the in-process stores are measured.");
        }
        Console.WriteLine();

        var rows = new List<Measurement>();
        foreach (bool ttl in new[] { false, true })
        {
            rows.Add(ManagedStores.InProcValkey(count, ttl));
            if (binary is not null)
            {
                rows.Add(RedisMeasure.Run(binary, count, ttl, out _));
            }
            if (reference)
            {
                if (!ttl)
                {
                    rows.Add(ManagedStores.ConcurrentDictionary(count));
                }
                rows.Add(ManagedStores.MemoryCache(count, ttl));
            }
        }
        Report.Print(rows, Dataset.PayloadBytes);
        return 0;
    }
}
