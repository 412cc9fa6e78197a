using System.Runtime.CompilerServices;

namespace InProcValkey.Keyspace;

// ---- memory accounting and eviction sampling (issue 6) ----
internal sealed partial class KeyTable
{
    /// <summary>Bytes of a .NET array object on a 64-bit runtime: 24 bytes of header (object header, method table, length) plus the elements, padded to 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ArrayBytes(long length, int elementSize) => 24 + ((length * elementSize + 7) & ~7L);

    /// <summary>The bytes one packed entry occupies on the managed heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long EntryBytes(byte[] entry) => ArrayBytes(entry.Length, 1);

    /// <summary>
    /// Running total of the bytes of this table's entries and of the collection structures held beside them (as last
    /// accounted, see <see cref="ICollectionObject.AccountedBytes"/>); kept by <see cref="Database"/> under the shard lock.
    /// The slot arrays are not included (<see cref="SlotBytes"/>).
    /// </summary>
    public long DataBytes;

    /// <summary>Bytes of the table's own arrays: the slots and, when present, the structure array beside them.</summary>
    public long SlotBytes => ArrayBytes(_slots.Length, Unsafe.SizeOf<Slot>()) + (_objects is { } o ? ArrayBytes(o.Length, IntPtr.Size) : 0);

    /// <summary>
    /// The first occupied slot at or after <paramref name="start"/> (wrapping), holding an entry with an expiry when
    /// <paramref name="volatileOnly"/>; -1 when none within <paramref name="maxProbe"/> slots (lock held). Eviction sampling.
    /// </summary>
    public int NextOccupied(int start, bool volatileOnly, int maxProbe)
    {
        // Capacities are not powers of two (KeyTable grows by x1.5 / x1.33): wrap by comparison, not by a mask.
        var slots = _slots;
        int i = (int)((uint)start % (uint)slots.Length);
        int limit = Math.Min(maxProbe, slots.Length);
        for (int n = 0; n < limit; n++)
        {
            if (slots[i].Entry is { } e && (!volatileOnly || EntryLayout.HasExpiry(e)))
            {
                return i;
            }
            if (++i == slots.Length)
            {
                i = 0;
            }
        }
        return -1;
    }
}
