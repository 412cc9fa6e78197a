using InProcValkey.DataTypes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>The byte-range commands: APPEND, GETRANGE (SUBSTR), SETRANGE, STRLEN.</summary>
internal static partial class StringOps
{
    /// <summary>
    /// APPEND: on a missing key, creates it as SET would (encoding chosen from the value); on an existing string, the
    /// result is <c>raw</c> and keeps the TTL. Returns the new length. Errors: WRONGTYPE; the result would exceed
    /// <c>proto-max-bulk-len</c> (checked before allocating).
    /// </summary>
    public static string? Append(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ref Clock clock, out long length)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out int index);
            if (e is null)
            {
                db.StoreLocked(shard, h, index, StringValue.Create(key, value, -1, db.Engine.LruClock, db.Engine.Config.SharesIntegers));
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.String, Ev.Append, key);
                length = value.Length;
                return null;
            }
            if (!StringValue.IsString(e))
            {
                return ErrorMessages.WrongType;
            }
            Span<byte> scratch = stackalloc byte[StringValue.MaxInt64Chars];
            var old = StringValue.GetSpan(e, scratch);
            if (ExceedsMaxLength(db, key, old.Length, value.Length))
            {
                return ErrorMessages.StringTooLong;
            }
            length = old.Length + value.Length;
            if (value.Length == 0 && EntryLayout.Encoding(e) == StringEncoding.Raw)
            {
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.String, Ev.Append, key);
                return null;
            }
            if (EntryLayout.Encoding(e) == StringEncoding.Raw && EntryLayout.TryGrowInPlace(e, (int)length) is { IsEmpty: false } grown)
            {
                value.CopyTo(grown[old.Length..]);
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.String, Ev.Append, key);
                return null;
            }
            var entry = StringValue.CreateRawGreedy(key, (int)length, db.Engine.ProtoMaxBulkLen, ExpiryOf(e), db.Engine.LruClock, out var dst);
            old.CopyTo(dst);
            value.CopyTo(dst[old.Length..]);
            db.StoreLocked(shard, h, index, entry);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.String, Ev.Append, key);
            return null;
        }
    }

    /// <summary>GETRANGE / SUBSTR: the bytes from <paramref name="start"/> to <paramref name="end"/> inclusive (negative counts from the end), empty when missing. Error: WRONGTYPE.</summary>
    public static string? GetRange(Database db, ReadOnlySpan<byte> key, long start, long end, ref Clock clock, out byte[] value)
    {
        value = [];
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindStringLocked(db, shard, h, key, ref clock, out _, out var error);
            if (e is null)
            {
                return error;
            }
            Span<byte> scratch = stackalloc byte[StringValue.MaxInt64Chars];
            var text = StringValue.GetSpan(e, scratch);
            if (TryResolveRange(start, end, text.Length, out int from, out int count))
            {
                value = text.Slice(from, count).ToArray();
            }
            return null;
        }
    }

    /// <summary>
    /// Valkey 7.2's GETRANGE index rules: both negative with start &gt; end is empty; negatives count from the end and
    /// clamp at 0; end clamps to the last byte; empty when start &gt; end or the string is empty.
    /// </summary>
    internal static bool TryResolveRange(long start, long end, int length, out int from, out int count)
    {
        from = 0;
        count = 0;
        if (start < 0 && end < 0 && start > end)
        {
            return false;
        }
        if (start < 0)
        {
            start += length;
        }
        if (end < 0)
        {
            end += length;
        }
        if (start < 0)
        {
            start = 0;
        }
        if (end < 0)
        {
            end = 0;
        }
        if (end >= length)
        {
            end = length - 1;
        }
        if (start > end || length == 0)
        {
            return false;
        }
        from = (int)start;
        count = (int)(end - start + 1);
        return true;
    }

    /// <summary>
    /// SETRANGE: overwrites bytes from <paramref name="offset"/>, zero-padding a shorter or missing string; returns the
    /// new length. An empty value changes nothing (0 for a missing key, which is not created). The result is <c>raw</c>
    /// and keeps the TTL. Errors: offset out of range (negative); WRONGTYPE; the result would exceed <c>proto-max-bulk-len</c>.
    /// </summary>
    public static string? SetRange(Database db, ReadOnlySpan<byte> key, long offset, ReadOnlySpan<byte> value, ref Clock clock, out long length)
    {
        length = 0;
        if (offset < 0)
        {
            return ErrorMessages.OffsetOutOfRange;
        }
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out int index);
            if (e is not null && !StringValue.IsString(e))
            {
                return ErrorMessages.WrongType;
            }
            Span<byte> scratch = stackalloc byte[StringValue.MaxInt64Chars];
            var old = e is null ? default : StringValue.GetSpan(e, scratch);
            if (value.Length == 0)
            {
                length = old.Length;
                return null;
            }
            if (ExceedsMaxLength(db, key, offset, value.Length))
            {
                return ErrorMessages.StringTooLong;
            }
            int at = (int)offset;
            length = Math.Max(old.Length, at + value.Length);
            if (e is not null && EntryLayout.Encoding(e) == StringEncoding.Raw)
            {
                var inPlace = length == old.Length ? EntryLayout.StoredValue(e) : EntryLayout.TryGrowInPlace(e, (int)length);
                if (!inPlace.IsEmpty)
                {
                    value.CopyTo(inPlace[at..]);
                    db.SignalModifiedKey(key);
                    db.Notify(KeyspaceEventClasses.String, Ev.Setrange, key);
                    return null;
                }
            }
            var entry = e is null
                ? StringValue.CreateRaw(key, (int)length, ExpiryOf(e), db.Engine.LruClock, out var dst)
                : StringValue.CreateRawGreedy(key, (int)length, db.Engine.ProtoMaxBulkLen, ExpiryOf(e), db.Engine.LruClock, out dst);
            old.CopyTo(dst);
            if (at > old.Length)
            {
                dst[old.Length..at].Clear();
            }
            value.CopyTo(dst[at..]);
            db.StoreLocked(shard, h, index, entry);
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.String, Ev.Setrange, key);
            return null;
        }
    }

    /// <summary>STRLEN: the length of the value's text, 0 when missing. Error: WRONGTYPE.</summary>
    public static string? Length(Database db, ReadOnlySpan<byte> key, ref Clock clock, out long length)
    {
        length = 0;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindStringLocked(db, shard, h, key, ref clock, out _, out var error);
            if (e is null)
            {
                return error;
            }
            length = StringValue.Length(e);
            return null;
        }
    }

    // Valkey's checkStringLength: size + append over proto-max-bulk-len (or overflowing) is refused. A .NET array also
    // caps an entry, so that limit applies too when proto-max-bulk-len is configured above it.
    private static bool ExceedsMaxLength(Database db, ReadOnlySpan<byte> key, long size, long append)
    {
        long total = size + append;
        return total < size || total > db.Engine.ProtoMaxBulkLen ||
               total > Array.MaxLength - EntryLayout.HeaderSize(true, key.Length);
    }
}
