using System.Text;
using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Hashes;

namespace InProcValkey;

/// <summary>
/// A reusable buffer that multi-value reads (HGETALL, HMGET, HKEYS, HVALS, HRANDFIELD, HSCAN) copy their elements into:
/// one contiguous byte array plus offsets, so a caller that keeps one buffer reads without allocating once it has grown.
/// Elements are read with <see cref="this[int]"/> as spans; HMGET marks missing fields as null (<see cref="IsNull"/>).
/// Not thread-safe: use one buffer per thread.
/// </summary>
public sealed class ValkeyValueBuffer
{
    private byte[] _data;
    private int[] _offsets;
    private int[] _lengths;
    private int _used;

    /// <summary>Creates an empty buffer.</summary>
    public ValkeyValueBuffer()
    {
        _data = new byte[256];
        _offsets = new int[16];
        _lengths = new int[16];
    }

    /// <summary>Number of elements read.</summary>
    public int Count { get; private set; }

    /// <summary>Element <paramref name="index"/> (empty for a null element).</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            int len = _lengths[index];
            return len < 0 ? default : new ReadOnlySpan<byte>(_data, _offsets[index], len);
        }
    }

    /// <summary>Whether element <paramref name="index"/> is null (HMGET of a missing field).</summary>
    public bool IsNull(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _lengths[index] < 0;
    }

    /// <summary>Element <paramref name="index"/> as UTF-8 text, or null for a null element.</summary>
    public string? GetString(int index) => IsNull(index) ? null : Encoding.UTF8.GetString(this[index]);

    /// <summary>Element <paramref name="index"/> copied into a new array, or null for a null element.</summary>
    public byte[]? ToArray(int index) => IsNull(index) ? null : this[index].ToArray();

    /// <summary>Empties the buffer, keeping its storage.</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    internal void Add(ReadOnlySpan<byte> value)
    {
        Reserve(value.Length);
        value.CopyTo(_data.AsSpan(_used));
        _offsets[Count] = _used;
        _lengths[Count] = value.Length;
        _used += value.Length;
        Count++;
    }

    internal void Add(ListpackEntry value)
    {
        Span<byte> tmp = stackalloc byte[20];
        Add(value.AsText(tmp));
    }

    internal void AddNull()
    {
        Reserve(0);
        _offsets[Count] = _used;
        _lengths[Count] = -1;
        Count++;
    }

    private void Reserve(int bytes)
    {
        if (Count == _offsets.Length)
        {
            Array.Resize(ref _offsets, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }
        if (_used + bytes > _data.Length)
        {
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max((long)_data.Length * 2, (long)_used + bytes)));
        }
    }

    /// <summary>Drops storage that grew past 64 KB (after one large read), so a long-lived buffer does not pin it.</summary>
    internal void Trim()
    {
        if (_data.Length > 64 * 1024)
        {
            _data = new byte[256];
        }
        if (_offsets.Length > 4096)
        {
            _offsets = new int[16];
            _lengths = new int[16];
        }
        Clear();
    }
}
