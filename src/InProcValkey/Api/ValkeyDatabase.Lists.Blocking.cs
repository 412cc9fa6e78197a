using InProcValkey.Keyspace.Blocking;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    private static long TimeoutMs(TimeSpan timeout, string name)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return 0;
        }
        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, "The timeout is negative.");
        }
        return (long)Math.Ceiling(timeout.TotalMilliseconds);
    }

    private static byte[][] KeyArrays(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            throw new ArgumentException("At least one key is needed.", nameof(keys));
        }
        return [.. keys.Select(k => Utf8Array(k, nameof(keys)))];
    }

    // Waits for a blocked command's reply; cancellation abandons it (it takes nothing) unless it was served first.
    private async ValueTask<ValkeyReply> WaitBlockedAsync(BlockedClient blocked, CancellationToken cancellationToken)
    {
        try
        {
            return await blocked.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Db.Engine.Blocking.Cancel(blocked);
            if (blocked.Completion.IsCompletedSuccessfully)
            {
                return blocked.Completion.Result;
            }
            throw;
        }
    }

    private static ListPopResult? ToPopResult(ValkeyReply reply, bool multiPop)
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
        byte[][] values = multiPop
            ? [.. reply.Elements[1].Elements.Select(e => e.AsBytes()!)]
            : [reply.Elements[1].AsBytes()!];
        return new ListPopResult(key, values);
    }

    private ValueTask<ListPopResult?> BlockingPopAsync(byte[][] keys, bool head, long count, bool multiPop, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long timeoutMs = TimeoutMs(timeout, nameof(timeout));
        cancellationToken.ThrowIfCancellationRequested();
        var memories = new ReadOnlyMemory<byte>[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            memories[i] = keys[i];
        }
        var clock = NewClock();
        var reader = new ArrayListReader();
        ThrowIfError(ListOps.MultiPop(Db, memories, head, count, ref clock, ref reader, out bool found));
        if (found)
        {
            return ValueTask.FromResult<ListPopResult?>(new ListPopResult(reader.Key!, [.. reader.Values!]));
        }
        var blocked = Db.Engine.Blocking.Block(Db, keys, timeoutMs, new ListOps.BlockedPop(keys, head, count, multiPop));
        Db.Engine.Blocking.ServeIfReady();
        return Continue(blocked, multiPop, cancellationToken);

        async ValueTask<ListPopResult?> Continue(BlockedClient b, bool mp, CancellationToken ct) =>
            ToPopResult(await WaitBlockedAsync(b, ct).ConfigureAwait(false), mp);
    }

    /// <summary>BLPOP key [key ...] timeout: pops the first element of the first non-empty list among <paramref name="keys"/>,
    /// waiting until one is pushed (by any caller) or <paramref name="timeout"/> passes on the store's TimeProvider
    /// (<see cref="Timeout.InfiniteTimeSpan"/> or zero: forever). Null on timeout. Waiters are served in the order they blocked;
    /// cancelling a wait takes nothing from the lists.</summary>
    /// <exception cref="ValkeyWrongTypeException">A key checked before a non-empty list holds another type.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before an element arrived.</exception>
    public ValueTask<ListPopResult?> ListBlockingLeftPopAsync(string[] keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        BlockingPopAsync(KeyArrays(keys), true, 1, false, timeout, cancellationToken);

    /// <summary>BLPOP with binary keys.</summary>
    /// <inheritdoc cref="ListBlockingLeftPopAsync(string[], TimeSpan, CancellationToken)"/>
    public ValueTask<ListPopResult?> ListBlockingLeftPopAsync(byte[][] keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        BlockingPopAsync(CheckedKeys(keys), true, 1, false, timeout, cancellationToken);

    /// <summary>BRPOP key [key ...] timeout: as <see cref="ListBlockingLeftPopAsync(string[], TimeSpan, CancellationToken)"/> from the tail.</summary>
    /// <inheritdoc cref="ListBlockingLeftPopAsync(string[], TimeSpan, CancellationToken)"/>
    public ValueTask<ListPopResult?> ListBlockingRightPopAsync(string[] keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        BlockingPopAsync(KeyArrays(keys), false, 1, false, timeout, cancellationToken);

    /// <summary>BRPOP with binary keys.</summary>
    /// <inheritdoc cref="ListBlockingLeftPopAsync(string[], TimeSpan, CancellationToken)"/>
    public ValueTask<ListPopResult?> ListBlockingRightPopAsync(byte[][] keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        BlockingPopAsync(CheckedKeys(keys), false, 1, false, timeout, cancellationToken);

    /// <summary>BLMPOP timeout numkeys key [key ...] LEFT|RIGHT COUNT count: pops up to <paramref name="count"/> elements from
    /// the <paramref name="side"/> end of the first non-empty list, waiting as BLPOP does. Null on timeout.</summary>
    /// <inheritdoc cref="ListBlockingLeftPopAsync(string[], TimeSpan, CancellationToken)"/>
    public ValueTask<ListPopResult?> ListBlockingPopAsync(string[] keys, ListSide side, long count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return BlockingPopAsync(KeyArrays(keys), side == ListSide.Left, count, true, timeout, cancellationToken);
    }

    private static byte[][] CheckedKeys(byte[][] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            throw new ArgumentException("At least one key is needed.", nameof(keys));
        }
        foreach (var k in keys)
        {
            ArgumentNullException.ThrowIfNull(k, nameof(keys));
        }
        return keys;
    }

    /// <summary>BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout: LMOVE, waiting for <paramref name="source"/> to receive
    /// an element when it is missing. Null on timeout.</summary>
    /// <exception cref="ValkeyWrongTypeException">Either key holds another type (also when the wait ends on a destination of another type).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before an element arrived.</exception>
    public async ValueTask<byte[]?> ListBlockingMoveAsync(byte[] source, byte[] destination, ListSide sourceSide, ListSide destinationSide, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        long timeoutMs = TimeoutMs(timeout, nameof(timeout));
        cancellationToken.ThrowIfCancellationRequested();
        var moved = ListMove(source, destination, sourceSide, destinationSide);
        if (moved is not null)
        {
            return moved;
        }
        var blocked = Db.Engine.Blocking.Block(Db, [source], timeoutMs,
            new ListOps.BlockedMove(source, destination, sourceSide == ListSide.Left, destinationSide == ListSide.Left));
        Db.Engine.Blocking.ServeIfReady();
        var reply = await WaitBlockedAsync(blocked, cancellationToken).ConfigureAwait(false);
        if (reply.IsError)
        {
            throw ValkeyException.From(reply.ErrorMessage!);
        }
        return reply.IsNull ? null : reply.AsBytes();
    }

    /// <summary>BLMOVE with string keys; the element as UTF-8 text.</summary>
    /// <inheritdoc cref="ListBlockingMoveAsync(byte[], byte[], ListSide, ListSide, TimeSpan, CancellationToken)"/>
    public async ValueTask<string?> ListBlockingMoveAsync(string source, string destination, ListSide sourceSide, ListSide destinationSide, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Text(await ListBlockingMoveAsync(Utf8Array(source), Utf8Array(destination), sourceSide, destinationSide, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>BRPOPLPUSH source destination timeout: BLMOVE source destination RIGHT LEFT.</summary>
    /// <inheritdoc cref="ListBlockingMoveAsync(byte[], byte[], ListSide, ListSide, TimeSpan, CancellationToken)"/>
    public ValueTask<string?> ListBlockingRightPopLeftPushAsync(string source, string destination, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ListBlockingMoveAsync(source, destination, ListSide.Right, ListSide.Left, timeout, cancellationToken);
}
