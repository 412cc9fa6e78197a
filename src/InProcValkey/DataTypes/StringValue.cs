using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using InProcValkey.Keyspace;

namespace InProcValkey.DataTypes;

/// <summary>
/// The string type's API over an entry: create, read, measure, as Valkey's <c>object.c</c> string functions do.
/// Callers never see the encoding (<see cref="StringEncoding"/>): an <c>int</c>-encoded value reads as its decimal text.
/// </summary>
internal static class StringValue
{
    /// <summary>Largest text of a long: "-9223372036854775808".</summary>
    public const int MaxInt64Chars = 20;

    /// <summary>
    /// Creates a string entry choosing the encoding as Valkey's <c>tryObjectEncoding</c>: <c>int</c> for a canonical
    /// decimal long of at most 20 chars, <c>embstr</c> up to 44 bytes, <c>raw</c> above.
    /// </summary>
    public static byte[] Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expiry, uint lru, bool shareIntegers = true)
    {
        if (value.Length <= MaxInt64Chars && Numbers.TryParseInt64(value, out long l))
        {
            return CreateInt(key, l, expiry, lru, shareIntegers);
        }
        return CreateBytes(key, value, TextEncodingFor(value.Length), expiry, lru);
    }

    /// <summary>Creates an entry holding <paramref name="value"/> as given, with the given encoding (raw or embstr). <paramref name="expiry"/> &lt; 0: none.</summary>
    public static byte[] CreateBytes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, StringEncoding encoding, long expiry, uint lru)
    {
        var e = EntryLayout.Allocate(key, (byte)encoding, expiry >= 0, expiry, lru, value.Length, out int off);
        value.CopyTo(e.AsSpan(off));
        return e;
    }

    /// <summary>
    /// Creates an <c>int</c>-encoded entry. <paramref name="expiry"/> &lt; 0: none. Without
    /// <paramref name="shareIntegers"/> (<see cref="Keyspace.EngineConfig.SharesIntegers"/>) a value in 0..9999 is its own
    /// object, not a shared one.
    /// </summary>
    public static byte[] CreateInt(ReadOnlySpan<byte> key, long value, long expiry, uint lru, bool shareIntegers = true)
    {
        var e = EntryLayout.Allocate(key, (byte)StringEncoding.Int, expiry >= 0, expiry, lru, 8, out int off);
        BinaryPrimitives.WriteInt64LittleEndian(e.AsSpan(off, 8), value);
        if (!shareIntegers)
        {
            EntryLayout.MarkUnshared(e);
        }
        return e;
    }

    /// <summary>Creates an entry of <paramref name="length"/> bytes, <c>raw</c>, for the caller to fill (SETRANGE, APPEND).</summary>
    public static byte[] CreateRaw(ReadOnlySpan<byte> key, int length, long expiry, uint lru, out Span<byte> value)
    {
        var e = EntryLayout.Allocate(key, (byte)StringEncoding.Raw, expiry >= 0, expiry, lru, length, out int off);
        value = e.AsSpan(off, length);
        return e;
    }

    /// <summary>The encoding Valkey gives a string object created from text of this length: <c>embstr</c> up to 44 bytes, else <c>raw</c>.</summary>
    public static StringEncoding TextEncodingFor(int length) => length <= EntryLayout.EmbstrLimit ? StringEncoding.Embstr : StringEncoding.Raw;

    /// <summary>
    /// Creates a <c>raw</c> entry of <paramref name="length"/> bytes with room to grow, for APPEND and SETRANGE: the
    /// capacity follows Valkey's greedy <c>sdsMakeRoomFor</c> (double below 1 MB, +1 MB above), capped at <paramref name="maxLength"/>.
    /// </summary>
    public static byte[] CreateRawGreedy(ReadOnlySpan<byte> key, int length, long maxLength, long expiry, uint lru, out Span<byte> value)
    {
        const int Preallocate = 1024 * 1024;
        long capacity = length < Preallocate ? (long)length * 2 : (long)length + Preallocate;
        capacity = Math.Min(capacity, Math.Min(maxLength, Array.MaxLength - 64 - key.Length));
        var e = EntryLayout.AllocateWithSpare(key, expiry >= 0, expiry, lru, length, (int)Math.Max(capacity, length), out int off);
        value = e.AsSpan(off, length);
        return e;
    }

    public static bool IsString(byte[] e) => !EntryLayout.IsCollection(e);

    /// <summary>Length in bytes of the value's text (STRLEN).</summary>
    public static int Length(byte[] e)
    {
        if (EntryLayout.Encoding(e) == StringEncoding.Int)
        {
            return DigitCount(ReadInt(e));
        }
        return EntryLayout.StoredValue(e).Length;
    }

    /// <summary>The value bytes when they are stored as they are; false for <c>int</c> encoding.</summary>
    public static bool TryGetRawSpan(byte[] e, out ReadOnlySpan<byte> value)
    {
        if (EntryLayout.Encoding(e) == StringEncoding.Int)
        {
            value = default;
            return false;
        }
        value = EntryLayout.StoredValue(e);
        return true;
    }

    /// <summary>The value's text, written to <paramref name="scratch"/> (at least 20 bytes) when int-encoded.</summary>
    public static ReadOnlySpan<byte> GetSpan(byte[] e, Span<byte> scratch)
    {
        if (EntryLayout.Encoding(e) == StringEncoding.Int)
        {
            Utf8Formatter.TryFormat(ReadInt(e), scratch, out int n);
            return scratch[..n];
        }
        return EntryLayout.StoredValue(e);
    }

    public static byte[] ToArray(byte[] e)
    {
        Span<byte> scratch = stackalloc byte[MaxInt64Chars];
        return GetSpan(e, scratch).ToArray();
    }

    public static void CopyTo(byte[] e, IBufferWriter<byte> destination)
    {
        Span<byte> scratch = stackalloc byte[MaxInt64Chars];
        var v = GetSpan(e, scratch);
        var dst = destination.GetSpan(v.Length);
        v.CopyTo(dst);
        destination.Advance(v.Length);
    }

    /// <summary>The value as a long when it parses as one (Valkey's <c>getLongLongFromObject</c>).</summary>
    public static bool TryGetInt64(byte[] e, out long value)
    {
        if (EntryLayout.Encoding(e) == StringEncoding.Int)
        {
            value = ReadInt(e);
            return true;
        }
        return Numbers.TryParseInt64(EntryLayout.StoredValue(e), out value);
    }

    public static long ReadInt(byte[] e) => BinaryPrimitives.ReadInt64LittleEndian(EntryLayout.StoredValue(e));

    /// <summary>Overwrites an <c>int</c>-encoded value in place (INCR on an int-encoded entry allocates nothing).</summary>
    public static void WriteIntInPlace(byte[] e, long value, bool shareIntegers = true)
    {
        // The new value is a new object in Valkey: shared again when it is in the shared range (and integers are shared).
        if (shareIntegers)
        {
            EntryLayout.ClearUnshared(e);
        }
        else
        {
            EntryLayout.MarkUnshared(e);
        }
        BinaryPrimitives.WriteInt64LittleEndian(EntryLayout.StoredValue(e), value);
    }

    /// <summary>OBJECT ENCODING's answer.</summary>
    public static string EncodingName(byte[] e) => EntryLayout.Encoding(e) switch
    {
        StringEncoding.Int => "int",
        StringEncoding.Embstr => "embstr",
        _ => "raw",
    };

    public static int DigitCount(long v)
    {
        if (v == long.MinValue)
        {
            return 20;
        }
        int n = v < 0 ? 1 : 0;
        ulong u = (ulong)Math.Abs(v);
        do
        {
            n++;
            u /= 10;
        }
        while (u != 0);
        return n;
    }
}
