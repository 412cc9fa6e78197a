using System.Buffers;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    private static ReadOnlyMemory<byte>[] Memories(byte[][] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new ReadOnlyMemory<byte>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(values[i], nameof(values));
            m[i] = values[i];
        }
        return m;
    }

    private static ReadOnlyMemory<byte>[] Memories(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new ReadOnlyMemory<byte>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            m[i] = Utf8Array(values[i], nameof(values));
        }
        return m;
    }

    private long ListPush(ReadOnlySpan<byte> key, bool head, When when, ReadOnlySpan<byte> value)
    {
        if (when == When.NotExists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), "Lists support When.Always (LPUSH/RPUSH) and When.Exists (LPUSHX/RPUSHX).");
        }
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        var error = ListOps.PushOne(Db, key, head, when == When.Exists, value, ref clock, out long length);
        Db.Engine.Blocking.ServeIfReady();
        ThrowIfError(error);
        return length;
    }

    private long ListPush(ReadOnlySpan<byte> key, bool head, When when, ReadOnlyMemory<byte>[] values)
    {
        if (when == When.NotExists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), "Lists support When.Always (LPUSH/RPUSH) and When.Exists (LPUSHX/RPUSHX).");
        }
        if (values.Length == 0)
        {
            throw new ArgumentException("At least one value is needed.", nameof(values));
        }
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        var error = ListOps.Push(Db, key, head, when == When.Exists, values, ref clock, out long length);
        Db.Engine.Blocking.ServeIfReady();
        ThrowIfError(error);
        return length;
    }

    /// <summary>LPUSH (or LPUSHX with <see cref="When.Exists"/>): adds <paramref name="value"/> at the head; returns the new length (0 when LPUSHX found no list).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListLeftPush(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, When when = When.Always) => ListPush(key, true, when, value);

    /// <summary>LPUSH with string key and value (UTF-8).</summary>
    /// <inheritdoc cref="ListLeftPush(ReadOnlySpan{byte}, ReadOnlySpan{byte}, When)"/>
    public long ListLeftPush(string key, string value, When when = When.Always) => ListPush(Utf8Array(key), true, when, Utf8Array(value));

    /// <summary>LPUSH key value [value ...]: pushes each value at the head in turn (the last ends up first); returns the new length.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListLeftPush(ReadOnlySpan<byte> key, byte[][] values, When when = When.Always) => ListPush(key, true, when, Memories(values));

    /// <summary>LPUSH of several string values.</summary>
    /// <inheritdoc cref="ListLeftPush(ReadOnlySpan{byte}, byte[][], When)"/>
    public long ListLeftPush(string key, string[] values, When when = When.Always) => ListPush(Utf8Array(key), true, when, Memories(values));

    /// <summary>RPUSH (or RPUSHX with <see cref="When.Exists"/>): adds <paramref name="value"/> at the tail; returns the new length (0 when RPUSHX found no list).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListRightPush(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, When when = When.Always) => ListPush(key, false, when, value);

    /// <summary>RPUSH with string key and value (UTF-8).</summary>
    /// <inheritdoc cref="ListRightPush(ReadOnlySpan{byte}, ReadOnlySpan{byte}, When)"/>
    public long ListRightPush(string key, string value, When when = When.Always) => ListPush(Utf8Array(key), false, when, Utf8Array(value));

    /// <summary>RPUSH key value [value ...]: appends the values in order; returns the new length.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListRightPush(ReadOnlySpan<byte> key, byte[][] values, When when = When.Always) => ListPush(key, false, when, Memories(values));

    /// <summary>RPUSH of several string values.</summary>
    /// <inheritdoc cref="ListRightPush(ReadOnlySpan{byte}, byte[][], When)"/>
    public long ListRightPush(string key, string[] values, When when = When.Always) => ListPush(Utf8Array(key), false, when, Memories(values));

    /// <summary>LLEN: the length of the list, 0 when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListLength(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(ListOps.Length(Db, key, ref clock, out long length));
        return length;
    }

    /// <summary>LLEN with a string key.</summary>
    /// <inheritdoc cref="ListLength(ReadOnlySpan{byte})"/>
    public long ListLength(string key) => ListLength(Utf8Array(key));

    private byte[][] ListPop(ReadOnlySpan<byte> key, bool head, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var clock = NewClock();
        var reader = new ArrayListReader();
        ThrowIfError(ListOps.Pop(Db, key, head, count, ref clock, ref reader, out bool found));
        return found && reader.Values is not null ? [.. reader.Values] : [];
    }

    private byte[]? ListPopOne(ReadOnlySpan<byte> key, bool head)
    {
        var clock = NewClock();
        var reader = new ArrayListReader();
        ThrowIfError(ListOps.Pop(Db, key, head, -1, ref clock, ref reader, out bool found));
        return found ? reader.Values![0] : null;
    }

    private bool ListPopInto(ReadOnlySpan<byte> key, bool head, IBufferWriter<byte> destination, out int length)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var clock = NewClock();
        var reader = new BufferListReader(destination, default, 1);
        ThrowIfError(ListOps.Pop(Db, key, head, -1, ref clock, ref reader, out bool found));
        length = reader.LastLength;
        return found;
    }

    /// <summary>LPOP: removes and returns the first element, or null when the list is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]? ListLeftPop(ReadOnlySpan<byte> key) => ListPopOne(key, true);

    /// <summary>LPOP with a string key; the element as UTF-8 text.</summary>
    /// <inheritdoc cref="ListLeftPop(ReadOnlySpan{byte})"/>
    public string? ListLeftPop(string key) => Text(ListPopOne(Utf8Array(key), true));

    /// <summary>LPOP key count: removes and returns up to <paramref name="count"/> elements from the head (empty when missing).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public byte[][] ListLeftPop(ReadOnlySpan<byte> key, long count) => ListPop(key, true, count);

    /// <summary>LPOP into a caller's buffer: writes the element to <paramref name="destination"/> and returns true, or false when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool ListLeftPop(ReadOnlySpan<byte> key, IBufferWriter<byte> destination) => ListPopInto(key, true, destination, out _);

    /// <summary>RPOP: removes and returns the last element, or null when the list is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]? ListRightPop(ReadOnlySpan<byte> key) => ListPopOne(key, false);

    /// <summary>RPOP with a string key; the element as UTF-8 text.</summary>
    /// <inheritdoc cref="ListRightPop(ReadOnlySpan{byte})"/>
    public string? ListRightPop(string key) => Text(ListPopOne(Utf8Array(key), false));

    /// <summary>RPOP key count: removes and returns up to <paramref name="count"/> elements from the tail (empty when missing).</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public byte[][] ListRightPop(ReadOnlySpan<byte> key, long count) => ListPop(key, false, count);

    /// <summary>RPOP into a caller's buffer: writes the element to <paramref name="destination"/> and returns true, or false when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public bool ListRightPop(ReadOnlySpan<byte> key, IBufferWriter<byte> destination) => ListPopInto(key, false, destination, out _);

    /// <summary>LINDEX: the element at <paramref name="index"/> (negative counts from the tail), or null when missing or out of range.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public byte[]? ListGetByIndex(ReadOnlySpan<byte> key, long index)
    {
        var clock = NewClock();
        var reader = new ArrayListReader();
        ThrowIfError(ListOps.Index(Db, key, index, ref clock, ref reader, out bool found));
        return found ? reader.Values![0] : null;
    }

    /// <summary>LINDEX with a string key; the element as UTF-8 text.</summary>
    /// <inheritdoc cref="ListGetByIndex(ReadOnlySpan{byte}, long)"/>
    public string? ListGetByIndex(string key, long index) => Text(ListGetByIndex(Utf8Array(key), index));

    /// <summary>LSET: replaces the element at <paramref name="index"/> (negative counts from the tail).</summary>
    /// <exception cref="ValkeyException"><c>ERR no such key</c> or <c>ERR index out of range</c>.</exception>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public void ListSetByIndex(ReadOnlySpan<byte> key, long index, ReadOnlySpan<byte> value)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(ListOps.Set(Db, key, index, value, ref clock));
    }

    /// <summary>LSET with string key and value.</summary>
    /// <inheritdoc cref="ListSetByIndex(ReadOnlySpan{byte}, long, ReadOnlySpan{byte})"/>
    public void ListSetByIndex(string key, long index, string value) => ListSetByIndex(Utf8Array(key), index, Utf8Array(value));

    private long ListInsert(ReadOnlySpan<byte> key, bool after, ReadOnlySpan<byte> pivot, ReadOnlySpan<byte> value)
    {
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(ListOps.Insert(Db, key, after, pivot, value, ref clock, out long length));
        return length;
    }

    /// <summary>LINSERT key BEFORE pivot value: returns the new length, -1 when <paramref name="pivot"/> is not found, 0 when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListInsertBefore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> pivot, ReadOnlySpan<byte> value) => ListInsert(key, false, pivot, value);

    /// <summary>LINSERT BEFORE with strings.</summary>
    /// <inheritdoc cref="ListInsertBefore(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public long ListInsertBefore(string key, string pivot, string value) => ListInsert(Utf8Array(key), false, Utf8Array(pivot), Utf8Array(value));

    /// <summary>LINSERT key AFTER pivot value: returns the new length, -1 when <paramref name="pivot"/> is not found, 0 when the key is missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds another type.</exception>
    public long ListInsertAfter(ReadOnlySpan<byte> key, ReadOnlySpan<byte> pivot, ReadOnlySpan<byte> value) => ListInsert(key, true, pivot, value);

    /// <summary>LINSERT AFTER with strings.</summary>
    /// <inheritdoc cref="ListInsertAfter(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public long ListInsertAfter(string key, string pivot, string value) => ListInsert(Utf8Array(key), true, Utf8Array(pivot), Utf8Array(value));
}
