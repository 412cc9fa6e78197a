using System.Buffers.Text;
using InProcValkey.DataTypes;
using InProcValkey.DataTypes.Hashes;
using InProcValkey.Errors;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Notifications;

namespace InProcValkey.Operations;

/// <summary>
/// The <c>IDistributedCache</c> entry operations (package InProcValkey.Caching), each ONE atomic step under the key's shard
/// lock, built from the hash type API and the expiry rules (no command strings). The layout is Microsoft's <c>RedisCache</c>
/// (Microsoft.Extensions.Caching.StackExchangeRedis 9/10): one hash per entry with the fields <c>absexp</c> (absolute expiry
/// as UTC <see cref="DateTimeOffset"/> ticks, -1 for none), <c>sldexp</c> (sliding window as <see cref="TimeSpan"/> ticks, -1
/// for none) and <c>data</c>, and a key TTL. Where <c>RedisCache</c> sends HMSET + EXPIRE (Set) or HMGET + PEXPIRE (Get,
/// Refresh), these do both in one step, so a concurrent reader never sees the hash without its TTL.
/// </summary>
internal static class DistributedCacheOps
{
    /// <summary>The value of <c>absexp</c> / <c>sldexp</c> when the entry has no such expiry.</summary>
    public const long NotPresent = -1;

    private const long UnixEpochTicks = 621_355_968_000_000_000; // DateTime.UnixEpoch.Ticks
    private const long TicksPerMs = TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// Set: replaces the key with the hash {absexp, sldexp, data} and its expiry (<paramref name="whenMs"/> unix ms; -1 for none,
    /// which also removes a TTL an earlier entry had). A key of another type, or a hash with other fields, is replaced as a
    /// whole. When <paramref name="whenMs"/> is not in the future the key is deleted and nothing stored (as EXPIRE with a past
    /// time does after <c>RedisCache</c>'s HMSET).
    /// </summary>
    public static void Set(Database db, ReadOnlySpan<byte> key, long absTicks, long sldTicks, ReadOnlySpan<byte> data, long whenMs, ref Clock clock)
    {
        Span<byte> absText = stackalloc byte[20];
        Span<byte> sldText = stackalloc byte[20];
        Utf8Formatter.TryFormat(absTicks, absText, out int absLength);
        Utf8Formatter.TryFormat(sldTicks, sldText, out int sldLength);
        var pairs = new EntryFields(absText[..absLength], sldText[..sldLength], data);

        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        using (shard.Lock())
        {
            var e = db.FindLocked(shard, h, key, ref clock, out int index);
            if (whenMs >= 0 && whenMs <= clock.NowMs)
            {
                if (e is not null)
                {
                    // RedisCache's HSET then EXPIRE with a past time: the key is deleted (EXPIRE's "del").
                    db.RemoveLocked(shard, index);
                    db.SignalModifiedKey(key);
                    db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
                }
                return;
            }
            int at;
            if (e is not null && TryOverwriteEntry(shard, index, e, pairs))
            {
                at = index;
            }
            else
            {
                if (e is not null && !IsEntryShaped(shard, index, e))
                {
                    db.RemoveLocked(shard, index);
                    e = null;
                    index = -1;
                }
                HashValue.Set(db, shard, h, index, e, key, pairs);
                at = shard.Table.Find(h.Hash, key);
            }
            db.SignalModifiedKey(key);
            db.Notify(KeyspaceEventClasses.Hash, Ev.Hset, key);
            var stored = shard.Table.EntryAt(at);
            var reshaped = EntryLayout.WithExpiry(stored, whenMs);
            if (!ReferenceEquals(reshaped, stored))
            {
                db.ReshapeLocked(shard, at, reshaped);
            }
            if (whenMs >= 0)
            {
                db.Notify(KeyspaceEventClasses.Generic, Ev.Expire, key);
            }
        }
    }

    // An entry already stored as a hashtable of exactly the three fields (values over hash-max-listpack-value): its three
    // values are set in one pass over the table's slots, in place when their sizes are unchanged, instead of three hashed
    // lookups after a shape check. False (nothing changed) for any other shape or encoding.
    private static bool TryOverwriteEntry(KeyShard shard, int index, byte[] e, in EntryFields pairs)
    {
        if (!HashValue.IsHash(e) || EntryLayout.CollectionEncoding(e) != CollectionEncodings.HashHashtable)
        {
            return false;
        }
        var table = HashValue.Open(shard, index, e).Table!;
        if (table.Count != 3)
        {
            return false;
        }
        int abs = -1, sld = -1, data = -1;
        for (int i = 0; i < table.Capacity; i++)
        {
            if (table.PairAt(i) is not { } pair)
            {
                continue;
            }
            // A hashtable pair is [LEB128 field length][field][value]; the entry's field names are one length byte long.
            if (pair[0] == 4 && pair.AsSpan(1, 4).SequenceEqual("data"u8))
            {
                data = i;
            }
            else if (pair[0] == 6 && pair.AsSpan(1, 6).SequenceEqual("absexp"u8))
            {
                abs = i;
            }
            else if (pair[0] == 6 && pair.AsSpan(1, 6).SequenceEqual("sldexp"u8))
            {
                sld = i;
            }
        }
        if (abs < 0 || sld < 0 || data < 0)
        {
            return false;
        }
        table.SetValueAt(abs, pairs.Value(0));
        table.SetValueAt(sld, pairs.Value(1));
        table.SetValueAt(data, pairs.Value(2));
        return true;
    }

