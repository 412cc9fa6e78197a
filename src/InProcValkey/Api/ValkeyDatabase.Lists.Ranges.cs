using System.Buffers;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    /// <summary>LRANGE: the elements from <paramref name="start"/> to <paramref name="stop"/> inclusive (negative indexes count
    /// from the tail; out-of-range indexes are clamped as Valkey does). Empty when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[][] ListRange(ReadOnlySpan<byte> key, long start = 0, long stop = -1)
    {
        var clock = NewClock();
        var reader = new ArrayListReader();
        ThrowIfError(ListOps.Range(Db, key, start, stop, ref clock, ref reader));
        return reader.Values is null ? [] : [.. reader.Values];
    }

    /// <summary>LRANGE with a string key; elements as UTF-8 text.</summary>
    /// <inheritdoc cref="ListRange(ReadOnlySpan{byte}, long, long)"/>
    public string[] ListRange(string key, long start = 0, long stop = -1) =>
        [.. ListRange(Utf8Array(key), start, stop).Select(v => System.Text.Encoding.UTF8.GetString(v))];

    /// <summary>LRANGE into caller buffers: writes the elements one after another to <paramref name="destination"/> and their
    /// lengths to <paramref name="lengths"/> (at most <c>lengths.Length</c> elements); returns how many were written.
    /// Allocates nothing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public int ListRange(ReadOnlySpan<byte> key, long start, long stop, IBufferWriter<byte> destination, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(lengths);
        var clock = NewClock();
        var reader = new BufferListReader(destination, lengths, lengths.Length);
        ThrowIfError(ListOps.Range(Db, key, start, stop, ref clock, ref reader));
        return reader.Written;
    }

    /// <summary>LTRIM: keeps only the elements from <paramref name="start"/> to <paramref name="stop"/> inclusive (an empty range deletes the key).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public void ListTrim(ReadOnlySpan<byte> key, long start, long stop)
    {
        var clock = NewClock();
        ThrowIfError(ListOps.Trim(Db, key, start, stop, ref clock));
    }

    /// <summary>LTRIM with a string key.</summary>
    /// <inheritdoc cref="ListTrim(ReadOnlySpan{byte}, long, long)"/>
    public void ListTrim(string key, long start, long stop) => ListTrim(Utf8Array(key), start, stop);

    /// <summary>LREM: removes up to |<paramref name="count"/>| elements equal to <paramref name="value"/>, from the head when positive,
    /// from the tail when negative, all when 0; returns how many were removed.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListRemove(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long count = 0)
    {
        var clock = NewClock();
        ThrowIfError(ListOps.Remove(Db, key, count, value, ref clock, out long removed));
        return removed;
    }

    /// <summary>LREM with strings.</summary>
    /// <inheritdoc cref="ListRemove(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long)"/>
    public long ListRemove(string key, string value, long count = 0) => ListRemove(Utf8Array(key), Utf8Array(value), count);

    private List<long> ListPositionsCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> element, long count, long rank, long maxLength)
    {
        if (rank == 0 || rank == long.MinValue)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), "RANK can't be zero (use 1 for the first match, negative from the tail).");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var options = new ListPositionOptions { Rank = rank, Count = count, MaxLen = maxLength };
        var clock = NewClock();
        var positions = new List<long>();
        ThrowIfError(ListOps.Position(Db, key, element, options, ref clock, positions));
        return positions;
    }

    /// <summary>LPOS key element [RANK rank] [MAXLEN len]: the index of the <paramref name="rank"/>-th match (negative: counting
    /// from the tail), comparing at most <paramref name="maxLength"/> elements (0 = all); null when there is none.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is 0 or <paramref name="maxLength"/> negative.</exception>
    public long? ListPosition(ReadOnlySpan<byte> key, ReadOnlySpan<byte> element, long rank = 1, long maxLength = 0)
    {
        var p = ListPositionsCore(key, element, -1, rank, maxLength);
        return p.Count > 0 ? p[0] : null;
    }

    /// <summary>LPOS with strings.</summary>
    /// <inheritdoc cref="ListPosition(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long, long)"/>
    public long? ListPosition(string key, string element, long rank = 1, long maxLength = 0) => ListPosition(Utf8Array(key), Utf8Array(element), rank, maxLength);

    /// <summary>LPOS key element COUNT count [RANK rank] [MAXLEN len]: the indexes of up to <paramref name="count"/> matches (0 = all).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="maxLength"/> is negative, or <paramref name="rank"/> is 0.</exception>
    public long[] ListPositions(ReadOnlySpan<byte> key, ReadOnlySpan<byte> element, long count, long rank = 1, long maxLength = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. ListPositionsCore(key, element, count, rank, maxLength)];
    }

    /// <summary>LPOS … COUNT with strings.</summary>
    /// <inheritdoc cref="ListPositions(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long, long, long)"/>
    public long[] ListPositions(string key, string element, long count, long rank = 1, long maxLength = 0) =>
        ListPositions(Utf8Array(key), Utf8Array(element), count, rank, maxLength);

    /// <summary>LMOVE: pops from the <paramref name="sourceSide"/> end of <paramref name="source"/> and pushes to the
    /// <paramref name="destinationSide"/> end of <paramref name="destination"/>; returns the element, or null when the source is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">Either key holds another type.</exception>
    public byte[]? ListMove(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ListSide sourceSide, ListSide destinationSide)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        var error = ListOps.Move(Db, source, destination, sourceSide == ListSide.Left, destinationSide == ListSide.Left, ref clock, out var moved);
        Db.Engine.Blocking.ServeIfReady();
        ThrowIfError(error);
        return moved;
    }

    /// <summary>LMOVE with string keys; the element as UTF-8 text.</summary>
    /// <inheritdoc cref="ListMove(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ListSide, ListSide)"/>
    public string? ListMove(string source, string destination, ListSide sourceSide, ListSide destinationSide) =>
        Text(ListMove(Utf8Array(source), Utf8Array(destination), sourceSide, destinationSide));

    /// <summary>RPOPLPUSH: LMOVE source destination RIGHT LEFT.</summary>
    /// <inheritdoc cref="ListMove(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ListSide, ListSide)"/>
    public byte[]? ListRightPopLeftPush(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination) => ListMove(source, destination, ListSide.Right, ListSide.Left);

    /// <summary>RPOPLPUSH with string keys.</summary>
    /// <inheritdoc cref="ListMove(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ListSide, ListSide)"/>
    public string? ListRightPopLeftPush(string source, string destination) => ListMove(source, destination, ListSide.Right, ListSide.Left);

    /// <summary>LMPOP numkeys key [key ...] LEFT|RIGHT COUNT count: pops up to <paramref name="count"/> elements from the
    /// first non-empty list among <paramref name="keys"/>; null when all are missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">A key before the first non-empty list holds another type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public ListPopResult? ListPop(byte[][] keys, ListSide side, long count = 1)
    {
        var k = Memories(keys);
        if (k.Length == 0)
        {
            throw new ArgumentException("At least one key is needed.", nameof(keys));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var clock = NewClock();
        var reader = new ArrayListReader();
        ThrowIfError(ListOps.MultiPop(Db, k, side == ListSide.Left, count, ref clock, ref reader, out bool found));
        return found ? new ListPopResult(reader.Key!, [.. reader.Values!]) : null;
    }

    /// <summary>LMPOP with string keys.</summary>
    /// <inheritdoc cref="ListPop(byte[][], ListSide, long)"/>
    public ListPopResult? ListPop(string[] keys, ListSide side, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return ListPop([.. keys.Select(k => Utf8Array(k, nameof(keys)))], side, count);
    }
}
