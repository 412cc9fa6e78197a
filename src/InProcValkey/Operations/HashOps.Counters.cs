using System.Buffers.Text;
using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Hashes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>HINCRBY and HINCRBYFLOAT.</summary>
internal static partial class HashOps
{
    /// <summary>
    /// HINCRBY: adds <paramref name="delta"/> to the field's integer (0 when missing), creating key and field. Errors, in
    /// Valkey's order: WRONGTYPE; <c>ERR hash value is not an integer</c> (strict <c>string2ll</c>); overflow.
    /// </summary>
    public static string? IncrementBy(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, long delta, ref Clock clock, out long result)
    {
        result = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (error is not null)
            {
                return error;
            }
            long current = 0;
            if (e is not null && HashValue.TryGet(HashValue.Open(shard, index, e), field, out var v))
            {
                if (v.IsInteger)
                {
                    current = v.Integer;
                }
                else if (!Numbers.TryParseInt64(v.Bytes, out current))
                {
                    return ErrorMessages.HashValueNotInteger;
                }
            }
            if ((delta < 0 && current < 0 && delta < long.MinValue - current) ||
                (delta > 0 && current > 0 && delta > long.MaxValue - current))
            {
                return ErrorMessages.Overflow;
            }
            result = current + delta;
            Span<byte> text = stackalloc byte[20];
            Utf8Formatter.TryFormat(result, text, out int n);
            HashValue.Set(db, shard, h, index, e, key, new OnePair(field, text[..n]));
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Hash, Ev.Hincrby, key);
            return null;
        }
    }

    /// <summary>
    /// HINCRBYFLOAT: adds in 80-bit <c>long double</c> as Valkey does on x86-64 and stores the <c>%.17Lg</c>-style human text
    /// (<see cref="LongDouble.ToHumanText"/>, as INCRBYFLOAT). Errors, in Valkey's order: the increment is not a valid float;
    /// it is infinite (<c>ERR value is NaN or Infinity</c>); WRONGTYPE; the stored value is not a float
    /// (<c>ERR hash value is not a float</c>); the sum is infinite.
    /// </summary>
    public static string? IncrementByFloat(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, ReadOnlySpan<byte> increment, ref Clock clock, out byte[]? result)
    {
        result = null;
        if (!LongDouble.TryParse(increment, out var incr))
        {
            return ErrorMessages.NotFloat;
        }
        if (!incr.IsFinite)
        {
            return ErrorMessages.ValueNaNOrInfinity;
        }
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error);
            if (error is not null)
            {
                return error;
            }
            var current = LongDouble.Zero;
            if (e is not null && HashValue.TryGet(HashValue.Open(shard, index, e), field, out var v))
            {
                if (v.IsInteger)
                {
                    current = LongDouble.FromInt64(v.Integer);
                }
                else if (!LongDouble.TryParse(v.Bytes, out current))
                {
                    return ErrorMessages.HashValueNotFloat;
                }
            }
            var sum = current + incr;
            if (!sum.IsFinite)
            {
                return ErrorMessages.IncrFloatNaNOrInf;
            }
            var text = sum.ToHumanText();
            HashValue.Set(db, shard, h, index, e, key, new OnePair(field, text));
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Hash, Ev.Hincrbyfloat, key);
            result = text;
            return null;
        }
    }
}
