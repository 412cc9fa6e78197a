using System.Text;
using InProcValkey.CompatibilityTests.Wire;

namespace InProcValkey.CompatibilityTests.Harness;

/// <summary>
/// A pair of "connections": one to the reference redis-server (RESP2) and one <see cref="ValkeySession"/> on a fresh
/// <see cref="ValkeyStore"/> with the real system clock. Runs each command on both and compares the replies, after
/// converting the engine's reply to its RESP2 shape and Redis 7.0's reply to Valkey 7.2's where they are known to differ.
/// </summary>
/// <remarks>
/// With <c>INPROCVALKEY_COMPAT_CANDIDATE_PORT=N</c> the "engine" side is instead another server listening on 127.0.0.1:N
/// (flushed like the reference). Pointing it at a second redis-server checks the harness and the cases themselves
/// (everything must agree); pointing it at a valkey-server 7.2 shows real Redis 7.0 vs Valkey 7.2 differences.
/// <para>
/// With a wire <see cref="Transport"/> both sides are raw TCP connections: redis-server and our listener
/// (<see cref="Listener"/>, started in process on a free port), speaking RESP2 or RESP3 (after <c>HELLO 3</c>). Replies
/// are then also compared byte for byte (exact mode), the known differences re-serialised as Valkey would send them.
/// </para>
/// </remarks>
public sealed class Differential : IDisposable
{
    private const int TranscriptLength = 25;
    private readonly RedisServerFixture _server;
    private readonly Queue<string> _transcript = new();
    private RespClient _redis;
    private ValkeyStore _store;
    private ValkeySession _session;
    private RespClient? _candidate;
    private int _step;
    private readonly Transport _transport;
    private Listener? _listener;
    private WireConnection? _redisWire;
    private WireConnection? _engineWire;

    /// <summary>Environment variable naming the port of a server to compare with instead of the engine.</summary>
    public const string CandidatePortVariable = "INPROCVALKEY_COMPAT_CANDIDATE_PORT";

    public Differential(RedisServerFixture server, Transport transport = Transport.InProcess)
    {
        _server = server;
        _transport = transport;
        _redis = server.Connect();
        _store = NewStore();
        _session = _store.CreateSession();
        if (int.TryParse(Environment.GetEnvironmentVariable(CandidatePortVariable), out int port))
        {
            _candidate = new RespClient(port, TimeSpan.FromSeconds(10));
        }
        Reset();
    }

    /// <summary>The reference server's identity (shown in messages; decides whether known differences apply).</summary>
    public ServerIdentity Server => _server.Identity;

    /// <summary>How commands reach both sides.</summary>
    public Transport Transport => _transport;

    /// <summary>The RESP version spoken on the wire (2 or 3); 0 in process.</summary>
    public int Protocol => _transport switch { Transport.WireResp2 => 2, Transport.WireResp3 => 3, _ => 0 };

    /// <summary>
    /// A clean state on both sides: FLUSHALL and SELECT 0 on redis-server, and a new store (so the engine's state does not
    /// depend on its own FLUSHALL being right) with a session on database 0.
    /// </summary>
    public void Reset()
    {
        if (_transport != Transport.InProcess)
        {
            // New connections on both sides (connection state such as SELECT or CLIENT SETNAME does not leak between
            // cases) and a new listener over a new store.
            _redisWire?.Dispose();
            _redisWire = WireConnection.Connect(_server.Port, Protocol);
            _engineWire?.Dispose();
            _listener?.Dispose();
            _listener = new Listener();
            _engineWire = _listener.Connect(Protocol);
        }
        var flushed = RunRedis([Encoding.ASCII.GetBytes("FLUSHALL")]);
        var selected = RunRedis([Encoding.ASCII.GetBytes("SELECT"), Encoding.ASCII.GetBytes("0")]);
        if (flushed.IsError || selected.IsError)
        {
            throw new InvalidOperationException($"Could not reset redis-server: {flushed} / {selected}");
        }
        _candidate?.Execute("FLUSHALL");
        _candidate?.Execute("SELECT", "0");
        _store.Dispose();
        _store = NewStore();
        _session = _store.CreateSession();
        _transcript.Clear();
        _step = 0;
    }

    private static ValkeyStore NewStore() => new(new ValkeyStoreOptions { TimeProvider = TimeProvider.System });

