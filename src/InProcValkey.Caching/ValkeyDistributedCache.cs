using System.Buffers;
using System.Text;
using InProcValkey.Keyspace;
using InProcValkey.Operations;
using Microsoft.Extensions.Caching.Distributed;

namespace InProcValkey.Caching;

/// <summary>
/// <see cref="IDistributedCache"/> and <see cref="IBufferDistributedCache"/> over an in-process <see cref="ValkeyStore"/>,
/// storing entries exactly as Microsoft's <c>RedisCache</c> does: one hash per entry (HSET key absexp … sldexp … data …)
/// under <c>InstanceName + key</c>, with a key TTL (EXPIRE), so <c>RedisCache</c> connected to the store's listener reads
/// them, and the other way round. Each call is one atomic step under the key's lock. The expiry rules are
/// <c>RedisCache</c>'s with millisecond instead of whole-second TTLs (docs/distributed-cache.md). Times come from the
/// store's <see cref="ValkeyStore.TimeProvider"/>. Async methods complete synchronously.
/// </summary>
public sealed class ValkeyDistributedCache : IBufferDistributedCache, IDisposable
{
    private const int StackKeyLimit = 256;

    private readonly ValkeyStore _store;
    private readonly bool _ownsStore;
    private readonly Database _db;
    private readonly TimeProvider _time;
    private readonly byte[] _prefix;

    /// <summary>Creates a cache over <see cref="ValkeyDistributedCacheOptions.Store"/>, or over a store of its own when that is null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The database index is not one of the store's.</exception>
    public ValkeyDistributedCache(ValkeyDistributedCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = options.Store;
        if (store is null)
        {
            store = new ValkeyStore(options.StoreOptions ?? new ValkeyStoreOptions());
            _ownsStore = true;
        }
        _store = store;
        _db = store.GetDatabase(options.Database).Db;
        _time = store.TimeProvider;
        _prefix = string.IsNullOrEmpty(options.InstanceName) ? [] : Encoding.UTF8.GetBytes(options.InstanceName);
    }

    /// <summary>The store the entries live in.</summary>
    public ValkeyStore Store => _store;

    /// <summary>Gets the value (HMGET key absexp sldexp data) and re-arms a sliding expiry (PEXPIRE), in one step; null when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds a value that is not a hash.</exception>
    public byte[]? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var reader = new ByteArrayValueReader();
        Read(key, getData: true, ref reader);
        return reader.Value;
    }

    /// <summary>As <see cref="Get"/>; completes synchronously.</summary>
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (token.IsCancellationRequested)
        {
            return Task.FromCanceled<byte[]?>(token);
        }
        try
        {
            return Task.FromResult(Get(key));
        }
        catch (Exception ex)
        {
            return Task.FromException<byte[]?>(ex);
        }
    }

    /// <summary>
    /// Copies the value into <paramref name="destination"/> (asking it for exactly the value's length) and re-arms a sliding
    /// expiry, in one step; false when missing. Allocates nothing itself.
    /// </summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds a value that is not a hash.</exception>
    public bool TryGet(string key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(destination);
        var reader = new BufferValueReader(destination);
        return Read(key, getData: true, ref reader);
    }

    /// <summary>As <see cref="TryGet"/>; completes synchronously.</summary>
    public ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(destination);
        if (token.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(token);
        }
        try
        {
            return new ValueTask<bool>(TryGet(key, destination));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<bool>(ex);
        }
    }

    /// <summary>
    /// Stores the entry (HSET key absexp … sldexp … data …, then EXPIRE or PERSIST), replacing any earlier one and its TTL, in
    /// one step. An <see cref="DistributedCacheEntryOptions.AbsoluteExpiration"/> not in the future is rejected as
    /// <c>RedisCache</c> rejects it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DistributedCacheEntryOptions.AbsoluteExpiration"/> is not in the future.</exception>
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        SetCore(key, value, options);
    }

    /// <summary>As <see cref="Set(string, byte[], DistributedCacheEntryOptions)"/>; completes synchronously.</summary>
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        if (token.IsCancellationRequested)
        {
            return Task.FromCanceled(token);
        }
        try
        {
            SetCore(key, value, options);
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>As <see cref="Set(string, byte[], DistributedCacheEntryOptions)"/>, from a sequence (copied once into the entry).</summary>
    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        if (value.IsSingleSegment)
        {
            SetCore(key, value.FirstSpan, options);
            return;
        }
        int length = checked((int)value.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            value.CopyTo(rented);
            SetCore(key, rented.AsSpan(0, length), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>As <see cref="Set(string, ReadOnlySequence{byte}, DistributedCacheEntryOptions)"/>; completes synchronously.</summary>
    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        if (token.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(token);
        }
        try
        {
            Set(key, value, options);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    /// <summary>Re-arms a sliding expiry (HMGET key absexp sldexp + PEXPIRE, in one step); no effect without one or when missing.</summary>
    /// <exception cref="ValkeyWrongTypeException">The key holds a value that is not a hash.</exception>
    public void Refresh(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var reader = new NoValueReader();
        Read(key, getData: false, ref reader);
    }

    /// <summary>As <see cref="Refresh"/>; completes synchronously.</summary>
    public Task RefreshAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (token.IsCancellationRequested)
        {
            return Task.FromCanceled(token);
        }
        try
        {
            Refresh(key);
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>Removes the entry (DEL key).</summary>
    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[]? rented = null;
        int length = MaxKeyBytes(key);
        Span<byte> buffer = length <= StackKeyLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var clock = new Clock(_time);
            KeyOps.Delete(_db, Compose(key, buffer), ref clock);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>As <see cref="Remove"/>; completes synchronously.</summary>
    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (token.IsCancellationRequested)
        {
            return Task.FromCanceled(token);
        }
        Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>Disposes the store when the cache created it; a store it was given is left alone.</summary>
    public void Dispose()
    {
        if (_ownsStore)
        {
            _store.Dispose();
        }
    }

    private bool Read<TReader>(string key, bool getData, ref TReader reader)
        where TReader : struct, IStringValueReader
    {
        byte[]? rented = null;
        int length = MaxKeyBytes(key);
        Span<byte> buffer = length <= StackKeyLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        string? error;
        bool found;
        try
        {
            var clock = new Clock(_time);
            error = DistributedCacheOps.GetAndRefresh(_db, Compose(key, buffer), getData, ref clock, ref reader, out found);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        if (error is not null)
        {
            throw ValkeyException.From(error);
        }
        return found;
    }

    private void SetCore(string key, ReadOnlySpan<byte> value, DistributedCacheEntryOptions options)
    {
        var now = _time.GetUtcNow();
        var rule = ExpiryRule.From(now, options);
        byte[]? rented = null;
        int length = MaxKeyBytes(key);
        Span<byte> buffer = length <= StackKeyLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var clock = new Clock(_time, now.ToUnixTimeMilliseconds());
            _db.Engine.ThrowIfOutOfMemory();
            DistributedCacheOps.Set(_db, Compose(key, buffer), rule.AbsoluteTicks, rule.SlidingTicks, value, rule.ExpiresAtMs, ref clock);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private int MaxKeyBytes(string key) => _prefix.Length + Encoding.UTF8.GetMaxByteCount(key.Length);

    private ReadOnlySpan<byte> Compose(string key, Span<byte> buffer)
    {
        _prefix.CopyTo(buffer);
        int n = Encoding.UTF8.GetBytes(key, buffer[_prefix.Length..]);
        return buffer[..(_prefix.Length + n)];
    }
}
