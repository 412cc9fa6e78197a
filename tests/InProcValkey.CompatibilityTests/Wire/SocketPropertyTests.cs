using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>
/// Properties of the listener over real sockets: fragmentation never changes the replies, garbage input never crashes or
/// hangs it (and is answered as redis-server answers it), and a client gone mid-frame leaves a consistent keyspace.
/// </summary>
public sealed class SocketPropertyTests : IDisposable
{
    private readonly RedisServerFixture _server;
    private readonly Listener _listener = new();

    public SocketPropertyTests(RedisServerFixture server)
    {
        _server = server;
    }

    private static readonly Gen<byte[]> BinaryValue =
        Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    private static readonly Gen<string> Key = Gen.Elements("a", "b", "c");

    private static readonly Gen<string> Token = Gen.Choose(1, 6).SelectMany(n =>
        Gen.ArrayOf(Gen.Elements("abcxyz0189-_:".ToCharArray()), n).Select(cs => new string(cs)));

    /// <summary>One command of a pipeline, as wire bytes: multibulk (binary values) or inline (plain tokens).</summary>
    private static readonly Gen<byte[]> AnyCommand = Gen.OneOf(
        Gen.Zip(Key, BinaryValue).Select(t => Multibulk(B("SET"), B(t.Item1), t.Item2)),
        Key.Select(k => Multibulk(B("GET"), B(k))),
        Gen.Zip(Key, BinaryValue).Select(t => Multibulk(B("APPEND"), B(t.Item1), t.Item2)),
        Key.Select(k => Multibulk(B("INCR"), B(k))),
        Gen.Zip(Key, Key).Select(t => Multibulk(B("MGET"), B(t.Item1), B(t.Item2))),
        BinaryValue.Select(v => Multibulk(B("ECHO"), v)),
        Key.Select(k => Multibulk(B("DEL"), B(k))),
        Gen.Zip(Key, Token).Select(t => B($"SET {t.Item1} {t.Item2}\r\n")),
        Key.Select(k => B($"STRLEN {k}\n")),
        Gen.Zip(Key, Gen.Choose(-5, 5)).Select(t => B($"incrby {t.Item1} {t.Item2}\r\n")),
        Gen.Constant(B("PING\r\n")));

