namespace InProcValkey.Tests.Notifications;

internal static class NotificationTestHelpers
{
    /// <summary>
    /// The events queued so far, as "event key" (db 0) or "event key@db". Events are queued before the command that caused
    /// them returns, so no waiting is needed.
    /// </summary>
    public static List<string> Drain(this KeyspaceEventSubscription s)
    {
        var list = new List<string>();
        while (s.Reader.TryRead(out var e))
        {
            list.Add(e.Database == 0 ? $"{e.Event} {e.Key}" : $"{e.Event} {e.Key}@{e.Database}");
        }
        return list;
    }

    /// <summary>Pub/sub messages queued so far, as "channel payload".</summary>
    public static List<string> Drain(this ValkeySubscription s)
    {
        var list = new List<string>();
        while (s.Reader.TryRead(out var m))
        {
            list.Add($"{m.Channel} {m.Payload}");
        }
        return list;
    }
}
