namespace InProcValkey;

/// <summary>The type of the value stored at a key, as TYPE reports it (StackExchange.Redis's <c>RedisType</c>).</summary>
public enum KeyType
{
    /// <summary>The key does not exist (TYPE replies <c>none</c>).</summary>
    None,
    /// <summary>A string (<c>string</c>).</summary>
    String,
    /// <summary>A list (<c>list</c>).</summary>
    List,
    /// <summary>A set (<c>set</c>).</summary>
    Set,
    /// <summary>A sorted set (<c>zset</c>).</summary>
    SortedSet,
    /// <summary>A hash (<c>hash</c>).</summary>
    Hash,
    /// <summary>A stream (<c>stream</c>).</summary>
    Stream,
    /// <summary>A type this version of the engine cannot name.</summary>
    Unknown,
}
