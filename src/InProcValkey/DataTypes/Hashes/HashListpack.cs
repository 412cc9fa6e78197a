using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace InProcValkey.DataTypes.Hashes;

/// <summary>
/// One element read from a listpack: either bytes or an integer (Valkey's <c>lpGet</c> returning a string or a
/// <c>long long</c>). Integers are written as decimal text on demand, as Valkey's <c>ll2string</c> does.
/// </summary>
internal readonly ref struct LpElement
{
    public readonly ReadOnlySpan<byte> Str;
    public readonly long Int;
    public readonly bool IsInt;

    public LpElement(ReadOnlySpan<byte> str)
    {
        Str = str;
        Int = 0;
        IsInt = false;
    }

    public LpElement(long value)
    {
        Str = default;
        Int = value;
        IsInt = true;
    }

    /// <summary>The element's bytes; integers formatted into <paramref name="scratch"/> (at least 20 bytes).</summary>
    public ReadOnlySpan<byte> Bytes(Span<byte> scratch)
    {
        if (!IsInt)
        {
            return Str;
        }
        Utf8Formatter.TryFormat(Int, scratch, out int n);
        return scratch[..n];
    }

    /// <summary>Length of the element's text.</summary>
    public int Length
    {
        get
        {
            if (!IsInt)
            {
                return Str.Length;
            }
            Span<byte> tmp = stackalloc byte[20];
            return Bytes(tmp).Length;
        }
    }

    public byte[] ToArray()
    {
        Span<byte> tmp = stackalloc byte[20];
        return Bytes(tmp).ToArray();
    }
}

/// <summary>
/// A minimal codec of Valkey's listpack format (<c>listpack.c</c>) for hashes: a 6-byte header (total bytes, element count),
/// elements (encoding, data, back-length) and a 0xFF terminator. Strings that are canonical integers are stored as
/// integers in the smallest encoding, as <c>lpAppend</c> does, so sizes match Valkey's byte for byte. Hash listpacks
/// hold field, value, field, value… The lists helper's general codec (DataTypes/Listpack.cs) may replace this one.
/// </summary>
internal static class HashListpack
{
    public const int HeaderSize = 6;
    public const int EmptySize = HeaderSize + 1;
    private const byte Eof = 0xFF;
    private const int UnknownCount = 65535;

