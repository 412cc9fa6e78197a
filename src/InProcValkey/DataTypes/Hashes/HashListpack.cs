using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace InProcValkey.DataTypes.Hashes;

/// <summary>A listpack entry's text: integers formatted as Valkey's <c>ll2string</c> into a caller's scratch (20 bytes).</summary>
internal static class ListpackEntryText
{
    public static ReadOnlySpan<byte> AsText(this ListpackEntry e, Span<byte> scratch)
    {
        if (!e.IsInteger)
        {
            return e.Bytes;
        }
        Utf8Formatter.TryFormat(e.Integer, scratch, out int n);
        return scratch[..n];
    }
}

/// <summary>
/// A hash's view of the shared listpack codec (<see cref="Listpack"/>, Valkey's format): fields and values alternate,
/// field, value, field, value…, so sizes match Valkey's byte for byte. Positions are byte offsets.
/// </summary>
internal static class HashListpack
{
    public const int HeaderSize = Listpack.HeaderSize;
    public const int EmptySize = Listpack.EmptySize;

    /// <summary>Number of elements (fields and values).</summary>
    public static int ElementCount(ReadOnlySpan<byte> lp) => Listpack.Count(lp);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEnd(ReadOnlySpan<byte> lp, int p) => lp[p] == Listpack.Eof;

    /// <summary>Reads the element at <paramref name="p"/>; returns the position of the next one (or of the terminator).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read(ReadOnlySpan<byte> lp, int p, out ListpackEntry element)
    {
        element = Listpack.Get(lp, p);
        return p + Listpack.EntrySizeAt(lp, p);
    }

    /// <summary>Position of the element after the one at <paramref name="p"/> (or of the terminator).</summary>
    public static int Skip(ReadOnlySpan<byte> lp, int p) => p + Listpack.EntrySizeAt(lp, p);

    /// <summary>Bytes <paramref name="value"/> takes as a listpack entry.</summary>
    public static int EncodedSize(ReadOnlySpan<byte> value) => Listpack.EntrySize(value);

    /// <summary>
    /// Position of the field equal to <paramref name="field"/> among the fields (even elements), or -1: Valkey's
    /// <c>lpFind</c> with skip 1, comparing an integer entry with the field's integer value.
    /// </summary>
    public static int FindField(ReadOnlySpan<byte> lp, ReadOnlySpan<byte> field) =>
        Listpack.Find(lp, Listpack.First(lp), field, skip: 1);
}
