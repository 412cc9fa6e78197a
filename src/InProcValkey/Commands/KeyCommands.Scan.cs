using System.Buffers.Text;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Operations;
using static InProcValkey.Commands.CommandHelpers;

namespace InProcValkey.Commands;

internal static partial class KeyCommands
{
    // KEYS pattern
    private static void Keys(CommandContext ctx)
    {
        var keys = KeyOps.Keys(ctx.Db, ctx.Args[1], ref ctx.Clock);
        ctx.Reply.Array(keys.Count);
        foreach (var k in keys)
        {
            ctx.Reply.Bulk(k);
        }
    }

    // SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
    private static void Scan(CommandContext ctx)
    {
        if (!TryParseCursor(ctx.Args[1], out ulong cursor))
        {
            ctx.Reply.Error(ErrorMessages.InvalidCursor);
            return;
        }
        if (!TryParseScanOptions(ctx, 2, allowType: true, out var options))
        {
            return;
        }
        var keys = new List<byte[]>();
        ulong next = KeyOps.Scan(ctx.Db, cursor, options, ref ctx.Clock, keys);
        ctx.Reply.Array(2);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(next, digits, out int n);
        ctx.Reply.Bulk(digits[..n]);
        ctx.Reply.Array(keys.Count);
        foreach (var k in keys)
        {
            ctx.Reply.Bulk(k);
        }
    }

    /// <summary>
    /// The options of SCAN (and later HSCAN/SSCAN/ZSCAN, without TYPE) from argument <paramref name="start"/>, as Valkey's
    /// <c>scanGenericCommand</c> parses them: each option takes one value, may repeat (the last wins); COUNT must be an integer
    /// (<c>ERR value is not an integer or out of range</c>) of at least 1 (<c>ERR syntax error</c>); an unknown TYPE name is
    /// accepted and matches nothing; anything else is <c>ERR syntax error</c>.
    /// </summary>
    internal static bool TryParseScanOptions(CommandContext ctx, int start, bool allowType, out ScanOptions options)
    {
        var args = ctx.Args;
        options = ScanOptions.Default;
        for (int i = start; i < args.Count; i += 2)
        {
            bool hasValue = i + 1 < args.Count;
            if (hasValue && args.Is(i, "COUNT"u8))
            {
                if (!TryGetLong(ctx, i + 1, out long count))
                {
                    return false;
                }
                if (count < 1)
                {
                    ctx.Reply.Error(ErrorMessages.Syntax);
                    return false;
                }
                options.Count = count;
            }
            else if (hasValue && args.Is(i, "MATCH"u8))
            {
                options.Pattern = args.ToArray(i + 1);
            }
            else if (hasValue && allowType && args.Is(i, "TYPE"u8))
            {
                options.Type = KeyTypes.Parse(args[i + 1]);
            }
            else
            {
                ctx.Reply.Error(ErrorMessages.Syntax);
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A SCAN cursor as Valkey 7.2's <c>parseScanCursorOrReply</c> reads it with C's <c>strtoul</c>: the text up to the first
    /// NUL byte; no leading white space; an optional sign (<c>-1</c> is 2^64-1); decimal digits; no overflow and nothing
    /// after the digits. The empty string is cursor 0.
    /// </summary>
    internal static bool TryParseCursor(ReadOnlySpan<byte> text, out ulong cursor)
    {
        cursor = 0;
        int nul = text.IndexOf((byte)0);
        if (nul >= 0)
        {
            text = text[..nul];
        }
        if (text.IsEmpty)
        {
            return true;
        }
        if (text[0] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r')
        {
            return false;
        }
        int p = 0;
        bool negative = false;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            p = 1;
        }
        if (p == text.Length || !char.IsAsciiDigit((char)text[p]))
        {
            return false;
        }
        ulong v = 0;
        for (; p < text.Length && char.IsAsciiDigit((char)text[p]); p++)
        {
            uint d = (uint)(text[p] - '0');
            if (v > (ulong.MaxValue - d) / 10)
            {
                return false;
            }
            v = v * 10 + d;
        }
        if (p != text.Length)
        {
            return false;
        }
        cursor = negative ? 0 - v : v;
        return true;
    }

    // RANDOMKEY
    private static void RandomKey(CommandContext ctx)
    {
        var key = KeyOps.RandomKey(ctx.Db, ref ctx.Clock);
        if (key is null)
        {
            ctx.Reply.Null();
        }
        else
        {
            ctx.Reply.Bulk(key);
        }
    }
}
