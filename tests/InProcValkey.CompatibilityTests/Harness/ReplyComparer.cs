using System.Globalization;
using System.Text;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>How two replies to the same command are compared (the taxonomy of miniredis' integration tests).</summary>
public enum CompareMode
{
    /// <summary>Same type, same value, same error text, same element order. The default.</summary>
    Exact,

    /// <summary>Arrays compared as multisets (element order ignored): KEYS, unordered replies.</summary>
    Sorted,

    /// <summary>Integers within a per-command tolerance: TTL/EXPIRETIME/OBJECT IDLETIME ±1, PTTL/PEXPIRETIME ±1000, TIME ±1 s.</summary>
    Approx,

    /// <summary>Same type and, for arrays, same length; values ignored (inherently random replies such as RANDOMKEY).</summary>
    Shape,
}

/// <summary>Compares redis-server's reply with the engine's (already in RESP2 shape) under a <see cref="CompareMode"/>.</summary>
public static class ReplyComparer
{
    /// <summary>The mode a command is compared with when a case does not choose one (used by the generated sequences).</summary>
    public static CompareMode DefaultModeFor(IReadOnlyList<byte[]> command)
    {
        string name = Name(command, 0);
        return name switch
        {
            "KEYS" => CompareMode.Sorted,
            "TTL" or "PTTL" or "EXPIRETIME" or "PEXPIRETIME" or "TIME" => CompareMode.Approx,
            "OBJECT" when Name(command, 1) == "IDLETIME" => CompareMode.Approx,
            "RANDOMKEY" => CompareMode.Shape,
            _ => CompareMode.Exact,
        };
    }

    /// <summary>Null when the replies agree under <paramref name="mode"/>, otherwise why they do not.</summary>
    public static string? Mismatch(IReadOnlyList<byte[]> command, ValkeyReply expected, ValkeyReply actual, CompareMode mode) => mode switch
    {
        CompareMode.Exact => Exact(expected, actual) ? null : "replies differ",
        CompareMode.Sorted => Exact(Sort(expected), Sort(actual)) ? null : "replies differ (compared ignoring element order)",
        CompareMode.Approx => Approx(command, expected, actual),
        CompareMode.Shape => SameShape(expected, actual) ? null : "reply shapes differ (type or array length)",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>Structural equality of two RESP2 replies.</summary>
    public static bool Exact(ValkeyReply a, ValkeyReply b) => a.Equals(b);

    /// <summary>
    /// An array (or RESP3 set) with its elements in byte order, a RESP3 map with its pairs in key order (recursively);
    /// other replies unchanged.
    /// </summary>
    public static ValkeyReply Sort(ValkeyReply r) => r.Kind switch
    {
        ValkeyReplyKind.Array => ValkeyReply.Array(r.Elements.Select(Sort).OrderBy(SortKey, StringComparer.Ordinal).ToArray()),
        ValkeyReplyKind.Set => ValkeyReply.Set(r.Elements.Select(Sort).OrderBy(SortKey, StringComparer.Ordinal).ToArray()),
        ValkeyReplyKind.Map => ValkeyReply.Map(r.Elements.Chunk(2)
            .Select(p => (Key: Sort(p[0]), Value: Sort(p[1])))
            .OrderBy(p => SortKey(p.Key), StringComparer.Ordinal)
            .SelectMany(p => new[] { p.Key, p.Value }).ToArray()),
        _ => r,
    };

    private static string SortKey(ValkeyReply r) => r.Kind == ValkeyReplyKind.BulkString
        ? Convert.ToHexString(r.AsBytes()!)
        : r.Kind + ":" + Render.Reply(r);

    private static bool SameShape(ValkeyReply a, ValkeyReply b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }
        if (a.Kind != ValkeyReplyKind.Array)
        {
            // Errors must still agree exactly: a shape-only case is about random values, not failures.
            return a.Kind != ValkeyReplyKind.Error || Exact(a, b);
        }
        return a.Elements.Count == b.Elements.Count && a.Elements.Zip(b.Elements).All(p => SameShape(p.First, p.Second));
    }

    /// <summary>The tolerance of an approximate command: 1 for second-based replies, 1000 for millisecond-based ones.</summary>
    public static long ToleranceFor(IReadOnlyList<byte[]> command) => Name(command, 0) switch
    {
        "PTTL" or "PEXPIRETIME" => 1000,
        _ => 1,
    };

    private static string? Approx(IReadOnlyList<byte[]> command, ValkeyReply expected, ValkeyReply actual)
    {
        long tolerance = ToleranceFor(command);
        if (Name(command, 0) == "TIME")
        {
            return TimeClose(expected, actual) ? null : "TIME replies differ by more than 1 s (or are not [seconds, microseconds])";
        }
        if (expected.Kind == ValkeyReplyKind.Integer && actual.Kind == ValkeyReplyKind.Integer)
        {
            long e = expected.AsInt64(), a = actual.AsInt64();
            // Negative replies (-1 no TTL, -2 no key) are markers, not times: they must agree exactly.
            if (e < 0 || a < 0)
            {
                return e == a ? null : "replies differ";
            }
            return Math.Abs(e - a) <= tolerance ? null : $"replies differ by more than ±{tolerance}";
        }
        return Exact(expected, actual) ? null : "replies differ";
    }

    private static bool TimeClose(ValkeyReply expected, ValkeyReply actual)
    {
        if (!TryTime(expected, out long es, out _) || !TryTime(actual, out long @as, out long aus))
        {
            return Exact(expected, actual);
        }
        return Math.Abs(es - @as) <= 1 && aus is >= 0 and <= 999_999;
    }

    private static bool TryTime(ValkeyReply r, out long seconds, out long micros)
    {
        seconds = micros = 0;
        return r.Kind == ValkeyReplyKind.Array && r.Elements.Count == 2 &&
               r.Elements.All(e => e.Kind == ValkeyReplyKind.BulkString) &&
               long.TryParse(r.Elements[0].AsBytes(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds) &&
               long.TryParse(r.Elements[1].AsBytes(), NumberStyles.None, CultureInfo.InvariantCulture, out micros);
    }

    /// <summary>The upper-cased ASCII text of argument <paramref name="index"/> ("" when absent).</summary>
    public static string Name(IReadOnlyList<byte[]> command, int index) =>
        index < command.Count ? Encoding.Latin1.GetString(command[index]).ToUpperInvariant() : "";
}
