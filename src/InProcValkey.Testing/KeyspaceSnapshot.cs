using System.Text;

namespace InProcValkey.Testing;

/// <summary>
/// The whole keyspace at one moment (<see cref="ValkeyTestServer.Snapshot"/>): per database, key → <see cref="KeySnapshot"/>
/// (type, value, TTL). Value equality: two snapshots are equal when they hold the same keys with equal snapshots; compare
/// them with <see cref="Diff"/> for a readable list of differences. <see cref="ToString"/> lists every key.
/// </summary>
public sealed class KeyspaceSnapshot : IEquatable<KeyspaceSnapshot>
{
    private readonly SortedDictionary<int, SortedDictionary<string, KeySnapshot>> _databases;

    internal KeyspaceSnapshot(SortedDictionary<int, SortedDictionary<string, KeySnapshot>> databases) => _databases = databases;

    /// <summary>The databases that hold keys, each as key → snapshot (keys in ordinal order).</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, KeySnapshot>> Databases =>
        _databases.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, KeySnapshot>)p.Value);

    /// <summary>The number of keys in every database.</summary>
    public int KeyCount => _databases.Values.Sum(d => d.Count);

    /// <summary>The snapshot of <paramref name="key"/> in <paramref name="database"/>, or null when it did not exist.</summary>
    public KeySnapshot? this[string key, int database = 0] =>
        _databases.TryGetValue(database, out var db) && db.TryGetValue(key, out var k) ? k : null;

    /// <summary>What changed from this snapshot to <paramref name="after"/>.</summary>
    public SnapshotDiff Diff(KeyspaceSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        foreach (int db in _databases.Keys.Union(after._databases.Keys).Order())
        {
            var left = _databases.GetValueOrDefault(db) ?? [];
            var right = after._databases.GetValueOrDefault(db) ?? [];
            foreach (var key in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
            {
                bool inLeft = left.TryGetValue(key, out var a);
                bool inRight = right.TryGetValue(key, out var b);
                if (!inRight)
                {
                    lines.Add($"- db{db} {a}");
                }
                else if (!inLeft)
                {
                    lines.Add($"+ db{db} {b}");
                }
                else if (!a!.Equals(b))
                {
                    var changes = new List<string>();
                    if (a.Type != b!.Type)
                    {
                        changes.Add($"type {a.Type} -> {b.Type}");
                    }
                    if (a.ValueText != b.ValueText)
                    {
                        changes.Add($"value {a.ValueText} -> {b.ValueText}");
                    }
                    if (a.TimeToLive != b.TimeToLive)
                    {
                        changes.Add($"ttl {Ttl(a.TimeToLive)} -> {Ttl(b.TimeToLive)}");
                    }
                    lines.Add($"~ db{db} {RedisCliText.Quote(key)}: {string.Join("; ", changes)}");
                }
            }
        }
        return new SnapshotDiff(lines);
    }

    /// <summary>The commands (redis-cli syntax, with SELECT lines) that recreate this keyspace in an empty server; loadable with
    /// <see cref="ValkeyTestServer.LoadCommands"/>.</summary>
    public string ToCommands()
    {
        var sb = new StringBuilder();
        foreach (var (db, keys) in _databases)
        {
            sb.Append("SELECT ").Append(db).Append('\n');
            foreach (var k in keys.Values)
            {
                foreach (var line in k.ToCommands())
                {
                    sb.Append(line).Append('\n');
                }
            }
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(KeyspaceSnapshot? other) => other is not null && Diff(other).IsEmpty;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KeyspaceSnapshot);

    /// <inheritdoc/>
    public override int GetHashCode() => KeyCount;

    /// <summary>Every key, one per line, grouped by database.</summary>
    public override string ToString()
    {
        if (_databases.Count == 0)
        {
            return "(empty keyspace)";
        }
        var sb = new StringBuilder();
        foreach (var (db, keys) in _databases)
        {
            sb.Append("db").Append(db).Append(":\n");
            foreach (var k in keys.Values)
            {
                sb.Append("  ").Append(k).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Ttl(TimeSpan? ttl) => ttl is { } t ? t.ToString("c", System.Globalization.CultureInfo.InvariantCulture) : "none";
}

/// <summary>The differences between two <see cref="KeyspaceSnapshot"/>s, one line per key: <c>+</c> added, <c>-</c> removed,
/// <c>~</c> changed (type, value or TTL, before -> after).</summary>
public sealed class SnapshotDiff
{
    internal SnapshotDiff(IReadOnlyList<string> lines) => Lines = lines;

    /// <summary>One line per key that differs.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Whether the snapshots are equal.</summary>
    public bool IsEmpty => Lines.Count == 0;

    /// <summary>The lines, or <c>(no differences)</c>.</summary>
    public override string ToString() => IsEmpty ? "(no differences)" : string.Join('\n', Lines);
}
