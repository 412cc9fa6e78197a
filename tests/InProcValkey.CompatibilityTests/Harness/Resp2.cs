using System.Globalization;
using System.Text;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>
/// What a RESP2 client sees of a <see cref="ValkeyReply"/>: Valkey downgrades RESP3 types for RESP2 clients
/// (<c>networking.c</c> <c>addReplyMapLen</c>, <c>addReplySetLen</c>, <c>addReplyDouble</c>, <c>addReplyBool</c>,
/// <c>addReplyVerbatim</c>). The engine's replies are converted to that shape before they are compared with
/// redis-server's RESP2 replies.
/// </summary>
public static class Resp2
{
    /// <summary>
    /// Map → flat array (key, value, key, value…), Set → array, Double → bulk string as Valkey 7.2 formats it,
    /// Boolean → integer 1/0, Verbatim → bulk string of its text (no <c>txt:</c> prefix); aggregates recursively.
    /// </summary>
    public static ValkeyReply Shape(ValkeyReply reply) => reply.Kind switch
    {
        ValkeyReplyKind.Map or ValkeyReplyKind.Set or ValkeyReplyKind.Array =>
            ValkeyReply.Array(reply.Elements.Select(Shape).ToArray()),
        ValkeyReplyKind.Double => ValkeyReply.Bulk(FormatDouble(reply.AsDouble())),
        ValkeyReplyKind.Boolean => ValkeyReply.Integer(reply.AsBoolean() ? 1 : 0),
        ValkeyReplyKind.Verbatim => ValkeyReply.Bulk(Encoding.UTF8.GetBytes(reply.ToString()!)),
        _ => reply,
    };

    /// <summary>
    /// Valkey 7.2's <c>d2string</c> (used by <c>addReplyDouble</c>): <c>nan</c>, <c>inf</c>/<c>-inf</c>, <c>0</c>/<c>-0</c>,
    /// integral values that fit a long long printed as integers, otherwise the shortest round-trip form (fpconv_dtoa).
    /// Redis 7.0 printed <c>%.17g</c> instead; see docs/compatibility.md.
    /// </summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0" : "0";
        }
        // double2ll: only when the value is integral and well inside the long long range.
        if (d > long.MinValue / 2 && d < long.MaxValue / 2 && Math.Floor(d) == d)
        {
            return ((long)d).ToString(CultureInfo.InvariantCulture);
        }
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        return r.Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }
}
