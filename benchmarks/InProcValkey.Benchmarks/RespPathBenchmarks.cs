using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using InProcValkey.Server.Protocol;

namespace InProcValkey.Benchmarks;

/// <summary>
/// The listener's socket-free path: 100 pipelined commands as RESP bytes through the parser, the command table and
/// the RESP2 reply writer into a reused output buffer (what one batch of a connection costs, without the socket).
/// Figures are per command (OperationsPerInvoke = 100).
/// </summary>
[MemoryDiagnoser]
public class RespPathBenchmarks
{
    private const int Commands = 100;
    private ValkeyStore _store = null!;
    private RespCommandProcessor _processor = null!;
    private ArrayBufferWriter<byte> _output = null!;
    private byte[] _gets = null!;
    private byte[] _sets = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore();
        _processor = new RespCommandProcessor(_store.Engine);
        _output = new ArrayBufferWriter<byte>(64 * 1024);
        var gets = new StringBuilder();
        var sets = new StringBuilder();
        string value = new('v', 32);
        for (int i = 0; i < Commands; i++)
        {
            string key = "key:" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            _store.Execute("SET", key, value);
            gets.Append($"*2\r\n$3\r\nGET\r\n${key.Length}\r\n{key}\r\n");
            sets.Append($"*3\r\n$3\r\nSET\r\n${key.Length}\r\n{key}\r\n${value.Length}\r\n{value}\r\n");
        }
        _gets = Encoding.ASCII.GetBytes(gets.ToString());
        _sets = Encoding.ASCII.GetBytes(sets.ToString());
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(OperationsPerInvoke = Commands, Description = "GET (hit, 32-byte value)")]
    public int Get()
    {
        _output.ResetWrittenCount();
        _processor.Process(_gets, _output, out int consumed);
        return consumed;
    }

    [Benchmark(OperationsPerInvoke = Commands, Description = "SET (32-byte value)")]
    public int Set()
    {
        _output.ResetWrittenCount();
        _processor.Process(_sets, _output, out int consumed);
        return consumed;
    }
}
