using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;

namespace InProcValkey.DataTypes;

/// <summary>
/// One listpack entry as read: either an integer or a byte string (which aliases the listpack's bytes).
/// </summary>
internal readonly ref struct ListpackEntry
{
    /// <summary>The string bytes when <see cref="IsInteger"/> is false.</summary>
    public readonly ReadOnlySpan<byte> Bytes;
    /// <summary>The value when <see cref="IsInteger"/> is true.</summary>
    public readonly long Integer;
    /// <summary>Whether the entry is integer-encoded.</summary>
    public readonly bool IsInteger;

    public ListpackEntry(long value)
    {
        Integer = value;
        IsInteger = true;
        Bytes = default;
    }

    public ListpackEntry(ReadOnlySpan<byte> bytes)
    {
        Bytes = bytes;
        Integer = 0;
        IsInteger = false;
    }

    /// <summary>Length of the entry's value as a string (an integer's decimal length).</summary>
    public int Length => IsInteger ? Listpack.DecimalLength(Integer) : Bytes.Length;

    /// <summary>Writes the value as bytes (an integer in decimal) into <paramref name="dst"/>; returns the length written.</summary>
    public int CopyTo(Span<byte> dst)
    {
        if (!IsInteger)
        {
            Bytes.CopyTo(dst);
            return Bytes.Length;
        }
        Utf8Formatter.TryFormat(Integer, dst, out int n);
        return n;
    }

    /// <summary>The value as a new byte array (an integer in decimal).</summary>
    public byte[] ToArray()
    {
        if (!IsInteger) return Bytes.ToArray();
        Span<byte> tmp = stackalloc byte[20];
        Utf8Formatter.TryFormat(Integer, tmp, out int n);
        return tmp[..n].ToArray();
    }

    /// <summary>Whether the entry equals <paramref name="value"/> as Valkey's <c>lpCompare</c> does (string equality of the canonical forms).</summary>
    public bool ValueEquals(ReadOnlySpan<byte> value)
    {
        if (!IsInteger) return Bytes.SequenceEqual(value);
        return Listpack.TryParseInteger(value, out long v) && v == Integer;
    }
}

/// <summary>
/// Valkey's listpack format over a byte span: a 6-byte header (total bytes as uint32 LE, element count as
/// uint16 LE, 65535 meaning "unknown, walk"), entries (encoding byte(s) + data + backlen) and a 0xFF terminator.
/// Strings that are canonical integers are stored integer-encoded, as <c>lpInsert</c> does, so sizes match redis.
/// Positions are byte offsets into the listpack. Mutations work in place inside a caller-supplied span whose
/// length is the capacity; the caller guarantees room (<see cref="TotalBytes"/> + <see cref="EntrySize(ReadOnlySpan{byte})"/>).
/// </summary>
internal static class Listpack
{
    /// <summary>Header size: total bytes (4) + count (2).</summary>
    public const int HeaderSize = 6;
    /// <summary>The terminator byte.</summary>
    public const byte Eof = 0xFF;
    /// <summary>Size of an empty listpack (header + terminator).</summary>
    public const int EmptySize = HeaderSize + 1;
    /// <summary>Count value meaning "unknown".</summary>
    private const int CountUnknown = 65535;

    private const byte Enc7BitUint = 0x00;     // 0xxxxxxx
    private const byte Enc6BitStr = 0x80;      // 10xxxxxx
    private const byte Enc13BitInt = 0xC0;     // 110xxxxx
    private const byte Enc12BitStr = 0xE0;     // 1110xxxx
    private const byte Enc32BitStr = 0xF0;
    private const byte Enc16BitInt = 0xF1;
    private const byte Enc24BitInt = 0xF2;
    private const byte Enc32BitInt = 0xF3;
    private const byte Enc64BitInt = 0xF4;

    // ---- header ------------------------------------------------------------------------------------------

