using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Lists;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>Receives a list reply: the element count first, then the elements (<see cref="IListVisitor.Visit"/>).</summary>
internal interface IListReader : IListVisitor
{
    /// <summary>Called once before the elements with how many follow.</summary>
    void Begin(long count);
}

/// <summary>
/// The semantics of the list commands, once (Valkey 7.2's <c>t_list.c</c> command section). Command handlers and the
/// typed API call these; they take the shard locks and return an error text or null. A call that returns an error
/// has changed nothing. Elements reach callers through <see cref="IListReader"/> while the lock is held.
/// </summary>
internal static partial class ListOps
{
    // lookupKey + checkType(OBJ_LIST): the entry, or null when missing (error null) or of another type (WRONGTYPE).
    private static byte[]? FindListLocked(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, ref Clock clock, out int index, out string? error, bool read = false)
    {
        // A read is Valkey's lookupKeyRead: it counts a keyspace hit or miss and fires "keymiss".
        var e = read ? db.FindForReadLocked(shard, h, key, ref clock, out index) : db.FindLocked(shard, h, key, ref clock, out index);
        if (e is not null && !ListValue.IsList(e))
        {
            error = ErrorMessages.WrongType;
            return null;
        }
        error = null;
        return e;
    }

    // The list a push goes into (lock held): the key's list, or a new one sized for createBytes. False when nothing is
    // pushed: WRONGTYPE (error set), or a missing key with onlyIfExists (LPUSHX/RPUSHX; error null).
    private static bool TryOpenForPushLocked(Database db, KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key, bool onlyIfExists, int createBytes, ref Clock clock, out ListValue list, out string? error)
    {
        var e = FindListLocked(db, shard, h, key, ref clock, out int index, out error);
        if (e is not null)
        {
            list = new ListValue(db, shard, h, index, e);
            return true;
        }
        list = default;
        if (error is not null || onlyIfExists)
        {
            return false;
        }
        list = ListValue.Create(db, shard, h, key, createBytes);
        return true;
    }

    // The string bytes Valkey's listTypeTryConversionAppend counts for the pushed arguments.
    private static long RawBytes(ReadOnlySpan<ReadOnlyMemory<byte>> values)
    {
        long n = 0;
        foreach (var v in values)
        {
            n += v.Length;
        }
        return n;
    }

