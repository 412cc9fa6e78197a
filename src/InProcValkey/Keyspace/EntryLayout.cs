using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

/// <summary>How a string value is encoded inside its entry; reported by OBJECT ENCODING.</summary>
internal enum StringEncoding : byte
{
    /// <summary>Bytes stored as they are; Valkey's <c>raw</c>.</summary>
    Raw = 0,
    /// <summary>Bytes stored as they are, at most 44 bytes; Valkey's <c>embstr</c>.</summary>
    Embstr = 1,
    /// <summary>A canonical decimal integer stored as an 8-byte long; Valkey's <c>int</c>.</summary>
    Int = 2,
}

/// <summary>
/// The layout of one key's entry: a single packed <c>byte[]</c> per string key, so the keyspace holds no other
/// object per key (see docs/keyspace.md). Layout:
/// <code>
/// [0]      flags: bits 0-2 kind (StringEncoding 0-2 for strings; 3 list, 4 hash, 5 set, 6 sorted set), bit 3 has-expiry,
///          bit 4 has-spare,
///          bit 5 unshared (an int in Valkey's shared range that is nevertheless its own object, as COPY makes it)
/// [1..3]   LRU clock, 24 bits, seconds (Valkey's LRU_CLOCK)
/// [4..11]  absolute expiry, unix ms (only when has-expiry)
/// then     key length (1 byte, or 0xFF + 4-byte int when &gt;= 255), key bytes
/// then     value: 8-byte long for Int, raw bytes otherwise
///          (has-spare, raw only: a 4-byte value length, the value, then unused capacity that APPEND and SETRANGE
///          grow into, as Valkey's sds keeps free space after a greedy reallocation)
///          collections: one encoding byte (the type's own encoding tag), then the compact encoding's bytes inline
///          (listpack, intset), or nothing when the structure is an object held beside the entry in its
///          <see cref="KeyTable"/> slot (quicklist, hashtable, skiplist). Collections may carry spare capacity too.
/// </code>
/// Only this file knows the layout.
/// </summary>
internal static class EntryLayout
{
    private const byte KindMask = 0x07;
    private const byte ExpiryFlag = 0x08;
    private const byte SpareFlag = 0x10;
    private const byte UnsharedFlag = 0x20;
    // What a reshaped copy (WithExpiry, WithKey) carries over besides the kind.
    private const byte CopiedFlags = KindMask | UnsharedFlag;
    private const byte FirstCollectionKind = 0x03;
    private const int FixedHeader = 4;
    public const int EmbstrLimit = 44;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasExpiry(byte[] e) => (e[0] & ExpiryFlag) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Expiry(byte[] e) => BinaryPrimitives.ReadInt64LittleEndian(e.AsSpan(FixedHeader, 8));

    public static void SetExpiryInPlace(byte[] e, long when) => BinaryPrimitives.WriteInt64LittleEndian(e.AsSpan(FixedHeader, 8), when);

    public static StringEncoding Encoding(byte[] e) => (StringEncoding)(e[0] & KindMask);

    /// <summary>
    /// Whether an <c>int</c> value in Valkey's shared-integer range (0..9999) is nevertheless its key's own object:
    /// Valkey's COPY duplicates it (<c>dupStringObject</c>), so OBJECT REFCOUNT reports 1 until the value is replaced.
    /// </summary>
    public static bool IsUnshared(byte[] e) => (e[0] & UnsharedFlag) != 0;

    public static void MarkUnshared(byte[] e) => e[0] |= UnsharedFlag;

    public static void ClearUnshared(byte[] e) => e[0] &= unchecked((byte)~UnsharedFlag);

    /// <summary>Whether the entry carries spare capacity after its value (see the layout).</summary>
    public static bool HasSpare(byte[] e) => (e[0] & SpareFlag) != 0;

    /// <summary>Whether the entry holds a collection (list, hash, set, sorted set) rather than a string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCollection(byte[] e) => (e[0] & KindMask) >= FirstCollectionKind;

