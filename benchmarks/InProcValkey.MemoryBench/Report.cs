using System.Globalization;

namespace InProcValkey.MemoryBench;

/// <summary>Prints the measurements as a Markdown table, with InProcValkey's ratio to redis-server per variant.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Measurement> rows, int payloadBytes)
    {
        Console.WriteLine("| TTL | store | allocated B/key | overhead B/key | GC heap B/key | RSS B/key | vs redis-server |");
        Console.WriteLine("|-----|-------|----------------:|---------------:|--------------:|----------:|----------------:|");
        foreach (var row in rows)
        {
            var redis = rows.FirstOrDefault(r => r.Ttl == row.Ttl && r.Store.StartsWith("redis-server", StringComparison.Ordinal));
            string ratio = redis is null || ReferenceEquals(redis, row)
                ? ""
                : (row.AllocatedPerKey / redis.AllocatedPerKey).ToString("0.00", CultureInfo.InvariantCulture) + "x";
            Console.WriteLine($"| {(row.Ttl ? "EX 3600" : "none")} | {row.Store} | {Format(row.AllocatedPerKey)} | {Format(row.AllocatedPerKey - payloadBytes)} | {Format(row.GcHeapPerKey)} | {Format(row.RssPerKey)} | {ratio} |");
        }
        Console.WriteLine();
        Console.WriteLine("allocated: GC.GetTotalMemory after a full compacting GC, after minus before loading (redis-server: INFO used_memory).");
        Console.WriteLine($"overhead: allocated minus the {payloadBytes} bytes of key and value.");
        Console.WriteLine("GC heap: GCMemoryInfo.HeapSizeBytes delta. RSS: process resident set delta (redis-server: used_memory_rss); noisy.");
        Console.WriteLine("vs redis-server: allocated B/key divided by redis-server's used_memory B/key for the same TTL variant.");
    }

    private static string Format(double v) => double.IsNaN(v) ? "-" : v.ToString("0.0", CultureInfo.InvariantCulture);
}