    /// <summary>
    /// Get (<paramref name="getData"/> true) or Refresh (false): reads the entry and, when it has a sliding window, re-arms
    /// the key's TTL to <c>min(absexp, now + sldexp)</c> in the same step (deleting the key when that is not in the future,
    /// as PEXPIRE with a past time would). Hands <c>data</c> to <paramref name="reader"/> under the lock and commits it;
    /// <paramref name="found"/> tells whether the key existed and had <c>data</c> (for Refresh: whether the key existed).
    /// Returns WRONGTYPE when the key holds another type, else null.
    /// </summary>
    public static string? GetAndRefresh<TReader>(Database db, ReadOnlySpan<byte> key, bool getData, ref Clock clock, ref TReader reader, out bool found)
        where TReader : struct, IStringValueReader
    {
        found = false;
        var h = KeyHash.Of(key);
        var shard = db.ShardOf(h);
        if (IsMissingOptimistic(shard, h, key))
        {
            // A miss needs no lock: the key is not in the table (checked under the shard's version, as GET does).
            db.Engine.KeyspaceHits.Record(false);
            db.Notify(KeyspaceEventClasses.KeyMiss, Ev.Keymiss, key);
            return null;
        }
        using (shard.Lock())
        {
            // RedisCache's HMGET: a read lookup (keyspace hits and misses, "keymiss").
            var e = db.FindForReadLocked(shard, h, key, ref clock, out int index);
            if (e is null)
            {
                return null;
            }
            if (!HashValue.IsHash(e))
            {
                return ErrorMessages.WrongType;
            }
            var hash = HashValue.OpenForRead(shard, index, e);
            var fields = new EntryRead(hash);
            if (getData)
            {
                if (fields.HasData)
                {
                    Span<byte> scratch = stackalloc byte[20];
                    reader.Read(fields.Data.AsText(scratch));
                    found = true;
                }
            }
            else
            {
                found = true;
            }
            long sld = fields.Sliding;
            if (sld != NotPresent)
            {
                long abs = fields.Absolute;
                long now = clock.NowMs;
                long when = SaturatingAdd(now, sld / TicksPerMs);
                if (abs != NotPresent)
                {
                    when = Math.Min(when, TicksToUnixMs(abs));
                }
                // RedisCache's PEXPIRE: "expire", or with a time not in the future the key deleted ("del").
                if (when <= now)
                {
                    db.RemoveLocked(shard, index);
                    db.SignalModifiedKey(key);
                    db.Notify(KeyspaceEventClasses.Generic, Ev.Del, key);
                }
                else
                {
                    var reshaped = EntryLayout.WithExpiry(e, when);
                    if (!ReferenceEquals(reshaped, e))
                    {
                        db.ReshapeLocked(shard, index, reshaped);
                    }
                    db.SignalModifiedKey(key);
                    db.Notify(KeyspaceEventClasses.Generic, Ev.Expire, key);
                }
            }
            if (found && getData)
            {
                reader.Commit();
            }
            return null;
        }
    }

    // True when no writer ran while the key was found absent from its shard's table.
    private static bool IsMissingOptimistic(KeyShard shard, in KeyHash h, ReadOnlySpan<byte> key)
    {
        int version = shard.BeginOptimisticRead();
        return version >= 0 && shard.Table.FindOptimistic(h.Hash, key) is null && shard.Validate(version);
    }

    /// <summary>UTC <see cref="DateTimeOffset"/> ticks to unix milliseconds (floor).</summary>
    public static long TicksToUnixMs(long ticks)
    {
        long q = Math.DivRem(ticks - UnixEpochTicks, TicksPerMs, out long r);
        return r < 0 ? q - 1 : q;
    }

    private static long SaturatingAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;

