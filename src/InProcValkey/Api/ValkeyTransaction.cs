using System.Text;
using InProcValkey.Commands;
using InProcValkey.Errors;
using InProcValkey.Keyspace;

namespace InProcValkey;

/// <summary>
/// A transaction on one database (Valkey's MULTI/EXEC with WATCH-like preconditions, in the spirit of StackExchange.Redis's
/// <c>ITransaction</c>): queue commands (each returns a task that completes with its reply after <see cref="Execute"/>), add
/// <see cref="ValkeyCondition"/>s, then <see cref="Execute"/>. Conditions and commands run under the locks of every key they
/// name (every shard when a command's keys cannot be told), so the whole transaction is atomic for every other caller.
/// A runtime error of one command (for example WRONGTYPE) faults that command's task; the others still run, as in EXEC.
/// Not thread-safe while being built; execute once. Create with <see cref="ValkeyDatabase.CreateTransaction"/>.
/// </summary>
public sealed partial class ValkeyTransaction
{
    private readonly ValkeyDatabase _database;
    private readonly List<ValkeyCondition> _conditions = [];
    private readonly List<(QueuedCommand Command, Action<ValkeyReply?> Complete)> _ops = [];
    private bool _executed;

    internal ValkeyTransaction(ValkeyDatabase database) => _database = database;

    /// <summary>Adds a precondition; returns it, to read <see cref="ValkeyCondition.WasSatisfied"/> after execution.</summary>
    /// <exception cref="InvalidOperationException">The transaction was already executed.</exception>
    public ValkeyCondition AddCondition(ValkeyCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ThrowIfExecuted();
        _conditions.Add(condition);
        return condition;
    }

    /// <summary>
    /// Queues any command (name and UTF-8 arguments), as MULTI would: the task completes with its reply (an error reply
    /// faults it with <see cref="ValkeyException"/>), or is cancelled when a condition fails.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown command or wrong number of arguments (EXEC would answer EXECABORT), or a
    /// transaction-control command (MULTI, EXEC, DISCARD, WATCH, QUIT, RESET).</exception>
    public Task<ValkeyReply> ExecuteCommandAsync(params string[] command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var args = new byte[command.Length][];
        for (int i = 0; i < command.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(command[i], nameof(command));
            args[i] = Encoding.UTF8.GetBytes(command[i]);
        }
        return ExecuteCommandAsync(args);
    }

    /// <summary>Queues any command given as binary-safe arguments. See <see cref="ExecuteCommandAsync(string[])"/>.</summary>
    /// <exception cref="ArgumentException">See <see cref="ExecuteCommandAsync(string[])"/>.</exception>
    public Task<ValkeyReply> ExecuteCommandAsync(params byte[][] command) => Queue(command, static r => r);

    /// <summary>Queues a command whose reply <paramref name="decode"/> turns into the task's result.</summary>
    private Task<T> Queue<T>(byte[][] command, Func<ValkeyReply, T> decode)
    {
        ArgumentNullException.ThrowIfNull(command);
        ThrowIfExecuted();
        var def = Resolve(_database.Db.Engine, command);
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ops.Add((new QueuedCommand(def, command), reply =>
        {
            if (reply is null)
            {
                tcs.TrySetCanceled();
            }
            else if (reply.IsError)
            {
                tcs.TrySetException(ValkeyException.From(reply.ErrorMessage!));
            }
            else
            {
                try
                {
                    tcs.TrySetResult(decode(reply));
                }
                catch (InvalidCastException e)
                {
                    tcs.TrySetException(e);
                }
            }
        }));
        return tcs.Task;
    }

    private Task<T> Queue<T>(Func<ValkeyReply, T> decode, params string[] command)
    {
        var args = new byte[command.Length][];
        for (int i = 0; i < command.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(command[i], nameof(command));
            args[i] = Encoding.UTF8.GetBytes(command[i]);
        }
        return Queue(args, decode);
    }