    /// <summary>Runs <paramref name="command"/> on redis-server only.</summary>
    public ValkeyReply RunRedis(byte[][] command)
    {
        if (_transport != Transport.InProcess)
        {
            return RedisFrame(command).Reply;
        }
        try
        {
            return _redis.Execute(command);
        }
        catch (IOException)
        {
            // A broken connection must not poison the next case: reconnect once and retry.
            _redis.Dispose();
            _redis = _server.Connect();
            return _redis.Execute(command);
        }
    }

    /// <summary>Runs <paramref name="command"/> on the engine only, as RESP2 would show it (exceptions become messages).</summary>
    public ValkeyReply RunEngine(byte[][] command)
    {
        if (_transport != Transport.InProcess)
        {
            return EngineFrame(command).Reply;
        }
        if (_candidate is not null)
        {
            return _candidate.Execute(command);
        }
        try
        {
            return Resp2.Shape(_session.Execute(command));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ValkeyReply.Error($"(engine threw {e.GetType().Name}: {e.Message})");
        }
    }

    private RespFrame RedisFrame(byte[][] command)
    {
        try
        {
            return _redisWire!.Execute(command);
        }
        catch (IOException)
        {
            _redisWire!.Dispose();
            _redisWire = WireConnection.Connect(_server.Port, Protocol);
            return _redisWire.Execute(command);
        }
    }

    private RespFrame EngineFrame(byte[][] command)
    {
        try
        {
            return _engineWire!.Execute(command);
        }
        catch (IOException e)
        {
            // The listener closed the connection or sent something that is not RESP: a mismatch, then a new connection.
            _engineWire!.Dispose();
            _engineWire = _listener!.Connect(Protocol);
            var text = $"(listener connection failed: {e.Message})";
            return new RespFrame(Encoding.UTF8.GetBytes(text), ValkeyReply.Error(text));
        }
    }

    /// <summary>One command on both sides.</summary>
    public Outcome Run(byte[][] command, CompareMode mode)
    {
        if (_transport != Transport.InProcess)
        {
            return RunWire(command, mode);
        }
        var redis = RunRedis(command);
        var expected = KnownDifferences.Expected(Server, command, redis, out var applied);
        var engine = RunEngine(command);
        string? why = ReplyComparer.Mismatch(command, expected, engine, mode);
        return Record(new Outcome(command, mode, redis, expected, engine, applied, why));
    }

    // Over the wire: the parsed replies under the case's mode, and in exact mode their bytes too (Redis 7.0's bytes, or
    // Valkey's serialisation of the reply a known difference gives instead).
    private Outcome RunWire(byte[][] command, CompareMode mode)
    {
        var redis = RedisFrame(command);
        var expected = KnownDifferences.Expected(Server, command, redis.Reply, out var applied);
        var engine = EngineFrame(command);
        string? why = ReplyComparer.Mismatch(command, expected, engine.Reply, mode);
        byte[] expectedBytes = applied is null ? redis.Raw : RespBytes.Write(expected, Protocol);
        if (why is null && mode == CompareMode.Exact && !expectedBytes.AsSpan().SequenceEqual(engine.Raw))
        {
            why = "reply bytes differ";
        }
        return Record(new Outcome(command, mode, redis.Reply, expected, engine.Reply, applied, why)
        {
            ExpectedBytes = expectedBytes,
            EngineBytes = engine.Raw,
        });
    }

    /// <summary>
    /// A whole SCAN iteration on both sides: <paramref name="first"/> (<c>SCAN 0 options…</c>), then the returned cursors
    /// until 0. Cursors are implementation details, so the set of keys returned over the iteration is compared (as a
    /// sorted array of keys); an error reply to the first call must be the same error.
    /// </summary>
    public Outcome RunScan(byte[][] first)
    {
        var redis = Iterate(first, RunRedis, out var redisError);
        var engine = Iterate(first, RunEngine, out var engineError);
        ValkeyReply redisReply = redisError ?? ValkeyReply.Array(redis!.Select(ValkeyReply.Bulk).ToArray());
        ValkeyReply engineReply = engineError ?? ValkeyReply.Array(engine!.Select(ValkeyReply.Bulk).ToArray());
        var expected = KnownDifferences.Expected(Server, first, redisReply, out var applied);
        string? why = ReplyComparer.Mismatch(first, expected, engineReply, CompareMode.Sorted);
        return Record(new Outcome(first, CompareMode.Sorted, redisReply, expected, engineReply, applied,
            why is null ? null : "keys returned over a full SCAN iteration differ (shown as arrays of keys)"));
    }

