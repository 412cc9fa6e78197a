namespace InProcValkey.Caching;

/// <summary>Options of a <see cref="ValkeyDistributedCache"/>, as <c>RedisCacheOptions</c> has them where they apply.</summary>
public sealed class ValkeyDistributedCacheOptions
{
    /// <summary>
    /// Prefix of every key (RedisCacheOptions.InstanceName): the stored key is the UTF-8 bytes of <c>InstanceName + key</c>,
    /// no separator added. Null or empty: no prefix.
    /// </summary>
    public string? InstanceName { get; set; }

    /// <summary>The database (SELECT index) the entries live in. Default 0.</summary>
    public int Database { get; set; }

    /// <summary>
    /// The store to use. When null, the cache uses the <see cref="ValkeyStore"/> registered in the container (through
    /// <c>AddInProcValkeyCache</c>), else creates its own from <see cref="StoreOptions"/> and disposes it with itself.
    /// </summary>
    public ValkeyStore? Store { get; set; }

    /// <summary>
    /// Options of the store the cache creates when there is none to use. When their <see cref="ValkeyStoreOptions.TimeProvider"/>
    /// is null, the container's <see cref="TimeProvider"/> (if one is registered) is used.
    /// </summary>
    public ValkeyStoreOptions? StoreOptions { get; set; }
}
