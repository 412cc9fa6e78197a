using System.Globalization;

namespace InProcValkey.Keyspace;

/// <summary>One client class's output buffer limit: hard bytes, soft bytes and how long the soft limit may be exceeded (0 = no limit).</summary>
internal readonly record struct OutputBufferLimit(long Hard, long Soft, long SoftSeconds)
{
    /// <summary>True when neither limit is set.</summary>
    public bool IsUnlimited => Hard == 0 && Soft == 0;
}

/// <summary>
/// The <c>client-output-buffer-limit</c> parameter (Valkey's <c>clientBufferLimitsConfig</c>): a limit per client class
/// (normal, replica, pub/sub). CONFIG SET takes groups of <c>class hard soft soft-seconds</c> (memory units allowed) and
/// changes only the classes it names; CONFIG GET prints all three with the replica class named <c>slave</c>.
/// </summary>
internal sealed record OutputBufferLimits(OutputBufferLimit Normal, OutputBufferLimit Replica, OutputBufferLimit PubSub)
{
    /// <summary>Valkey's default: <c>normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60</c>.</summary>
    public static readonly OutputBufferLimits Default = new(
        new OutputBufferLimit(0, 0, 0),
        new OutputBufferLimit(256L * 1024 * 1024, 64L * 1024 * 1024, 60),
        new OutputBufferLimit(32L * 1024 * 1024, 8L * 1024 * 1024, 60));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"normal {Normal.Hard} {Normal.Soft} {Normal.SoftSeconds} slave {Replica.Hard} {Replica.Soft} {Replica.SoftSeconds} pubsub {PubSub.Hard} {PubSub.Soft} {PubSub.SoftSeconds}");

    /// <summary>Applies a CONFIG SET value to <paramref name="current"/>; false with Valkey's reason when it is malformed.</summary>
    public static bool TryParse(string text, OutputBufferLimits current, out OutputBufferLimits result, out string? error)
    {
        result = current;
        error = null;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length % 4 != 0)
        {
            error = "Wrong number of arguments in buffer limit configuration.";
            return false;
        }
        var next = current;
        for (int i = 0; i < words.Length; i += 4)
        {
            string cls = words[i].ToLowerInvariant();
            if (cls is not ("normal" or "slave" or "replica" or "pubsub"))
            {
                error = "Invalid client class specified in buffer limit configuration.";
                return false;
            }
            if (!EngineConfig.TryParseMemory(words[i + 1], out long hard) || hard < 0
                || !EngineConfig.TryParseMemory(words[i + 2], out long soft) || soft < 0
                || !long.TryParse(words[i + 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds) || seconds < 0)
            {
                error = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
                return false;
            }
            var limit = new OutputBufferLimit(hard, soft, seconds);
            next = cls switch
            {
                "normal" => next with { Normal = limit },
                "pubsub" => next with { PubSub = limit },
                _ => next with { Replica = limit },
            };
        }
        result = next;
        return true;
    }
}
