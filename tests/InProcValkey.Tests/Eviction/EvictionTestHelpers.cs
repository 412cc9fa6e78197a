using System.Globalization;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Eviction;

internal static class EvictionTestHelpers
{
    public const string Oom = "OOM command not allowed when used memory > 'maxmemory'.";

    /// <summary>The 100-byte value the eviction tests store.</summary>
    public static readonly string Value = new('v', 100);

    public static string S(long i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>A store without active expiry and without an eviction time budget: a test decides how much one command must evict.</summary>
    public static TestStore NewStore()
    {
        var t = new TestStore(activeExpiry: false);
        t.Ok("CONFIG", "SET", "maxmemory-eviction-tenacity", "100");
        return t;
    }

    public static Engine Engine(this TestStore t) => t.Store.Engine;

    public static long UsedMemory(this TestStore t) => t.Store.Engine.Memory.Used;

    /// <summary>What the running total should be, recounted by walking every entry.</summary>
    public static long RecountedMemory(this TestStore t)
    {
        var engine = t.Store.Engine;
        long bytes = engine.Memory.StartupBytes;
        foreach (var db in engine.Databases)
        {
            bytes += db.RecomputeBytes();
        }
        return bytes;
    }

    public static long InfoField(this TestStore t, string section, string field)
    {
        foreach (var line in t.Text("INFO", section)!.Split("\r\n"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1), CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException(field + " not in INFO " + section);
    }

    /// <summary>Sets maxmemory to the current usage plus <paramref name="headroom"/> bytes.</summary>
    public static long LimitTo(this TestStore t, long headroom, string policy)
    {
        long limit = t.UsedMemory() + headroom;
        t.Ok("CONFIG", "SET", "maxmemory-policy", policy);
        t.Ok("CONFIG", "SET", "maxmemory", limit.ToString(CultureInfo.InvariantCulture));
        return limit;
    }
}
