using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using InProcValkey.Keyspace;

namespace InProcValkey;

/// <summary>
/// The typed API over one database, named as StackExchange.Redis's <c>IDatabase</c> (<c>StringSet</c>, <c>KeyExpire</c>, …).
/// Every method maps to one Valkey command (named in its docs), shares that command's implementation and is atomic.
/// Thread-safe. Keys and values are binary safe: <see cref="string"/> overloads use UTF-8.
/// Errors from the engine surface as <see cref="ValkeyException"/> (for example <see cref="ValkeyWrongTypeException"/>).
/// </summary>
public sealed partial class ValkeyDatabase
{
    private readonly ValkeyStore _store;
    internal readonly Database Db;

    internal ValkeyDatabase(ValkeyStore store, Database db)
    {
        _store = store;
        Db = db;
    }

    /// <summary>The database index (what SELECT would take).</summary>
    public int Database => Db.Index;

    /// <summary>The store this database belongs to.</summary>
    public ValkeyStore Store => _store;

    private Clock NewClock() => new(Db.Engine.Time);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThrowIfError(string? error)
    {
        if (error is not null)
        {
            throw ValkeyException.From(error);
        }
    }

    /// <summary>UTF-8 of a string key, into <paramref name="scratch"/> when it fits, else a rented array returned through <paramref name="rented"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Utf8(string value, Span<byte> scratch, out byte[]? rented, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        rented = null;
        if (value.Length <= scratch.Length / 3)
        {
            return scratch[..Encoding.UTF8.GetBytes(value, scratch)];
        }
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        rented = ArrayPool<byte>.Shared.Rent(max);
        return rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented));
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static byte[] Utf8Array(string value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return Encoding.UTF8.GetBytes(value);
    }

    private static string? Text(byte[]? value) => value is null ? null : Encoding.UTF8.GetString(value);
}
