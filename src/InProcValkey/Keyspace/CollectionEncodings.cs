namespace InProcValkey.Keyspace;

/// <summary>
/// The encoding tags collection entries carry (<see cref="EntryLayout.CollectionEncoding"/>) and the names OBJECT ENCODING
/// reports for them, as Valkey 7.2 names its encodings (<c>strEncoding</c> in <c>object.c</c>). Compact encodings keep
/// their bytes inline in the entry; the others keep a structure (<see cref="ICollectionObject"/>) beside it.
/// </summary>
internal static class CollectionEncodings
{
    /// <summary>List: a listpack inline in the entry.</summary>
    public const byte ListListpack = 0;
    /// <summary>List: a quicklist structure.</summary>
    public const byte ListQuicklist = 1;

    /// <summary>Hash: a listpack inline in the entry.</summary>
    public const byte HashListpack = 0;
    /// <summary>Hash: a hashtable structure.</summary>
    public const byte HashHashtable = 1;

    /// <summary>Set: an intset inline in the entry.</summary>
    public const byte SetIntset = 0;
    /// <summary>Set: a listpack inline in the entry.</summary>
    public const byte SetListpack = 1;
    /// <summary>Set: a hashtable structure.</summary>
    public const byte SetHashtable = 2;

    /// <summary>Sorted set: a listpack inline in the entry.</summary>
    public const byte SortedSetListpack = 0;
    /// <summary>Sorted set: a skiplist + dictionary structure.</summary>
    public const byte SortedSetSkiplist = 1;

    /// <summary>OBJECT ENCODING's reply for a collection of <paramref name="kind"/> with encoding <paramref name="tag"/>.</summary>
    public static string Name(EntryKind kind, byte tag) => (kind, tag) switch
    {
        (EntryKind.List, ListListpack) => "listpack",
        (EntryKind.List, ListQuicklist) => "quicklist",
        (EntryKind.Hash, HashListpack) => "listpack",
        (EntryKind.Hash, HashHashtable) => "hashtable",
        (EntryKind.Set, SetIntset) => "intset",
        (EntryKind.Set, SetListpack) => "listpack",
        (EntryKind.Set, SetHashtable) => "hashtable",
        (EntryKind.SortedSet, SortedSetListpack) => "listpack",
        (EntryKind.SortedSet, SortedSetSkiplist) => "skiplist",
        _ => "unknown",
    };

    /// <summary>Whether the encoding keeps a structure beside the entry rather than bytes inline.</summary>
    public static bool HasStructure(EntryKind kind, byte tag) => (kind, tag) switch
    {
        (EntryKind.List, ListQuicklist) => true,
        (EntryKind.Hash, HashHashtable) => true,
        (EntryKind.Set, SetHashtable) => true,
        (EntryKind.SortedSet, SortedSetSkiplist) => true,
        _ => false,
    };
}
