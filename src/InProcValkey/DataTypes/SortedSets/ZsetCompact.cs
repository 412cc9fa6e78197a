using System.Buffers;
using System.Buffers.Binary;

namespace InProcValkey.DataTypes.SortedSets;

/// <summary>
/// The compact encoding of a small sorted set, stored inline in the key's entry (OBJECT ENCODING <c>listpack</c>): the
/// pairs in (score, member) order, each <c>[member length, varint][member][score, 8 bytes][entry length, reverse varint]</c>
/// after a 4-byte pair count, so it can be walked both ways without an index, as Valkey's listpack is.
/// Scores are stored as Valkey 7.2's listpack stores them: an integral score (including -0) comes back as the integer.
/// </summary>
internal static class ZsetCompact
{
    public const int Header = 4;

    public static int Count(ReadOnlySpan<byte> d) => BinaryPrimitives.ReadInt32LittleEndian(d);

    public static void SetCount(Span<byte> d, int count) => BinaryPrimitives.WriteInt32LittleEndian(d, count);

    private static int VarSize(int v) => v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;

    /// <summary>Bytes one pair with a member of <paramref name="memberLength"/> bytes takes.</summary>
    public static int EntrySize(int memberLength)
    {
        int n = VarSize(memberLength) + memberLength + 8;
        return n + VarSize(n);
    }

    /// <summary>Valkey 7.2 keeps integral scores as listpack integers (<c>double2ll</c>), so -0 reads back as 0.</summary>
    public static double Normalize(double score) => score == 0 ? 0.0 : score;

    /// <summary>Writes one pair at the start of <paramref name="dest"/>; returns its size.</summary>
    public static int Write(Span<byte> dest, ReadOnlySpan<byte> member, double score)
    {
        int p = 0;
        uint len = (uint)member.Length;
        while (len >= 0x80)
        {
            dest[p++] = (byte)(len | 0x80);
            len >>= 7;
        }
        dest[p++] = (byte)len;
        member.CopyTo(dest[p..]);
        p += member.Length;
        BinaryPrimitives.WriteDoubleLittleEndian(dest[p..], Normalize(score));
        p += 8;
        int n = p;
        int size = VarSize(n);
        // Reverse varint: lowest group last, every byte but the first flagged "more to the left".
        uint v = (uint)n;
        for (int i = size - 1; i >= 0; i--)
        {
            dest[p + i] = (byte)((v & 0x7Fu) | (i == 0 ? 0u : 0x80u));
            v >>= 7;
        }
        return p + size;
    }

