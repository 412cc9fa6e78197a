namespace InProcValkey.Commands;

/// <summary>COMMAND INFO key specs and COMMAND GETKEYS positions of SORT and SORT_RO (Valkey's <c>sort.json</c>, <c>sortGetKeys</c>).</summary>
internal static partial class ServerCommands
{
    private const string SortByGetNotes = "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort";
    private const string SortStoreNotes = "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array";

    // SORT: the sorted key, the BY/GET keys (unknown), the STORE key (unknown); SORT_RO has no STORE spec.
    private static bool TryReplySortKeySpecs(CommandContext ctx, CommandDef def)
    {
        if (def.Parent is not null || def.Name is not ("sort" or "sort_ro"))
        {
            return false;
        }
        var r = ctx.Reply;
        bool store = def.Name == "sort";
        r.Set(store ? 3 : 2);
        r.Map(3);
        r.Bulk("flags");
        r.Set(2);
        r.SimpleString("RO");
        r.SimpleString("access");
        r.Bulk("begin_search");
        r.Map(2);
        r.Bulk("type");
        r.Bulk("index");
        r.Bulk("spec");
        r.Map(1);
        r.Bulk("index");
        r.Integer(1);
        r.Bulk("find_keys");
        r.Map(2);
        r.Bulk("type");
        r.Bulk("range");
        r.Bulk("spec");
        r.Map(3);
        r.Bulk("lastkey");
        r.Integer(0);
        r.Bulk("keystep");
        r.Integer(1);
        r.Bulk("limit");
        r.Integer(0);
        ReplyUnknownKeySpec(ctx, SortByGetNotes, "RO", "access");
        if (store)
        {
            ReplyUnknownKeySpec(ctx, SortStoreNotes, "OW", "update");
        }
        return true;
    }

    private static void ReplyUnknownKeySpec(CommandContext ctx, string notes, string flag1, string flag2)
    {
        var r = ctx.Reply;
        r.Map(4);
        r.Bulk("notes");
        r.Bulk(notes);
        r.Bulk("flags");
        r.Set(2);
        r.SimpleString(flag1);
        r.SimpleString(flag2);
        r.Bulk("begin_search");
        r.Map(2);
        r.Bulk("type");
        r.Bulk("unknown");
        r.Bulk("spec");
        r.Map(0);
        r.Bulk("find_keys");
        r.Map(2);
        r.Bulk("type");
        r.Bulk("unknown");
        r.Bulk("spec");
        r.Map(0);
    }

    // Valkey's sortGetKeys: the sorted key, then the last STORE destination (skipping LIMIT's and BY/GET's arguments).
    private static List<int>? SortKeyPositions(CommandDef def, CommandArgs args, int argOffset)
    {
        if (def.Parent is not null || def.Name is not ("sort" or "sort_ro"))
        {
            return null;
        }
        var positions = new List<int> { argOffset + 1 };
        int store = -1;
        int argc = args.Count - argOffset;
        for (int i = 2; i < argc; i++)
        {
            int skip = args.Is(argOffset + i, "limit"u8) ? 2 : args.Is(argOffset + i, "get"u8) || args.Is(argOffset + i, "by"u8) ? 1 : 0;
            if (def.Name == "sort" && args.Is(argOffset + i, "store"u8) && i + 1 < argc)
            {
                store = argOffset + i + 1;
            }
            i += skip;
        }
        if (store >= 0)
        {
            positions.Add(store);
        }
        return positions;
    }

    /// <summary>The flags of SORT's keys (COMMAND GETKEYSANDFLAGS): the sorted key RO access, the STORE key OW update; null for other commands.</summary>
    private static string[]? SortKeyFlags(CommandDef def, int k) =>
        def.Parent is null && def.Name is "sort" or "sort_ro" ? (k == 0 ? ["RO", "access"] : ["OW", "update"]) : null;
}
