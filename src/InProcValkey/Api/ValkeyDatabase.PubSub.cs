namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    // ---- Pub/sub (issue 7) ----

    /// <summary>PUBLISH (channels are server-wide, not per database): see <see cref="ValkeyStore.Publish(string, string)"/>.</summary>
    /// <returns>The number of receivers.</returns>
    public long Publish(string channel, string message) => Store.Publish(channel, message);
}
