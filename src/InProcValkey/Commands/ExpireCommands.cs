namespace InProcValkey.Commands;

/// <summary>Handlers of the expiry commands (Valkey's <c>expire.c</c>): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST.</summary>
internal static class ExpireCommands
{
    public static readonly CommandDef[] All =
    [
    ];
}