    /// <summary>The entry's value type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EntryKind Kind(byte[] e)
    {
        int k = e[0] & KindMask;
        return k < FirstCollectionKind ? EntryKind.String : (EntryKind)k;
    }

    public static uint Lru(byte[] e) => (uint)(e[1] | (e[2] << 8) | (e[3] << 16));

    /// <summary>
    /// Updates the LRU stamp from a reader that does not hold the shard lock; writes only when the stamp changed, so hot
    /// keys read within the same second do not dirty their cache line. A racing write can only leave an older stamp,
    /// which LRU tolerates (Valkey's LRU is approximate too).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TouchLru(byte[] e, uint lru)
    {
        if (Lru(e) != lru)
        {
            SetLru(e, lru);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetLru(byte[] e, uint lru)
    {
        e[1] = (byte)lru;
        e[2] = (byte)(lru >> 8);
        e[3] = (byte)(lru >> 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeyLengthOffset(byte[] e) => (e[0] & ExpiryFlag) != 0 ? FixedHeader + 8 : FixedHeader;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeyStart(byte[] e, out int keyLength)
    {
        int p = KeyLengthOffset(e);
        int b = e[p];
        if (b != 0xFF)
        {
            keyLength = b;
            return p + 1;
        }
        keyLength = BinaryPrimitives.ReadInt32LittleEndian(e.AsSpan(p + 1, 4));
        return p + 5;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Key(byte[] e)
    {
        int start = KeyStart(e, out int len);
        return new ReadOnlySpan<byte>(e, start, len);
    }

    /// <summary>
    /// <see cref="Key"/> for a reader without the shard lock: never throws on an entry it reads while a writer changes it
    /// (the caller validates the shard version afterwards).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryKey(byte[] e, out ReadOnlySpan<byte> key)
    {
        int p = KeyLengthOffset(e);
        int len = e[p];
        if (len == 0xFF)
        {
            len = BinaryPrimitives.ReadInt32LittleEndian(e.AsSpan(p + 1, 4));
            p += 4;
        }
        p++;
        if ((uint)len > (uint)(e.Length - p))
        {
            key = default;
            return false;
        }
        key = new ReadOnlySpan<byte>(e, p, len);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ValueOffset(byte[] e)
    {
        int start = KeyStart(e, out int len);
        return start + len;
    }

    /// <summary>The stored value bytes (for Int: the 8-byte binary long, not its text).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<byte> StoredValue(byte[] e)
    {
        int off = ValueOffset(e);
        if ((e[0] & SpareFlag) == 0)
        {
            return e.AsSpan(off);
        }
        int len = BinaryPrimitives.ReadInt32LittleEndian(e.AsSpan(off, 4));
        // Clamped so that a reader without the lock never slices past the array (writers keep len within capacity).
        return e.AsSpan(off + 4, Math.Min((uint)len, (uint)(e.Length - off - 4)) is var n ? (int)n : 0);
    }

    /// <summary>
    /// Grows a raw value with spare capacity to <paramref name="newLength"/> bytes in place when the capacity allows,
    /// zero-filling the new bytes; returns the whole value, or an empty span (and changes nothing) when it does not fit.
    /// </summary>
    public static Span<byte> TryGrowInPlace(byte[] e, int newLength)
    {
        if ((e[0] & SpareFlag) == 0)
        {
            return default;
        }
        int off = ValueOffset(e);
        int len = BinaryPrimitives.ReadInt32LittleEndian(e.AsSpan(off, 4));
        if (newLength < len || off + 4 + newLength > e.Length)
        {
            return default;
        }
        e.AsSpan(off + 4 + len, newLength - len).Clear();
        BinaryPrimitives.WriteInt32LittleEndian(e.AsSpan(off, 4), newLength);
        return e.AsSpan(off + 4, newLength);
    }

    /// <summary>Allocates a raw entry whose value has <paramref name="valueLength"/> bytes and room to grow to <paramref name="capacity"/>.</summary>
    public static byte[] AllocateWithSpare(ReadOnlySpan<byte> key, bool hasExpiry, long expiry, uint lru, int valueLength, int capacity, out int valueOffset)
    {
        if (capacity <= valueLength)
        {
            return Allocate(key, (byte)StringEncoding.Raw, hasExpiry, expiry, lru, valueLength, out valueOffset);
        }
        var e = Allocate(key, (byte)StringEncoding.Raw, hasExpiry, expiry, lru, 4 + capacity, out int off);
        e[0] |= SpareFlag;
        BinaryPrimitives.WriteInt32LittleEndian(e.AsSpan(off, 4), valueLength);
        e.AsSpan(off + 4 + valueLength).Clear();
        valueOffset = off + 4;
        return e;
    }

    private static int KeyLengthSize(int keyLength) => keyLength < 0xFF ? 1 : 5;

    public static int HeaderSize(bool hasExpiry, int keyLength) =>
        FixedHeader + (hasExpiry ? 8 : 0) + KeyLengthSize(keyLength) + keyLength;

    /// <summary>Allocates an entry with header and key written; the caller writes <paramref name="valueLength"/> bytes at the returned offset.</summary>
    public static byte[] Allocate(ReadOnlySpan<byte> key, byte kind, bool hasExpiry, long expiry, uint lru, int valueLength, out int valueOffset)
    {
        int header = HeaderSize(hasExpiry, key.Length);
        var e = GC.AllocateUninitializedArray<byte>(header + valueLength);
        e[0] = (byte)(kind | (hasExpiry ? ExpiryFlag : 0));
        SetLru(e, lru);
        int p = FixedHeader;
        if (hasExpiry)
        {
            BinaryPrimitives.WriteInt64LittleEndian(e.AsSpan(p, 8), expiry);
            p += 8;
        }
        if (key.Length < 0xFF)
        {
            e[p++] = (byte)key.Length;
        }
        else
        {
            e[p] = 0xFF;
            BinaryPrimitives.WriteInt32LittleEndian(e.AsSpan(p + 1, 4), key.Length);
            p += 5;
        }
        key.CopyTo(e.AsSpan(p));
        valueOffset = p + key.Length;
        return e;
    }

    /// <summary>A copy of <paramref name="e"/> with the expiry set (when &gt;= 0) or removed (when &lt; 0); the entry itself when nothing changes shape.</summary>
    public static byte[] WithExpiry(byte[] e, long when)
    {
        bool has = HasExpiry(e);
        if (when >= 0 && has)
        {
            SetExpiryInPlace(e, when);
            return e;
        }
        if (when < 0 && !has)
        {
            return e;
        }
        var key = Key(e);
        var value = StoredValue(e);
        var n = Allocate(key, (byte)(e[0] & CopiedFlags), when >= 0, when, Lru(e), value.Length, out int off);
        value.CopyTo(n.AsSpan(off));
        return n;
    }

    /// <summary>A copy of <paramref name="e"/> under another key (RENAME, COPY, MOVE keep value, encoding and expiry).</summary>
    public static byte[] WithKey(byte[] e, ReadOnlySpan<byte> newKey, bool keepExpiry)
    {
        bool has = keepExpiry && HasExpiry(e);
        var value = StoredValue(e);
        var n = Allocate(newKey, (byte)(e[0] & CopiedFlags), has, has ? Expiry(e) : 0, Lru(e), value.Length, out int off);
        value.CopyTo(n.AsSpan(off));
        return n;
    }

    // ---- Collections (lists, hashes, sets, sorted sets) ----

    /// <summary>The encoding tag a collection entry carries (the first value byte; each type defines its own tags).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte CollectionEncoding(byte[] e) => StoredValue(e)[0];

    /// <summary>The inline bytes of a compact collection encoding (listpack, intset): the value after the encoding tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<byte> CollectionData(byte[] e) => StoredValue(e)[1..];

    /// <summary>
    /// Allocates a collection entry of <paramref name="kind"/> with <paramref name="encoding"/> and
    /// <paramref name="dataLength"/> inline bytes (written by the caller into <paramref name="data"/>), with room for the inline
    /// bytes to grow to <paramref name="dataCapacity"/> in place (<see cref="TryResizeCollectionData"/>).
    /// </summary>
    public static byte[] AllocateCollection(ReadOnlySpan<byte> key, EntryKind kind, byte encoding, bool hasExpiry, long expiry, uint lru, int dataLength, int dataCapacity, out Span<byte> data)
    {
        byte[] e;
        int off;
        if (dataCapacity <= dataLength)
        {
            e = Allocate(key, (byte)kind, hasExpiry, expiry, lru, 1 + dataLength, out off);
        }
        else
        {
            e = Allocate(key, (byte)kind, hasExpiry, expiry, lru, 4 + 1 + dataCapacity, out int start);
            e[0] |= SpareFlag;
            BinaryPrimitives.WriteInt32LittleEndian(e.AsSpan(start, 4), 1 + dataLength);
            off = start + 4;
        }
        e[off] = encoding;
        data = e.AsSpan(off + 1, dataLength);
        return e;
    }

    /// <summary>
    /// Resizes a collection's inline bytes to <paramref name="newLength"/> in place when the entry's spare capacity allows
    /// (growing or shrinking; new bytes are zeroed); returns the whole inline data, or an empty span (changing nothing) when
    /// it does not fit. Callers then allocate a new entry (<see cref="AllocateCollection"/>).
    /// </summary>
    public static bool TryResizeCollectionData(byte[] e, int newLength, out Span<byte> data)
    {
        data = default;
        if ((e[0] & SpareFlag) == 0)
        {
            return false;
        }
        int off = ValueOffset(e);
        int len = BinaryPrimitives.ReadInt32LittleEndian(e.AsSpan(off, 4));
        int want = 1 + newLength;
        if (off + 4 + want > e.Length)
        {
            return false;
        }
        if (want > len)
        {
            e.AsSpan(off + 4 + len, want - len).Clear();
        }
        BinaryPrimitives.WriteInt32LittleEndian(e.AsSpan(off, 4), want);
        data = e.AsSpan(off + 5, newLength);
        return true;
    }

    /// <summary>The inline capacity of a collection entry (its data length when it has no spare room).</summary>
    public static int CollectionDataCapacity(byte[] e)
    {
        int off = ValueOffset(e);
        return (e[0] & SpareFlag) == 0 ? e.Length - off - 1 : e.Length - off - 5;
    }
}

/// <summary>The type of value an entry holds (TYPE); the numbers are the entry's kind bits for collections.</summary>
internal enum EntryKind : byte
{
    String = 0,
    List = 3,
    Hash = 4,
    Set = 5,
    SortedSet = 6,
}

/// <summary>
/// A collection structure too large for a compact inline encoding (quicklist, hashtable, skiplist), held in the key's
/// <see cref="KeyTable"/> slot beside its entry. COPY duplicates it with <see cref="DeepCopy"/>.
/// </summary>
internal interface ICollectionObject
{
    /// <summary>An independent copy (COPY): later changes to either do not show in the other.</summary>
    ICollectionObject DeepCopy();

    /// <summary>An estimate of the bytes the structure holds (INFO used_memory, MEMORY USAGE).</summary>
    long EstimatedBytes { get; }

    // ---- memory accounting (issue 6) ----

    /// <summary>The bytes this structure is currently charged for in <see cref="Owner"/>'s running total.</summary>
    long AccountedBytes { get; set; }

    /// <summary>The table whose running total holds <see cref="AccountedBytes"/> while the structure is stored there; null otherwise.</summary>
    KeyTable? Owner { get; set; }

    /// <summary>How many of <see cref="Owner"/>'s slots hold the structure (two for a moment while RENAME stores it under its new key).</summary>
    int OwnerSlots { get; set; }
}
