using BenchmarkDotNet.Attributes;

namespace InProcValkey.Benchmarks;

/// <summary>
/// MULTI/EXEC of 10 SETs (issue 7), per transaction: through a session's generic <c>Execute</c> (MULTI, 10 × SET, EXEC:
/// 12 dispatches, the queue copied, EXEC locking the 10 keys' shards), through the typed <see cref="ValkeyTransaction"/>
/// (10 typed SET tasks, one Execute), and, as a baseline, the same 10 SETs through the session without a transaction.
/// Keys are 10 fixed keys spread over shards; 16-byte values.
/// </summary>
[MemoryDiagnoser]
public class TransactionBenchmarks
{
    private const int Sets = 10;
    private static readonly byte[][] Keys = [.. Enumerable.Range(0, Sets).Select(i => System.Text.Encoding.ASCII.GetBytes("tx:key:" + i))];
    private static readonly string[] KeyStrings = [.. Enumerable.Range(0, Sets).Select(i => "tx:key:" + i)];
    private static readonly byte[] Value = "value-0000000000"u8.ToArray();
    private static readonly byte[] SetName = "SET"u8.ToArray();
    private static readonly byte[] MultiName = "MULTI"u8.ToArray();
    private static readonly byte[] ExecName = "EXEC"u8.ToArray();

    private ValkeyStore _store = null!;
    private ValkeySession _session = null!;
    private ValkeyDatabase _db = null!;
    private byte[][][] _setCommands = [];

    [GlobalSetup]
    public void Setup()
    {
        _store = new ValkeyStore();
        _session = _store.CreateSession();
        _db = _store.GetDatabase(0);
        _setCommands = [.. Keys.Select(k => new[] { SetName, k, Value })];
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>10 SETs through the session, no transaction.</summary>
    [Benchmark(Baseline = true)]
    public ValkeyReply TenSets()
    {
        ValkeyReply r = null!;
        foreach (var c in _setCommands)
        {
            r = _session.Execute(c);
        }
        return r;
    }

    /// <summary>MULTI, 10 × SET, EXEC through the session.</summary>
    [Benchmark]
    public ValkeyReply MultiExec()
    {
        _session.Execute(MultiName);
        foreach (var c in _setCommands)
        {
            _session.Execute(c);
        }
        return _session.Execute(ExecName);
    }

    /// <summary>The typed transaction with 10 <see cref="ValkeyTransaction.StringSetAsync(string, string)"/>.</summary>
    [Benchmark]
    public bool TypedTransaction()
    {
        var tx = _db.CreateTransaction();
        foreach (var k in KeyStrings)
        {
            _ = tx.StringSetAsync(k, "value-0000000000");
        }
        return tx.Execute();
    }
}
