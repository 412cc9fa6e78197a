namespace InProcValkey;

/// <summary>The condition of EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT (their NX, XX, GT and LT options).</summary>
public enum ExpireWhen
{
    /// <summary>Always set the expiry (no option).</summary>
    Always,
    /// <summary>Only when the key has a TTL (XX).</summary>
    HasExpiry,
    /// <summary>Only when the key has no TTL (NX).</summary>
    HasNoExpiry,
    /// <summary>Only when the new expiry is later than the current one (GT); a key without TTL counts as never expiring, so GT never applies to it.</summary>
    GreaterThanCurrentExpiry,
    /// <summary>Only when the new expiry is earlier than the current one (LT); a key without TTL counts as never expiring, so LT always applies to it.</summary>
    LessThanCurrentExpiry,
}
