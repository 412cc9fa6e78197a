using InProcValkey.DataTypes.SortedSets;
using InProcValkey.Keyspace.Blocking;
using InProcValkey.Operations;

namespace InProcValkey;

/// <summary>What a blocking sorted-set pop took: the key and the popped members with their scores.</summary>
/// <param name="Key">The key popped from.</param>
/// <param name="Entries">The members and scores, in pop order.</param>
public sealed record SortedSetPopResult(byte[] Key, SortedSetEntry[] Entries);

public sealed partial class ValkeyDatabase
{
    /// <summary>
    /// BZPOPMIN / BZPOPMAX / BZMPOP: pops up to <paramref name="count"/> members with the lowest (<see cref="Order.Ascending"/>)
    /// or highest scores from the first non-empty sorted set among <paramref name="keys"/>, waiting until one receives members
    /// (from any caller) or <paramref name="timeout"/> passes on the store's TimeProvider (<see cref="Timeout.InfiniteTimeSpan"/>
    /// or zero: forever). Null on timeout. Waiters are served in the order they blocked; cancelling a wait takes nothing.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">A key checked before a non-empty sorted set holds another type.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before members arrived.</exception>
    public ValueTask<SortedSetPopResult?> SortedSetBlockingPopAsync(byte[][] keys, Order order, long count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        keys = CheckedKeys(keys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        long timeoutMs = TimeoutMs(timeout, nameof(timeout));
        cancellationToken.ThrowIfCancellationRequested();
        bool max = order == Order.Descending;
        var memories = new ReadOnlyMemory<byte>[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            memories[i] = keys[i];
        }
        var items = ZsetItems.Rent();
        try
        {
            var clock = NewClock();
            ThrowIfError(SortedSetOps.Pop(Db, memories, max, count, ref clock, items, out int k));
            if (k >= 0)
            {
                return ValueTask.FromResult<SortedSetPopResult?>(new SortedSetPopResult(keys[k], Entries(items)));
            }
        }
        finally
        {
            items.Return();
        }
        var blocked = Db.Engine.Blocking.Block(Db, keys, timeoutMs, new SortedSetOps.BlockedZPop(keys, max, count, multiPop: true));
        Db.Engine.Blocking.ServeIfReady();
        return Continue(blocked, cancellationToken);

        async ValueTask<SortedSetPopResult?> Continue(BlockedClient b, CancellationToken ct) =>
            ToZPopResult(await WaitBlockedAsync(b, ct).ConfigureAwait(false));
    }

    /// <summary>BZPOPMIN / BZPOPMAX with UTF-8 keys, one member.</summary>
    /// <inheritdoc cref="SortedSetBlockingPopAsync(byte[][], Order, long, TimeSpan, CancellationToken)"/>
    public ValueTask<SortedSetPopResult?> SortedSetBlockingPopAsync(string[] keys, Order order, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        SortedSetBlockingPopAsync(KeyArrays(keys), order, 1, timeout, cancellationToken);

    private static SortedSetPopResult? ToZPopResult(ValkeyReply reply)
    {
        if (reply.IsError)
        {
            throw ValkeyException.From(reply.ErrorMessage!);
        }
        if (reply.IsNull)
        {
            return null;
        }
        var key = reply.Elements[0].AsBytes()!;
        var entries = reply.Elements[1].Elements.Select(p => new SortedSetEntry(p.Elements[0].AsBytes()!, p.Elements[1].AsDouble())).ToArray();
        return new SortedSetPopResult(key, entries);
    }
}
