namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    /// <summary>
    /// Starts a transaction on this database (MULTI … EXEC, with conditions checked atomically before it runs, as
    /// StackExchange.Redis's <c>CreateTransaction</c>). See <see cref="ValkeyTransaction"/>.
    /// </summary>
    public ValkeyTransaction CreateTransaction() => new(this);
}
