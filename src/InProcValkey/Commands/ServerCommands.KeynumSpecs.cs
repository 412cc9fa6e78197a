namespace InProcValkey.Commands;

/// <summary>
/// Key specs whose keys follow a count argument (Valkey's "keynum" find_keys: LMPOP, BLMPOP, and other multi-key pops):
/// COMMAND INFO's spec and COMMAND GETKEYS' positions for commands flagged <see cref="CommandFlags.MovableKeys"/>.
/// </summary>
internal static partial class ServerCommands
{
    // Destination: the argument at index 1 is a key too, before the counted ones (Z*STORE: zunionInterDiffStoreGetKeys).
    private sealed record KeynumSpec(int BeginIndex, int KeynumIndex, int FirstKey, int KeyStep, string[] Flags, bool Destination = false);

    private static readonly Dictionary<string, KeynumSpec> KeynumSpecs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lmpop"] = new(1, 0, 1, 1, ["RW", "access", "delete"]),
        ["blmpop"] = new(2, 0, 1, 1, ["RW", "access", "delete"]),
        // sorted sets (issue 5): COMMAND GETKEYS positions (their COMMAND INFO comes from ServerCommands.KeySpecs.SortedSets.cs)
        ["zmpop"] = new(1, 0, 1, 1, ["RW", "access", "delete"]),
        ["bzmpop"] = new(2, 0, 1, 1, ["RW", "access", "delete"]),
        ["zunion"] = new(1, 0, 1, 1, ["RO", "access"]),
        ["zinter"] = new(1, 0, 1, 1, ["RO", "access"]),
        ["zdiff"] = new(1, 0, 1, 1, ["RO", "access"]),
        ["zintercard"] = new(1, 0, 1, 1, ["RO", "access"]),
        ["zunionstore"] = new(2, 0, 1, 1, ["RO", "access"], Destination: true),
        ["zinterstore"] = new(2, 0, 1, 1, ["RO", "access"], Destination: true),
        ["zdiffstore"] = new(2, 0, 1, 1, ["RO", "access"], Destination: true),
        // ---- sets (issue 5) ----
        ["sintercard"] = new(1, 0, 1, 1, ["RO", "access"]),
    };

    // COMMAND INFO element 8 for a keynum command.
    private static bool TryReplyKeynumSpec(CommandContext ctx, CommandDef def)
    {
        if (!KeynumSpecs.TryGetValue(def.FullName, out var spec))
        {
            return false;
        }
        var r = ctx.Reply;
        r.Array(1);
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
        r.Integer(spec.BeginIndex);
        r.Bulk("find_keys");
        r.Map(2);
        r.Bulk("type");
        r.Bulk("keynum");
        r.Bulk("spec");
        r.Map(3);
        r.Bulk("keynumidx");
        r.Integer(spec.KeynumIndex);
        r.Bulk("firstkey");
        r.Integer(spec.FirstKey);
        r.Bulk("keystep");
        r.Integer(spec.KeyStep);
        return true;
    }

    // The argument positions (offset by argOffset in args) of a keynum command's keys; null for other commands, empty
    // when the count does not parse or runs past the arguments.
    private static List<int>? KeynumKeyPositions(CommandDef def, CommandArgs args, int argOffset)
    {
        if (!KeynumSpecs.TryGetValue(def.FullName, out var spec))
        {
            return null;
        }
        var positions = new List<int>();
        int argc = args.Count - argOffset;
        int numIndex = spec.BeginIndex + spec.KeynumIndex;
        if (numIndex >= argc || !DataTypes.Numbers.TryParseInt64(args[argOffset + numIndex], out long n) || n <= 0)
        {
            return positions;
        }
        if (spec.Destination)
        {
            positions.Add(1 + argOffset);
        }
        int first = spec.BeginIndex + spec.FirstKey;
        for (long i = 0; i < n; i++)
        {
            long p = first + i * spec.KeyStep;
            if (p >= argc)
            {
                positions.Clear();
                return positions;
            }
            positions.Add((int)p + argOffset);
        }
        return positions;
    }
}
