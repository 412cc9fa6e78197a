using InProcValkey.Commands;
using InProcValkey.Keyspace;

namespace InProcValkey;

/// <summary>
/// An in-process data store with Valkey 7.2 semantics: 16 databases of binary-safe keys with TTLs.
/// Thread-safe: every command is atomic. Use <see cref="GetDatabase"/> for the typed API and
/// <see cref="Execute(string[])"/> for any command by name.
/// </summary>
/// <example>
/// <code>
/// using var store = new ValkeyStore();
/// var db = store.GetDatabase();
/// db.StringSet("greeting", "hello", TimeSpan.FromMinutes(5));
/// string? v = db.StringGet("greeting");
/// </code>
/// </example>
public sealed partial class ValkeyStore : IDisposable
{
    private readonly ValkeyDatabase[] _databases;

    /// <summary>Creates a store with default options.</summary>
    public ValkeyStore() : this(new ValkeyStoreOptions())
    {
    }

    /// <summary>Creates a store.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ValkeyStore(ValkeyStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Engine = new Engine(options);
        _databases = new ValkeyDatabase[options.Databases];
        for (int i = 0; i < _databases.Length; i++)
        {
            _databases[i] = new ValkeyDatabase(this, Engine.Databases[i]);
        }
    }

    internal Engine Engine { get; }

    /// <summary>The store's clock.</summary>
    public TimeProvider TimeProvider => Engine.Time;

    /// <summary>Number of logical databases.</summary>
    public int DatabaseCount => _databases.Length;

    /// <summary>The typed API over database <paramref name="db"/> (SELECT index).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="db"/> is not a database index.</exception>
    public ValkeyDatabase GetDatabase(int db = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(db);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(db, _databases.Length);
        return _databases[db];
    }

    /// <summary>
    /// Runs any command on database 0, given as its name and arguments (UTF-8), and returns its reply as a value; errors
    /// come back as <see cref="ValkeyReplyKind.Error"/> replies, not exceptions. For SELECT to persist, use a <see cref="ValkeySession"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No command name was given.</exception>
    public ValkeyReply Execute(params string[] command) => CreateSession().Execute(command);

    /// <summary>Runs any command on database 0, given as binary-safe arguments.</summary>
    public ValkeyReply Execute(params byte[][] command) => CreateSession().Execute(command);

    /// <summary>Creates a session: a caller with its own selected database, like a client connection.</summary>
    public ValkeySession CreateSession(int db = 0)
    {
        ObjectDisposedException.ThrowIf(Engine.IsDisposed, this);
        var session = new ValkeySession(this);
        if (db != 0)
        {
            GetDatabase(db);
            session.SelectedDatabase = db;
        }
        return session;
    }

    /// <summary>Stops background work (active expiry). The data is released with the store.</summary>
    public void Dispose() => Engine.Dispose();

    // ---- databases (FLUSHALL, SWAPDB, TIME) ----

    /// <summary>FLUSHALL: removes every key of every database, atomically.</summary>
    public void FlushAll() => Operations.DatabaseOps.FlushAll(Engine);

    /// <summary>
    /// SWAPDB: swaps the contents of databases <paramref name="first"/> and <paramref name="second"/>, atomically; every
    /// <see cref="ValkeyDatabase"/> and session on one of them sees the other's keys from then on.
    /// </summary>
    /// <exception cref="ValkeyException">An index is out of range (<c>ERR DB index is out of range</c>).</exception>
    public void SwapDatabases(int first, int second)
    {
        if (Operations.DatabaseOps.Swap(Engine, first, second) is { } error)
        {
            throw ValkeyException.From(error);
        }
    }

    /// <summary>TIME: the store's current time (from its <see cref="TimeProvider"/>), to the microsecond.</summary>
    public DateTimeOffset Time()
    {
        var (seconds, micros) = Operations.DatabaseOps.Time(Engine);
        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micros * (TimeSpan.TicksPerMillisecond / 1000));
    }
}
