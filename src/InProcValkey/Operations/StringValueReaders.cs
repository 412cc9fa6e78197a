using System.Buffers;
using System.Text;

namespace InProcValkey.Operations;

/// <summary>
/// What GET does with the value it finds. <see cref="Read"/> may run on a snapshot that is then discarded (an optimistic read
/// that a writer interfered with, see docs/locking.md), so it must have no visible effect; <see cref="Commit"/> runs once,
/// after the read is known to be consistent. Structs, so each reader is a separate JIT specialisation without boxing.
/// </summary>
internal interface IStringValueReader
{
    void Read(ReadOnlySpan<byte> value);

    void Commit();
}

/// <summary>Copies the value into a new array.</summary>
internal struct ByteArrayValueReader : IStringValueReader
{
    public byte[]? Value;

    public void Read(ReadOnlySpan<byte> value) => Value = value.ToArray();

    public readonly void Commit()
    {
    }
}

/// <summary>Decodes the value as UTF-8 text straight from the entry (no intermediate array).</summary>
internal struct TextValueReader : IStringValueReader
{
    public string? Value;

    public void Read(ReadOnlySpan<byte> value) => Value = Encoding.UTF8.GetString(value);

    public readonly void Commit()
    {
    }
}

/// <summary>Writes the value into a caller's buffer: copied into its span by <see cref="Read"/>, advanced only by <see cref="Commit"/>.</summary>
internal struct BufferValueReader(IBufferWriter<byte> destination) : IStringValueReader
{
    private int _length;

    public void Read(ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination.GetSpan(value.Length));
        _length = value.Length;
    }

    public readonly void Commit() => destination.Advance(_length);
}
