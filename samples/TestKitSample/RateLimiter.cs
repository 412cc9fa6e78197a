using StackExchange.Redis;

namespace TestKitSample;

/// <summary>
/// The code under test: a fixed-window rate limiter written against IConnectionMultiplexer, as it would be in an app.
/// Each caller gets <c>limit</c> requests per window; the counter key expires with the window. When Redis fails, requests
/// are let through (fail open) rather than refused.
/// </summary>
public sealed class RateLimiter(IConnectionMultiplexer redis, int limit, TimeSpan window)
{
    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>Whether <paramref name="caller"/> may make one more request now.</summary>
    public async Task<bool> TryAcquireAsync(string caller)
    {
        string key = $"ratelimit:{{{caller}}}";
        try
        {
            long count = await _db.StringIncrementAsync(key);
            if (count == 1)
            {
                await _db.KeyExpireAsync(key, window);
            }
            return count <= limit;
        }
        catch (RedisException)
        {
            return true;
        }
    }

    /// <summary>How many requests <paramref name="caller"/> has left in the current window.</summary>
    public async Task<long> RemainingAsync(string caller)
    {
        var used = (long?)await _db.StringGetAsync($"ratelimit:{{{caller}}}") ?? 0;
        return Math.Max(0, limit - used);
    }
}
