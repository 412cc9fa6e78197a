using System.Globalization;
using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    // ---- hashes: HINCRBY, HINCRBYFLOAT (issue 4) ----

    /// <summary>HINCRBY: adds <paramref name="value"/> to the field's integer (0 when missing) and returns the result.</summary>
    /// <exception cref="ValkeyException">The field's value is not an integer (<c>ERR hash value is not an integer</c>) or the result would overflow.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long HashIncrement(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, long value = 1)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(HashOps.IncrementBy(Db, key, field, value, ref clock, out long result));
        return result;
    }

    /// <summary>HINCRBY with UTF-8 text.</summary>
    /// <inheritdoc cref="HashIncrement(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long)"/>
    public long HashIncrement(string key, string field, long value = 1)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var f = new Utf8Key(field, stackalloc byte[256]);
        return HashIncrement(k.Span, f.Span, value);
    }

    /// <summary>
    /// HINCRBYFLOAT: adds <paramref name="value"/> in Valkey's <c>long double</c> arithmetic and returns the stored text
    /// (e.g. <c>10.6</c>, never an exponent).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="ValkeyException">The field's value is not a float, or the result would be infinite.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public string HashIncrementText(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The increment must be a finite number.");
        }
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out int n, "R", CultureInfo.InvariantCulture);
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(HashOps.IncrementByFloat(Db, key, field, text[..n], ref clock, out var result));
        return Encoding.ASCII.GetString(result!);
    }

    /// <summary>HINCRBYFLOAT: adds <paramref name="value"/> and returns the new value (parsed back from the stored text).</summary>
    /// <inheritdoc cref="HashIncrementText(ReadOnlySpan{byte}, ReadOnlySpan{byte}, double)"/>
    public double HashIncrement(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, double value) =>
        double.Parse(HashIncrementText(key, field, value), CultureInfo.InvariantCulture);

    /// <summary>HINCRBYFLOAT with UTF-8 text.</summary>
    /// <inheritdoc cref="HashIncrementText(ReadOnlySpan{byte}, ReadOnlySpan{byte}, double)"/>
    public double HashIncrement(string key, string field, double value)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var f = new Utf8Key(field, stackalloc byte[256]);
        return HashIncrement(k.Span, f.Span, value);
    }
}
