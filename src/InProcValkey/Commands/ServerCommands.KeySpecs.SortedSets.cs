namespace InProcValkey.Commands;

/// <summary>
/// Key specs of the sorted-set commands (Valkey's <c>src/commands/z*.json</c>), written out in full because several use
/// the <c>keynum</c> find-keys form (a numkeys argument) that the range-only table in ServerCommands.KeySpecs.cs does not
/// describe.
/// </summary>
internal static partial class ServerCommands
{
    // One spec: flags, begin_search index, then either range (lastkey, keystep, limit) or keynum (keynumidx, firstkey, keystep).
    private sealed record FullKeySpec(string[] Flags, int Index, bool KeyNum, int A, int B, int C);

    private static FullKeySpec Range1(params string[] flags) => new(flags, 1, false, 0, 1, 0);

    private static readonly Dictionary<string, FullKeySpec[]> SortedSetKeySpecs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zadd"] = [Range1("RW", "update")],
        ["zincrby"] = [Range1("RW", "access", "update")],
        ["zcard"] = [Range1("RO")],
        ["zscore"] = [Range1("RO", "access")],
        ["zmscore"] = [Range1("RO", "access")],
        ["zrank"] = [Range1("RO", "access")],
        ["zrevrank"] = [Range1("RO", "access")],
        ["zcount"] = [Range1("RO", "access")],
        ["zlexcount"] = [Range1("RO", "access")],
        ["zrem"] = [Range1("RW", "delete")],
        ["zrange"] = [Range1("RO", "access")],
        ["zrangestore"] = [Range1("OW", "update"), new(["RO", "access"], 2, false, 0, 1, 0)],
        ["zrevrange"] = [Range1("RO", "access")],
        ["zrangebyscore"] = [Range1("RO", "access")],
        ["zrevrangebyscore"] = [Range1("RO", "access")],
        ["zrangebylex"] = [Range1("RO", "access")],
        ["zrevrangebylex"] = [Range1("RO", "access")],
        ["zremrangebyrank"] = [Range1("RW", "delete")],
        ["zremrangebyscore"] = [Range1("RW", "delete")],
        ["zremrangebylex"] = [Range1("RW", "delete")],
        ["zpopmin"] = [Range1("RW", "access", "delete")],
        ["zpopmax"] = [Range1("RW", "access", "delete")],
        ["zmpop"] = [new(["RW", "access", "delete"], 1, true, 0, 1, 1)],
        ["bzmpop"] = [new(["RW", "access", "delete"], 2, true, 0, 1, 1)],
        ["bzpopmin"] = [new(["RW", "access", "delete"], 1, false, -2, 1, 0)],
        ["bzpopmax"] = [new(["RW", "access", "delete"], 1, false, -2, 1, 0)],
        ["zrandmember"] = [Range1("RO", "access")],
        ["zscan"] = [Range1("RO", "access")],
        ["zunion"] = [new(["RO", "access"], 1, true, 0, 1, 1)],
        ["zinter"] = [new(["RO", "access"], 1, true, 0, 1, 1)],
        ["zdiff"] = [new(["RO", "access"], 1, true, 0, 1, 1)],
        ["zintercard"] = [new(["RO", "access"], 1, true, 0, 1, 1)],
        ["zunionstore"] = [Range1("OW", "update"), new(["RO", "access"], 2, true, 0, 1, 1)],
        ["zinterstore"] = [Range1("OW", "update"), new(["RO", "access"], 2, true, 0, 1, 1)],
        ["zdiffstore"] = [Range1("OW", "update"), new(["RO", "access"], 2, true, 0, 1, 1)],
    };

    /// <summary>Replies the key specs of a sorted-set command; false for other commands.</summary>
    private static bool TryReplySortedSetKeySpecs(CommandContext ctx, CommandDef def)
    {
        if (!SortedSetKeySpecs.TryGetValue(def.FullName, out var specs))
        {
            return false;
        }
        var r = ctx.Reply;
        r.Array(specs.Length);
        foreach (var spec in specs)
        {
            r.Map(3);
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
            r.Integer(spec.Index);
            r.Bulk("find_keys");
            r.Map(2);
            r.Bulk("type");
            r.Bulk(spec.KeyNum ? "keynum" : "range");
            r.Bulk("spec");
            r.Map(3);
            r.Bulk(spec.KeyNum ? "keynumidx" : "lastkey");
            r.Integer(spec.A);
            r.Bulk(spec.KeyNum ? "firstkey" : "keystep");
            r.Integer(spec.B);
            r.Bulk(spec.KeyNum ? "keystep" : "limit");
            r.Integer(spec.C);
        }
        return true;
    }

    /// <summary>The key-spec flags of a sorted-set command's key (COMMAND GETKEYSANDFLAGS); null for other commands.</summary>
    private static string[]? SortedSetKeyFlags(CommandDef def, int k) =>
        SortedSetKeySpecs.TryGetValue(def.FullName, out var specs) ? specs[Math.Min(k, specs.Length - 1)].Flags : null;
}
