namespace InProcValkey.Commands;

/// <summary>
/// Key specs of COMMAND INFO and the flags of COMMAND GETKEYSANDFLAGS (Valkey's "key_specs" in <c>src/commands/*.json</c>).
/// The table below holds each command's key-spec flags (and notes); positions come from the command table: one spec is
/// an index/range over <see cref="CommandDef.FirstKey"/>..<see cref="CommandDef.LastKey"/> by <see cref="CommandDef.KeyStep"/>,
/// several specs (RENAME, COPY) are one key each at consecutive indexes.
/// </summary>
internal static partial class ServerCommands
{
    // Index/LastKey/KeyStep (sets, issue 5): an explicit begin_search index and range for a spec the command table's positions
    // cannot describe (SINTERSTORE's second spec: the sources from 2 to the last argument).
    private sealed record KeySpec(string[] Flags, string? Notes = null, int Index = 0, int LastKey = 0, int KeyStep = 1);

    private static readonly KeySpec RoAccess = new(["RO", "access"]);
    private static readonly KeySpec Ro = new(["RO"]);
    private static readonly KeySpec RwUpdate = new(["RW", "update"]);
    private static readonly KeySpec RwAccessUpdate = new(["RW", "access", "update"]);
    private static readonly KeySpec RwAccessDelete = new(["RW", "access", "delete"]);
    private static readonly KeySpec OwUpdate = new(["OW", "update"]);
    private static readonly KeySpec OwInsert = new(["OW", "insert"]);
    private static readonly KeySpec RmDelete = new(["RM", "delete"]);
    // hashes (issue 4)
    private static readonly KeySpec RwDeleteHash = new(["RW", "delete"]);
    private static readonly KeySpec RwInsertHash = new(["RW", "insert"]);
    private static readonly KeySpec NotKey = new(["not_key"]); // pub/sub (issue 7): shard channels

