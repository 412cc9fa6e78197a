using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Lists;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>Options of LPOS.</summary>
internal struct ListPositionOptions
{
    /// <summary>RANK: which match to start from (negative from the tail; never 0).</summary>
    public long Rank;
    /// <summary>COUNT: -1 for no COUNT (one index or nil), 0 for all matches, n for up to n.</summary>
    public long Count;
    /// <summary>MAXLEN: elements to compare at most (0 = all).</summary>
    public long MaxLen;

    public static ListPositionOptions Default => new() { Rank = 1, Count = -1, MaxLen = 0 };
}

internal static partial class ListOps
{
    /// <summary>LRANGE: hands the elements of the inclusive range (negative indexes from the tail, clamped as Valkey does)
    /// to <paramref name="reader"/> (Begin(n) then the elements; a missing key is an empty range). Error: WRONGTYPE.</summary>
    public static string? Range<TReader>(Database db, ReadOnlySpan<byte> key, long start, long stop, ref Clock clock, ref TReader reader)
        where TReader : struct, IListReader
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindListLocked(db, shard, h, key, ref clock, out int slot, out var error, read: true);
            if (error is not null)
            {
                return error;
            }
            if (e is null)
            {
                reader.Begin(0);
                return null;
            }
            var list = new ListValue(db, shard, h, slot, e);
            if (!RankRange.TryResolve(ref start, ref stop, list.Length))
            {
                reader.Begin(0);
                return null;
            }
            long n = stop - start + 1;
            reader.Begin(n);
            var limited = new LimitedVisitor<TReader>(ref reader, n);
            list.ForEach(start, reverse: false, ref limited);
            reader = limited.Inner;
            return null;
        }
    }

    /// <summary>LTRIM (<c>ltrimCommand</c>): keeps only the inclusive range; an empty range deletes the key. Error: WRONGTYPE.</summary>
    public static string? Trim(Database db, ReadOnlySpan<byte> key, long start, long stop, ref Clock clock)
    {
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
            long len = list.Length;
            long ltrim, rtrim;
            if (RankRange.TryResolve(ref start, ref stop, len))
            {
                ltrim = start;
                rtrim = len - stop - 1;
            }
            else
            {
                ltrim = len;
                rtrim = 0;
            }
            list.DeleteRange(0, ltrim);
            list.DeleteRange(len - ltrim - rtrim, rtrim);
            bool deleted = list.FinishRemoval();
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.List, Ev.Ltrim, key);
            if (deleted)
            {
                db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
            }
            return null;
        }
    }

    /// <summary>LREM (<c>lremCommand</c>): removes up to |count| elements equal to <paramref name="value"/> (count &gt; 0 from
    /// the head, &lt; 0 from the tail, 0 all); <paramref name="removed"/> how many. Error: WRONGTYPE.</summary>
    public static string? Remove(Database db, ReadOnlySpan<byte> key, long count, ReadOnlySpan<byte> value, ref Clock clock, out long removed)
    {
        removed = 0;
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
            removed = list.RemoveMatches(value, count);
            if (removed > 0)
            {
                bool deleted = list.FinishRemoval();
                db.SignalModifiedKey(key);
                db.Notify(KeyspaceEventClasses.List, Ev.Lrem, key);
                if (deleted)
                {
                    db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
                }
            }
            return null;
        }
    }

    /// <summary>LPOS (<c>lposCommand</c>): the indexes of elements equal to <paramref name="value"/> (into
    /// <paramref name="positions"/>, in match order). A missing key has no matches. Error: WRONGTYPE.</summary>
    public static string? Position(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, in ListPositionOptions options, ref Clock clock, List<long> positions)
    {
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindListLocked(db, shard, h, key, ref clock, out int slot, out var error, read: true);
            if (e is null)
            {
                return error;
            }
            var list = new ListValue(db, shard, h, slot, e);
            long len = list.Length;
            bool fromTail = options.Rank < 0;
            var finder = new MatchFinder(value, len, fromTail, fromTail ? -options.Rank : options.Rank, options.Count, options.MaxLen, positions);
            list.ForEach(fromTail ? len - 1 : 0, reverse: fromTail, ref finder);
            return null;
        }
    }

    private struct MatchFinder(ReadOnlySpan<byte> value, long length, bool fromTail, long rank, long count, long maxLen, List<long> positions) : IListVisitor
    {
        private readonly byte[] _value = value.ToArray();
        private long _index;
        private long _matches;

        public bool Visit(in ListpackEntry element)
        {
            if (maxLen != 0 && _index >= maxLen)
            {
                return false;
            }
            if (new ListMatcher(_value).Matches(element))
            {
                _matches++;
                if (_matches >= rank)
                {
                    positions.Add(fromTail ? length - _index - 1 : _index);
                    if (count == -1 || (count != 0 && _matches - rank + 1 >= count))
                    {
                        return false;
                    }
                }
            }
            _index++;
            return true;
        }
    }
}
