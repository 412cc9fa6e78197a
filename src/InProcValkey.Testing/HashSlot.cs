using System.Text;

namespace InProcValkey.Testing;

/// <summary>
/// Valkey Cluster's key → slot mapping (<c>keyHashSlot</c> in cluster.c): CRC16 (XMODEM: polynomial 0x1021, initial 0) of
/// the key, or of its hash tag — the bytes between the first <c>{</c> and the next <c>}</c> when that is not empty — modulo
/// 16384.
/// </summary>
public static class HashSlot
{
    /// <summary>The number of slots of a Valkey cluster.</summary>
    public const int Count = 16384;

    private static readonly ushort[] Table = BuildTable();

    /// <summary>The slot of <paramref name="key"/> (what CLUSTER KEYSLOT answers).</summary>
    public static int Of(ReadOnlySpan<byte> key)
    {
        int open = key.IndexOf((byte)'{');
        if (open >= 0)
        {
            int close = key[(open + 1)..].IndexOf((byte)'}');
            if (close > 0)
            {
                key = key.Slice(open + 1, close);
            }
        }
        return Crc16(key) & (Count - 1);
    }

    /// <summary>The slot of <paramref name="key"/> (UTF-8).</summary>
    public static int Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Of(Encoding.UTF8.GetBytes(key));
    }

    internal static ushort Crc16(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (byte b in data)
        {
            crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ b) & 0xFF]);
        }
        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort c = (ushort)(i << 8);
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 0x8000) != 0 ? (ushort)((c << 1) ^ 0x1021) : (ushort)(c << 1);
            }
            table[i] = c;
        }
        return table;
    }
}
