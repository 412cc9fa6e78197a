using System.Runtime.CompilerServices;
using System.Text;
using InProcValkey.Operations;

namespace InProcValkey;

public sealed partial class ValkeyDatabase
{
    /// <summary>DEL: removes the key; true when it existed.</summary>
    public bool KeyDelete(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        return KeyOps.Delete(Db, key, ref clock);
    }

    /// <summary>DEL with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool KeyDelete(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyDelete(k.Span);
    }

    /// <summary>DEL key [key …]: removes the keys that exist, atomically; returns how many were removed.</summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public long KeyDelete(ReadOnlySpan<byte[]> keys)
    {
        CheckKeys(keys);
        var clock = NewClock();
        return KeyOps.Delete(Db, keys, ref clock);
    }

    /// <summary>DEL key [key …] with string keys.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or a key is null.</exception>
    public long KeyDelete(params string[] keys) => KeyDelete(Utf8Keys(keys));

    /// <summary>EXISTS: true when the key exists. Does not update the key's idle time.</summary>
    public bool KeyExists(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        return KeyOps.Exists(Db, key, ref clock);
    }

    /// <summary>EXISTS with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool KeyExists(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyExists(k.Span);
    }

    /// <summary>EXISTS key [key …]: how many of the keys exist; a key named twice counts twice.</summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public long KeyExists(ReadOnlySpan<byte[]> keys)
    {
        CheckKeys(keys);
        var clock = NewClock();
        return KeyOps.Exists(Db, keys, ref clock);
    }

    /// <summary>EXISTS key [key …] with string keys.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or a key is null.</exception>
    public long KeyExists(params string[] keys) => KeyExists(Utf8Keys(keys));

    /// <summary>TOUCH: true when the key exists; updates its last access time (OBJECT IDLETIME restarts from 0).</summary>
    public bool KeyTouch(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        return KeyOps.Touch(Db, key, ref clock);
    }

    /// <summary>TOUCH with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool KeyTouch(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyTouch(k.Span);
    }

    /// <summary>TOUCH key [key …]: how many of the keys exist (duplicates count); updates their last access time.</summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public long KeyTouch(ReadOnlySpan<byte[]> keys)
    {
        CheckKeys(keys);
        var clock = NewClock();
        return KeyOps.Touch(Db, keys, ref clock);
    }

    /// <summary>TOUCH key [key …] with string keys.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or a key is null.</exception>
    public long KeyTouch(params string[] keys) => KeyTouch(Utf8Keys(keys));

    /// <summary>TYPE: the type of the value at the key, <see cref="InProcValkey.KeyType.None"/> when missing. Does not update its idle time.</summary>
    public KeyType KeyType(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        return KeyOps.Type(Db, key, ref clock);
    }

    /// <summary>TYPE with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public KeyType KeyType(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyType(k.Span);
    }

    /// <summary>
    /// RENAME (or RENAMENX with <see cref="When.NotExists"/>): gives the value, with its TTL, the name <paramref name="newKey"/>,
    /// replacing any value there. Returns false when <see cref="When.NotExists"/> was asked and <paramref name="newKey"/> exists
    /// (or is <paramref name="key"/> itself). Atomic.
    /// </summary>
    /// <exception cref="ValkeyException"><paramref name="key"/> does not exist (<c>ERR no such key</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="when"/> is <see cref="When.Exists"/>, which RENAME has no form for.</exception>
    public bool KeyRename(ReadOnlySpan<byte> key, ReadOnlySpan<byte> newKey, When when = When.Always)
    {
        if (when is not (When.Always or When.NotExists))
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "RENAME supports When.Always and When.NotExists (RENAMENX).");
        }
        var clock = NewClock();
        ThrowIfError(KeyOps.Rename(Db, key, newKey, when == When.NotExists, ref clock, out bool renamed));
        return renamed;
    }

    /// <summary>RENAME / RENAMENX with string keys.</summary>
    /// <inheritdoc cref="KeyRename(ReadOnlySpan{byte}, ReadOnlySpan{byte}, When)"/>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="newKey"/> is null.</exception>
    public bool KeyRename(string key, string newKey, When when = When.Always)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        using var n = new Utf8Key(newKey, stackalloc byte[256]);
        return KeyRename(k.Span, n.Span, when);
    }

    /// <summary>
    /// COPY source destination [DB db] [REPLACE]: copies the value, its encoding and its TTL to <paramref name="destination"/>
    /// in database <paramref name="destinationDatabase"/> (-1: this one). Returns false when the source is missing, or when the
    /// destination exists and <paramref name="replace"/> is false.
    /// </summary>
    /// <exception cref="ValkeyException">The database index is out of range (<c>ERR DB index is out of range</c>), or source and
    /// destination are the same key in the same database (<c>ERR source and destination objects are the same</c>).</exception>
    public bool KeyCopy(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, int destinationDatabase = -1, bool replace = false)
    {
        var target = Db;
        if (destinationDatabase != -1)
        {
            ThrowIfError(DatabaseOps.Resolve(Db.Engine, destinationDatabase, out target));
        }
        var clock = NewClock();
        Db.Engine.ThrowIfOutOfMemory();
        ThrowIfError(KeyOps.Copy(Db, source, target, destination, replace, ref clock, out bool copied));
        return copied;
    }

    /// <summary>COPY with string keys.</summary>
    /// <inheritdoc cref="KeyCopy(ReadOnlySpan{byte}, ReadOnlySpan{byte}, int, bool)"/>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="destination"/> is null.</exception>
    public bool KeyCopy(string source, string destination, int destinationDatabase = -1, bool replace = false)
    {
        using var s = new Utf8Key(source, stackalloc byte[256]);
        using var d = new Utf8Key(destination, stackalloc byte[256]);
        return KeyCopy(s.Span, d.Span, destinationDatabase, replace);
    }

    /// <summary>MOVE: moves the key, with its TTL, to database <paramref name="database"/>; false when it is missing here or exists there.</summary>
    /// <exception cref="ValkeyException"><paramref name="database"/> is out of range (<c>ERR DB index is out of range</c>) or is
    /// this database (<c>ERR source and destination objects are the same</c>).</exception>
    public bool KeyMove(ReadOnlySpan<byte> key, int database)
    {
        ThrowIfError(DatabaseOps.Resolve(Db.Engine, database, out var target));
        var clock = NewClock();
        ThrowIfError(KeyOps.Move(Db, key, target, ref clock, out bool moved));
        return moved;
    }

    /// <summary>MOVE with a string key.</summary>
    /// <inheritdoc cref="KeyMove(ReadOnlySpan{byte}, int)"/>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool KeyMove(string key, int database)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyMove(k.Span, database);
    }

    /// <summary>RANDOMKEY: a random key (UTF-8 decoded), or null when the database is empty. A seeded store draws deterministically.</summary>
    public string? KeyRandom() => Text(KeyRandomBytes());

    /// <summary>RANDOMKEY: a random key as bytes, or null when the database is empty.</summary>
    public byte[]? KeyRandomBytes()
    {
        var clock = NewClock();
        return KeyOps.RandomKey(Db, ref clock);
    }

    /// <summary>OBJECT IDLETIME: time since the key was last read or written (whole seconds), or null when missing. Does not update it.</summary>
    public TimeSpan? KeyIdleTime(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(KeyOps.Object(Db, key, ObjectField.IdleTime, ref clock, out bool found, out _, out long seconds));
        return found ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>OBJECT IDLETIME with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public TimeSpan? KeyIdleTime(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyIdleTime(k.Span);
    }

    /// <summary>OBJECT ENCODING: the value's internal encoding (<c>int</c>, <c>embstr</c>, <c>raw</c> for strings), or null when missing.</summary>
    public string? KeyEncoding(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(KeyOps.Object(Db, key, ObjectField.Encoding, ref clock, out _, out string? encoding, out _));
        return encoding;
    }

    /// <summary>OBJECT ENCODING with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public string? KeyEncoding(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyEncoding(k.Span);
    }

    /// <summary>OBJECT REFCOUNT: 2147483647 for Valkey's shared integers (0 to 9999), 1 otherwise; null when missing.</summary>
    public long? KeyRefCount(ReadOnlySpan<byte> key)
    {
        var clock = NewClock();
        ThrowIfError(KeyOps.Object(Db, key, ObjectField.RefCount, ref clock, out bool found, out _, out long count));
        return found ? count : null;
    }

    /// <summary>OBJECT REFCOUNT with a string key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public long? KeyRefCount(string key)
    {
        using var k = new Utf8Key(key, stackalloc byte[256]);
        return KeyRefCount(k.Span);
    }

    private static void CheckKeys(ReadOnlySpan<byte[]> keys, [CallerArgumentExpression(nameof(keys))] string? name = null)
    {
        foreach (var k in keys)
        {
            ArgumentNullException.ThrowIfNull(k, name);
        }
    }

    private static byte[][] Utf8Keys(string[] keys, [CallerArgumentExpression(nameof(keys))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(keys, name);
        var result = new byte[keys.Length][];
        for (int i = 0; i < keys.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(keys[i], name);
            result[i] = Encoding.UTF8.GetBytes(keys[i]);
        }
        return result;
    }

    /// <summary>A string key as UTF-8, in caller-provided stack memory when it fits (else a rented array, returned on dispose).</summary>
    private ref struct Utf8Key
    {
        private readonly byte[]? _rented;

        public Utf8Key(string value, Span<byte> scratch, [CallerArgumentExpression(nameof(value))] string? name = null)
        {
            Span = Utf8(value, scratch, out _rented, name);
        }

        public ReadOnlySpan<byte> Span { get; }

        public readonly void Dispose() => Return(_rented);
    }
}