    private static readonly Gen<byte[][]> AnyPipeline = Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(AnyCommand, n));

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Multibulk(params byte[][] args) => RespBytes.Request(args);

    /// <summary>Sends FLUSHALL then <paramref name="pipeline"/> cut at <paramref name="cuts"/>, pausing between chunks so the server reads them apart.</summary>
    private static byte[] Replies(int port, byte[][] pipeline, IEnumerable<int> cuts)
    {
        byte[] wire = [.. Multibulk(B("FLUSHALL")), .. pipeline.SelectMany(c => c)];
        using var c = WireConnection.Connect(port);
        int from = 0;
        foreach (int cut in cuts.Where(x => x > 0 && x < wire.Length).Distinct().Order().Append(wire.Length))
        {
            c.Send(wire.AsSpan(from, cut - from));
            from = cut;
            if (cut < wire.Length)
            {
                Thread.Sleep(1);
            }
        }
        var replies = new MemoryStream();
        for (int i = 0; i <= pipeline.Length; i++)
        {
            replies.Write(c.Read().Raw);
        }
        return replies.ToArray();
    }

    [Property(MaxTest = 60, QuietOnSuccess = true)]
    public Property AnyFragmentationOfAPipelineGivesTheRepliesOfSendingItWhole() =>
        Prop.ForAll(
            AnyPipeline.SelectMany(p => Gen.ListOf(Gen.Choose(0, p.Sum(c => c.Length) + 40)).Select(cuts => (p, cuts.ToArray()))).ToArbitrary(),
            t =>
            {
                var (pipeline, cuts) = t;
                var whole = Replies(_listener.Port, pipeline, []);
                var fragmented = Replies(_listener.Port, pipeline, cuts);
                Assert.Equal(RespBytes.Escape(whole, 5000), RespBytes.Escape(fragmented, 5000));
                if (_server.Unavailable is null)
                {
                    // And sent whole to redis-server, the same bytes (the harness' own check of these pipelines).
                    Assert.Equal(RespBytes.Escape(Replies(_server.Port, pipeline, []), 5000), RespBytes.Escape(whole, 5000));
                }
            });

    [Fact]
    public void ByteByByteDeliveryGivesTheRepliesOfSendingItWhole()
    {
        byte[][] pipeline =
        [
            Multibulk(B("SET"), B("k"), [0, 0xFF, (byte)'\r', (byte)'\n', (byte)'*', (byte)'$']),
            B("GET k\r\n"),
            Multibulk(B("APPEND"), B("k"), B("tail")),
            B("set n \"4\\x31\"\n"),
            Multibulk(B("INCRBY"), B("n"), B("-100")),
            B("MGET k n missing\r\n"),
            Multibulk(B("ECHO"), new byte[300]),
            B("PING\r\n"),
        ];
        int length = 14 + pipeline.Sum(c => c.Length);
        var whole = Replies(_listener.Port, pipeline, []);
        var byteByByte = Replies(_listener.Port, pipeline, Enumerable.Range(1, length));
        Assert.Equal(RespBytes.Escape(whole, 5000), RespBytes.Escape(byteByByte, 5000));
    }

    /// <summary>Bytes that look a little like RESP: type markers, digits, CR/LF, quotes, a few command words, any byte.</summary>
    internal static readonly Gen<byte[]> Garbage =
        Gen.ListOf(Gen.Frequency(
                (8, Gen.Elements("*", "$", "\r\n", "\n", "\r", "\"", "'", "\\", " ", "x", "-", "+", ":", "0", "1", "2", "9", "-1", "\\x4")
                    .Select(B)),
                (3, Gen.Elements("PING", "ECHO", "GET", "SET", "k", "*1\r\n", "$4\r\n", "*2\r\n$4\r\nECHO\r\n").Select(B)),
                (1, Gen.Elements("11", "16384", "16385", "65536", "2147483648", "536870913", "99999999999999999999").Select(B)),
                (2, Gen.Choose(0, 255).Select(b => new[] { (byte)b }))))
            .Select(parts => parts.SelectMany(p => p).ToArray());

    [Property(MaxTest = 120, QuietOnSuccess = true)]
    public Property GarbageIsAnsweredAsRedisServerAnswersItAndNeverStopsTheListener() =>
        Prop.ForAll(Garbage.ToArbitrary(), garbage =>
        {
            var ours = WireExchange.Send(_listener.Port, garbage, halfClose: true);
            Assert.True(ours.Closed, $"the listener kept a half-closed connection open after {RespBytes.Escape(garbage)}");
            if (_server.Unavailable is null)
            {
                var redis = WireExchange.Send(_server.Port, garbage, halfClose: true);
                string? why = WireExchange.Mismatch(redis, ours, _server.Identity);
                Assert.True(why is null, $"{why}\n  garbage: {RespBytes.Escape(garbage)}\n  redis-server: {redis}\n  listener:     {ours}");
            }
            using var other = _listener.Connect();
            Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(other.Execute(B("PING")).Raw));
        });

    [Property(MaxTest = 40, QuietOnSuccess = true)]
    public Property GarbageOnAnOpenConnectionIsAnsweredOrClosedButNeverHangsTheListener() =>
        Prop.ForAll(Garbage.ToArbitrary(), garbage =>
        {
            // Without a half-close: the connection either waits for the rest of a frame or closes after a protocol error;
            // meanwhile another client is served at once.
            using var c = _listener.Connect();
            c.Send(garbage);
            using var other = _listener.Connect();
            Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(other.Execute(B("PING")).Raw));
        });

    /// <summary>A pipeline of SET key_i value_i / INCR counter, a cut inside command <c>cut</c>, and how the client leaves.</summary>
    private static readonly Gen<(byte[][] Commands, int Cut, int Offset, bool Abort)> CutPipeline =
        Gen.Choose(1, 10).SelectMany(n => Gen.ArrayOf(BinaryValue, n)).SelectMany(values =>
        {
            var commands = values.Select((v, i) => i % 3 == 2
                ? Multibulk(B("INCR"), B("counter"))
                : Multibulk(B("SET"), B("key:" + i.ToString(CultureInfo.InvariantCulture)), v)).ToArray();
            return Gen.Choose(0, commands.Length - 1).SelectMany(cut =>
                Gen.Choose(1, commands[cut].Length - 1).SelectMany(offset =>
                    Gen.Elements(true, false).Select(abort => (commands, cut, offset, abort))));
        });

    [Property(MaxTest = 60, QuietOnSuccess = true)]
    public Property AClientGoneMidFrameLeavesEverythingAcknowledgedAndNothingOfTheHalfFrame() =>
        Prop.ForAll(CutPipeline.ToArbitrary(), t =>
        {
            var (commands, cut, offset, abort) = t;
            using (var flush = _listener.Connect())
            {
                flush.Execute(B("FLUSHALL"));
            }
            using var bystander = _listener.Connect();
            var c = _listener.Connect();
            byte[] sent = [.. commands.Take(cut).SelectMany(x => x), .. commands[cut].AsSpan(0, offset)];
            c.Send(sent);
            // Acknowledged: every reply to the complete commands.
            for (int i = 0; i < cut; i++)
            {
                Assert.False(c.Read().Reply.IsError);
            }
            if (abort)
            {
                c.Abort();
            }
            else
            {
                c.Dispose();
            }
            // Check once the listener has dropped the connection (a half frame must not run then either).
            WaitForConnectedClients(bystander, 1);
            long incrs = 0;
            for (int i = 0; i < commands.Length; i++)
            {
                if (i % 3 == 2)
                {
                    incrs += i < cut ? 1 : 0;
                    continue;
                }
                var key = B("key:" + i.ToString(CultureInfo.InvariantCulture));
                var got = bystander.Execute(B("GET"), key).Reply;
                if (i < cut)
                {
                    Assert.Equal(RespBytes.Escape(Value(commands[i])), got.IsNull ? "(nil)" : RespBytes.Escape(got.AsBytes()!));
                }
                else
                {
                    Assert.True(got.IsNull, $"key:{i} (sent {(i == cut ? "in part" : "never")}) exists");
                }
            }
            var counter = bystander.Execute(B("GET"), B("counter")).Reply;
            Assert.Equal(incrs == 0 ? "(nil)" : incrs.ToString(CultureInfo.InvariantCulture), counter.IsNull ? "(nil)" : counter.ToString());
        });

    private static void WaitForConnectedClients(WireConnection c, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            string list = c.Execute(B("CLIENT"), B("LIST")).Reply.ToString()!;
            int count = list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            if (count == expected)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the listener still lists {count} clients 5 s after the client left:\n{list}");
            Thread.Sleep(2);
        }
    }

    // The value of a SET multibulk (its last bulk).
    private static byte[] Value(byte[] setCommand)
    {
        using var input = new MemoryStream(setCommand);
        var parts = new List<byte[]>();
        string header = ReadLine(input);
        int count = int.Parse(header[1..], CultureInfo.InvariantCulture);
        for (int i = 0; i < count; i++)
        {
            int length = int.Parse(ReadLine(input)[1..], CultureInfo.InvariantCulture);
            var bytes = new byte[length];
            input.ReadExactly(bytes);
            input.Position += 2;
            parts.Add(bytes);
        }
        return parts[^1];
    }

    private static string ReadLine(Stream s)
    {
        var sb = new StringBuilder();
        int b;
        while ((b = s.ReadByte()) != '\r')
        {
            sb.Append((char)b);
        }
        s.ReadByte();
        return sb.ToString();
    }

    public void Dispose() => _listener.Dispose();
}
