using System.Buffers;
using System.Text;
using InProcValkey.Server.Protocol;

namespace InProcValkey.Server.Tests;

/// <summary>A store and one connection's processor; inputs and outputs as Latin-1 text (one char per byte).</summary>
internal sealed class RespHarness : IDisposable
{
    private readonly ArrayBufferWriter<byte> _output = new();

    public RespHarness(RespParserOptions? options = null, int protocol = 2)
    {
        Store = new ValkeyStore();
        Processor = new RespCommandProcessor(Store.Engine, options, protocol);
    }

    public ValkeyStore Store { get; }

    public RespCommandProcessor Processor { get; }

    /// <summary>Feeds the whole input in one batch; returns the replies, the outcome and how many bytes were consumed.</summary>
    public (string Output, RespBatchOutcome Outcome, int Consumed) Feed(string input) => Feed(Bytes(input));

    public (string Output, RespBatchOutcome Outcome, int Consumed) Feed(byte[] input)
    {
        _output.ResetWrittenCount();
        var outcome = Processor.Process(input, _output, out int consumed);
        return (Text(_output.WrittenSpan), outcome, consumed);
    }

    public static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>A command as RESP multibulk.</summary>
    public static string Command(params string[] args)
    {
        var sb = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var a in args)
        {
            sb.Append('$').Append(Encoding.Latin1.GetByteCount(a)).Append("\r\n").Append(a).Append("\r\n");
        }
        return sb.ToString();
    }

    public void Dispose() => Store.Dispose();
}
