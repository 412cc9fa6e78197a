using InProcValkey.DataTypes.Hashes;
using InProcValkey.Keyspace;

namespace InProcValkey.Operations;

/// <summary>HSCAN.</summary>
internal static partial class HashOps
{
    /// <summary>
    /// HSCAN key cursor [MATCH pattern] [COUNT count] (Valkey 7.2's <c>scanGenericCommand</c> on a hash; no NOVALUES, which is
    /// Valkey 8). A listpack is returned whole with cursor 0 whatever the cursor and COUNT. A hashtable is walked bucket by
    /// bucket in reverse-binary order until the visited fields and values reach COUNT (Valkey's list holds both) or 10 × COUNT buckets
    /// were visited; pairs whose field does not match MATCH are then dropped (as Valkey filters after collecting). Appends field, value, … to <paramref name="items"/>;
    /// returns the next cursor in <paramref name="next"/>. Errors: WRONGTYPE, then <paramref name="optionsError"/>
    /// (the options are only judged for an existing hash, as in Valkey).
    /// </summary>
    public static string? Scan(Database db, ReadOnlySpan<byte> key, ulong cursor, in ScanOptions options, string? optionsError, ref Clock clock, ValkeyValueBuffer items, out ulong next)
    {
        next = 0;
        var pattern = options.Pattern is { } pat && !Glob.MatchesEverything(pat) ? pat : null;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = FindHashLocked(db, shard, h, key, ref clock, out int index, out var error, read: true);
            if (e is null)
            {
                return error;
            }
            if (optionsError is not null)
            {
                return optionsError;
            }
            var hash = HashValue.Open(shard, index, e);
            if (hash.Table is not { } table)
            {
                Span<byte> scratch = stackalloc byte[20];
                var it = HashValue.Pairs(hash);
                while (it.MoveNext())
                {
                    var field = it.Field.AsText(scratch);
                    if (pattern is null || Glob.Match(pattern, field))
                    {
                        items.Add(field);
                        items.Add(it.Value);
                    }
                }
                return null;
            }
            long count = options.Count;
            long maxIterations = count > long.MaxValue / 10 ? long.MaxValue : count * 10;
            long visited = 0;
            var bucket = new List<byte[]>();
            do
            {
                bucket.Clear();
                cursor = table.ScanBucket(cursor, bucket);
                visited += 2L * bucket.Count;
                foreach (var pair in bucket)
                {
                    var field = HashTable.FieldOf(pair);
                    if (pattern is null || Glob.Match(pattern, field))
                    {
                        items.Add(field);
                        items.Add(HashTable.ValueOf(pair));
                    }
                }
            }
            while (cursor != 0 && maxIterations-- > 0 && visited < count);
            next = cursor;
            return null;
        }
    }
}
