using System.Globalization;
using System.Text;
using InProcValkey.Errors;
using InProcValkey.Operations;

namespace InProcValkey;

// INCR, INCRBY, DECR, DECRBY, INCRBYFLOAT.
public sealed partial class ValkeyDatabase
{
    /// <summary>
    /// INCRBY key increment (INCR when 1): adds <paramref name="value"/> to the integer stored at <paramref name="key"/>
    /// (0 when missing) and returns the result; the TTL is kept. Allocates nothing on an existing integer.
    /// </summary>
    /// <exception cref="ValkeyException">The value is not an integer (<c>ERR value is not an integer or out of range</c>) or the result would overflow.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long StringIncrement(ReadOnlySpan<byte> key, long value = 1)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.IncrementBy(Db, key, value, ref clock, out long result));
        return result;
    }

    /// <summary>INCRBY with a string key.</summary>
    /// <inheritdoc cref="StringIncrement(ReadOnlySpan{byte}, long)"/>
    public long StringIncrement(string key, long value = 1)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringIncrement(k, value);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>DECRBY key decrement (DECR when 1): subtracts <paramref name="value"/> and returns the result.</summary>
    /// <exception cref="ValkeyException">The value is not an integer, the result would overflow, or <paramref name="value"/> is <see cref="long.MinValue"/> (<c>ERR decrement would overflow</c>).</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long StringDecrement(ReadOnlySpan<byte> key, long value = 1)
    {
        if (value == long.MinValue)
        {
            throw ValkeyException.From(ErrorMessages.DecrementOverflow);
        }
        return StringIncrement(key, -value);
    }

    /// <summary>DECRBY with a string key.</summary>
    /// <inheritdoc cref="StringDecrement(ReadOnlySpan{byte}, long)"/>
    public long StringDecrement(string key, long value = 1)
    {
        if (value == long.MinValue)
        {
            throw ValkeyException.From(ErrorMessages.DecrementOverflow);
        }
        return StringIncrement(key, -value);
    }

    /// <summary>
    /// INCRBYFLOAT key increment: adds <paramref name="value"/> (sent as its shortest round-trip text, so 0.1 means
    /// the decimal 0.1, as <c>INCRBYFLOAT key 0.1</c>) in Valkey's 80-bit arithmetic and returns the stored result
    /// parsed as a double. Use <see cref="StringIncrementByFloat(string, string)"/> for the exact stored text.
    /// </summary>
    /// <exception cref="ValkeyException">The stored value or the increment is not a valid float, or the result would be NaN or infinite.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public double StringIncrement(ReadOnlySpan<byte> key, double value) =>
        ParseDouble(StringIncrementByFloat(key, FloatText(value)));

    /// <summary>INCRBYFLOAT with a string key.</summary>
    /// <inheritdoc cref="StringIncrement(ReadOnlySpan{byte}, double)"/>
    public double StringIncrement(string key, double value)
    {
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return StringIncrement(k, value);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>INCRBYFLOAT key -value: subtracts <paramref name="value"/>.</summary>
    /// <inheritdoc cref="StringIncrement(ReadOnlySpan{byte}, double)"/>
    public double StringDecrement(ReadOnlySpan<byte> key, double value) => StringIncrement(key, -value);

    /// <summary>INCRBYFLOAT key -value with a string key.</summary>
    /// <inheritdoc cref="StringIncrement(ReadOnlySpan{byte}, double)"/>
    public double StringDecrement(string key, double value) => StringIncrement(key, -value);

    /// <summary>
    /// INCRBYFLOAT key increment with the increment as text (any number Valkey accepts: <c>1.5</c>, <c>5.0e3</c>,
    /// <c>0x1p-2</c>, …); returns the stored result exactly as Valkey replies it (e.g. <c>10.6</c>).
    /// </summary>
    /// <exception cref="ValkeyException">The stored value or the increment is not a valid float, or the result would be NaN or infinite.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[] StringIncrementByFloat(ReadOnlySpan<byte> key, ReadOnlySpan<byte> increment)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(StringOps.IncrementByFloat(Db, key, increment, ref clock, out var text));
        return text!;
    }

    /// <summary>INCRBYFLOAT with string key and increment; the result as text.</summary>
    /// <inheritdoc cref="StringIncrementByFloat(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public string StringIncrementByFloat(string key, string increment)
    {
        ArgumentNullException.ThrowIfNull(increment);
        Span<byte> scratch = stackalloc byte[256];
        var k = Utf8(key, scratch, out var rented);
        try
        {
            return Encoding.ASCII.GetString(StringIncrementByFloat(k, Encoding.UTF8.GetBytes(increment)));
        }
        finally
        {
            Return(rented);
        }
    }

    private static byte[] FloatText(double value) => Encoding.ASCII.GetBytes(value.ToString("R", CultureInfo.InvariantCulture));

    private static double ParseDouble(byte[] text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
