using System.Globalization;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Eviction;

internal static class EvictionTestHelpers
{
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
