using System.Buffers;
using InProcValkey.Commands;
using InProcValkey.DataTypes;
using InProcValkey.Errors;

namespace InProcValkey.Server.Protocol;

/// <summary>What <see cref="RespRequestParser"/> found.</summary>
internal enum RespParseStatus
{
    /// <summary>A complete command is in the arguments.</summary>
    Command,

    /// <summary>The input ends inside a command (or is empty); call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>The input is malformed: reply <see cref="RespRequestParser.Error"/> and close the connection.</summary>
    ProtocolError,
}

/// <summary>
/// Reads client requests the way Valkey's <c>networking.c</c> does (<c>processInputBuffer</c>,
/// <c>processMultibulkBuffer</c>, <c>processInlineBuffer</c>): RESP multibulk (<c>*N\r\n$len\r\n…</c>) when the first
/// byte is <c>*</c>, otherwise an inline command line. Arguments are copied into a reusable <see cref="CommandArgs"/>.
/// </summary>
/// <remarks>
/// Like Valkey the parser is resumable: a multibulk command that arrives in pieces keeps its completed arguments in
/// the <see cref="CommandArgs"/> and its position in this object, and the bytes of those arguments are reported as
/// consumed; the caller passes the rest of the input (from the consumed position) next time and must not touch the
/// arguments until <see cref="RespParseStatus.Command"/>. Empty commands (<c>*0</c>, <c>*-1</c>, blank inline lines)
/// are skipped. Never throws on any input; after a protocol error the parser must not be used again without
/// <see cref="Reset"/>. Not thread-safe (one per connection).
/// </remarks>
internal sealed class RespRequestParser(RespParserOptions options)
{
    private readonly RespParserOptions _options = options;
    private byte[] _scratch = new byte[64];
    private int _remainingArgs;   // bulks still to read in the current multibulk; 0 = between commands
    private long _bulkLength = -1; // length of the bulk being read, -1 = its header is not read yet

    /// <summary>
    /// False while the client has not authenticated and a password is required (Valkey's <c>authRequired</c>): the
    /// smaller unauthenticated multibulk and bulk limits then apply.
    /// </summary>
    public bool Authenticated { get; set; } = true;

    /// <summary>The protocol error text (with its <c>ERR</c> prefix) after <see cref="RespParseStatus.ProtocolError"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>True while a multibulk command has been partly read.</summary>
    public bool InCommand => _remainingArgs > 0;

    /// <summary>Forgets any partly read command.</summary>
    public void Reset()
    {
        _remainingArgs = 0;
        _bulkLength = -1;
        Error = null;
    }

    /// <summary>Parses the next command from one contiguous buffer (the fast path).</summary>
    public RespParseStatus TryParse(ReadOnlySpan<byte> buffer, CommandArgs args, out int consumed)
    {
        var input = new SpanInput(buffer);
        var status = Parse(ref input, args, out long used);
        consumed = (int)used;
        return status;
    }

    /// <summary>Parses the next command from a possibly multi-segment buffer.</summary>
    public RespParseStatus TryParse(in ReadOnlySequence<byte> buffer, CommandArgs args, out long consumed)
    {
        if (buffer.IsSingleSegment)
        {
            var span = new SpanInput(buffer.FirstSpan);
            return Parse(ref span, args, out consumed);
        }
        var input = new SequenceInput(buffer);
        return Parse(ref input, args, out consumed);
    }

    private RespParseStatus Parse<T>(scoped ref T input, CommandArgs args, out long consumed)
        where T : IRespInput, allows ref struct
    {
        long pos = 0;
        long length = input.Length;
        while (true)
        {
            if (_remainingArgs == 0)
            {
                if (pos == length)
                {
                    consumed = pos;
                    return RespParseStatus.NeedMoreData;
                }
                if (input.At(pos) != (byte)'*')
                {
                    var inline = ParseInline(ref input, args, ref pos);
                    if (inline == RespParseStatus.Command && args.Count == 0)
                    {
                        continue; // blank line
                    }
                    consumed = pos;
                    return inline;
                }
                var header = ParseMultibulkHeader(ref input, args, ref pos);
                if (header != RespParseStatus.Command)
                {
                    consumed = pos;
                    return header;
                }
                if (_remainingArgs == 0)
                {
                    continue; // *0, *-1: nothing to run
                }
            }
            var bulks = ParseBulks(ref input, args, ref pos);
            consumed = pos;
            return bulks;
        }
    }

