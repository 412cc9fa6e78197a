using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>
/// Random sequences of list commands, mixed with string and key commands on the same small key space, run on
/// redis-server and on the engine and compared reply by reply. OBJECT ENCODING is not generated here: Redis 7.0 reports
/// every list as "quicklist" where Valkey 7.2 reports small ones as "listpack" (see docs/compatibility.md; the
/// transitions are unit-tested against Valkey 7.2's rules).
/// </summary>
public sealed class ListSequenceProperties : IDisposable
{
    private readonly Differential _diff;

    public ListSequenceProperties(RedisServerFixture server)
    {
        CompatTest.RequireServer(server);
        _diff = new Differential(server);
    }

    [Property(MaxTest = 80, QuietOnSuccess = true)]
    public Property ListCommandSequencesAgree() =>
        Prop.ForAll(CommandGen.Sequences(ListCommandGen.ListCommand, 15, 30), Agree);

    [Property(MaxTest = 50, QuietOnSuccess = true)]
    public Property ListsMixedWithStringAndKeyCommandsAgree() =>
        Prop.ForAll(
            CommandGen.Sequences(Gen.Frequency((4, ListCommandGen.ListCommand), (1, CommandGen.StringCommand.Select(NoEncoding)), (1, CommandGen.KeyCommand)), 15, 30),
            Agree);

    [Property(MaxTest = 30, QuietOnSuccess = true)]
    public Property SmallListLimitsAgree() =>
        Prop.ForAll(
            CommandGen.Sequences(ListCommandGen.ListCommand, 20, 40),
            seq => Agree([new Cmd([B("CONFIG"), B("SET"), B("list-max-listpack-size"), B("3")]), .. seq]));

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static Cmd NoEncoding(Cmd c) =>
        c.Args.Length == 3 && ReplyComparer.Name(c.Args, 0) == "OBJECT" && ReplyComparer.Name(c.Args, 1) == "ENCODING"
            ? new Cmd([B("OBJECT"), B("REFCOUNT"), c.Args[2]])
            : c;

    private void Agree(Cmd[] sequence)
    {
        _diff.Reset();
        try
        {
            foreach (var cmd in sequence)
            {
                var outcome = ReplyComparer.Name(cmd.Args, 0) == "SCAN"
                    ? _diff.RunScan(cmd.Args)
                    : _diff.Run(cmd.Args, ReplyComparer.DefaultModeFor(cmd.Args));
                if (!outcome.Agrees)
                {
                    throw new InvalidOperationException(_diff.Describe(outcome));
                }
            }
        }
        finally
        {
            _diff.RunRedis([B("CONFIG"), B("SET"), B("list-max-listpack-size"), B("-2")]);
        }
    }

    public void Dispose() => _diff.Dispose();
}
