using System.Text;

namespace InProcValkey.Commands;

/// <summary>
/// A command's arguments (argv[0] is the command name) held in one contiguous, reusable buffer:
/// no allocation per argument once warmed up. Binary safe.
/// </summary>
internal sealed class CommandArgs
{
    private byte[] _buffer = new byte[256];
    private int[] _offsets = new int[8];
    private int[] _lengths = new int[8];
    private int _used;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int index] => new(_buffer, _offsets[index], _lengths[index]);

    public ReadOnlyMemory<byte> Memory(int index) => new(_buffer, _offsets[index], _lengths[index]);

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    public void Add(ReadOnlySpan<byte> arg)
    {
        if (Count == _offsets.Length)
        {
            Array.Resize(ref _offsets, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }
        if (_used + arg.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + arg.Length));
        }
        arg.CopyTo(_buffer.AsSpan(_used));
        _offsets[Count] = _used;
        _lengths[Count] = arg.Length;
        _used += arg.Length;
        Count++;
    }

    public void Add(string arg)
    {
        int max = Encoding.UTF8.GetMaxByteCount(arg.Length);
        if (max <= 256)
        {
            Span<byte> tmp = stackalloc byte[max];
            Add(tmp[..Encoding.UTF8.GetBytes(arg, tmp)]);
        }
        else
        {
            Add(Encoding.UTF8.GetBytes(arg));
        }
    }

    public byte[] ToArray(int index) => this[index].ToArray();

    /// <summary>The argument as text (UTF-8, invalid bytes replaced), for error messages.</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(this[index]);

    /// <summary>True when the argument equals <paramref name="token"/> ignoring ASCII case (tokens are upper-case literals).</summary>
    public bool Is(int index, ReadOnlySpan<byte> token) => Ascii.EqualsIgnoreCase(this[index], token);

    // ---- RESP listener (issue 3) ----

    /// <summary>
    /// Adds an argument of <paramref name="length"/> bytes and returns its storage for the caller to fill (the RESP
    /// parser copies a bulk straight from a multi-segment input buffer). The content is undefined until written.
    /// </summary>
    public Span<byte> AddUninitialized(int length)
    {
        if (Count == _offsets.Length)
        {
            Array.Resize(ref _offsets, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }
        if (_used + length > _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_used + length)));
        }
        var span = _buffer.AsSpan(_used, length);
        _offsets[Count] = _used;
        _lengths[Count] = length;
        _used += length;
        Count++;
        return span;
    }

    /// <summary>Total bytes held by the arguments (the RESP parser counts a partly read command against the query buffer limit).</summary>
    public long ByteCount => _used;
}
