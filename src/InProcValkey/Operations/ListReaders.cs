using System.Buffers;
using System.Buffers.Text;
using InProcValkey.DataTypes;

namespace InProcValkey.Operations;

/// <summary>Collects list elements (and the key of a multi-key pop) into new arrays.</summary>
internal struct ArrayListReader : IKeyedListReader
{
    public List<byte[]>? Values;
    public byte[]? Key;

    public void BeginKey(ReadOnlySpan<byte> key) => Key = key.ToArray();

    public void Begin(long count) => Values = new List<byte[]>((int)Math.Min(count, 1024));

    public readonly bool Visit(in ListpackEntry element)
    {
        Values!.Add(element.ToArray());
        return true;
    }
}

/// <summary>Writes up to <paramref name="max"/> list elements one after another into a caller's buffer, their lengths
/// into <paramref name="lengths"/> when given. Allocates nothing.</summary>
internal struct BufferListReader(IBufferWriter<byte> destination, Memory<int> lengths, int max) : IListReader
{
    public int Written;
    public int LastLength;

    public readonly void Begin(long count)
    {
    }

    public bool Visit(in ListpackEntry element)
    {
        if (Written >= max)
        {
            return false;
        }
        int n;
        if (element.IsInteger)
        {
            var span = destination.GetSpan(20);
            Utf8Formatter.TryFormat(element.Integer, span, out n);
        }
        else
        {
            n = element.Bytes.Length;
            element.Bytes.CopyTo(destination.GetSpan(n));
        }
        destination.Advance(n);
        if (Written < lengths.Length)
        {
            lengths.Span[Written] = n;
        }
        Written++;
        LastLength = n;
        return true;
    }
}
