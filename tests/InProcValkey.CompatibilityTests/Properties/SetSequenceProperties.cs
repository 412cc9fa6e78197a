using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>
/// Random sequences mixing set commands with string and key commands, on redis-server and on the engine, compared reply by
/// reply (unordered set replies as multisets). The engine runs with <c>set-max-listpack-entries 0</c> so OBJECT ENCODING
/// can be compared with Redis 7.0, which has no listpack sets; a second property keeps Valkey 7.2's defaults and never asks
/// for encodings.
/// </summary>
public class SetSequenceProperties : IDisposable
{
    private readonly Differential _diff;

    public SetSequenceProperties(RedisServerFixture server)
        : this(server, Transport.InProcess)
    {
    }

    /// <summary>The same properties over the wire (see <c>Wire/WireSuites.cs</c>).</summary>
    protected SetSequenceProperties(RedisServerFixture server, Transport transport)
    {
        CompatTest.RequireServer(server);
        _diff = new Differential(server, transport);
    }

    [Property(MaxTest = 120, QuietOnSuccess = true)]
    public Property SetStringAndKeySequencesAgree() =>
        Prop.ForAll(
            CommandGen.Sequences(Gen.Frequency((4, SetCommandGen.SetCommand), (1, CommandGen.StringCommand), (1, CommandGen.KeyCommand)), 15, 30),
            seq => Agree(seq, listpack: false));

    [Property(MaxTest = 80, QuietOnSuccess = true)]
    public Property SetSequencesWithValkeyDefaultsAgree() =>
        Prop.ForAll(
            CommandGen.Sequences(Gen.Frequency((4, SetCommandGen.SetCommand), (1, CommandGen.KeyCommand)), 15, 30)
                .Filter(seq => !seq.Any(c => ReplyComparer.Name(c.Args, 0) == "OBJECT")),
            seq => Agree(seq, listpack: true));

    private void Agree(Cmd[] sequence, bool listpack)
    {
        _diff.Reset();
        if (!listpack)
        {
            _diff.RunEngine(Arg.ToCommand(["CONFIG", "SET", "set-max-listpack-entries", "0"]));
        }
        foreach (var cmd in sequence)
        {
            string name = ReplyComparer.Name(cmd.Args, 0);
            var outcome = name switch
            {
                "SCAN" => _diff.RunScan(cmd.Args),
                "SSCAN" => WholeSScan(cmd.Args),
                _ => _diff.Run(cmd.Args, ModeFor(cmd.Args)),
            };
            if (!outcome.Agrees)
            {
                throw new InvalidOperationException(_diff.Describe(outcome));
            }
        }
    }

    // SSCAN cursors are implementation details (a small mixed set is one listpack call here, hashtable steps on Redis 7.0):
    // the members returned over a whole iteration are compared, or the first reply when it is not a [cursor, members] reply.
    private Harness.Outcome WholeSScan(byte[][] first)
    {
        ValkeyReply Iterate(Func<byte[][], ValkeyReply> run)
        {
            var cmd = (byte[][])first.Clone();
            var members = new Dictionary<string, ValkeyReply>();
            for (int calls = 0; calls < 10_000; calls++)
            {
                var r = run(cmd);
                if (r.Kind != ValkeyReplyKind.Array || r.Elements.Count != 2)
                {
                    return r;
                }
                foreach (var m in r.Elements[1].Elements)
                {
                    members[Convert.ToHexString(m.AsBytes() ?? [])] = m;
                }
                if (r.Elements[0].ToString() == "0")
                {
                    break;
                }
                cmd[2] = r.Elements[0].AsBytes()!;
            }
            return ValkeyReply.Array([.. members.Values]);
        }
        var redis = Iterate(_diff.RunRedis);
        var engine = Iterate(_diff.RunEngine);
        string? why = ReplyComparer.Mismatch(first, redis, engine, CompareMode.Sorted);
        return _diff.Record(new Harness.Outcome(first, CompareMode.Sorted, redis, redis, engine, null, why));
    }

    private static CompareMode ModeFor(byte[][] command) => ReplyComparer.Name(command, 0) switch
    {
        "SMEMBERS" or "SINTER" or "SUNION" or "SDIFF" or "SSCAN" or "SPOP" => CompareMode.Sorted,
        "SRANDMEMBER" when command.Length == 3 && command[2] is [(byte)'1', (byte)'0', (byte)'0'] => CompareMode.Sorted,
        "SRANDMEMBER" => CompareMode.Shape,
        _ => ReplyComparer.DefaultModeFor(command),
    };

    public void Dispose()
    {
        _diff.Dispose();
        GC.SuppressFinalize(this);
    }
}
