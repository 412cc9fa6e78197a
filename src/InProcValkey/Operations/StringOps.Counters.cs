using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>The counters: INCR, DECR, INCRBY, DECRBY (Valkey's <c>incrDecrCommand</c>) and INCRBYFLOAT.</summary>
internal static partial class StringOps
{
    /// <summary>
    /// INCRBY (INCR, DECR, DECRBY pass their delta): adds <paramref name="delta"/> to the key's integer (0 when missing).
    /// Errors: WRONGTYPE; not an integer (Valkey's strict <c>string2ll</c>); overflow. The TTL is kept; the result is
    /// <c>int</c>-encoded, written in place (no allocation) when the value already is.
    /// </summary>
    public static string? IncrementBy(Database db, ReadOnlySpan<byte> key, long delta, ref Clock clock, out long result)
    {
        result = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out int index);
            long current = 0;
            if (e is not null)
            {
                if (!StringValue.IsString(e))
                {
                    return ErrorMessages.WrongType;
                }
                if (!StringValue.TryGetInt64(e, out current))
                {
                    return ErrorMessages.NotInteger;
                }
            }
            if ((delta < 0 && current < 0 && delta < long.MinValue - current) ||
                (delta > 0 && current > 0 && delta > long.MaxValue - current))
            {
                return ErrorMessages.Overflow;
            }
            result = current + delta;
            if (e is not null && EntryLayout.Encoding(e) == StringEncoding.Int)
            {
                StringValue.WriteIntInPlace(e, result, db.Engine.Config.SharesIntegers);
            }
            else
            {
                db.StoreLocked(shard, h, index, StringValue.CreateInt(key, result, ExpiryOf(e), db.Engine.LruClock, db.Engine.Config.SharesIntegers));
            }
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.String, Ev.Incrby, key);
            return null;
        }
    }

    /// <summary>
    /// INCRBYFLOAT: adds in 80-bit <c>long double</c> as Valkey does on x86-64 and stores the <c>%.17Lf</c> text with
    /// trailing zeros removed, as <c>embstr</c>/<c>raw</c> (never <c>int</c>), keeping the TTL. Errors, in Valkey's
    /// order: WRONGTYPE; the stored value is not a valid float; the increment is not; the sum is NaN or infinite.
    /// </summary>
    public static string? IncrementByFloat(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> increment, ref Clock clock, out byte[]? result)
    {
        result = null;
        bool incrementIsValid = LongDouble.TryParse(increment, out var incr);
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out int index);
            var current = LongDouble.Zero;
            if (e is not null)
            {
                if (!StringValue.IsString(e))
                {
                    return ErrorMessages.WrongType;
                }
                if (EntryLayout.Encoding(e) == StringEncoding.Int)
                {
                    current = LongDouble.FromInt64(StringValue.ReadInt(e));
                }
                else if (!LongDouble.TryParse(EntryLayout.StoredValue(e), out current))
                {
                    return ErrorMessages.NotFloat;
                }
            }
            if (!incrementIsValid)
            {
                return ErrorMessages.NotFloat;
            }
            var sum = current + incr;
            if (!sum.IsFinite)
            {
                return ErrorMessages.IncrFloatNaNOrInf;
            }
            var text = sum.ToHumanText();
            var encoding = StringValue.TextEncodingFor(text.Length);
            if (e is not null && EntryLayout.Encoding(e) == encoding && EntryLayout.StoredValue(e).Length == text.Length)
            {
                text.CopyTo(EntryLayout.StoredValue(e));
            }
            else
            {
                db.StoreLocked(shard, h, index, StringValue.CreateBytes(key, text, encoding, ExpiryOf(e), db.Engine.LruClock));
            }
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.String, Ev.Incrbyfloat, key);
            result = text;
            return null;
        }
    }
}
