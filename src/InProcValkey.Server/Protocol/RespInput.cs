using System.Buffers;

namespace InProcValkey.Server.Protocol;

/// <summary>
/// Random access to the parser's input by offset, so one parser serves a single span (the fast path) and a
/// multi-segment <see cref="ReadOnlySequence{T}"/> alike; the JIT specialises the parser for each.
/// </summary>
internal interface IRespInput
{
    long Length { get; }

    byte At(long offset);

    /// <summary>
    /// Offset of the first <paramref name="value"/> at or after <paramref name="start"/>, or -1. A NUL byte met first
    /// also gives -1: Valkey looks for line ends with <c>strchr</c>, which stops at NUL.
    /// </summary>
    long IndexOfStopAtNul(byte value, long start);

    void CopyTo(long start, scoped Span<byte> destination);
}

/// <summary>One contiguous span.</summary>
internal readonly ref struct SpanInput(ReadOnlySpan<byte> span) : IRespInput
{
    private readonly ReadOnlySpan<byte> _span = span;

    public long Length => _span.Length;

    public byte At(long offset) => _span[(int)offset];

    public long IndexOfStopAtNul(byte value, long start)
    {
        // Line ends in RESP headers are a few bytes away: a short scalar scan beats the vectorised search's setup.
        int s = (int)start;
        int near = Math.Min(_span.Length, s + 8);
        for (int j = s; j < near; j++)
        {
            byte b = _span[j];
            if (b == value)
            {
                return j;
            }
            if (b == 0)
            {
                return -1;
            }
        }
        if (near == _span.Length)
        {
            return -1;
        }
        int i = _span[near..].IndexOfAny(value, (byte)0);
        return i < 0 || _span[near + i] == 0 ? -1 : near + i;
    }

    public void CopyTo(long start, scoped Span<byte> destination) => _span.Slice((int)start, destination.Length).CopyTo(destination);
}

/// <summary>A multi-segment sequence (a socket read that spans pipe buffers).</summary>
internal readonly struct SequenceInput(ReadOnlySequence<byte> sequence) : IRespInput
{
    private readonly ReadOnlySequence<byte> _sequence = sequence;

    public long Length => _sequence.Length;

    public byte At(long offset)
    {
        var s = _sequence.Slice(offset, 1);
        return s.FirstSpan[0];
    }

    public long IndexOfStopAtNul(byte value, long start)
    {
        long offset = start;
        foreach (var segment in _sequence.Slice(start))
        {
            var span = segment.Span;
            int i = span.IndexOfAny(value, (byte)0);
            if (i >= 0)
            {
                return span[i] == 0 ? -1 : offset + i;
            }
            offset += span.Length;
        }
        return -1;
    }

    public void CopyTo(long start, scoped Span<byte> destination) => _sequence.Slice(start, destination.Length).CopyTo(destination);
}