    private static readonly Dictionary<string, KeySpec[]> KeySpecs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["append"] = [new(["RW", "insert"])],
        ["watch"] = [Ro], // transactions (issue 7)
        ["copy"] = [RoAccess, OwUpdate],
        ["decr"] = [RwAccessUpdate],
        ["decrby"] = [RwAccessUpdate],
        ["del"] = [RmDelete],
        ["exists"] = [Ro],
        ["expire"] = [RwUpdate],
        ["expireat"] = [RwUpdate],
        ["expiretime"] = [RoAccess],
        ["get"] = [RoAccess],
        ["getdel"] = [RwAccessDelete],
        ["getex"] = [new(["RW", "access", "update"], "RW and UPDATE because it changes the TTL")],
        ["getrange"] = [RoAccess],
        ["getset"] = [RwAccessUpdate],
        ["incr"] = [RwAccessUpdate],
        ["incrby"] = [RwAccessUpdate],
        ["incrbyfloat"] = [RwAccessUpdate],
        ["lcs"] = [RoAccess],
        ["mget"] = [RoAccess],
        ["move"] = [RwAccessUpdate],
        ["mset"] = [OwUpdate],
        ["msetnx"] = [OwInsert],
        ["persist"] = [RwUpdate],
        ["pexpire"] = [RwUpdate],
        ["pexpireat"] = [RwUpdate],
        ["pexpiretime"] = [RoAccess],
        ["psetex"] = [OwUpdate],
        ["pttl"] = [RoAccess],
        ["rename"] = [RwAccessDelete, OwUpdate],
        ["renamenx"] = [RwAccessDelete, OwInsert],
        ["set"] = [new(["RW", "access", "update", "variable_flags"], "RW and ACCESS due to the optional `GET` argument")],
        ["setex"] = [OwUpdate],
        ["setnx"] = [OwInsert],
        ["setrange"] = [RwUpdate],
        ["strlen"] = [Ro],
        ["substr"] = [RoAccess],
        ["touch"] = [Ro],
        ["ttl"] = [RoAccess],
        ["type"] = [Ro],
        ["unlink"] = [RmDelete],
        ["object|encoding"] = [Ro],
        ["object|freq"] = [Ro],
        ["object|idletime"] = [Ro],
        ["object|refcount"] = [Ro],
        // ---- memory (issue 6) ----
        ["memory|usage"] = [Ro],
        // lists
        ["blmove"] = [RwAccessDelete, new(["RW", "insert"])],
        ["blmpop"] = [RwAccessDelete],
        ["blpop"] = [RwAccessDelete],
        ["brpop"] = [RwAccessDelete],
        ["brpoplpush"] = [RwAccessDelete, new(["RW", "insert"])],
        ["lindex"] = [RoAccess],
        ["linsert"] = [new(["RW", "insert"])],
        ["llen"] = [Ro],
        ["lmove"] = [RwAccessDelete, new(["RW", "insert"])],
        ["lmpop"] = [RwAccessDelete],
        ["lpop"] = [RwAccessDelete],
        ["lpos"] = [RoAccess],
        ["lpush"] = [new(["RW", "insert"])],
        ["lpushx"] = [new(["RW", "insert"])],
        ["lrange"] = [RoAccess],
        ["lrem"] = [new(["RW", "delete"])],
        ["lset"] = [RwUpdate],
        ["ltrim"] = [new(["RW", "delete"])],
        ["rpop"] = [RwAccessDelete],
        ["rpoplpush"] = [RwAccessDelete, new(["RW", "insert"])],
        ["rpush"] = [new(["RW", "insert"])],
        ["rpushx"] = [new(["RW", "insert"])],
        // ---- hashes (issue 4) ----
        ["hdel"] = [RwDeleteHash],
        ["hexists"] = [Ro],
        ["hget"] = [RoAccess],
        ["hgetall"] = [RoAccess],
        ["hincrby"] = [RwAccessUpdate],
        ["hincrbyfloat"] = [RwAccessUpdate],
        ["hkeys"] = [RoAccess],
        ["hlen"] = [Ro],
        ["hmget"] = [RoAccess],
        ["hmset"] = [RwUpdate],
        ["hrandfield"] = [RoAccess],
        ["hscan"] = [RoAccess],
        ["hset"] = [RwUpdate],
        ["hsetnx"] = [RwInsertHash],
        ["hstrlen"] = [Ro],
        ["hvals"] = [RoAccess],
        // ---- Pub/sub (issue 7): shard channels are "keys" for cluster routing only ----
        ["spublish"] = [NotKey],
        ["ssubscribe"] = [NotKey],
        ["sunsubscribe"] = [NotKey],
        // ---- sets (issue 5) ----
        ["sadd"] = [new(["RW", "insert"])],
        ["scard"] = [Ro],
        ["sdiff"] = [RoAccess],
        ["sdiffstore"] = [OwUpdate, new(["RO", "access"], Index: 2, LastKey: -1)],
        ["sinter"] = [RoAccess],
        ["sinterstore"] = [new(["RW", "update"]), new(["RO", "access"], Index: 2, LastKey: -1)],
        ["sismember"] = [Ro],
        ["smembers"] = [RoAccess],
        ["smismember"] = [RoAccess],
        ["smove"] = [RwAccessDelete, new(["RW", "insert"])],
        ["spop"] = [RwAccessDelete],
        ["srandmember"] = [RoAccess],
        ["srem"] = [new(["RW", "delete"])],
        ["sscan"] = [RoAccess],
        ["sunion"] = [RoAccess],
        ["sunionstore"] = [OwUpdate, new(["RO", "access"], Index: 2, LastKey: -1)],
    };

    // COMMAND INFO element 8: one map per key spec: [notes,] flags, begin_search {index}, find_keys {range}.
    // A RESP3 set, as Valkey's addReplyCommandKeySpecs (addReplySetLen); an array in RESP2.
    private static void ReplyKeySpecs(CommandContext ctx, CommandDef def)
    {
        var r = ctx.Reply;
        // sorted sets (issue 5)
        if (TryReplySortedSetKeySpecs(ctx, def))
        {
            return;
        }
        // SORT (issue 5)
        if (TryReplySortKeySpecs(ctx, def))
        {
            return;
        }
        if (TryReplyKeynumSpec(ctx, def))
        {
            return;
        }
        if (def.FirstKey == 0 || !KeySpecs.TryGetValue(def.FullName, out var specs))
        {
            r.Set(0);
            return;
        }
        r.Set(specs.Length);
        for (int i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            int index = spec.Index != 0 ? spec.Index : specs.Length == 1 ? def.FirstKey : def.FirstKey + i;
            int lastKey = spec.Index != 0 ? spec.LastKey : specs.Length > 1 ? 0 : def.LastKey < 0 ? def.LastKey : def.LastKey - def.FirstKey;
            int step = spec.Index != 0 ? spec.KeyStep : specs.Length > 1 ? 1 : def.KeyStep;
            r.Map(spec.Notes is null ? 3 : 4);
            if (spec.Notes is not null)
            {
                r.Bulk("notes");
                r.Bulk(spec.Notes);
            }
            r.Bulk("flags");
            r.Set(spec.Flags.Length);
            foreach (var f in spec.Flags)
            {
                r.SimpleString(f);
            }
            r.Bulk("begin_search");
            r.Map(2);
            r.Bulk("type");
            r.Bulk("index");
            r.Bulk("spec");
            r.Map(1);
            r.Bulk("index");
            r.Integer(index);
            r.Bulk("find_keys");
            r.Map(2);
            r.Bulk("type");
            r.Bulk("range");
            r.Bulk("spec");
            r.Map(3);
            r.Bulk("lastkey");
            r.Integer(lastKey);
            r.Bulk("keystep");
            r.Integer(step);
            r.Bulk("limit");
            r.Integer(0);
        }
    }

    // The flags COMMAND GETKEYSANDFLAGS gives the key at position k (0-based among the keys). SET without GET only
    // overwrites (Valkey's setGetKeys: OW update).
    private static string[] KeyFlags(CommandContext ctx, CommandDef def, int k, int argOffset)
    {
        // sorted sets (issue 5)
        if (SortedSetKeyFlags(def, k) is { } zflags)
        {
            return zflags;
        }
        // SORT (issue 5)
        if (SortKeyFlags(def, k) is { } sortFlags)
        {
            return sortFlags;
        }
        if (!KeySpecs.TryGetValue(def.FullName, out var specs))
        {
            return def.Flags.HasFlag(CommandFlags.ReadOnly) ? RoAccess.Flags : RwUpdate.Flags;
        }
        if (def.Name == "set")
        {
            for (int i = argOffset + 3; i < ctx.Args.Count; i++)
            {
                if (ctx.Args.Is(i, "GET"u8))
                {
                    return ["RW", "access", "update"];
                }
            }
            return OwUpdate.Flags;
        }
        return specs[Math.Min(k, specs.Length - 1)].Flags;
    }
}
