namespace InProcValkey.Testing;

/// <summary>
/// Every command the kit's server received over its in-memory connections, in order (the handshake of StackExchange.Redis
/// included: HELLO, CLIENT, INFO, …). Thread-safe.
/// </summary>
public sealed class CommandLog
{
    private readonly List<LoggedCommand> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>A copy of the entries so far.</summary>
    public IReadOnlyList<LoggedCommand> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>The number of entries so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The entries of commands named <paramref name="name"/> (case-insensitive), in order.</summary>
    public IReadOnlyList<LoggedCommand> Named(string name) =>
        Entries.Where(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    internal void Add(LoggedCommand entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }
}