    // absexp / sldexp as a long; NotPresent when not a number (RedisCache maps a missing field to "none").
    private static long Ticks(in ListpackEntry v)
    {
        if (v.IsInteger)
        {
            return v.Integer;
        }
        var text = v.Bytes;
        // Fast path for what RedisCache writes (a canonical long of at most 18 digits); anything else goes to the parser.
        if (text.Length is > 0 and <= 18)
        {
            bool negative = text[0] == '-';
            int start = negative ? 1 : 0;
            long n = 0;
            int i = start;
            for (; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    break;
                }
                n = n * 10 + d;
            }
            if (i == text.Length && i > start)
            {
                return negative ? -n : n;
            }
        }
        return Utf8Parser.TryParse(v.Bytes, out long ticks, out int consumed) && consumed == v.Bytes.Length ? ticks : NotPresent;
    }

    /// <summary>
    /// The three fields of an entry read in one pass over the hash (an entry has exactly 3 pairs), instead of three hashed
    /// lookups; a hash with many other fields is read with lookups.
    /// </summary>
    private readonly ref struct EntryRead
    {
        private const int ScanUpTo = 8;

        public readonly ListpackEntry Data;
        public readonly bool HasData;
        public readonly long Absolute;
        public readonly long Sliding;

        public EntryRead(in HashRef hash)
        {
            Absolute = NotPresent;
            Sliding = NotPresent;
            if (HashValue.Length(hash) > ScanUpTo)
            {
                HasData = HashValue.TryGet(hash, "data"u8, out Data);
                if (HashValue.TryGet(hash, "absexp"u8, out var abs))
                {
                    Absolute = Ticks(abs);
                }
                if (HashValue.TryGet(hash, "sldexp"u8, out var sld))
                {
                    Sliding = Ticks(sld);
                }
                return;
            }
            if (hash.Table is { } table)
            {
                // A hashtable pair is [LEB128 field length][field][value]; the entry's field names are one length byte long.
                for (int i = 0; i < table.Capacity; i++)
                {
                    if (table.PairAt(i) is not { } pair)
                    {
                        continue;
                    }
                    int length = pair[0];
                    if (length == 4 && pair.AsSpan(1, 4).SequenceEqual("data"u8))
                    {
                        Data = new ListpackEntry(pair.AsSpan(5));
                        HasData = true;
                    }
                    else if (length == 6)
                    {
                        var name = pair.AsSpan(1, 6);
                        if (name.SequenceEqual("absexp"u8))
                        {
                            Absolute = Ticks(new ListpackEntry(pair.AsSpan(7)));
                        }
                        else if (name.SequenceEqual("sldexp"u8))
                        {
                            Sliding = Ticks(new ListpackEntry(pair.AsSpan(7)));
                        }
                    }
                }
                return;
            }
            var pairs = HashValue.Pairs(hash);
            while (pairs.MoveNext())
            {
                var field = pairs.Field;
                if (field.IsInteger)
                {
                    continue;
                }
                var name = field.Bytes;
                if (name.Length == 4)
                {
                    if (name.SequenceEqual("data"u8))
                    {
                        Data = pairs.Value;
                        HasData = true;
                    }
                }
                else if (name.Length == 6)
                {
                    if (name.SequenceEqual("absexp"u8))
                    {
                        Absolute = Ticks(pairs.Value);
                    }
                    else if (name.SequenceEqual("sldexp"u8))
                    {
                        Sliding = Ticks(pairs.Value);
                    }
                }
            }
        }
    }

    // A hash of exactly the three entry fields: Set overwrites its values (in place when their sizes match) instead of
    // replacing the key.
    private static bool IsEntryShaped(KeyShard shard, int index, byte[] e)
    {
        if (!HashValue.IsHash(e))
        {
            return false;
        }
        var hash = HashValue.Open(shard, index, e);
        if (HashValue.Length(hash) != 3)
        {
            return false;
        }
        // One pass over the three pairs (fields are distinct, so three matches mean all three names are there).
        int matched = 0;
        var pairs = HashValue.Pairs(hash);
        while (pairs.MoveNext())
        {
            var field = pairs.Field;
            if (!field.IsInteger && (field.Bytes.SequenceEqual("absexp"u8) || field.Bytes.SequenceEqual("sldexp"u8) || field.Bytes.SequenceEqual("data"u8)))
            {
                matched++;
            }
        }
        return matched == 3;
    }

    /// <summary>The three fields of an entry, in <c>RedisCache</c>'s order.</summary>
    private readonly ref struct EntryFields(ReadOnlySpan<byte> abs, ReadOnlySpan<byte> sld, ReadOnlySpan<byte> data) : IHashPairs
    {
        private readonly ReadOnlySpan<byte> _abs = abs;
        private readonly ReadOnlySpan<byte> _sld = sld;
        private readonly ReadOnlySpan<byte> _data = data;

        public int Count => 3;

        public ReadOnlySpan<byte> Field(int i) => i switch
        {
            0 => "absexp"u8,
            1 => "sldexp"u8,
            _ => "data"u8,
        };

        public ReadOnlySpan<byte> Value(int i) => i switch
        {
            0 => _abs,
            1 => _sld,
            _ => _data,
        };
    }
}

/// <summary>Reads nothing (Refresh).</summary>
internal struct NoValueReader : IStringValueReader
{
    public readonly void Read(ReadOnlySpan<byte> value)
    {
    }

    public readonly void Commit()
    {
    }
}
