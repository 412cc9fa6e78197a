using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace InProcValkey.DataTypes.SortedSets;

/// <summary>
/// The member → score dictionary of a large sorted set, built for bytes per member: an open-addressing table (linear
/// probing, backward-shift deletion) of references to the member arrays themselves, each array being
/// <c>[score, 8 bytes][member bytes]</c>, with the member's 32-bit hash in a parallel array so probes compare hashes before
/// touching a member. A slot costs a reference and 4 bytes; the table grows by half when it is 85% full and uses
/// multiply-shift indexing, so its size need not be a power of two. Not thread-safe (the shard lock guards it).
/// </summary>
internal sealed class ZsetMemberTable
{
    /// <summary>Bytes before the member in each array: the score.</summary>
    public const int Prefix = 8;

    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    private byte[]?[] _slots;
    private uint[] _hashes;

    public ZsetMemberTable(int capacity)
    {
        int n = Math.Max(8, (int)Math.Min(Array.MaxLength, capacity / 0.85 + 1));
        _slots = new byte[]?[n];
        _hashes = new uint[n];
    }

    public int Count { get; private set; }

    public int Capacity => _slots.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> MemberOf(byte[] a) => a.AsSpan(Prefix);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ScoreOf(byte[] a) => BinaryPrimitives.ReadDoubleLittleEndian(a);

    public static void SetScore(byte[] a, double score) => BinaryPrimitives.WriteDoubleLittleEndian(a, score);

    /// <summary>A member array for <paramref name="member"/> with <paramref name="score"/>.</summary>
    public static byte[] NewMember(ReadOnlySpan<byte> member, double score)
    {
        var a = GC.AllocateUninitializedArray<byte>(Prefix + member.Length);
        SetScore(a, score);
        member.CopyTo(a.AsSpan(Prefix));
        return a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> member) => (uint)XxHash3.HashToUInt64(member, Seed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(uint hash, int length) => (int)(((ulong)hash * (ulong)length) >> 32);

    /// <summary>The member's array, or null.</summary>
    public byte[]? Find(ReadOnlySpan<byte> member)
    {
        var slots = _slots;
        var hashes = _hashes;
        uint hash = Hash(member);
        int i = Home(hash, slots.Length);
        while (true)
        {
            var a = slots[i];
            if (a is null)
            {
                return null;
            }
            if (hashes[i] == hash && a.AsSpan(Prefix).SequenceEqual(member))
            {
                return a;
            }
            if (++i == slots.Length)
            {
                i = 0;
            }
        }
    }

    /// <summary>Adds a member array whose member is not present.</summary>
    public void Add(byte[] a)
    {
        if (Count + 1 > _slots.Length * 0.85)
        {
            Resize(_slots.Length + _slots.Length / 2 + 1);
        }
        Insert(_slots, _hashes, a, Hash(a.AsSpan(Prefix)));
        Count++;
    }

    private static void Insert(byte[]?[] slots, uint[] hashes, byte[] a, uint hash)
    {
        int i = Home(hash, slots.Length);
        while (slots[i] is not null)
        {
            if (++i == slots.Length)
            {
                i = 0;
            }
        }
        slots[i] = a;
        hashes[i] = hash;
    }

    private void Resize(int length)
    {
        var old = _slots;
        var oldHashes = _hashes;
        var slots = new byte[]?[length];
        var hashes = new uint[length];
        for (int i = 0; i < old.Length; i++)
        {
            if (old[i] is { } a)
            {
                Insert(slots, hashes, a, oldHashes[i]);
            }
        }
        _slots = slots;
        _hashes = hashes;
    }

    /// <summary>Removes a member; returns its array, or null when absent.</summary>
    public byte[]? Remove(ReadOnlySpan<byte> member)
    {
        var slots = _slots;
        var hashes = _hashes;
        int n = slots.Length;
        uint hash = Hash(member);
        int i = Home(hash, n);
        while (true)
        {
            var a = slots[i];
            if (a is null)
            {
                return null;
            }
            if (hashes[i] == hash && a.AsSpan(Prefix).SequenceEqual(member))
            {
                break;
            }
            if (++i == n)
            {
                i = 0;
            }
        }
        var removed = slots[i]!;
        // Backward-shift: move later entries of the run into the hole when their home allows it.
        int hole = i;
        int j = i;
        while (true)
        {
            if (++j == n)
            {
                j = 0;
            }
            var b = slots[j];
            if (b is null)
            {
                break;
            }
            int home = Home(hashes[j], n);
            // b may move to the hole when its home is not cyclically within (hole, j].
            bool between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (!between)
            {
                slots[hole] = b;
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        slots[hole] = null;
        Count--;
        if (Count > 64 && Count < slots.Length / 8)
        {
            Resize((int)(Count / 0.5) + 1);
        }
        return removed;
    }

    /// <summary>One past the largest 32-bit hash: the end of the last ZSCAN page.</summary>
    public const ulong HashSpace = 1UL << 32;

    /// <summary>
    /// ZSCAN's page: every member whose 32-bit hash is in [<paramref name="from"/>, <paramref name="to"/>) into
    /// <paramref name="into"/>. The home slot is monotonic in the hash (multiply-shift) and linear probing only moves a member
    /// forward from its home, so the members of a hash range sit between the range's first home and the end of the run that
    /// covers its last one (wrapping to the table's start for the last homes). Pages are defined by hashes, not slots, so a
    /// member present for a whole scan is returned exactly once however the table resizes in between, as Valkey's
    /// <c>dictScan</c> guarantees (at least once).
    /// </summary>
    public void CollectHashRange(ulong from, ulong to, List<byte[]> into)
    {
        var slots = _slots;
        var hashes = _hashes;
        int n = slots.Length;
        int start = Home((uint)from, n);
        int endHome = to >= HashSpace ? n : Home((uint)to, n);
        int i = start;
        bool wrapped = false;
        for (int visited = 0; visited < n; visited++)
        {
            if (i == n)
            {
                i = 0;
                wrapped = true;
            }
            var a = slots[i];
            if (a is null)
            {
                if (wrapped || i >= endHome)
                {
                    return;
                }
            }
            else if (hashes[i] >= from && hashes[i] < to)
            {
                into.Add(a);
            }
            i++;
        }
    }

    /// <summary>How many hash values a ZSCAN page of about <paramref name="count"/> members spans at the current size.</summary>
    public ulong HashSpanFor(long count) =>
        Math.Max(1UL, (ulong)Math.Min((double)HashSpace, Math.Max(1, count) * (double)HashSpace / _slots.Length));
}
