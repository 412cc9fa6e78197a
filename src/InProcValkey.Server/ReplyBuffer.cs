using System.Buffers;

namespace InProcValkey.Server;

/// <summary>
/// A connection's pending replies: one growable array the reply writer appends to and the connection sends from. The
/// array is rented from <see cref="ArrayPool{T}.Shared"/> when a batch writes its first reply and returned once the
/// replies are sent: no allocation per batch, no buffer held by an idle connection, and one big reply does not pin a
/// big buffer for the connection's lifetime.
/// </summary>
internal sealed class ReplyBuffer : IBufferWriter<byte>
{
    /// <summary>The size rented for a batch's first reply.</summary>
    public const int InitialSize = 16 * 1024;

    private byte[] _buffer = [];
    private int _written;

    /// <summary>Bytes written and not yet sent.</summary>
    public int Length => _written;

    /// <summary>The bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Written => new(_buffer, 0, _written);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets the written bytes (they have been sent) and returns the array to the pool.</summary>
    public void Clear()
    {
        _written = 0;
        if (_buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }
        long size = Math.Max(Math.Max((long)_buffer.Length * 2, InitialSize), (long)_written + needed);
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Array.MaxLength));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        if (_buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = bigger;
    }
}
