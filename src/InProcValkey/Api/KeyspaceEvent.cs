using System.Text;

namespace InProcValkey;

/// <summary>
/// One keyspace event, as <see cref="ValkeyStore.SubscribeKeyspaceEvents(KeyspaceEventClasses, KeyspaceEventOptions?)"/>
/// delivers it: the same information Valkey publishes on <c>__keyspace@&lt;db&gt;__:&lt;key&gt;</c> and
/// <c>__keyevent@&lt;db&gt;__:&lt;event&gt;</c>.
/// </summary>
/// <param name="Database">The database index of the key.</param>
/// <param name="KeyBytes">The key, as bytes (keys are binary-safe).</param>
/// <param name="Event">Valkey's event name, for example <c>set</c>, <c>incrby</c>, <c>del</c>, <c>expired</c>, <c>lpush</c>, <c>new</c>.</param>
/// <param name="Class">The event's class (one flag of <see cref="KeyspaceEventClasses"/>).</param>
public sealed record KeyspaceEvent(int Database, ReadOnlyMemory<byte> KeyBytes, string Event, KeyspaceEventClasses Class)
{
    /// <summary>The key decoded as UTF-8.</summary>
    public string Key => Encoding.UTF8.GetString(KeyBytes.Span);

    /// <summary>A readable form: <c>db:key event</c>.</summary>
    public override string ToString() => $"{Database}:{Key} {Event}";
}