    /// <summary>Reads the pair at <paramref name="offset"/>; returns the offset of the next one.</summary>
    public static int Read(ReadOnlySpan<byte> d, int offset, out ReadOnlySpan<byte> member, out double score)
    {
        int p = offset;
        uint len = 0;
        int shift = 0;
        byte b;
        do
        {
            b = d[p++];
            len |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        member = d.Slice(p, (int)len);
        p += (int)len;
        score = BinaryPrimitives.ReadDoubleLittleEndian(d[p..]);
        p += 8;
        int n = p - offset;
        return p + VarSize(n);
    }

    /// <summary>The offset of the pair before the one at <paramref name="offset"/> (or before the end), or -1 at the first.</summary>
    public static int Prev(ReadOnlySpan<byte> d, int offset)
    {
        if (offset <= Header)
        {
            return -1;
        }
        int p = offset - 1;
        uint v = 0;
        int shift = 0;
        int size = 0;
        while (true)
        {
            byte b = d[p];
            v |= (uint)(b & 0x7F) << shift;
            shift += 7;
            size++;
            if ((b & 0x80) == 0)
            {
                break;
            }
            p--;
        }
        return offset - size - (int)v;
    }

    /// <summary>The end of the used bytes (after the last pair): walks the pairs.</summary>
    public static int End(ReadOnlySpan<byte> d)
    {
        int n = Count(d);
        int off = Header;
        for (int i = 0; i < n; i++)
        {
            off = Read(d, off, out _, out _);
        }
        return off;
    }

    /// <summary>Finds a member: its offset (and score), or -1.</summary>
    public static int Find(ReadOnlySpan<byte> d, ReadOnlySpan<byte> member, out double score, out int rank)
    {
        int n = Count(d);
        int off = Header;
        for (int i = 0; i < n; i++)
        {
            int next = Read(d, off, out var m, out double s);
            if (m.SequenceEqual(member))
            {
                score = s;
                rank = i;
                return off;
            }
            off = next;
        }
        score = 0;
        rank = -1;
        return -1;
    }

    /// <summary>The offset of the pair at <paramref name="rank"/> (walking from the nearer end).</summary>
    public static int Seek(ReadOnlySpan<byte> d, int rank, int end)
    {
        int n = Count(d);
        if (rank <= n / 2)
        {
            int off = Header;
            for (int i = 0; i < rank; i++)
            {
                off = Read(d, off, out _, out _);
            }
            return off;
        }
        int o = end;
        for (int i = n; i > rank; i--)
        {
            o = Prev(d, o);
        }
        return o;
    }
}

/// <summary>
/// A compact sorted set being changed: its bytes copied into a pooled buffer, edited in place, then written back to the
/// entry by the caller. Never holds more than the configured listpack limits (the caller converts before).
/// </summary>
internal sealed class ZsetCompactEditor : IDisposable
{
    private byte[] _buf;

    public ZsetCompactEditor(ReadOnlySpan<byte> data)
    {
        _buf = ArrayPool<byte>.Shared.Rent(Math.Max(64, data.Length * 2));
        if (data.Length == 0)
        {
            ZsetCompact.SetCount(_buf, 0);
            Length = ZsetCompact.Header;
        }
        else
        {
            data.CopyTo(_buf);
            Length = ZsetCompact.End(data);
        }
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Data => _buf.AsSpan(0, Length);

    public int Count => ZsetCompact.Count(_buf);

    private void Ensure(int extra)
    {
        if (Length + extra <= _buf.Length)
        {
            return;
        }
        var n = ArrayPool<byte>.Shared.Rent(Math.Max(_buf.Length * 2, Length + extra));
        _buf.AsSpan(0, Length).CopyTo(n);
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = n;
    }

    /// <summary>Inserts a pair whose member is not present, keeping the (score, member) order.</summary>
    public void Insert(ReadOnlySpan<byte> member, double score)
    {
        score = ZsetCompact.Normalize(score);
        int n = Count;
        int off = ZsetCompact.Header;
        for (int i = 0; i < n; i++)
        {
            int next = ZsetCompact.Read(_buf, off, out var m, out double s);
            if (ZsetTree.Compare(s, m, score, member) > 0)
            {
                break;
            }
            off = next;
        }
        int size = ZsetCompact.EntrySize(member.Length);
        Ensure(size);
        _buf.AsSpan(off, Length - off).CopyTo(_buf.AsSpan(off + size));
        ZsetCompact.Write(_buf.AsSpan(off), member, score);
        Length += size;
        ZsetCompact.SetCount(_buf, n + 1);
    }

    /// <summary>Removes the pairs from offset <paramref name="from"/> to <paramref name="to"/> (<paramref name="count"/> pairs).</summary>
    public void RemoveRange(int from, int to, int count)
    {
        _buf.AsSpan(to, Length - to).CopyTo(_buf.AsSpan(from));
        Length -= to - from;
        ZsetCompact.SetCount(_buf, Count - count);
    }

    /// <summary>Removes a member; returns whether it was there.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        int off = ZsetCompact.Find(Data, member, out _, out _);
        if (off < 0)
        {
            return false;
        }
        int next = ZsetCompact.Read(_buf, off, out _, out _);
        RemoveRange(off, next, 1);
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }
}
