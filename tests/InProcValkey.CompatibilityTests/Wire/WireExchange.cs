using System.Text;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>What a server sent back for raw request bytes on one connection, and whether it closed the connection.</summary>
public sealed record WireTranscript(byte[] Bytes, bool Closed)
{
    /// <summary>The replies one by one (a trailing incomplete reply is left out).</summary>
    public IReadOnlyList<RespFrame> Frames()
    {
        var frames = new List<RespFrame>();
        using var input = new MemoryStream(Bytes);
        while (input.Position < input.Length)
        {
            try
            {
                frames.Add(RespBytes.Read(input));
            }
            catch (EndOfStreamException)
            {
                break;
            }
        }
        return frames;
    }

    public override string ToString() => $"{RespBytes.Escape(Bytes, 2000)}{(Closed ? " then closed" : " (still open)")}";
}

/// <summary>
/// Sends the same raw bytes to redis-server and to our listener on new connections and compares what comes back, byte
/// for byte, and whether each side closed the connection. Replies that name the server (HELLO) are compared with their
/// <c>id</c> and <c>version</c> fields masked, since those differ by design.
/// </summary>
public sealed class WireExchange : IDisposable
{
    private readonly RedisServerFixture _server;

    public WireExchange(RedisServerFixture server, Action<InProcValkey.Server.ValkeyServerOptions>? configure = null)
    {
        CompatTest.RequireServer(server);
        _server = server;
        using (var c = WireConnection.Connect(server.Port))
        {
            c.Execute([.. "FLUSHALL"u8]);
        }
        Listener = new Listener(configure);
    }

    /// <summary>Our side.</summary>
    public Listener Listener { get; }

    /// <summary>How long a side may stay silent before it counts as "did not close".</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends <paramref name="request"/> to a server on a new connection. With <paramref name="halfClose"/> the sending side
    /// is then shut down, so the server answers what it got and closes (a server must not drop replies to a half-closed
    /// client); without it the transcript ends when the server closes or stays quiet for <see cref="Quiet"/>.
    /// </summary>
    public static WireTranscript Send(int port, byte[] request, bool halfClose)
    {
        using var c = WireConnection.Connect(port);
        try
        {
            c.Send(request);
            if (halfClose)
            {
                c.ShutdownSend();
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // The server closed the connection while the request was still being sent (e.g. past a buffer limit).
        }
        var bytes = c.ReadUntilClosed(Quiet, out bool closed);
        return new WireTranscript(bytes, closed);
    }

    /// <summary>Both transcripts for <paramref name="request"/>; fails unless they agree.</summary>
    public (WireTranscript Redis, WireTranscript Listener) Same(byte[] request, bool halfClose = true)
    {
        var redis = Send(_server.Port, request, halfClose);
        var ours = Send(Listener.Port, request, halfClose);
        string? why = Mismatch(redis, ours, _server.Identity);
        if (why is not null)
        {
            Assert.Fail($"Wire mismatch ({why})\n  request:  {RespBytes.Escape(request, 2000)}\n" +
                        $"  redis-server ({_server.Identity}): {redis}\n  listener:     {ours}");
        }
        return (redis, ours);
    }

    /// <summary>Same, with the request given as Latin-1 text (each char one byte).</summary>
    public (WireTranscript Redis, WireTranscript Listener) Same(string request, bool halfClose = true) =>
        Same(Encoding.Latin1.GetBytes(request), halfClose);

    /// <summary>
    /// Null when the transcripts agree: same closing, same bytes (HELLO replies masked; a reply a known difference
    /// recognises without its command, such as KD4, replaced by Valkey's).
    /// </summary>
    public static string? Mismatch(WireTranscript redis, WireTranscript ours, ServerIdentity server)
    {
        if (redis.Closed != ours.Closed)
        {
            return redis.Closed ? "redis-server closed the connection, the listener did not" : "the listener closed the connection, redis-server did not";
        }
        var a = redis.Frames();
        var b = ours.Frames();
        if (a.Count != b.Count)
        {
            return $"{a.Count} replies from redis-server, {b.Count} from the listener";
        }
        for (int i = 0; i < a.Count; i++)
        {
            // Known differences recognisable without the command (their text is unique, e.g. KD4) give the expected bytes.
            var expected = KnownDifferences.Expected(server, [], a[i].Reply, out var applied);
            if (applied is not null && expected.Kind is ValkeyReplyKind.Error or ValkeyReplyKind.SimpleString)
            {
                byte[] valkey = RespBytes.Write(expected, 2);
                if (valkey.AsSpan().SequenceEqual(b[i].Raw))
                {
                    continue;
                }
                return $"reply {i + 1} differs: {RespBytes.Escape(valkey)} (known difference {applied.Id}) vs {b[i]}";
            }
            if (a[i].Raw.AsSpan().SequenceEqual(b[i].Raw))
            {
                continue;
            }
            if (IsHello(a[i].Reply) && MaskHello(a[i].Reply).Equals(MaskHello(b[i].Reply)))
            {
                continue;
            }
            return $"reply {i + 1} differs: {a[i]} vs {b[i]}";
        }
        // Every whole reply agrees (HELLO masked): a difference in a trailing partial reply remains.
        int wholeA = a.Sum(f => f.Raw.Length), wholeB = b.Sum(f => f.Raw.Length);
        return redis.Bytes.AsSpan(wholeA).SequenceEqual(ours.Bytes.AsSpan(wholeB)) ? null : "trailing bytes differ";
    }

    /// <summary>A HELLO reply: a map (or, in RESP2, a flat array) starting with the "server" field.</summary>
    public static bool IsHello(ValkeyReply r) =>
        r.Kind is ValkeyReplyKind.Map or ValkeyReplyKind.Array && r.Elements.Count >= 2 &&
        r.Elements[0].Kind == ValkeyReplyKind.BulkString && r.Elements[0].ToString() == "server";

    /// <summary>The reply with the values of <c>id</c> and <c>version</c> replaced (they name the server and connection).</summary>
    public static ValkeyReply MaskHello(ValkeyReply r)
    {
        var items = r.Elements.ToArray();
        for (int i = 0; i + 1 < items.Length; i += 2)
        {
            if (items[i].ToString() is "id" or "version")
            {
                items[i + 1] = ValkeyReply.SimpleString("(masked)");
            }
        }
        return r.Kind == ValkeyReplyKind.Map ? ValkeyReply.Map(items) : ValkeyReply.Array(items);
    }

    /// <summary>Runs <paramref name="command"/> on a new RESP2 connection to each side; fails unless the reply bytes agree.</summary>
    public void SameState(params string[] command)
    {
        byte[] request = RespBytes.Request(command.Select(Encoding.UTF8.GetBytes).ToArray());
        using var r = WireConnection.Connect(_server.Port);
        using var o = Listener.Connect();
        r.Send(request);
        o.Send(request);
        var expected = r.Read();
        var actual = o.Read();
        Assert.True(expected.Raw.AsSpan().SequenceEqual(actual.Raw),
            $"after the exchange, {string.Join(' ', command)}: redis-server {expected}, listener {actual}");
    }

    public void Dispose() => Listener.Dispose();
}
