using InProcValkey.Operations;
using Microsoft.Extensions.Caching.Distributed;

namespace InProcValkey.Caching;

/// <summary>
/// <c>RedisCache</c>'s expiry rules for a Set (its <c>GetAbsoluteExpiration</c> and <c>GetExpirationInSeconds</c>), with the
/// key's expiry kept in milliseconds instead of truncated to whole seconds. See docs/distributed-cache.md.
/// </summary>
internal readonly record struct ExpiryRule(long AbsoluteTicks, long SlidingTicks, long ExpiresAtMs)
{
    /// <summary>
    /// An absolute expiry not after <paramref name="now"/> is rejected (ArgumentOutOfRangeException, as RedisCache); a relative
    /// one wins over an absolute one; the key expires at the earlier of the absolute expiry and now + the sliding window;
    /// no expiry at all gives no TTL (<see cref="ExpiresAtMs"/> = -1).
    /// </summary>
    public static ExpiryRule From(DateTimeOffset now, DistributedCacheEntryOptions options)
    {
        if (options.AbsoluteExpiration is { } given && given <= now)
        {
            throw new ArgumentOutOfRangeException(
                nameof(DistributedCacheEntryOptions.AbsoluteExpiration),
                given,
                "The absolute expiration value must be in the future.");
        }
        DateTimeOffset? absolute = options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : options.AbsoluteExpiration;
        TimeSpan? sliding = options.SlidingExpiration;
        long nowMs = now.ToUnixTimeMilliseconds();
        long expiresAt = -1;
        if (absolute is { } abs)
        {
            expiresAt = DistributedCacheOps.TicksToUnixMs(abs.UtcTicks);
        }
        if (sliding is { } window)
        {
            long end = nowMs + window.Ticks / TimeSpan.TicksPerMillisecond;
            expiresAt = expiresAt < 0 ? end : Math.Min(expiresAt, end);
        }
        return new ExpiryRule(
            absolute?.UtcTicks ?? DistributedCacheOps.NotPresent,
            sliding?.Ticks ?? DistributedCacheOps.NotPresent,
            expiresAt);
    }
}
