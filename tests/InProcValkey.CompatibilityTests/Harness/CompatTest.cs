using System.Text;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>
/// Base of the hand-written differential cases. Each test starts from a clean state (FLUSHALL on redis-server, a new
/// engine store, database 0 on both) and checks commands with <see cref="Same"/> and friends: the command runs on both,
/// and the test fails at the first reply that differs, showing the command, both replies and the commands before it.
/// Expiry cases never sleep: they use absolute times (<see cref="UnixSeconds"/>) and approximate TTL comparisons.
/// A class deriving from a case class and overriding <see cref="Transport"/> runs the same cases over the wire
/// (tests/…/Wire/WireSuites.cs).
/// </summary>
public abstract class CompatTest : IDisposable
{
    private readonly RedisServerFixture _server;
    private Differential? _diff;

    protected CompatTest(RedisServerFixture server)
    {
        RequireServer(server);
        _server = server;
    }

    /// <summary>How the cases reach redis-server and the engine (in process unless a wire suite overrides it).</summary>
    protected virtual Transport Transport => Transport.InProcess;

    /// <summary>Skips (or, with INPROCVALKEY_REQUIRE_REDIS=1, fails) when the reference server is not running.</summary>
    public static void RequireServer(RedisServerFixture server)
    {
        if (server.Unavailable is { } reason)
        {
            if (RedisServerFixture.Required)
            {
                Assert.Fail($"{RedisServerFixture.RequireVariable}=1 but the reference server is unavailable: {reason}");
            }
            Assert.Skip($"Differential test skipped: {reason}");
        }
    }

    /// <summary>The pair of sessions (for helpers that need raw access).</summary>
    protected Differential Diff => _diff ??= new Differential(_server, Transport);

    /// <summary>Runs a command on both sides; fails unless the replies are identical. Returns the (Valkey-adjusted) expected reply.</summary>
    protected ValkeyReply Same(params Arg[] command) => Check(CompareMode.Exact, command);

    /// <summary>Runs a command on both sides; arrays are compared ignoring element order (KEYS, unordered replies).</summary>
    protected ValkeyReply SameSorted(params Arg[] command) => Check(CompareMode.Sorted, command);

    /// <summary>Runs a time-dependent command on both sides: TTL/EXPIRETIME/OBJECT IDLETIME ±1, PTTL/PEXPIRETIME ±1000, TIME ±1 s.</summary>
    protected ValkeyReply SameApprox(params Arg[] command) => Check(CompareMode.Approx, command);

    /// <summary>Runs a command with an inherently random reply on both sides; only the reply's type and array lengths must agree.</summary>
    protected ValkeyReply SameShape(params Arg[] command) => Check(CompareMode.Shape, command);

    /// <summary>Runs a command on both sides under <paramref name="mode"/>.</summary>
    protected ValkeyReply Check(CompareMode mode, params Arg[] command)
    {
        var outcome = Diff.Run(Arg.ToCommand(command), mode);
        if (!outcome.Agrees)
        {
            Assert.Fail(Diff.Describe(outcome));
        }
        return outcome.Expected;
    }

    /// <summary>
    /// A whole SCAN iteration on both sides (<c>SCAN 0 options…</c>, then the returned cursors until 0): cursors are
    /// implementation details, so the set of keys returned over the iteration is compared. An error reply to the first
    /// call must be the same error.
    /// </summary>
    protected void SameScan(params Arg[] options) => SameScanFrom("0", options);

    /// <summary>
    /// A whole SCAN iteration from a cursor that means "start" (0, <c>00</c>, <c>+0</c>, …), compared like <see cref="SameScan"/>.
    /// </summary>
    protected void SameScanFrom(Arg cursor, params Arg[] options)
    {
        var first = new Arg[options.Length + 2];
        first[0] = "SCAN";
        first[1] = cursor;
        options.CopyTo(first, 2);
        var outcome = Diff.RunScan(Arg.ToCommand(first));
        if (!outcome.Agrees)
        {
            Assert.Fail(Diff.Describe(outcome));
        }
    }

    /// <summary>
    /// SCAN from an arbitrary cursor: where it resumes is an implementation detail (hash table layout), so only check that
    /// both sides accept it (a [cursor, keys] reply) or reject it with the same error.
    /// </summary>
    protected void SameScanReplyType(params Arg[] command)
    {
        byte[][] cmd = Arg.ToCommand(command);
        var redis = Diff.RunRedis(cmd);
        var expected = KnownDifferences.Expected(Diff.Server, cmd, redis, out var applied);
        var engine = Diff.RunEngine(cmd);
        bool agree = IsScanReply(expected) ? IsScanReply(engine) : ReplyComparer.Exact(expected, engine);
        var outcome = Diff.Record(new Outcome(cmd, CompareMode.Shape, redis, expected, engine, applied,
            agree ? null : "expected both to be [cursor, keys] replies, or the same error"));
        if (!outcome.Agrees)
        {
            Assert.Fail(Diff.Describe(outcome));
        }
    }

    private static bool IsScanReply(ValkeyReply r) =>
        r.Kind == ValkeyReplyKind.Array && r.Elements.Count == 2 &&
        r.Elements[0].Kind == ValkeyReplyKind.BulkString && r.Elements[1].Kind == ValkeyReplyKind.Array;

    /// <summary>Unix time in seconds, <paramref name="offsetSeconds"/> from now (for EXPIREAT/EXAT cases).</summary>
    protected static long UnixSeconds(long offsetSeconds = 0) => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds;

    /// <summary>Unix time in milliseconds, <paramref name="offsetMs"/> from now (for PEXPIREAT/PXAT cases).</summary>
    protected static long UnixMs(long offsetMs = 0) => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + offsetMs;

    /// <summary>UTF-8 bytes of a string (for building binary arguments).</summary>
    protected static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public void Dispose()
    {
        _diff?.Dispose();
        GC.SuppressFinalize(this);
    }
}
