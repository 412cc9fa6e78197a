using System.Globalization;
using System.Text;

namespace InProcValkey.Testing;

/// <summary>
/// One key as a <see cref="KeyspaceSnapshot"/> saw it: its type, its value and its remaining time to live. Two snapshots of
/// a key are equal when type, value and TTL are.
/// </summary>
public sealed class KeySnapshot : IEquatable<KeySnapshot>
{
    internal KeySnapshot(string key, string type, object value, TimeSpan? timeToLive)
    {
        Key = key;
        Type = type;
        Value = value;
        TimeToLive = timeToLive;
        ValueText = Render(type, value);
    }

    /// <summary>The key (UTF-8).</summary>
    public string Key { get; }

    /// <summary>TYPE's answer: <c>string</c>, <c>list</c>, <c>hash</c>, <c>set</c> or <c>zset</c>.</summary>
    public string Type { get; }

    /// <summary>
    /// The value: a <see cref="string"/> for a string; for a list its elements in order (<see cref="IReadOnlyList{T}"/> of
    /// string); for a hash its fields sorted (<see cref="IReadOnlyDictionary{TKey, TValue}"/> of string to string); for a set
    /// its members sorted (<see cref="IReadOnlyList{T}"/> of string); for a sorted set its members by rank with their scores
    /// (<see cref="IReadOnlyList{T}"/> of <see cref="KeyValuePair{TKey, TValue}"/> of string and double).
    /// </summary>
    public object Value { get; }

    /// <summary>The remaining TTL (PTTL) when the snapshot was taken; null for a key without one.</summary>
    public TimeSpan? TimeToLive { get; }

    /// <summary>The value in a readable canonical form: <c>"v"</c>, <c>["a", "b"]</c>, <c>{"f": "v"}</c>, <c>{"a", "b"}</c>, <c>["m": 1.5]</c>.</summary>
    public string ValueText { get; }

    /// <summary>The value of a string key.</summary>
    /// <exception cref="InvalidOperationException">The key is not a string.</exception>
    public string AsString() => Value as string ?? throw new InvalidOperationException($"{Key} is a {Type}, not a string.");

    /// <summary>The commands that recreate the key (redis-cli syntax), TTL included.</summary>
    public IEnumerable<string> ToCommands()
    {
        string k = RedisCliText.Quote(Key);
        string? ttl = TimeToLive is { } t ? ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : null;
        switch (Value)
        {
            case string s:
                yield return $"SET {k} {RedisCliText.Quote(s)}" + (ttl is null ? "" : " PX " + ttl);
                yield break;
            case IReadOnlyDictionary<string, string> hash:
                yield return $"HSET {k} " + string.Join(' ', hash.Select(p => RedisCliText.Quote(p.Key) + " " + RedisCliText.Quote(p.Value)));
                break;
            case IReadOnlyList<KeyValuePair<string, double>> zset:
                yield return $"ZADD {k} " + string.Join(' ', zset.Select(p => FormatScore(p.Value) + " " + RedisCliText.Quote(p.Key)));
                break;
            case IReadOnlyList<string> items:
                yield return (Type == "list" ? "RPUSH " : "SADD ") + k + " " + string.Join(' ', items.Select(RedisCliText.Quote));
                break;
        }
        if (ttl is not null)
        {
            yield return $"PEXPIRE {k} {ttl}";
        }
    }

    /// <inheritdoc/>
    public bool Equals(KeySnapshot? other) =>
        other is not null && Key == other.Key && Type == other.Type && TimeToLive == other.TimeToLive && ValueText == other.ValueText;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KeySnapshot);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Key, Type, TimeToLive, ValueText);

    /// <summary><c>"key" (list, ttl 00:01:00): ["a", "b"]</c>.</summary>
    public override string ToString() =>
        $"{RedisCliText.Quote(Key)} ({Type}{(TimeToLive is { } t ? ", ttl " + t.ToString("c", CultureInfo.InvariantCulture) : "")}): {ValueText}";

    internal static string FormatScore(double score) => score switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => score.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Render(string type, object value) => value switch
    {
        string s => RedisCliText.Quote(s),
        IReadOnlyDictionary<string, string> hash => "{" + string.Join(", ", hash.Select(p => RedisCliText.Quote(p.Key) + ": " + RedisCliText.Quote(p.Value))) + "}",
        IReadOnlyList<KeyValuePair<string, double>> zset => "[" + string.Join(", ", zset.Select(p => RedisCliText.Quote(p.Key) + ": " + FormatScore(p.Value))) + "]",
        IReadOnlyList<string> items => (type == "set" ? "{" : "[") + string.Join(", ", items.Select(RedisCliText.Quote)) + (type == "set" ? "}" : "]"),
        _ => value.ToString() ?? "",
    };
}
