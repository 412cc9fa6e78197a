using System.Text;

namespace InProcValkey.Keyspace.Notifications;

/// <summary>
/// The <c>notify-keyspace-events</c> value as flags (Valkey's <c>notify.c</c>: <c>keyspaceEventsStringToFlags</c> and
/// <c>keyspaceEventsFlagsToString</c>). K and E choose the channel forms; the other letters are
/// <see cref="KeyspaceEventClasses"/> bits.
/// </summary>
internal static class NotifyFlags
{
    /// <summary><c>K</c>: publish on <c>__keyspace@&lt;db&gt;__:&lt;key&gt;</c>.</summary>
    public const int Keyspace = 1 << 0;

    /// <summary><c>E</c>: publish on <c>__keyevent@&lt;db&gt;__:&lt;event&gt;</c>.</summary>
    public const int Keyevent = 1 << 1;

    private const int All = (int)KeyspaceEventClasses.All;

    /// <summary>The flags of a class string; -1 when it holds a character that names no class.</summary>
    public static int Parse(ReadOnlySpan<char> classes)
    {
        int flags = 0;
        foreach (char c in classes)
        {
            flags |= c switch
            {
                'A' => All,
                'g' => (int)KeyspaceEventClasses.Generic,
                '$' => (int)KeyspaceEventClasses.String,
                'l' => (int)KeyspaceEventClasses.List,
                's' => (int)KeyspaceEventClasses.Set,
                'h' => (int)KeyspaceEventClasses.Hash,
                'z' => (int)KeyspaceEventClasses.SortedSet,
                'x' => (int)KeyspaceEventClasses.Expired,
                'e' => (int)KeyspaceEventClasses.Evicted,
                't' => (int)KeyspaceEventClasses.Stream,
                'm' => (int)KeyspaceEventClasses.KeyMiss,
                'd' => (int)KeyspaceEventClasses.Module,
                'n' => (int)KeyspaceEventClasses.New,
                'K' => Keyspace,
                'E' => Keyevent,
                _ => int.MinValue,
            };
            if (flags < 0)
            {
                return -1;
            }
        }
        return flags;
    }

    /// <summary>
    /// The canonical text CONFIG GET prints: <c>A</c> when every class of A is on (then <c>n</c> is not printed, as in
    /// Valkey), else the class letters in the order <c>g$lshzxetdn</c>; then <c>K</c>, <c>E</c>, <c>m</c>.
    /// </summary>
    public static string ToText(int flags)
    {
        var sb = new StringBuilder(16);
        if ((flags & All) == All)
        {
            sb.Append('A');
        }
        else
        {
            Append(sb, flags, KeyspaceEventClasses.Generic, 'g');
            Append(sb, flags, KeyspaceEventClasses.String, '$');
            Append(sb, flags, KeyspaceEventClasses.List, 'l');
            Append(sb, flags, KeyspaceEventClasses.Set, 's');
            Append(sb, flags, KeyspaceEventClasses.Hash, 'h');
            Append(sb, flags, KeyspaceEventClasses.SortedSet, 'z');
            Append(sb, flags, KeyspaceEventClasses.Expired, 'x');
            Append(sb, flags, KeyspaceEventClasses.Evicted, 'e');
            Append(sb, flags, KeyspaceEventClasses.Stream, 't');
            Append(sb, flags, KeyspaceEventClasses.Module, 'd');
            Append(sb, flags, KeyspaceEventClasses.New, 'n');
        }
        if ((flags & Keyspace) != 0)
        {
            sb.Append('K');
        }
        if ((flags & Keyevent) != 0)
        {
            sb.Append('E');
        }
        Append(sb, flags, KeyspaceEventClasses.KeyMiss, 'm');
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, int flags, KeyspaceEventClasses c, char letter)
    {
        if ((flags & (int)c) != 0)
        {
            sb.Append(letter);
        }
    }

    /// <summary>The classes that reach pub/sub: none unless K or E is set (Valkey's <c>notifyKeyspaceEvent</c> publishes nothing then).</summary>
    public static int PublishedClasses(int flags) => (flags & (Keyspace | Keyevent)) == 0 ? 0 : flags & ~(Keyspace | Keyevent);
}