    /// <summary>Writes an empty listpack at the start of <paramref name="lp"/>; returns its size.</summary>
    public static int InitEmpty(Span<byte> lp)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(lp, EmptySize);
        BinaryPrimitives.WriteUInt16LittleEndian(lp[4..], 0);
        lp[HeaderSize] = Eof;
        return EmptySize;
    }

    /// <summary>A new empty listpack array.</summary>
    public static byte[] NewEmpty()
    {
        var lp = new byte[EmptySize];
        InitEmpty(lp);
        return lp;
    }

    /// <summary>Total bytes recorded in the header.</summary>
    public static int TotalBytes(ReadOnlySpan<byte> lp) => (int)BinaryPrimitives.ReadUInt32LittleEndian(lp);

    /// <summary>Number of entries (walks when the header says unknown).</summary>
    public static int Count(ReadOnlySpan<byte> lp)
    {
        int c = BinaryPrimitives.ReadUInt16LittleEndian(lp[4..]);
        if (c != CountUnknown) return c;
        int n = 0;
        for (int p = First(lp); p >= 0; p = Next(lp, p)) n++;
        return n;
    }

    /// <summary>Whether the listpack has no entries.</summary>
    public static bool IsEmpty(ReadOnlySpan<byte> lp) => lp[HeaderSize] == Eof;

    private static void SetTotal(Span<byte> lp, int total) => BinaryPrimitives.WriteUInt32LittleEndian(lp, (uint)total);

    private static void AdjustCount(Span<byte> lp, int delta)
    {
        int c = BinaryPrimitives.ReadUInt16LittleEndian(lp[4..]);
        if (c == CountUnknown)
        {
            // Recount lazily only when it may fit again (as Valkey does after deletions).
            if (delta < 0)
            {
                int n = Count(lp);
                if (n < CountUnknown) BinaryPrimitives.WriteUInt16LittleEndian(lp[4..], (ushort)n);
            }
            return;
        }
        int nc = c + delta;
        BinaryPrimitives.WriteUInt16LittleEndian(lp[4..], (ushort)(nc >= CountUnknown ? CountUnknown : nc));
    }

    // ---- navigation ---------------------------------------------------------------------------------------

    /// <summary>Offset of the first entry, or -1 when empty.</summary>
    public static int First(ReadOnlySpan<byte> lp) => lp[HeaderSize] == Eof ? -1 : HeaderSize;

    /// <summary>Offset of the last entry, or -1 when empty.</summary>
    public static int Last(ReadOnlySpan<byte> lp)
    {
        int eof = TotalBytes(lp) - 1;
        return eof == HeaderSize ? -1 : PrevFrom(lp, eof);
    }

    /// <summary>Offset of the terminator (where an append inserts).</summary>
    public static int EofOffset(ReadOnlySpan<byte> lp) => TotalBytes(lp) - 1;

    /// <summary>Offset of the entry after the one at <paramref name="p"/>, or -1 at the end.</summary>
    public static int Next(ReadOnlySpan<byte> lp, int p)
    {
        int n = p + EntrySizeAt(lp, p);
        return lp[n] == Eof ? -1 : n;
    }

    /// <summary>Offset of the entry before the one at <paramref name="p"/>, or -1 at the start.</summary>
    public static int Prev(ReadOnlySpan<byte> lp, int p) => p == HeaderSize ? -1 : PrevFrom(lp, p);

    private static int PrevFrom(ReadOnlySpan<byte> lp, int p)
    {
        // p points just after the previous entry's backlen.
        int q = p - 1;
        long len = 0;
        int shift = 0;
        while (true)
        {
            byte b = lp[q];
            len |= (long)(b & 127) << shift;
            if ((b & 128) == 0) break;
            shift += 7;
            q--;
        }
        return p - (int)len - BacklenSize((int)len);
    }

    /// <summary>Offset of the entry at <paramref name="index"/> (negative counts from the end), or -1 when out of range.</summary>
    public static int Seek(ReadOnlySpan<byte> lp, long index)
    {
        int count = Count(lp);
        if (index < 0) index += count;
        if (index < 0 || index >= count) return -1;
        if (index <= count / 2)
        {
            int p = HeaderSize;
            for (long i = 0; i < index; i++) p += EntrySizeAt(lp, p);
            return p;
        }
        int q = EofOffset(lp);
        for (long i = count; i > index; i--) q = PrevFrom(lp, q);
        return q;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /// <summary>Reads the entry at <paramref name="p"/>.</summary>
    public static ListpackEntry Get(ReadOnlySpan<byte> lp, int p)
    {
        byte b = lp[p];
        if (b < 0x80) return new ListpackEntry(b);
        if ((b & 0xC0) == Enc6BitStr) return new ListpackEntry(lp.Slice(p + 1, b & 0x3F));
        if ((b & 0xE0) == Enc13BitInt)
        {
            int v = ((b & 0x1F) << 8) | lp[p + 1];
            if (v >= 1 << 12) v -= 1 << 13;
            return new ListpackEntry(v);
        }
        if ((b & 0xF0) == Enc12BitStr) return new ListpackEntry(lp.Slice(p + 2, ((b & 0x0F) << 8) | lp[p + 1]));
        switch (b)
        {
            case Enc16BitInt: return new ListpackEntry(BinaryPrimitives.ReadInt16LittleEndian(lp[(p + 1)..]));
            case Enc24BitInt:
                {
                    int v = lp[p + 1] | (lp[p + 2] << 8) | (lp[p + 3] << 16);
                    if ((v & 0x800000) != 0) v -= 1 << 24;
                    return new ListpackEntry(v);
                }
            case Enc32BitInt: return new ListpackEntry(BinaryPrimitives.ReadInt32LittleEndian(lp[(p + 1)..]));
            case Enc64BitInt: return new ListpackEntry(BinaryPrimitives.ReadInt64LittleEndian(lp[(p + 1)..]));
            case Enc32BitStr:
                {
                    int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(lp[(p + 1)..]);
                    return new ListpackEntry(lp.Slice(p + 5, len));
                }
            default: throw new InvalidOperationException("corrupt listpack");
        }
    }

    /// <summary>Full size (encoding + data + backlen) of the entry at <paramref name="p"/>.</summary>
    public static int EntrySizeAt(ReadOnlySpan<byte> lp, int p)
    {
        int l = EncodedLengthAt(lp, p);
        return l + BacklenSize(l);
    }

    private static int EncodedLengthAt(ReadOnlySpan<byte> lp, int p)
    {
        byte b = lp[p];
        if (b < 0x80) return 1;
        if ((b & 0xC0) == Enc6BitStr) return 1 + (b & 0x3F);
        if ((b & 0xE0) == Enc13BitInt) return 2;
        if ((b & 0xF0) == Enc12BitStr) return 2 + (((b & 0x0F) << 8) | lp[p + 1]);
        return b switch
        {
            Enc16BitInt => 3,
            Enc24BitInt => 4,
            Enc32BitInt => 5,
            Enc64BitInt => 9,
            Enc32BitStr => 5 + (int)BinaryPrimitives.ReadUInt32LittleEndian(lp[(p + 1)..]),
            _ => throw new InvalidOperationException("corrupt listpack"),
        };
    }

    /// <summary>Offset of the first entry at or after <paramref name="p"/> (stepping <paramref name="skip"/> entries
    /// between comparisons, as <c>lpFind</c>) equal to <paramref name="value"/>, or -1.</summary>
    public static int Find(ReadOnlySpan<byte> lp, int p, ReadOnlySpan<byte> value, int skip = 0)
    {
        bool isInt = TryParseInteger(value, out long iv);
        while (p >= 0)
        {
            var e = Get(lp, p);
            if (e.IsInteger ? isInt && e.Integer == iv : !isInt && e.Bytes.SequenceEqual(value)) return p;
            for (int i = 0; i <= skip && p >= 0; i++) p = Next(lp, p);
        }
        return -1;
    }

    // ---- encoding -----------------------------------------------------------------------------------------

    /// <summary>Parses a canonical integer as Valkey's <c>lpStringToInt64</c>/<c>string2ll</c>: no sign but '-', no leading zeros, no "-0", fits in long.</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> s, out long value) => Numbers.TryParseInt64(s, out value);

    /// <summary>Length of <paramref name="v"/> in decimal (with the sign).</summary>
    public static int DecimalLength(long v)
    {
        if (v == long.MinValue) return 20;
        int n = v < 0 ? 2 : 1;
        ulong u = (ulong)(v < 0 ? -v : v);
        while (u >= 10) { u /= 10; n++; }
        return n;
    }

    /// <summary>Bytes of a backlen for an entry whose encoding + data take <paramref name="l"/> bytes.</summary>
    public static int BacklenSize(int l) => l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;

    private static int IntEncodedLength(long v) =>
        v >= 0 && v <= 127 ? 1 :
        v >= -4096 && v <= 4095 ? 2 :
        v >= short.MinValue && v <= short.MaxValue ? 3 :
        v >= -8388608 && v <= 8388607 ? 4 :
        v >= int.MinValue && v <= int.MaxValue ? 5 : 9;

    private static int StrEncodedLength(int len) => len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;

    /// <summary>Full entry size (with backlen) that <paramref name="value"/> takes (integer-encoded when canonical).</summary>
    public static int EntrySize(ReadOnlySpan<byte> value)
    {
        int l = TryParseInteger(value, out long v) ? IntEncodedLength(v) : StrEncodedLength(value.Length);
        return l + BacklenSize(l);
    }

    /// <summary>Full entry size (with backlen) of the integer <paramref name="value"/>.</summary>
    public static int EntrySize(long value)
    {
        int l = IntEncodedLength(value);
        return l + BacklenSize(l);
    }

    private static int WriteInt(Span<byte> dst, long v)
    {
        int l = IntEncodedLength(v);
        switch (l)
        {
            case 1: dst[0] = (byte)v; break;
            case 2:
                {
                    int u = v < 0 ? (int)((1 << 13) + v) : (int)v;
                    dst[0] = (byte)((u >> 8) | Enc13BitInt);
                    dst[1] = (byte)u;
                    break;
                }
            case 3: dst[0] = Enc16BitInt; BinaryPrimitives.WriteInt16LittleEndian(dst[1..], (short)v); break;
            case 4:
                dst[0] = Enc24BitInt;
                dst[1] = (byte)v;
                dst[2] = (byte)(v >> 8);
                dst[3] = (byte)(v >> 16);
                break;
            case 5: dst[0] = Enc32BitInt; BinaryPrimitives.WriteInt32LittleEndian(dst[1..], (int)v); break;
            default: dst[0] = Enc64BitInt; BinaryPrimitives.WriteInt64LittleEndian(dst[1..], v); break;
        }
        return l + WriteBacklen(dst[l..], l);
    }

    private static int WriteStr(Span<byte> dst, ReadOnlySpan<byte> s)
    {
        int len = s.Length;
        int h;
        if (len < 64) { dst[0] = (byte)(Enc6BitStr | len); h = 1; }
        else if (len < 4096) { dst[0] = (byte)(Enc12BitStr | (len >> 8)); dst[1] = (byte)len; h = 2; }
        else { dst[0] = Enc32BitStr; BinaryPrimitives.WriteUInt32LittleEndian(dst[1..], (uint)len); h = 5; }
        s.CopyTo(dst[h..]);
        int l = h + len;
        return l + WriteBacklen(dst[l..], l);
    }

    private static int WriteBacklen(Span<byte> dst, int l)
    {
        int n = BacklenSize(l);
        // Most significant 7-bit group first without the continuation bit; later groups carry bit 7.
        for (int i = n - 1, shift = 0; i >= 0; i--, shift += 7)
        {
            byte b = (byte)((l >> shift) & 127);
            dst[i] = i == 0 ? b : (byte)(b | 128);
        }
        return n;
    }

    /// <summary>Encodes <paramref name="value"/> as a complete entry into <paramref name="dst"/>; returns its size.</summary>
    public static int WriteEntry(Span<byte> dst, ReadOnlySpan<byte> value) =>
        TryParseInteger(value, out long v) ? WriteInt(dst, v) : WriteStr(dst, value);

    // ---- mutation (in place; lp.Length is the capacity) ----------------------------------------------------

    /// <summary>Inserts <paramref name="value"/> before the entry at <paramref name="p"/> (or at the end when
    /// <paramref name="p"/> is the terminator's offset). Returns the new total size; the new entry is at <paramref name="p"/>.</summary>
    public static int Insert(Span<byte> lp, int p, ReadOnlySpan<byte> value)
    {
        int total = TotalBytes(lp);
        int size = EntrySize(value);
        Debug.Assert(lp.Length >= total + size);
        lp[p..total].CopyTo(lp[(p + size)..]);
        WriteEntry(lp[p..], value);
        SetTotal(lp, total + size);
        AdjustCount(lp, 1);
        return total + size;
    }

    /// <summary>Inserts an integer entry before the entry at <paramref name="p"/> (see <see cref="Insert(Span{byte}, int, ReadOnlySpan{byte})"/>).</summary>
    public static int InsertInteger(Span<byte> lp, int p, long value)
    {
        int total = TotalBytes(lp);
        int size = EntrySize(value);
        Debug.Assert(lp.Length >= total + size);
        lp[p..total].CopyTo(lp[(p + size)..]);
        WriteInt(lp[p..], value);
        SetTotal(lp, total + size);
        AdjustCount(lp, 1);
        return total + size;
    }

    /// <summary>Appends <paramref name="value"/>; returns the new total size.</summary>
    public static int Append(Span<byte> lp, ReadOnlySpan<byte> value) => Insert(lp, EofOffset(lp), value);

    /// <summary>Prepends <paramref name="value"/>; returns the new total size.</summary>
    public static int Prepend(Span<byte> lp, ReadOnlySpan<byte> value) => Insert(lp, HeaderSize, value);

    /// <summary>Deletes the entry at <paramref name="p"/>; returns the new total size. The next entry (if any) is now at <paramref name="p"/>.</summary>
    public static int Delete(Span<byte> lp, int p) => DeleteRange(lp, p, 1);

    /// <summary>Deletes up to <paramref name="count"/> entries starting at <paramref name="p"/>; returns the new total size.</summary>
    public static int DeleteRange(Span<byte> lp, int p, int count)
    {
        int total = TotalBytes(lp);
        int end = p;
        int removed = 0;
        while (removed < count && lp[end] != Eof)
        {
            end += EntrySizeAt(lp, end);
            removed++;
        }
        lp[end..total].CopyTo(lp[p..]);
        int nt = total - (end - p);
        SetTotal(lp, nt);
        AdjustCount(lp, -removed);
        return nt;
    }

    /// <summary>Replaces the entry at <paramref name="p"/> by <paramref name="value"/>; returns the new total size.
    /// Room needed: total - old entry size + <see cref="EntrySize(ReadOnlySpan{byte})"/>.</summary>
    public static int Replace(Span<byte> lp, int p, ReadOnlySpan<byte> value)
    {
        int total = TotalBytes(lp);
        int oldSize = EntrySizeAt(lp, p);
        int newSize = EntrySize(value);
        Debug.Assert(lp.Length >= total - oldSize + newSize);
        if (newSize != oldSize) lp[(p + oldSize)..total].CopyTo(lp[(p + newSize)..]);
        WriteEntry(lp[p..], value);
        int nt = total - oldSize + newSize;
        SetTotal(lp, nt);
        return nt;
    }

    /// <summary>Builds a listpack of <paramref name="values"/> into a new exact-size array.</summary>
    public static byte[] FromValues(IEnumerable<byte[]> values)
    {
        var list = values as IReadOnlyCollection<byte[]> ?? values.ToList();
        int size = EmptySize;
        foreach (var v in list) size += EntrySize(v);
        var lp = new byte[size];
        InitEmpty(lp);
        int p = HeaderSize;
        foreach (var v in list) p += WriteEntry(lp.AsSpan(p), v);
        lp[p] = Eof;
        SetTotal(lp, size);
        BinaryPrimitives.WriteUInt16LittleEndian(lp.AsSpan(4), (ushort)Math.Min(list.Count, CountUnknown));
        return lp;
    }

    /// <summary>Writes the concatenation of listpacks <paramref name="a"/> then <paramref name="b"/> into <paramref name="dst"/>
    /// (which needs <c>TotalBytes(a) + TotalBytes(b) - 7</c> bytes); returns the new total size.</summary>
    public static int Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> dst)
    {
        int ta = TotalBytes(a);
        int tb = TotalBytes(b);
        a[..(ta - 1)].CopyTo(dst);
        b[HeaderSize..tb].CopyTo(dst[(ta - 1)..]);
        int total = ta + tb - EmptySize;
        SetTotal(dst, total);
        int ca = BinaryPrimitives.ReadUInt16LittleEndian(a[4..]);
        int cb = BinaryPrimitives.ReadUInt16LittleEndian(b[4..]);
        int c = ca == CountUnknown || cb == CountUnknown ? CountUnknown : Math.Min(ca + cb, CountUnknown);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[4..], (ushort)c);
        if (c == CountUnknown)
        {
            int n = Count(dst);
            if (n < CountUnknown) BinaryPrimitives.WriteUInt16LittleEndian(dst[4..], (ushort)n);
        }
        return total;
    }
}