    private static List<byte[]>? Iterate(byte[][] command, Func<byte[][], ValkeyReply> run, out ValkeyReply? error)
    {
        var keys = new Dictionary<string, byte[]>();
        var cmd = (byte[][])command.Clone();
        for (int calls = 0; calls < 100_000; calls++)
        {
            var reply = run(cmd);
            if (reply.Kind != ValkeyReplyKind.Array || reply.Elements.Count != 2 ||
                reply.Elements[0].Kind != ValkeyReplyKind.BulkString || reply.Elements[1].Kind != ValkeyReplyKind.Array)
            {
                // An error (or a malformed reply) ends the iteration; the reply itself is compared.
                error = reply;
                return null;
            }
            foreach (var k in reply.Elements[1].Elements)
            {
                var bytes = k.AsBytes() ?? [];
                keys[Convert.ToHexString(bytes)] = bytes;
            }
            var cursor = reply.Elements[0].AsBytes()!;
            if (cursor is [(byte)'0'])
            {
                error = null;
                return keys.Values.ToList();
            }
            cmd[1] = cursor;
        }
        error = ValkeyReply.Error("(SCAN did not finish within 100000 calls)");
        return null;
    }

    /// <summary>Records an outcome computed by the caller (for multi-call comparisons such as a whole SCAN).</summary>
    public Outcome Record(Outcome outcome)
    {
        _step++;
        _transcript.Enqueue($"{_step,3}. {Render.Command(outcome.Command)}  →  {OneLine(outcome.Engine)}{(outcome.Mismatch is null ? "" : "   ✗")}");
        if (_transcript.Count > TranscriptLength)
        {
            _transcript.Dequeue();
        }
        return outcome;
    }

    /// <summary>A readable account of a mismatch, with the commands that led to it.</summary>
    public string Describe(Outcome o)
    {
        var sb = new StringBuilder();
        sb.Append("Differential mismatch (").Append(o.Mismatch).Append(", compared ").Append(o.Mode).AppendLine(")");
        sb.Append("  command:  ").AppendLine(Render.Command(o.Command));
        sb.Append("  expected (").Append(Server).Append(o.Applied is null ? "" : $", adjusted by known difference {o.Applied.Id}").AppendLine("):");
        sb.AppendLine(Indent(Render.Reply(o.Expected)));
        if (o.Applied is not null)
        {
            sb.AppendLine("  redis-server actually replied:").AppendLine(Indent(Render.Reply(o.Redis)));
        }
        sb.AppendLine("  engine replied:").AppendLine(Indent(Render.Reply(o.Engine)));
        if (o.ExpectedBytes is not null && o.EngineBytes is not null)
        {
            sb.Append("  over ").Append(_transport).AppendLine(", bytes expected / sent by the listener:");
            sb.Append("      ").AppendLine(RespBytes.Escape(o.ExpectedBytes));
            sb.Append("      ").AppendLine(RespBytes.Escape(o.EngineBytes));
        }
        sb.AppendLine("  transcript (engine replies):");
        foreach (var line in _transcript)
        {
            sb.Append("    ").AppendLine(line);
        }
        return sb.ToString();
    }

    private static string Indent(string text) => "      " + text.Replace("\n", "\n      ", StringComparison.Ordinal);

    private static string OneLine(ValkeyReply r)
    {
        string s = Render.Reply(r).Replace('\n', ' ');
        return s.Length <= 100 ? s : s[..100] + "…";
    }

    public void Dispose()
    {
        _candidate?.Dispose();
        _redis.Dispose();
        _store.Dispose();
        _redisWire?.Dispose();
        _engineWire?.Dispose();
        _listener?.Dispose();
    }
}

/// <summary>The result of one differential step.</summary>
public sealed record Outcome(
    IReadOnlyList<byte[]> Command,
    CompareMode Mode,
    ValkeyReply Redis,
    ValkeyReply Expected,
    ValkeyReply Engine,
    KnownDifference? Applied,
    string? Mismatch)
{
    public bool Agrees => Mismatch is null;

    /// <summary>Over the wire: the bytes the listener had to send (redis-server's, or a known difference's).</summary>
    public byte[]? ExpectedBytes { get; init; }

    /// <summary>Over the wire: the bytes the listener sent.</summary>
    public byte[]? EngineBytes { get; init; }
}

/// <summary>How the differential reaches the two sides.</summary>
public enum Transport
{
    /// <summary>redis-server over RESP2, the engine through an in-process <see cref="ValkeySession"/>.</summary>
    InProcess,

    /// <summary>Both over raw TCP, RESP2: redis-server and our listener.</summary>
    WireResp2,

    /// <summary>Both over raw TCP after <c>HELLO 3</c>: redis-server and our listener.</summary>
    WireResp3,
}
