using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>What LCS replies: the subsequence, its length only (LEN), or the matched ranges and length (IDX).</summary>
internal enum LcsMode : byte
{
    Text,
    Length,
    Ranges,
}

/// <summary>The outcome of LCS.</summary>
internal sealed class LcsResult
{
    /// <summary>The longest common subsequence (<see cref="LcsMode.Text"/>).</summary>
    public byte[]? Text;

    /// <summary>Its length (always set).</summary>
    public long Length;

    /// <summary>The matched ranges, last first (<see cref="LcsMode.Ranges"/>).</summary>
    public List<LcsRange>? Ranges;
}

/// <summary>LCS (Valkey's <c>lcsCommand</c>).</summary>
internal static partial class StringOps
{
    /// <summary>
    /// LCS, first step: reads both keys atomically (a missing key is an empty string) and copies their values out, so
    /// the quadratic work runs without holding shard locks. Error: <c>The specified keys must contain string values</c>.
    /// </summary>
    public static string? LcsRead(Database db, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ref Clock clock, out byte[] a, out byte[] b)
    {
        a = [];
        b = [];
        Span<KeyHash> hashes = [KeyHash.Of(first), KeyHash.Of(second)];
        using var locks = ShardLocks.ForKeys(db, hashes);
        var ea = db.FindForReadLocked(db.ShardOf(hashes[0]), hashes[0], first, ref clock, out _);
        var eb = db.FindForReadLocked(db.ShardOf(hashes[1]), hashes[1], second, ref clock, out _);
        if ((ea is not null && !StringValue.IsString(ea)) || (eb is not null && !StringValue.IsString(eb)))
        {
            return ErrorMessages.LcsNotStrings;
        }
        if (ea is not null)
        {
            a = StringValue.ToArray(ea);
        }
        if (eb is not null)
        {
            b = StringValue.ToArray(eb);
        }
        return null;
    }

    /// <summary>
    /// LCS, second step: the table and the walk. <paramref name="minMatchLength"/> (&lt; 0 means 0) filters IDX ranges.
    /// Errors: the table (4 bytes a cell) would exceed <c>proto-max-bulk-len</c>, or cannot be allocated.
    /// </summary>
    public static string? LcsCompute(Database db, byte[] a, byte[] b, LcsMode mode, long minMatchLength, out LcsResult result)
    {
        result = new LcsResult();
        long cells = Lcs.TableCells(a.Length, b.Length);
        if (cells * sizeof(uint) > db.Engine.ProtoMaxBulkLen)
        {
            return ErrorMessages.LcsTableTooLarge;
        }
        uint[] table;
        try
        {
            table = cells <= Array.MaxLength ? Lcs.BuildTable(a, b) : throw new OutOfMemoryException();
        }
        catch (OutOfMemoryException)
        {
            return ErrorMessages.LcsAllocationFailed;
        }
        result.Length = Lcs.Length(table);
        if (mode == LcsMode.Length)
        {
            return null;
        }
        if (mode == LcsMode.Ranges)
        {
            result.Ranges = [];
        }
        var text = Lcs.Walk(a, b, table, Math.Max(0, minMatchLength), result.Ranges);
        if (mode == LcsMode.Text)
        {
            result.Text = text;
        }
        return null;
    }
}