    /// <summary>
    /// LPUSH / RPUSH / LPUSHX / RPUSHX (<c>pushGenericCommand</c>): pushes <paramref name="values"/> one by one at the head
    /// (<paramref name="head"/>) or tail; with <paramref name="onlyIfExists"/> a missing key stays missing (length 0).
    /// <paramref name="length"/> is the list's length after. Error: WRONGTYPE.
    /// </summary>
    public static string? Push(Database db, ReadOnlySpan<byte> key, bool head, bool onlyIfExists, ReadOnlySpan<ReadOnlyMemory<byte>> values, ref Clock clock, out long length)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            long raw = RawBytes(values);
            if (!TryOpenForPushLocked(db, shard, h, key, onlyIfExists, (int)Math.Min(raw + 2L * values.Length, int.MaxValue), ref clock, out var list, out var error))
            {
                return error;
            }
            list.PrepareGrow(raw, values.Length);
            foreach (var v in values)
            {
                list.Push(v.Span, head);
            }
            db.Notify(KeyspaceEventClasses.List, head ? Ev.Lpush : Ev.Rpush, key);
            length = list.Length;
            SignalReady(db, key);
            db.SignalModifiedKey(key);
            return null;
        }
    }

    /// <summary>LPUSH / RPUSH of one value (no argument array). See <see cref="Push(Database, ReadOnlySpan{byte}, bool, bool, ReadOnlySpan{ReadOnlyMemory{byte}}, ref Clock, out long)"/>.</summary>
    public static string? PushOne(Database db, ReadOnlySpan<byte> key, bool head, bool onlyIfExists, ReadOnlySpan<byte> value, ref Clock clock, out long length)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            if (!TryOpenForPushLocked(db, shard, h, key, onlyIfExists, value.Length + 2, ref clock, out var list, out var error))
            {
                return error;
            }
            list.PrepareGrow(value.Length, 1);
            list.Push(value, head);
            db.Notify(KeyspaceEventClasses.List, head ? Ev.Lpush : Ev.Rpush, key);
            length = list.Length;
            SignalReady(db, key);
            db.SignalModifiedKey(key);
            return null;
        }
    }

    /// <summary>LLEN: the length, 0 when missing. Error: WRONGTYPE.</summary>
    public static string? Length(Database db, ReadOnlySpan<byte> key, ref Clock clock, out long length, bool read = true)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindListLocked(db, shard, h, key, ref clock, out int index, out var error, read);
            if (e is not null)
            {
                length = new ListValue(db, shard, h, index, e).Length;
            }
            return error;
        }
    }

    /// <summary>LINDEX: hands the element at <paramref name="index"/> (negative from the tail) to <paramref name="reader"/>
    /// (Begin(1) then the element, or nothing with <paramref name="found"/> false when missing or out of range). Error: WRONGTYPE.</summary>
    public static string? Index<TReader>(Database db, ReadOnlySpan<byte> key, long index, ref Clock clock, ref TReader reader, out bool found, bool read = true)
        where TReader : struct, IListReader
    {
        found = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindListLocked(db, shard, h, key, ref clock, out int slot, out var error, read);
            if (e is null)
            {
                return error;
            }
            var list = new ListValue(db, shard, h, slot, e);
            long len = list.Length;
            if (index < 0)
            {
                index += len;
            }
            if (index < 0 || index >= len)
            {
                return null;
            }
            found = true;
            reader.Begin(1);
            reader.Visit(list.Get(index));
            return null;
        }
    }

    /// <summary>LSET (<c>lsetCommand</c>): replaces the element at <paramref name="index"/>. Errors: ERR no such key,
    /// WRONGTYPE, ERR index out of range. The growing conversion check runs first, as in Valkey (with one added element).</summary>
    public static string? Set(Database db, ReadOnlySpan<byte> key, long index, ReadOnlySpan<byte> value, ref Clock clock)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindListLocked(db, shard, h, key, ref clock, out int slot, out var error);
            if (error is not null)
            {
                return error;
            }
            if (e is null)
            {
                return ErrorMessages.NoSuchKey;
            }
            var list = new ListValue(db, shard, h, slot, e);
            list.PrepareGrow(value.Length, 1);
            long len = list.Length;
            if (index < 0)
            {
                index += len;
            }
            if (index < 0 || index >= len)
            {
                return ErrorMessages.IndexOutOfRange;
            }
            list.Set(index, value);
            db.SignalModifiedKey(key);
            list.TryShrink();
            db.Notify(KeyspaceEventClasses.List, Ev.Lset, key);
            return null;
        }
    }

    /// <summary>LINSERT (<c>linsertCommand</c>): inserts <paramref name="value"/> before/after the first element equal to
    /// <paramref name="pivot"/>. <paramref name="length"/>: the new length, -1 when the pivot is missing, 0 when the key is.
    /// Error: WRONGTYPE.</summary>
    public static string? Insert(Database db, ReadOnlySpan<byte> key, bool after, ReadOnlySpan<byte> pivot, ReadOnlySpan<byte> value, ref Clock clock, out long length)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindListLocked(db, shard, h, key, ref clock, out int slot, out var error);
            if (e is null)
            {
                return error;
            }
            var list = new ListValue(db, shard, h, slot, e);
            // Valkey converts before searching, so a missing pivot may still turn the listpack into a quicklist.
            list.PrepareGrow(value.Length, 1);
            var finder = new PositionFinder(pivot);
            list.ForEach(0, reverse: false, ref finder);
            if (finder.Found < 0)
            {
                length = -1;
                return null;
            }
            list.Insert(finder.Found, after, value);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.List, Ev.Linsert, key);
            length = list.Length;
            return null;
        }
    }

    // Finds the index of the first element equal to a value.
    private struct PositionFinder(ReadOnlySpan<byte> value) : IListVisitor
    {
        private readonly byte[] _value = value.ToArray();
        private long _index;
        public long Found = -1;

        public bool Visit(in ListpackEntry element)
        {
            if (new ListMatcher(_value).Matches(element))
            {
                Found = _index;
                return false;
            }
            _index++;
            return true;
        }
    }

    /// <summary>
    /// LPOP / RPOP (<c>popGenericCommand</c>): without <paramref name="count"/> (-1) pops one element (Begin(1) + element);
    /// with a count pops up to that many (Begin(n) + elements; 0 pops nothing). <paramref name="found"/> is false when
    /// the key is missing (nothing is handed to the reader). Error: WRONGTYPE.
    /// </summary>
    public static string? Pop<TReader>(Database db, ReadOnlySpan<byte> key, bool head, long count, ref Clock clock, ref TReader reader, out bool found)
        where TReader : struct, IListReader
    {
        found = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindListLocked(db, shard, h, key, ref clock, out int slot, out var error);
            if (e is null)
            {
                return error;
            }
            found = true;
            if (count == 0)
            {
                reader.Begin(0);
                return null;
            }
            var list = new ListValue(db, shard, h, slot, e);
            PopLocked(db, key, ref list, head, count < 0 ? 1 : count, ref reader);
            db.SignalModifiedKey(key);
            return null;
        }
    }

    // Hands up to count elements from one end to the reader (in pop order), deletes them, deletes the key when empty
    // or lets it shrink back to a listpack (listPopRangeAndReplyWithKey + listElementsRemoved).
    private static void PopLocked<TReader>(Database db, ReadOnlySpan<byte> key, ref ListValue list, bool head, long count, ref TReader reader)
        where TReader : struct, IListReader
    {
        long len = list.Length;
        long n = Math.Min(count, len);
        reader.Begin(n);
        var limited = new LimitedVisitor<TReader>(ref reader, n);
        list.ForEach(head ? 0 : len - 1, reverse: !head, ref limited);
        reader = limited.Inner;
        list.DeleteRange(head ? 0 : len - n, n);
        bool deleted = list.FinishRemoval();
        db.Notify(KeyspaceEventClasses.List, head ? Ev.Lpop : Ev.Rpop, key);
        if (deleted)
        {
            db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
        }
    }

    // Passes at most Remaining elements on.
    private struct LimitedVisitor<TInner>(ref TInner inner, long limit) : IListVisitor
        where TInner : struct, IListVisitor
    {
        public TInner Inner = inner;
        private long _remaining = limit;

        public bool Visit(in ListpackEntry element)
        {
            if (_remaining <= 0)
            {
                return false;
            }
            _remaining--;
            Inner.Visit(element);
            return _remaining > 0;
        }
    }
}