    // The dispatcher's checks, done when queuing: unknown command or subcommand, arity, commands that MULTI does not queue.
    private static CommandDef Resolve(Engine engine, byte[][] command)
    {
        if (command.Length == 0)
        {
            throw new ArgumentException("A command name is required.", nameof(command));
        }
        var def = engine.Commands.Find(command[0]) ?? throw new ArgumentException(
            ErrorMessages.UnknownCommand(Encoding.UTF8.GetString(command[0]), command.Skip(1).Select(a => Encoding.UTF8.GetString(a)).ToList()), nameof(command));
        if (def.SubCommands is { } subs && command.Length >= 2)
        {
            def = subs.FirstOrDefault(s => Ascii.EqualsIgnoreCase(command[1], s.Name)) ?? throw new ArgumentException(
                ErrorMessages.UnknownSubcommand(Encoding.UTF8.GetString(command[1]), def.Name), nameof(command));
        }
        if (!def.ArityAccepts(command.Length) || def.Handler is null)
        {
            throw new ArgumentException(ErrorMessages.WrongArity(def.FullName), nameof(command));
        }
        if (def.Parent is null && def.Name is "multi" or "exec" or "discard" or "watch" or "quit" or "reset")
        {
            throw new ArgumentException($"{def.Name.ToUpperInvariant()} cannot be queued in a transaction.", nameof(command));
        }
        return def;
    }

    /// <summary>
    /// Runs the transaction (Valkey's EXEC): takes the locks of every key of the conditions and commands, checks every
    /// condition, and runs every command when all hold. Returns false, running nothing and cancelling the commands' tasks,
    /// when a condition does not hold.
    /// </summary>
    /// <exception cref="InvalidOperationException">The transaction was already executed.</exception>
    public bool Execute()
    {
        ThrowIfExecuted();
        _executed = true;
        var engine = _database.Db.Engine;
        var builder = new ReplyBuilder();
        var ctx = new CommandContext(engine, builder) { DbIndex = _database.Db.Index };
        builder.Owner = ctx;
        var conditions = new List<QueuedCommand>(_conditions.Count);
        foreach (var c in _conditions)
        {
            var args = c.Command.Select(Encoding.UTF8.GetBytes).ToArray();
            conditions.Add(new QueuedCommand(Resolve(engine, args), args));
        }
        var all = new List<QueuedCommand>(conditions.Count + _ops.Count);
        all.AddRange(conditions);
        all.AddRange(_ops.Select(o => o.Command));
        var shards = TransactionLocks.Plan(engine, _database.Db, all, new WatchState());
        bool satisfied = true;
        ValkeyReply? replies = null;
        int held = TransactionLocks.Enter(shards);
        try
        {
            for (int i = 0; i < conditions.Count; i++)
            {
                builder.Reset();
                Load(ctx, conditions[i]);
                conditions[i].Def.Handler!(ctx);
                satisfied &= _conditions[i].Evaluate(builder.Result);
            }
            if (satisfied)
            {
                builder.Reset();
                TransactionCommands.RunLocked(ctx, _ops.Select(o => o.Command).ToList());
                replies = builder.Result;
            }
        }
        finally
        {
            TransactionLocks.Exit(shards, held);
        }
        // Clients blocked on keys the transaction filled are served after it, as after EXEC.
        engine.Blocking.ServeIfReady();
        for (int i = 0; i < _ops.Count; i++)
        {
            _ops[i].Complete(replies?.Elements[i]);
        }
        return satisfied;
    }

    /// <summary>
    /// <see cref="Execute"/>, as a <see cref="ValueTask{TResult}"/> for async callers (the in-process store completes it
    /// synchronously).
    /// </summary>
    /// <exception cref="InvalidOperationException">The transaction was already executed.</exception>
    public ValueTask<bool> ExecuteAsync() => new(Execute());

    private static void Load(CommandContext ctx, QueuedCommand q)
    {
        ctx.Args.Clear();
        foreach (var a in q.Args)
        {
            ctx.Args.Add(a);
        }
        ctx.Command = q.Def;
    }

    private void ThrowIfExecuted()
    {
        if (_executed)
        {
            throw new InvalidOperationException("The transaction was already executed.");
        }
    }
}