    private RespParseStatus ParseInline<T>(scoped ref T input, CommandArgs args, ref long pos)
        where T : IRespInput, allows ref struct
    {
        long newline = input.IndexOfStopAtNul((byte)'\n', pos);
        if (newline < 0)
        {
            return input.Length - pos > _options.InlineMaxSize
                ? Fail(ErrorMessages.ProtocolTooBigInline)
                : RespParseStatus.NeedMoreData;
        }
        long end = newline;
        if (end > pos && input.At(end - 1) == (byte)'\r')
        {
            end--;
        }
        long lineLength = end - pos;
        bool ok;
        if (lineLength <= 512)
        {
            Span<byte> line = stackalloc byte[(int)lineLength];
            input.CopyTo(pos, line);
            ok = InlineSplitter.TrySplit(line, args, ref _scratch);
        }
        else
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(checked((int)lineLength));
            var line = rented.AsSpan(0, (int)lineLength);
            input.CopyTo(pos, line);
            ok = InlineSplitter.TrySplit(line, args, ref _scratch);
            ArrayPool<byte>.Shared.Return(rented);
        }
        if (!ok)
        {
            args.Clear();
            return Fail(ErrorMessages.ProtocolUnbalancedQuotes);
        }
        pos = newline + 1;
        return RespParseStatus.Command;
    }

    private RespParseStatus ParseMultibulkHeader<T>(scoped ref T input, CommandArgs args, ref long pos)
        where T : IRespInput, allows ref struct
    {
        if (!TryShortHeader(ref input, pos, out long count, out long cr))
        {
            if (FindHeaderEnd(ref input, pos, ErrorMessages.ProtocolTooBigMultibulkCount, out cr) is var status and not RespParseStatus.Command)
            {
                return status;
            }
            if (!TryReadNumber(ref input, pos + 1, cr, out count) || count > int.MaxValue)
            {
                return Fail(ErrorMessages.ProtocolInvalidMultibulkLength);
            }
        }
        if (count > _options.UnauthenticatedMaxMultibulkLength && !Authenticated)
        {
            return Fail(ErrorMessages.ProtocolUnauthenticatedMultibulkLength);
        }
        pos = cr + 2;
        args.Clear();
        _remainingArgs = count > 0 ? (int)count : 0;
        _bulkLength = -1;
        return RespParseStatus.Command;
    }

    private RespParseStatus ParseBulks<T>(scoped ref T input, CommandArgs args, ref long pos)
        where T : IRespInput, allows ref struct
    {
        while (_remainingArgs > 0)
        {
            if (_bulkLength < 0)
            {
                if (pos >= input.Length || input.At(pos) != (byte)'$' || !TryShortHeader(ref input, pos, out long len, out long cr))
                {
                    if (FindHeaderEnd(ref input, pos, ErrorMessages.ProtocolTooBigBulkCount, out cr) is var status and not RespParseStatus.Command)
                    {
                        return status;
                    }
                    byte first = input.At(pos);
                    if (first != (byte)'$')
                    {
                        return Fail(ErrorMessages.ProtocolExpectedDollar(first));
                    }
                    if (!TryReadNumber(ref input, pos + 1, cr, out len) || len < 0 || len > _options.ProtoMaxBulkLen
                        || len > Array.MaxLength)
                    {
                        return Fail(ErrorMessages.ProtocolInvalidBulkLength);
                    }
                }
                else if (len > _options.ProtoMaxBulkLen)
                {
                    return Fail(ErrorMessages.ProtocolInvalidBulkLength);
                }
                if (len > _options.UnauthenticatedMaxBulkLength && !Authenticated)
                {
                    return Fail(ErrorMessages.ProtocolUnauthenticatedBulkLength);
                }
                pos = cr + 2;
                _bulkLength = len;
            }
            if (input.Length - pos < _bulkLength + 2)
            {
                return RespParseStatus.NeedMoreData;
            }
            input.CopyTo(pos, args.AddUninitialized((int)_bulkLength));
            pos += _bulkLength + 2; // the two bytes after a bulk are skipped unchecked, as in Valkey
            _bulkLength = -1;
            _remainingArgs--;
        }
        return RespParseStatus.Command;
    }

    /// <summary>
    /// Valkey's <c>strchr</c> for the <c>\r</c> ending a header that starts at <paramref name="pos"/>: Command with its
    /// position, NeedMoreData when it (or the byte after it, not checked, as in Valkey) has not arrived, or the
    /// <paramref name="tooBig"/> protocol error when more than an inline request's worth came without it.
    /// </summary>
    private RespParseStatus FindHeaderEnd<T>(scoped ref T input, long pos, string tooBig, out long cr)
        where T : IRespInput, allows ref struct
    {
        cr = input.IndexOfStopAtNul((byte)'\r', pos);
        if (cr < 0)
        {
            return input.Length - pos > _options.InlineMaxSize ? Fail(tooBig) : RespParseStatus.NeedMoreData;
        }
        return cr > input.Length - 2 ? RespParseStatus.NeedMoreData : RespParseStatus.Command;
    }

    /// <summary>
    /// The common header, <c>*</c> or <c>$</c> then 1 to 9 digits (no leading zero) then <c>\r</c> with the byte after it
    /// present: its value and the <c>\r</c>'s position without a search (no <c>\r</c> or NUL comes before it, so it is the
    /// one Valkey's <c>strchr</c> finds). False for anything else, which then goes the general way.
    /// </summary>
    private static bool TryShortHeader<T>(scoped ref T input, long pos, out long value, out long cr)
        where T : IRespInput, allows ref struct
    {
        long length = input.Length;
        long limit = Math.Min(length - 1, pos + 10);
        long i = pos + 1;
        long v = 0;
        for (; i < limit; i++)
        {
            uint d = (uint)(input.At(i) - '0');
            if (d > 9)
            {
                break;
            }
            v = (v * 10) + d;
        }
        long digits = i - pos - 1;
        if (i < length - 1 && input.At(i) == (byte)'\r' && digits > 0 && (digits == 1 || input.At(pos + 1) != (byte)'0'))
        {
            value = v;
            cr = i;
            return true;
        }
        value = 0;
        cr = 0;
        return false;
    }

    /// <summary>Valkey's <c>string2ll</c> over input[start..end).</summary>
    private static bool TryReadNumber<T>(scoped ref T input, long start, long end, out long value)
        where T : IRespInput, allows ref struct
    {
        long n = end - start;
        if (n <= 0 || n > 20)
        {
            value = 0;
            return false;
        }
        // The common case, a short count or length (1 to 9 digits, no sign, no leading zero): string2ll's result
        // without copying. Anything else goes through the full conversion.
        if (n <= 9)
        {
            long v = 0;
            long i = start;
            for (; i < end; i++)
            {
                uint d = (uint)(input.At(i) - '0');
                if (d > 9)
                {
                    break;
                }
                v = (v * 10) + d;
            }
            if (i == end && (n == 1 || input.At(start) != (byte)'0'))
            {
                value = v;
                return true;
            }
        }
        return TryReadNumberSlow(ref input, start, (int)n, out value);
    }

    // Kept apart: a stackalloc in the hot method would stop it being tiered (and inlined) normally.
    private static bool TryReadNumberSlow<T>(scoped ref T input, long start, int n, out long value)
        where T : IRespInput, allows ref struct
    {
        Span<byte> digits = stackalloc byte[20];
        input.CopyTo(start, digits[..n]);
        return Numbers.TryParseInt64(digits[..n], out value);
    }

    private RespParseStatus Fail(string error)
    {
        Error = error;
        _remainingArgs = 0;
        _bulkLength = -1;
        return RespParseStatus.ProtocolError;
    }
}
