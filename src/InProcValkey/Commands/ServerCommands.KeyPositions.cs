using InProcValkey.Keyspace;

namespace InProcValkey.Commands;

/// <summary>
/// The key arguments of a command as it was sent (COMMAND GETKEYS' machinery without the reply): used by the test kit's
/// strict cluster mode to check that a multi-key command's keys share a hash slot.
/// </summary>
internal static partial class ServerCommands
{
    /// <summary>
    /// The positions in <paramref name="args"/> (the command name at 0) of the command's keys, from the command table's key
    /// specs (first/last/step, keynum specs, SORT's STORE); empty for an unknown command, a wrong arity or a command
    /// without keys.
    /// </summary>
    internal static List<int> KeyPositions(Engine engine, CommandArgs args)
    {
        var positions = new List<int>();
        if (args.Count == 0)
        {
            return positions;
        }
        var def = engine.Commands.Find(args[0]);
        if (def?.SubCommands is { } subs && args.Count >= 2)
        {
            def = subs.FirstOrDefault(s => System.Text.Ascii.EqualsIgnoreCase(args[1], s.Name));
        }
        if (def is null || !def.ArityAccepts(args.Count))
        {
            return positions;
        }
        if (SortKeyPositions(def, args, 0) is { } sortKeys)
        {
            return sortKeys;
        }
        if (KeynumKeyPositions(def, args, 0) is { } keynumKeys)
        {
            // The keys counted by numkeys (with Z*STORE's destination first); the legacy range adds nothing new.
            positions.AddRange(keynumKeys);
        }
        if (def.FirstKey == 0)
        {
            return positions;
        }
        int last = def.LastKey < 0 ? args.Count + def.LastKey : def.LastKey;
        int step = Math.Max(1, def.KeyStep);
        for (int i = def.FirstKey; i <= last && i < args.Count; i += step)
        {
            if (!positions.Contains(i))
            {
                positions.Add(i);
            }
        }
        return positions;
    }
}
