namespace InProcValkey.Commands;

/// <summary>Key positions of a queued command, for the lock set of EXEC (see <see cref="TransactionLocks"/>).</summary>
internal static partial class ServerCommands
{
    /// <summary>
    /// Adds to <paramref name="keys"/> the key arguments of a command (argv[0] = name) as COMMAND GETKEYS finds them; false
    /// when the command's keys cannot be told from its arguments alone (movable keys without a keynum spec, SORT's patterns)
    /// or it has none.
    /// </summary>
    internal static bool TryAddKeyArguments(CommandDef def, byte[][] args, List<byte[]> keys)
    {
        if (KeynumSpecs.TryGetValue(def.FullName, out var spec))
        {
            int numIndex = spec.BeginIndex + spec.KeynumIndex;
            if (numIndex >= args.Length || !DataTypes.Numbers.TryParseInt64(args[numIndex], out long n) || n <= 0)
            {
                return true; // the command fails on its arguments before touching a key
            }
            if (spec.Destination)
            {
                keys.Add(args[1]); // Z*STORE's destination, before the counted keys
            }
            int first = spec.BeginIndex + spec.FirstKey;
            for (long i = 0; i < n; i++)
            {
                long p = first + i * spec.KeyStep;
                if (p >= args.Length)
                {
                    return true;
                }
                keys.Add(args[p]);
            }
            return true;
        }
        if (def.FirstKey == 0 || (def.Flags & CommandFlags.MovableKeys) != 0)
        {
            return false;
        }
        int argc = args.Length;
        int last = def.LastKey < 0 ? argc + def.LastKey : def.LastKey;
        int step = Math.Max(1, def.KeyStep);
        for (int i = def.FirstKey; i <= last && i < argc; i += step)
        {
            keys.Add(args[i]);
        }
        return true;
    }
}
