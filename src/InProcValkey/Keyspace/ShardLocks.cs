namespace InProcValkey.Keyspace;

/// <summary>
/// Holds several shard locks at once, taken in ascending <see cref="KeyShard.Order"/> (the one global lock order),
/// released in reverse on <see cref="Dispose"/>. Used by multi-key commands and by whole-database commands.
/// </summary>
internal struct ShardLocks : IDisposable
{
    private KeyShard[]? _held;
    private int _count;

    /// <summary>Locks the shards of the given keys in <paramref name="db"/>.</summary>
    public static ShardLocks ForKeys(Database db, ReadOnlySpan<KeyHash> hashes)
    {
        var shards = new KeyShard[hashes.Length];
        for (int i = 0; i < hashes.Length; i++)
        {
            shards[i] = db.ShardOf(hashes[i]);
        }
        return ForShards(shards);
    }

    /// <summary>Locks the given shards (duplicates allowed, any order, any databases).</summary>
    public static ShardLocks ForShards(KeyShard[] shards)
    {
        Array.Sort(shards, static (a, b) => a.Order.CompareTo(b.Order));
        int n = 0;
        for (int i = 0; i < shards.Length; i++)
        {
            if (n == 0 || !ReferenceEquals(shards[n - 1], shards[i]))
            {
                shards[n++] = shards[i];
            }
        }
        var locks = new ShardLocks { _held = shards, _count = 0 };
        for (int i = 0; i < n; i++)
        {
            shards[i].Enter();
            locks._count = i + 1;
        }
        return locks;
    }

    /// <summary>Locks every shard of the given databases.</summary>
    public static ShardLocks ForDatabases(params ReadOnlySpan<Database> dbs)
    {
        var shards = new KeyShard[dbs.Length * Database.ShardCount];
        int p = 0;
        foreach (var db in dbs)
        {
            foreach (var s in db.Shards)
            {
                shards[p++] = s;
            }
        }
        return ForShards(shards);
    }

    public void Dispose()
    {
        var held = _held;
        if (held is null)
        {
            return;
        }
        for (int i = _count - 1; i >= 0; i--)
        {
            held[i].Exit();
        }
        _held = null;
        _count = 0;
    }
}
