using System.Text;

namespace InProcValkey.Keyspace;

/// <summary>
/// The type of an entry and its names, as TYPE and SCAN's TYPE option use them (Valkey's <c>obj_type_name</c> and
/// <c>getObjectTypeByName</c> in <c>db.c</c>).
/// </summary>
internal static class KeyTypes
{
    /// <summary>The type of a live entry.</summary>
    public static KeyType Of(byte[] entry) => EntryLayout.Kind(entry) switch
    {
        EntryKind.String => KeyType.String,
        EntryKind.List => KeyType.List,
        EntryKind.Hash => KeyType.Hash,
        EntryKind.Set => KeyType.Set,
        EntryKind.SortedSet => KeyType.SortedSet,
        _ => KeyType.Unknown,
    };

    /// <summary>TYPE's reply: <c>string</c>, <c>list</c>, <c>set</c>, <c>zset</c>, <c>hash</c>, <c>stream</c>, or <c>none</c>.</summary>
    public static string Name(KeyType type) => type switch
    {
        KeyType.None => "none",
        KeyType.String => "string",
        KeyType.List => "list",
        KeyType.Set => "set",
        KeyType.SortedSet => "zset",
        KeyType.Hash => "hash",
        KeyType.Stream => "stream",
        _ => "unknown",
    };

    /// <summary>
    /// SCAN's TYPE argument (ASCII case-insensitive). An unknown name is no error in Valkey 7.2: it gives
    /// <see cref="KeyType.Unknown"/>, which no key matches, so SCAN returns nothing.
    /// </summary>
    public static KeyType Parse(ReadOnlySpan<byte> name)
    {
        for (var t = KeyType.String; t <= KeyType.Stream; t++)
        {
            if (Ascii.EqualsIgnoreCase(name, Name(t)))
            {
                return t;
            }
        }
        return KeyType.Unknown;
    }
}
