using InProcValkey.Commands;

namespace InProcValkey;

/// <summary>
/// A caller of <see cref="ValkeyStore"/> with its own state, like a client connection: the selected database (SELECT).
/// Not thread-safe (one caller at a time, as a connection); the store it runs on is. Dispose a session that used WATCH or
/// MULTI when done with it: like a closing connection, disposing discards its transaction and unwatches its keys.
/// </summary>
public sealed class ValkeySession : IDisposable
{
    private readonly ReplyBuilder _builder = new();
    private readonly CommandContext _ctx;

    internal ValkeySession(ValkeyStore store)
    {
        _ctx = new CommandContext(store.Engine, _builder);
        _builder.Owner = _ctx;
    }

    /// <summary>The database commands run on (changed by SELECT).</summary>
    public int SelectedDatabase
    {
        get => _ctx.DbIndex;
        internal set => _ctx.DbIndex = value;
    }

    /// <summary>Runs a command given as its name and UTF-8 arguments; errors are returned as error replies.</summary>
    /// <exception cref="ArgumentException">No command name was given.</exception>
    public ValkeyReply Execute(params string[] command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length == 0)
        {
            throw new ArgumentException("A command name is required.", nameof(command));
        }
        _ctx.Args.Clear();
        foreach (var a in command)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(command));
            _ctx.Args.Add(a);
        }
        return Run();
    }

    /// <summary>Runs a command given as binary-safe arguments.</summary>
    /// <exception cref="ArgumentException">No command name was given.</exception>
    public ValkeyReply Execute(params byte[][] command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length == 0)
        {
            throw new ArgumentException("A command name is required.", nameof(command));
        }
        _ctx.Args.Clear();
        foreach (var a in command)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(command));
            _ctx.Args.Add(a);
        }
        return Run();
    }

    private ValkeyReply Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _builder.Reset();
        CommandTable.Dispatch(_ctx);
        if (_ctx.TakePendingBlock() is { } blocked)
        {
            // A blocking command (BLPOP, …) found nothing: this call waits, as a connection would, until another caller
            // serves it or its timeout passes on the store's TimeProvider (with a FakeTimeProvider, another thread must
            // advance it). Use the typed API's async methods to wait without holding a thread.
            return blocked.Completion.GetAwaiter().GetResult();
        }
        return _builder.Result;
    }

    private bool _disposed;

    /// <summary>
    /// Ends the session as a closing connection ends (Valkey's <c>freeClient</c>): discards a transaction begun with MULTI and
    /// unwatches every key it watches, so the store keeps no state for it. Later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ctx.Transaction?.Discard();
    }
}
