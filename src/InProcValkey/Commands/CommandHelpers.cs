using InProcValkey.DataTypes;
using InProcValkey.Errors;

namespace InProcValkey.Commands;

/// <summary>Argument parsing shared by command handlers, replying Valkey's errors.</summary>
internal static class CommandHelpers
{
    /// <summary>Parses argument <paramref name="index"/> as a long or replies <c>ERR value is not an integer or out of range</c>.</summary>
    public static bool TryGetLong(CommandContext ctx, int index, out long value)
    {
        if (Numbers.TryParseInt64(ctx.Args[index], out value))
        {
            return true;
        }
        ctx.Reply.Error(ErrorMessages.NotInteger);
        return false;
    }

    /// <summary>Replies the error text when not null; returns true when there was an error.</summary>
    public static bool ReplyIfError(CommandContext ctx, string? error)
    {
        if (error is null)
        {
            return false;
        }
        ctx.Reply.Error(error);
        return true;
    }

    public static void Ok(CommandContext ctx) => ctx.Reply.SimpleString("OK");


    // ---- keys, expiry and databases ----

    /// <summary>
    /// Valkey's <c>getIntFromObjectOrReply</c>: argument <paramref name="index"/> as a C int. Replies
    /// <paramref name="error"/> when given, else <c>ERR value is not an integer or out of range</c> for a non-integer and
    /// <c>ERR value is out of range, value must between -2147483648 and 2147483647</c> outside the int range.
    /// </summary>
    public static bool TryGetInt32(CommandContext ctx, int index, string? error, out int value)
    {
        value = 0;
        if (!Numbers.TryParseInt64(ctx.Args[index], out long v))
        {
            ctx.Reply.Error(error ?? ErrorMessages.NotInteger);
            return false;
        }
        if (v < int.MinValue || v > int.MaxValue)
        {
            ctx.Reply.Error(error ?? ErrorMessages.IntOutOfRange);
            return false;
        }
        value = (int)v;
        return true;
    }
}
