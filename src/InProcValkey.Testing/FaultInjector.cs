namespace InProcValkey.Testing;

/// <summary>
/// Scripted faults on the kit's server: commands failed with a given error, connections dropped, replies delayed by a
/// virtual duration (released when the kit's clock passes the deadline). Rules apply in the order they were added; the first
/// rule that matches a command and has uses left decides for it. Rules without a command name or predicate never match the
/// connection handshake (HELLO, AUTH, CLIENT, ECHO, PING, INFO, CONFIG, CLUSTER, COMMAND, QUIT), so a client's reconnect is
/// not what they hit. Random rules draw from a generator seeded by <see cref="ValkeyTestServerOptions.Seed"/>: a run repeats.
/// Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>The error sent when none is given.</summary>
    public const string DefaultError = "ERR injected fault";

    private static readonly HashSet<string> Handshake = new(StringComparer.OrdinalIgnoreCase)
    {
        "HELLO", "AUTH", "CLIENT", "ECHO", "PING", "INFO", "CONFIG", "CLUSTER", "COMMAND", "QUIT",
    };

    private readonly List<Rule> _rules = [];
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly TimeProvider _time;
    private readonly Action _dropAll;

    internal FaultInjector(int seed, TimeProvider time, Action dropAll)
    {
        _random = new Random(seed);
        _time = time;
        _dropAll = dropAll;
    }

    /// <summary>Fails the next <paramref name="count"/> commands (any name but the handshake's) with <paramref name="error"/>
    /// (a Valkey error line without the leading '-', e.g. <c>READONLY You can't write against a read only replica.</c>).</summary>
    public void FailNext(int count = 1, string error = DefaultError) => Add(null, count, FaultKind.Fail, error, default, 1);

    /// <summary>Fails commands named <paramref name="command"/> (case-insensitive) with <paramref name="error"/>, the next
    /// <paramref name="count"/> of them (all of them by default).</summary>
    public void FailCommand(string command, string error = DefaultError, int count = int.MaxValue) =>
        Add(NameIs(command), count, FaultKind.Fail, error, default, 1);

    /// <summary>Fails the commands <paramref name="predicate"/> selects with <paramref name="error"/> (the next <paramref name="count"/>).</summary>
    public void FailWhere(Func<LoggedCommand, bool> predicate, string error = DefaultError, int count = int.MaxValue) =>
        Add(predicate ?? throw new ArgumentNullException(nameof(predicate)), count, FaultKind.Fail, error, default, 1);

    /// <summary>Fails each command (named <paramref name="command"/>, or any but the handshake's) with probability
    /// <paramref name="probability"/>, drawn from the kit's seeded generator.</summary>
    public void FailRandomly(double probability, string error = DefaultError, string? command = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        Add(command is null ? null : NameIs(command), int.MaxValue, FaultKind.Fail, error, default, probability);
    }

    /// <summary>Closes the connection that sends the next command (named <paramref name="command"/>, or any but the
    /// handshake's) instead of running it; the client sees its connection fail.</summary>
    public void DropNext(string? command = null) => Add(command is null ? null : NameIs(command), 1, FaultKind.Drop, null, default, 1);

    /// <summary>Closes every client connection now (StackExchange.Redis reconnects through the kit's tunnel on its own).</summary>
    public void DropConnections() => _dropAll();

    /// <summary>Runs the next <paramref name="count"/> commands (named <paramref name="command"/>, or any but the handshake's)
    /// at once but holds each reply until the kit's clock has advanced <paramref name="delay"/> past the moment the command
    /// arrived; the connection's later replies wait behind it, as on a slow link.</summary>
    public void DelayReplies(TimeSpan delay, int count = int.MaxValue, string? command = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Add(command is null ? null : NameIs(command), count, FaultKind.Delay, null, delay, 1);
    }

    /// <summary>Delays the replies of the commands <paramref name="predicate"/> selects (see <see cref="DelayReplies"/>).</summary>
    public void DelayWhere(Func<LoggedCommand, bool> predicate, TimeSpan delay, int count = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Add(predicate, count, FaultKind.Delay, null, delay, 1);
    }

    /// <summary>Removes every rule (replies already held stay held until their deadline).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>Rules that still have uses left.</summary>
    public int ActiveRules
    {
        get
        {
            lock (_lock)
            {
                return _rules.Count(r => r.Remaining > 0);
            }
        }
    }

    private static Func<LoggedCommand, bool> NameIs(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return c => string.Equals(c.Name, command, StringComparison.OrdinalIgnoreCase);
    }

    private void Add(Func<LoggedCommand, bool>? match, int count, FaultKind kind, string? error, TimeSpan delay, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (kind == FaultKind.Fail)
        {
            ArgumentException.ThrowIfNullOrEmpty(error);
        }
        lock (_lock)
        {
            _rules.Add(new Rule(match, count, kind, error, delay, probability));
        }
    }

    /// <summary>The fault for <paramref name="command"/>, if a rule takes it (one use of that rule).</summary>
    internal Fault? Take(LoggedCommand command)
    {
        lock (_lock)
        {
            if (_rules.Count == 0)
            {
                return null;
            }
            foreach (var rule in _rules)
            {
                if (rule.Remaining <= 0)
                {
                    continue;
                }
                bool matches = rule.Match is { } m ? m(command) : !Handshake.Contains(command.Name);
                if (!matches || (rule.Probability < 1 && _random.NextDouble() >= rule.Probability))
                {
                    continue;
                }
                if (rule.Remaining != int.MaxValue)
                {
                    rule.Remaining--;
                }
                return new Fault(rule.Kind, rule.Error, rule.Kind == FaultKind.Delay ? ReleaseAfter(rule.Delay) : null);
            }
            return null;
        }
    }

    private Task ReleaseAfter(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            released.TrySetResult();
            timer?.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
        return released.Task;
    }

    internal enum FaultKind
    {
        Fail,
        Drop,
        Delay,
    }

    internal readonly record struct Fault(FaultKind Kind, string? Error, Task? Release);

    private sealed class Rule(Func<LoggedCommand, bool>? match, int remaining, FaultKind kind, string? error, TimeSpan delay, double probability)
    {
        public Func<LoggedCommand, bool>? Match { get; } = match;

        public int Remaining { get; set; } = remaining;

        public FaultKind Kind { get; } = kind;

        public string? Error { get; } = error;

        public TimeSpan Delay { get; } = delay;

        public double Probability { get; } = probability;
    }
}
