using InProcValkey.Commands;

namespace InProcValkey.Keyspace;

/// <summary>
/// Error statistics (Valkey's <c>afterErrorReply</c> and <c>call</c>): <c>total_error_replies</c>, the <c>errorstats</c>
/// section (one counter per error prefix, the first word of the message: <c>ERR</c>, <c>WRONGTYPE</c>, …) and commandstats'
/// <c>failed_calls</c> (a call that replied an error). Error replies are rare, so they are counted under a lock.
/// </summary>
internal sealed partial class ServerStats
{
    /// <summary>Valkey's <c>ERROR_STATS_NUMBER</c>: past this many distinct prefixes, new ones are no longer tracked.</summary>
    public const int MaxErrorPrefixes = 128;

    private readonly long[] _failed;
    private readonly Lock _errorsLock = new();
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _totalErrors;

    /// <summary>INFO <c>total_error_replies</c>.</summary>
    public long TotalErrorReplies => Interlocked.Read(ref _totalErrors);

    /// <summary>Counts one error reply; <paramref name="message"/> is the text without the leading <c>-</c>.</summary>
    public void OnErrorReply(string message)
    {
        // The prefix is the text up to the first space within the first 32 bytes (counting the '-'); "ERR" otherwise.
        int space = message.AsSpan(0, Math.Min(message.Length, 31)).IndexOf(' ');
        string prefix = space > 0 ? message[..space] : "ERR";
        lock (_errorsLock)
        {
            _totalErrors++;
            if (_errors.TryGetValue(prefix, out long n))
            {
                _errors[prefix] = n + 1;
            }
            else if (_errors.Count < MaxErrorPrefixes)
            {
                _errors[prefix] = 1;
            }
        }
    }

    /// <summary>Counts a call that replied with an error (commandstats <c>failed_calls</c>).</summary>
    public void OnFailed(CommandDef def) => Interlocked.Increment(ref _failed[def.Id]);

    /// <summary>commandstats <c>failed_calls</c> of a command.</summary>
    public long Failed(int id) => Volatile.Read(ref _failed[id]);

    /// <summary>The errorstats lines' data, sorted by prefix (Valkey walks a radix tree, so in byte order).</summary>
    public List<KeyValuePair<string, long>> ErrorCounts()
    {
        lock (_errorsLock)
        {
            var list = _errors.ToList();
            list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return list;
        }
    }

    /// <summary>INFO <c>rejected_calls</c>: the sum over commands.</summary>
    public long TotalRejected => SumOf(_rejected);

    /// <summary>INFO <c>failed_calls</c>: the sum over commands.</summary>
    public long TotalFailed => SumOf(_failed);

    private static long SumOf(long[] counters)
    {
        long total = 0;
        for (int i = 0; i < counters.Length; i++)
        {
            total += Volatile.Read(ref counters[i]);
        }
        return total;
    }

    private void ResetErrors()
    {
        for (int i = 0; i < _failed.Length; i++)
        {
            Interlocked.Exchange(ref _failed[i], 0);
        }
        lock (_errorsLock)
        {
            _errors.Clear();
            _totalErrors = 0;
        }
    }
}
