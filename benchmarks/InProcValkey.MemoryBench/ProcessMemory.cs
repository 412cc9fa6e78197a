using System.Runtime;

namespace InProcValkey.MemoryBench;

/// <summary>A snapshot of this process's memory after a full, blocking, compacting collection.</summary>
internal readonly record struct MemorySnapshot(long TotalMemory, long HeapSize, long Rss)
{
    public static MemorySnapshot Take()
    {
        for (int i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        long total = GC.GetTotalMemory(forceFullCollection: true);
        long heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        return new MemorySnapshot(total, heap, ReadRss());
    }

    /// <summary>Resident set size: VmRSS from /proc on Linux, the working set elsewhere.</summary>
    private static long ReadRss()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Environment.WorkingSet;
    }
}
