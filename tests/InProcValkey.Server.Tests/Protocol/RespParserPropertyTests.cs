using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.Commands;
using InProcValkey.Server.Protocol;

namespace InProcValkey.Server.Tests.Protocol;

/// <summary>Properties of the parser over arbitrary fragmentation and arbitrary bytes.</summary>
public sealed class RespParserPropertyTests
{
    private static readonly Gen<byte[]> AnyArg =
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    private static readonly Gen<byte[]> InlineToken =
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcXYZ019-_:".Select(c => (byte)c).ToArray()), n));

    /// <summary>A command and its wire form: multibulk with binary args, or an inline line of plain tokens.</summary>
    private static readonly Gen<(byte[][] Args, byte[] Wire)> AnyCommand =
        Gen.OneOf(
            Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(AnyArg, n)).Select(a => (a, Multibulk(a))),
            Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(InlineToken, n)).Select(a => (a, Inline(a))));

    private static readonly Gen<(byte[][][] Commands, byte[] Wire)> AnyPipeline =
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(AnyCommand, n)).Select(cs =>
            (cs.Select(c => c.Args).ToArray(), cs.SelectMany(c => c.Wire).ToArray()));

    private static byte[] Multibulk(byte[][] args)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"*{args.Length}\r\n"));
        foreach (var a in args)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes($"${a.Length}\r\n"));
            bytes.AddRange(a);
            bytes.AddRange("\r\n"u8.ToArray());
        }
        return [.. bytes];
    }

    private static byte[] Inline(byte[][] args) =>
        [.. args.SelectMany((a, i) => i == 0 ? a : [(byte)' ', .. a]), (byte)'\r', (byte)'\n'];

    private static List<string> Snapshot(CommandArgs args)
    {
        var list = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            list.Add(Convert.ToHexString(args[i]));
        }
        return list;
    }

    /// <summary>Feeds <paramref name="wire"/> in chunks ending at <paramref name="cuts"/>, as a connection would.</summary>
    private static List<List<string>> ParseInChunks(byte[] wire, IEnumerable<int> cuts)
    {
        var parser = new RespRequestParser(RespParserOptions.Default);
        var args = new CommandArgs();
        var commands = new List<List<string>>();
        var pending = new List<byte>();
        int from = 0;
        foreach (int cut in cuts.Where(c => c > 0 && c < wire.Length).Distinct().Order().Append(wire.Length))
        {
            pending.AddRange(wire.AsSpan(from, cut - from).ToArray());
            from = cut;
            var buffer = pending.ToArray();
            int pos = 0;
            while (true)
            {
                var status = parser.TryParse(buffer.AsSpan(pos), args, out int used);
                pos += used;
                Assert.NotEqual(RespParseStatus.ProtocolError, status);
                if (status == RespParseStatus.NeedMoreData)
                {
                    break;
                }
                commands.Add(Snapshot(args));
            }
            pending.RemoveRange(0, pos);
        }
        Assert.Empty(pending);
        return commands;
    }

    private static List<List<string>> Expected(byte[][][] commands) =>
        commands.Select(c => c.Select(Convert.ToHexString).ToList()).ToList();

    [Property(MaxTest = 300)]
    public Property AnyFragmentationOfAValidPipelineParsesToTheSameCommands() =>
        Prop.ForAll(
            AnyPipeline.SelectMany(p => Gen.ListOf(Gen.Choose(0, p.Wire.Length)).Select(cuts => (p, cuts.ToArray()))).ToArbitrary(),
            t =>
            {
                var ((commands, wire), cuts) = t;
                Assert.Equal(Expected(commands), ParseInChunks(wire, cuts));
            });

    [Property(MaxTest = 100)]
    public Property ByteByByteDeliveryParsesToTheSameCommands() =>
        Prop.ForAll(AnyPipeline.ToArbitrary(), p =>
            Assert.Equal(Expected(p.Commands), ParseInChunks(p.Wire, Enumerable.Range(1, p.Wire.Length))));

    [Property(MaxTest = 300)]
    public Property AMultiSegmentSequenceParsesLikeOneSpan() =>
        Prop.ForAll(
            AnyPipeline.SelectMany(p => Gen.ListOf(Gen.Choose(0, p.Wire.Length)).Select(cuts => (p, cuts.ToArray()))).ToArbitrary(),
            t =>
            {
                var ((commands, wire), cuts) = t;
                var sequence = Segments.Split(wire, cuts);
                var parser = new RespRequestParser(RespParserOptions.Default);
                var args = new CommandArgs();
                var seen = new List<List<string>>();
                while (parser.TryParse(sequence, args, out long used) == RespParseStatus.Command)
                {
                    seen.Add(Snapshot(args));
                    sequence = sequence.Slice(used);
                }
                Assert.Equal(Expected(commands), seen);
            });

    private static readonly Gen<byte> Noise =
        Gen.Frequency(
            (6, Gen.Elements("*$\r\n\"'\\ x0123456789-".Select(c => (byte)c).ToArray())),
            (1, Gen.Choose(0, 255).Select(b => (byte)b)));

    [Property(MaxTest = 500)]
    public Property RandomBytesNeverThrowHangOrBufferBeyondTheLimits() =>
        Prop.ForAll(
            Gen.ArrayOf(Noise).SelectMany(b => Gen.ListOf(Gen.Choose(0, b.Length)).Select(c => (b, c.ToArray()))).ToArbitrary(),
            Gen.Elements(true, false).ToArbitrary(),
            (t, authenticated) =>
            {
                var (bytes, cuts) = t;
                var options = new RespParserOptions
                {
                    InlineMaxSize = 32, ProtoMaxBulkLen = 64, ClientQueryBufferLimit = 256, UnauthenticatedQueryBufferLimit = 128,
                };
                using var h = new RespHarness(options);
                h.Processor.Parser.Authenticated = authenticated;
                var output = new ArrayBufferWriter<byte>();
                var pending = new List<byte>();
                int from = 0;
                foreach (int cut in cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length))
                {
                    pending.AddRange(bytes.AsSpan(from, cut - from).ToArray());
                    from = cut;
                    var outcome = h.Processor.Process(pending.ToArray(), output, out int consumed);
                    pending.RemoveRange(0, consumed);
                    if (outcome != RespBatchOutcome.Continue)
                    {
                        return;
                    }
                    long held = pending.Count + (h.Processor.Parser.InCommand ? h.Processor.Context.Args.ByteCount : 0);
                    Assert.True(held <= (authenticated ? 256 : 128), $"holding {held} bytes");
                }
            });
}

/// <summary>Builds multi-segment sequences.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Split(byte[] data, IEnumerable<int> cuts)
    {
        var points = cuts.Where(c => c > 0 && c < data.Length).Distinct().Order().Append(data.Length).ToArray();
        var first = new Segments(data.AsMemory(0, points[0]), 0);
        var last = first;
        for (int i = 1; i < points.Length; i++)
        {
            var next = new Segments(data.AsMemory(points[i - 1], points[i] - points[i - 1]), points[i - 1]);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
