using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.CompatibilityTests.Harness;
using InProcValkey.CompatibilityTests.Hashes;
using Outcome = InProcValkey.CompatibilityTests.Harness.Outcome;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>
/// Random sequences mixing hash commands with string and key commands, run on redis-server and the engine and compared
/// reply by reply. HGETALL/HKEYS/HVALS are compared exactly while redis-server reports the key as a listpack (insertion
/// order is part of the behaviour) and as sets once it is a hashtable; HSCAN as whole iterations; HRANDFIELD by shape.
/// </summary>
public sealed class HashSequenceProperties : IDisposable
{
    private readonly Differential _diff;

    public HashSequenceProperties(RedisServerFixture server)
    {
        CompatTest.RequireServer(server);
        _diff = new Differential(server);
    }

    [Property(MaxTest = 150, QuietOnSuccess = true)]
    public Property HashSequencesAgree() =>
        Prop.ForAll(CommandGen.Sequences(HashCommandGen.HashCommand, 15, 30), Agree);

    [Property(MaxTest = 100, QuietOnSuccess = true)]
    public Property HashStringAndKeySequencesAgree() =>
        Prop.ForAll(
            CommandGen.Sequences(Gen.Frequency((4, HashCommandGen.HashCommand), (1, CommandGen.StringCommand), (2, CommandGen.KeyCommand)), 15, 30),
            Agree);

    private void Agree(Cmd[] sequence)
    {
        _diff.Reset();
        foreach (var cmd in sequence)
        {
            var outcome = Run(cmd.Args);
            if (!outcome.Agrees)
            {
                throw new InvalidOperationException(_diff.Describe(outcome));
            }
        }
    }

    private Outcome Run(byte[][] cmd)
    {
        string name = ReplyComparer.Name(cmd, 0);
        switch (name)
        {
            case "HSCAN":
                return Compare(cmd, HashCompatTest.Iterate(cmd, _diff.RunRedis), HashCompatTest.Iterate(cmd, _diff.RunEngine), pairs: true);
            case "HGETALL" or "HKEYS" or "HVALS" when !IsListpackOnRedis(cmd[1]):
                return Compare(cmd, _diff.RunRedis(cmd), _diff.RunEngine(cmd), pairs: name == "HGETALL");
            case "SCAN":
                return _diff.RunScan(cmd);
            case "HRANDFIELD":
                return _diff.Run(cmd, CompareMode.Shape);
            default:
                return _diff.Run(cmd, ReplyComparer.DefaultModeFor(cmd));
        }
    }

    private bool IsListpackOnRedis(byte[] key) =>
        _diff.RunRedis([System.Text.Encoding.ASCII.GetBytes("OBJECT"), System.Text.Encoding.ASCII.GetBytes("ENCODING"), key]).ToString() == "listpack";

    private Outcome Compare(byte[][] cmd, ValkeyReply redis, ValkeyReply engine, bool pairs)
    {
        bool agree = redis.Kind == ValkeyReplyKind.Array && engine.Kind == ValkeyReplyKind.Array
            ? pairs
                ? HashCompatTest.PairSet(redis).SequenceEqual(HashCompatTest.PairSet(engine))
                : ReplyComparer.Exact(ReplyComparer.Sort(redis), ReplyComparer.Sort(engine))
            : ReplyComparer.Exact(redis, engine);
        return _diff.Record(new Outcome(cmd, CompareMode.Sorted, redis, redis, engine, null, agree ? null : "replies differ (compared as sets)"));
    }

    public void Dispose() => _diff.Dispose();
}
