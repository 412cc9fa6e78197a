using System.Text;

namespace InProcValkey.MemoryBench;

/// <summary>
/// The keys and values both stores load: <c>key:0000001</c>… ({KeySize} bytes) with 16-byte values <c>val:000000000001</c>…
/// (not integers, so Valkey stores them as strings, not as its <c>int</c> encoding). Written into caller buffers
/// so that building them allocates nothing that would be counted.
/// </summary>
internal static class Dataset
{
    public const int ValueSize = 16;
    public const int KeySize = 11;
    public const int PayloadBytes = KeySize + ValueSize;
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3600);

    /// <summary>Writes key number <paramref name="i"/> (1-based) into <paramref name="destination"/>; returns its length.</summary>
    public static int Key(int i, Span<byte> destination)
    {
        "key:"u8.CopyTo(destination);
        i.TryFormat(destination[4..], out int written, "D7");
        return 4 + written;
    }

    /// <summary>Writes the 16-byte value of key <paramref name="i"/> into <paramref name="destination"/>.</summary>
    public static void Value(int i, Span<byte> destination)
    {
        "val:"u8.CopyTo(destination);
        i.TryFormat(destination[4..ValueSize], out _, "D12");
    }

    public static string KeyString(int i) => $"key:{i:D7}";

    public static string Describe(int count) =>
        $"{count:N0} keys \"key:0000001\"… ({KeySize} bytes) with {ValueSize}-byte values";

    public static byte[] ValueArray(int i)
    {
        var v = new byte[ValueSize];
        Value(i, v);
        return v;
    }

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
