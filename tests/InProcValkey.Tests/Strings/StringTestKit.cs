using System.Text;
using InProcValkey.DataTypes;
using InProcValkey.Keyspace;

namespace InProcValkey.Tests.Strings;

/// <summary>
/// Looks inside the keyspace for what the string tests must check but whose commands belong to other areas
/// (OBJECT ENCODING, PTTL) and plants a value of another type (no list/hash commands exist yet).
/// </summary>
internal static class StringTestKit
{
    private static byte[]? Find(ValkeyStore store, string key, int db = 0)
    {
        var database = store.Engine.Databases[db];
        var k = Encoding.UTF8.GetBytes(key);
        var h = KeyHash.Of(k);
        var shard = database.ShardOf(h);
        var clock = new Clock(store.Engine.Time);
        using (shard.Lock())
        {
            return database.FindLocked(shard, h, k, ref clock, out _, touch: false);
        }
    }

    /// <summary>What OBJECT ENCODING would answer: int, embstr, raw; null when the key is missing.</summary>
    public static string? EncodingOf(this TestStore t, string key) => EncodingOf(t.Store, key);

    public static string? EncodingOf(ValkeyStore store, string key) => Find(store, key) is { } e ? StringValue.EncodingName(e) : null;

    /// <summary>What PTTL would answer: -2 missing, -1 no TTL, else milliseconds left.</summary>
    public static long Pttl(this TestStore t, string key)
    {
        var e = Find(t.Store, key);
        if (e is null)
        {
            return -2;
        }
        return EntryLayout.HasExpiry(e) ? EntryLayout.Expiry(e) - t.Time.GetUtcNow().ToUnixTimeMilliseconds() : -1;
    }

    /// <summary>Stores a non-string value under <paramref name="key"/> (stands in for a list until the list commands exist).</summary>
    public static void PutNonString(this TestStore t, string key) => PutNonString(t.Store, key);

    public static void PutNonString(ValkeyStore store, string key)
    {
        var database = store.Engine.Databases[0];
        var k = Encoding.UTF8.GetBytes(key);
        var h = KeyHash.Of(k);
        var shard = database.ShardOf(h);
        var clock = new Clock(store.Engine.Time);
        using (shard.Lock())
        {
            database.FindLocked(shard, h, k, ref clock, out int index);
            var entry = EntryLayout.AllocateCollection(k, EntryKind.List, CollectionEncodings.ListListpack, false, 0, 0, 0, 0, out _);
            database.StoreLocked(shard, h, index, entry);
        }
    }

    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public const string NotInteger = "ERR value is not an integer or out of range";
    public const string NotFloat = "ERR value is not a valid float";
    public const string Syntax = "ERR syntax error";
}
