using System.Buffers.Binary;

namespace InProcValkey.DataTypes.Sets;

/// <summary>
/// A sorted array of distinct integers, stored inline in a set's entry (Valkey's <c>intset</c>, <c>src/intset.c</c>): one
/// byte giving the element width (2, 4 or 8 bytes, the smallest that holds every element, as Valkey's intset encodings),
/// then the elements little-endian in ascending order. The count follows from the length, so the header is 1 byte
/// instead of Valkey's 8. An empty intset is the single width byte. Elements only ever widen, as in Valkey.
/// </summary>
internal static class Intset
{
    public const int HeaderSize = 1;

    /// <summary>The bytes of an empty intset.</summary>
    public static void WriteEmpty(Span<byte> data) => data[0] = 2;

    public static int Width(ReadOnlySpan<byte> data) => data[0];

    public static int Count(ReadOnlySpan<byte> data) => (data.Length - HeaderSize) / data[0];

    /// <summary>The smallest width (2, 4, 8) that holds <paramref name="v"/> (Valkey's <c>_intsetValueEncoding</c>).</summary>
    public static int WidthOf(long v) => v is < int.MinValue or > int.MaxValue ? 8 : v is < short.MinValue or > short.MaxValue ? 4 : 2;

    public static long Get(ReadOnlySpan<byte> data, int index)
    {
        int w = data[0];
        var p = data.Slice(HeaderSize + index * w, w);
        return w switch
        {
            2 => BinaryPrimitives.ReadInt16LittleEndian(p),
            4 => BinaryPrimitives.ReadInt32LittleEndian(p),
            _ => BinaryPrimitives.ReadInt64LittleEndian(p),
        };
    }

    private static void Put(Span<byte> data, int width, int index, long v)
    {
        var p = data.Slice(HeaderSize + index * width, width);
        switch (width)
        {
            case 2:
                BinaryPrimitives.WriteInt16LittleEndian(p, (short)v);
                break;
            case 4:
                BinaryPrimitives.WriteInt32LittleEndian(p, (int)v);
                break;
            default:
                BinaryPrimitives.WriteInt64LittleEndian(p, v);
                break;
        }
    }

    public static long Min(ReadOnlySpan<byte> data) => Get(data, 0);

    public static long Max(ReadOnlySpan<byte> data) => Get(data, Count(data) - 1);

    /// <summary>Binary search: the index of <paramref name="v"/>, or the bitwise complement of its insertion point.</summary>
    public static int Search(ReadOnlySpan<byte> data, long v)
    {
        int w = data[0];
        if (WidthOf(v) > w)
        {
            return v < 0 ? ~0 : ~Count(data);
        }
        int lo = 0, hi = Count(data) - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long m = Get(data, mid);
            if (m < v)
            {
                lo = mid + 1;
            }
            else if (m > v)
            {
                hi = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return ~lo;
    }

    public static bool Contains(ReadOnlySpan<byte> data, long v) => Search(data, v) >= 0;

    /// <summary>Length in bytes after inserting a value not present (<see cref="Search"/> returned a complement).</summary>
    public static int LengthAfterInsert(ReadOnlySpan<byte> data, long v)
    {
        int w = Math.Max(data[0], WidthOf(v));
        return HeaderSize + (Count(data) + 1) * w;
    }

    /// <summary>
    /// Writes <paramref name="source"/> with <paramref name="v"/> inserted at <paramref name="position"/> (from
    /// <see cref="Search"/>'s complement) into <paramref name="target"/> of <see cref="LengthAfterInsert"/> bytes.
    /// <paramref name="target"/> may be <paramref name="source"/>'s own storage grown in place.
    /// </summary>
    public static void Insert(ReadOnlySpan<byte> source, int position, long v, Span<byte> target)
    {
        int n = Count(source);
        int oldWidth = source[0];
        int w = Math.Max(oldWidth, WidthOf(v));
        if (w == oldWidth)
        {
            // Same width: shift the tail up by one element (overlapping copy is safe with Span.CopyTo).
            source.Slice(HeaderSize + position * w, (n - position) * w).CopyTo(target[(HeaderSize + (position + 1) * w)..]);
            if (!source.Overlaps(target))
            {
                source.Slice(0, HeaderSize + position * w).CopyTo(target);
            }
            Put(target, w, position, v);
            return;
        }
        // Upgrade: a wider value is smaller or larger than every element (Valkey's intsetUpgradeAndAdd). Copy from the end.
        bool prepend = v < 0;
        for (int i = n - 1; i >= 0; i--)
        {
            Put(target, w, i + (prepend ? 1 : 0), GetWithWidth(source, oldWidth, i));
        }
        target[0] = (byte)w;
        Put(target, w, prepend ? 0 : n, v);
    }

    private static long GetWithWidth(ReadOnlySpan<byte> data, int w, int index)
    {
        var p = data.Slice(HeaderSize + index * w, w);
        return w switch
        {
            2 => BinaryPrimitives.ReadInt16LittleEndian(p),
            4 => BinaryPrimitives.ReadInt32LittleEndian(p),
            _ => BinaryPrimitives.ReadInt64LittleEndian(p),
        };
    }

    /// <summary>Removes the element at <paramref name="index"/> in place; returns the new length.</summary>
    public static int RemoveAt(Span<byte> data, int index)
    {
        int w = data[0];
        int n = Count(data);
        data.Slice(HeaderSize + (index + 1) * w, (n - index - 1) * w).CopyTo(data[(HeaderSize + index * w)..]);
        return HeaderSize + (n - 1) * w;
    }

    /// <summary>Builds an intset of <paramref name="values"/> (sorted ascending, distinct) into a new array.</summary>
    public static byte[] FromSorted(ReadOnlySpan<long> values)
    {
        int w = 2;
        if (values.Length > 0)
        {
            w = Math.Max(WidthOf(values[0]), WidthOf(values[^1]));
        }
        var data = new byte[HeaderSize + values.Length * w];
        data[0] = (byte)w;
        for (int i = 0; i < values.Length; i++)
        {
            Put(data, w, i, values[i]);
        }
        return data;
    }
}