    /// <summary>Writes an empty listpack (7 bytes) into <paramref name="dest"/>.</summary>
    public static void WriteEmpty(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(dest, EmptySize);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[4..], 0);
        dest[HeaderSize] = Eof;
    }

    public static int TotalBytes(ReadOnlySpan<byte> lp) => (int)BinaryPrimitives.ReadUInt32LittleEndian(lp);

    /// <summary>Number of elements (fields and values), walking the listpack when the header count saturated.</summary>
    public static int ElementCount(ReadOnlySpan<byte> lp)
    {
        int n = BinaryPrimitives.ReadUInt16LittleEndian(lp[4..]);
        if (n != UnknownCount)
        {
            return n;
        }
        n = 0;
        for (int p = HeaderSize; lp[p] != Eof; p = Skip(lp, p))
        {
            n++;
        }
        return n;
    }

    /// <summary>Rewrites the header for <paramref name="totalBytes"/> and <paramref name="elements"/>.</summary>
    public static void SetHeader(Span<byte> lp, int totalBytes, int elements)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(lp, (uint)totalBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(lp[4..], (ushort)Math.Min(elements, UnknownCount));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEnd(ReadOnlySpan<byte> lp, int p) => lp[p] == Eof;

    /// <summary>Position of the terminator.</summary>
    public static int End(ReadOnlySpan<byte> lp) => TotalBytes(lp) - 1;

    private static int BacklenSize(int l) => l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;

    private static int IntEncodingSize(long v) =>
        v is >= 0 and <= 127 ? 1 :
        v is >= -4096 and <= 4095 ? 2 :
        v is >= short.MinValue and <= short.MaxValue ? 3 :
        v is >= -8388608 and <= 8388607 ? 4 :
        v is >= int.MinValue and <= int.MaxValue ? 5 : 9;

    private static int StringEncodingSize(int len) => len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;

    /// <summary>Bytes the element takes in a listpack (encoding, data and back-length).</summary>
    public static int EncodedSize(ReadOnlySpan<byte> value)
    {
        int l = Numbers.TryParseInt64(value, out long v) ? IntEncodingSize(v) : StringEncodingSize(value.Length);
        return l + BacklenSize(l);
    }

    /// <summary>Bytes an integer element takes in a listpack.</summary>
    public static int EncodedSize(long value)
    {
        int l = IntEncodingSize(value);
        return l + BacklenSize(l);
    }

    /// <summary>Writes <paramref name="value"/> as one element at the start of <paramref name="dest"/>; returns its size.</summary>
    public static int Write(Span<byte> dest, ReadOnlySpan<byte> value)
    {
        if (Numbers.TryParseInt64(value, out long v))
        {
            return Write(dest, v);
        }
        int len = value.Length;
        int l;
        if (len < 64)
        {
            dest[0] = (byte)(0x80 | len);
            value.CopyTo(dest[1..]);
            l = 1 + len;
        }
        else if (len < 4096)
        {
            dest[0] = (byte)(0xE0 | (len >> 8));
            dest[1] = (byte)len;
            value.CopyTo(dest[2..]);
            l = 2 + len;
        }
        else
        {
            dest[0] = 0xF0;
            BinaryPrimitives.WriteUInt32LittleEndian(dest[1..], (uint)len);
            value.CopyTo(dest[5..]);
            l = 5 + len;
        }
        return l + WriteBacklen(dest[l..], l);
    }

    /// <summary>Writes an integer element; returns its size.</summary>
    public static int Write(Span<byte> dest, long v)
    {
        int l;
        if (v is >= 0 and <= 127)
        {
            dest[0] = (byte)v;
            l = 1;
        }
        else if (v is >= -4096 and <= 4095)
        {
            int u = v < 0 ? (1 << 13) + (int)v : (int)v;
            dest[0] = (byte)(0xC0 | (u >> 8));
            dest[1] = (byte)u;
            l = 2;
        }
        else if (v is >= short.MinValue and <= short.MaxValue)
        {
            dest[0] = 0xF1;
            BinaryPrimitives.WriteInt16LittleEndian(dest[1..], (short)v);
            l = 3;
        }
        else if (v is >= -8388608 and <= 8388607)
        {
            dest[0] = 0xF2;
            dest[1] = (byte)v;
            dest[2] = (byte)(v >> 8);
            dest[3] = (byte)(v >> 16);
            l = 4;
        }
        else if (v is >= int.MinValue and <= int.MaxValue)
        {
            dest[0] = 0xF3;
            BinaryPrimitives.WriteInt32LittleEndian(dest[1..], (int)v);
            l = 5;
        }
        else
        {
            dest[0] = 0xF4;
            BinaryPrimitives.WriteInt64LittleEndian(dest[1..], v);
            l = 9;
        }
        return l + WriteBacklen(dest[l..], l);
    }

    // Valkey's lpEncodeBacklen: the entry length in 7-bit groups, most significant first; every byte but the first has bit 7 set.
    private static int WriteBacklen(Span<byte> dest, int l)
    {
        int n = BacklenSize(l);
        for (int i = n - 1; i >= 0; i--)
        {
            dest[i] = (byte)((l & 127) | (i == 0 ? 0 : 128));
            l >>= 7;
        }
        return n;
    }

    /// <summary>Reads the element at <paramref name="p"/>; returns the position of the next one.</summary>
    public static int Read(ReadOnlySpan<byte> lp, int p, out LpElement element)
    {
        byte b = lp[p];
        int l;
        if (b < 0x80)
        {
            element = new LpElement(b);
            l = 1;
        }
        else if (b < 0xC0)
        {
            int len = b & 0x3F;
            element = new LpElement(lp.Slice(p + 1, len));
            l = 1 + len;
        }
        else if (b < 0xE0)
        {
            int u = ((b & 0x1F) << 8) | lp[p + 1];
            element = new LpElement(u >= 1 << 12 ? u - (1 << 13) : u);
            l = 2;
        }
        else if (b < 0xF0)
        {
            int len = ((b & 0x0F) << 8) | lp[p + 1];
            element = new LpElement(lp.Slice(p + 2, len));
            l = 2 + len;
        }
        else
        {
            switch (b)
            {
                case 0xF0:
                    int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(lp[(p + 1)..]);
                    element = new LpElement(lp.Slice(p + 5, len));
                    l = 5 + len;
                    break;
                case 0xF1:
                    element = new LpElement(BinaryPrimitives.ReadInt16LittleEndian(lp[(p + 1)..]));
                    l = 3;
                    break;
                case 0xF2:
                    int v24 = lp[p + 1] | (lp[p + 2] << 8) | (lp[p + 3] << 16);
                    element = new LpElement((v24 << 8) >> 8);
                    l = 4;
                    break;
                case 0xF3:
                    element = new LpElement(BinaryPrimitives.ReadInt32LittleEndian(lp[(p + 1)..]));
                    l = 5;
                    break;
                case 0xF4:
                    element = new LpElement(BinaryPrimitives.ReadInt64LittleEndian(lp[(p + 1)..]));
                    l = 9;
                    break;
                default:
                    throw new InvalidOperationException("Corrupt listpack.");
            }
        }
        return p + l + BacklenSize(l);
    }

    /// <summary>Position of the element after the one at <paramref name="p"/>.</summary>
    public static int Skip(ReadOnlySpan<byte> lp, int p) => Read(lp, p, out _);

    /// <summary>
    /// Position of the field equal to <paramref name="field"/> among the even elements (fields) of a hash listpack, or -1.
    /// An integer element equals the field when the field is that integer's canonical text (Valkey's <c>lpFind</c>).
    /// </summary>
    public static int FindField(ReadOnlySpan<byte> lp, ReadOnlySpan<byte> field)
    {
        bool fieldIsInt = Numbers.TryParseInt64(field, out long fieldInt);
        int p = HeaderSize;
        while (lp[p] != Eof)
        {
            int next = Read(lp, p, out var f);
            bool equal = f.IsInt ? fieldIsInt && f.Int == fieldInt : !fieldIsInt && f.Str.SequenceEqual(field);
            if (equal)
            {
                return p;
            }
            p = Skip(lp, next);
        }
        return -1;
    }
}
