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
        return KeyPositions(def, args, 0) ?? positions;
    }

    /// <summary>
    /// The positions in <paramref name="args"/> of <paramref name="def"/>'s keys, its arguments starting at
    /// <paramref name="argOffset"/> + 1 (COMMAND GETKEYS passes 2): from a keynum spec (with Z*STORE's destination), SORT's
    /// STORE, or the table's first/last/step range. Null when the command takes no keys; empty when its arguments don't name
    /// the keys they should (a bad numkeys).
    /// </summary>
    private static List<int>? KeyPositions(CommandDef def, CommandArgs args, int argOffset)
    {
        if ((KeynumKeyPositions(def, args, argOffset) ?? SortKeyPositions(def, args, argOffset)) is { } movable)
        {
            return movable;
        }
        if (def.FirstKey == 0)
        {
            return null;
        }
        int argc = args.Count - argOffset;
        int last = def.LastKey < 0 ? argc + def.LastKey : def.LastKey;
        int step = Math.Max(1, def.KeyStep);
        var positions = new List<int>();
        for (int i = def.FirstKey; i <= last && i < argc; i += step)
        {
            positions.Add(i + argOffset);
        }
        return positions;
    }
}
