using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Properties;

/// <summary>
/// Random command sequences run on redis-server and on the engine, compared reply by reply (KEYS sorted, SCAN as whole
/// iterations, TTL-like replies ±1, RANDOMKEY/TIME not generated). A failure shows the shrunk sequence and the first
/// differing reply.
/// </summary>
public class RandomSequenceProperties : IDisposable
{
    private readonly Differential _diff;

    public RandomSequenceProperties(RedisServerFixture server)
        : this(server, Transport.InProcess)
    {
    }

    /// <summary>The same sequences over <paramref name="transport"/> (a wire suite, tests/…/Wire/WireSuites.cs).</summary>
    protected RandomSequenceProperties(RedisServerFixture server, Transport transport)
    {
        CompatTest.RequireServer(server);
        _diff = new Differential(server, transport);
    }

    [Property(MaxTest = 150, QuietOnSuccess = true)]
    public Property StringCommandSequencesAgree() =>
        Prop.ForAll(CommandGen.Sequences(CommandGen.StringCommand, 15, 25), Agree);

    [Property(MaxTest = 150, QuietOnSuccess = true)]
    public Property KeyAndExpiryCommandSequencesAgree() =>
        Prop.ForAll(CommandGen.Sequences(Gen.Frequency((2, CommandGen.KeyCommand), (1, CommandGen.StringCommand)), 15, 25), Agree);

    [Property(MaxTest = 100, QuietOnSuccess = true)]
    public Property MixedSequencesOverOneKeyAgree() =>
        Prop.ForAll(
            CommandGen.Sequences(Gen.OneOf(CommandGen.StringCommand, CommandGen.KeyCommand).Select(OnlyKeyA), 15, 25),
            Agree);

    // Many commands on the same key reach deeper states (long appends, encodings after several writes).
    private static Cmd OnlyKeyA(Cmd c) => new(c.Args.Select(a => a.AsSpan().SequenceEqual("b"u8) || a.AsSpan().SequenceEqual("c"u8) ? "a"u8.ToArray() : a).ToArray());

    private void Agree(Cmd[] sequence)
    {
        _diff.Reset();
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

    public void Dispose()
    {
        _diff.Dispose();
        GC.SuppressFinalize(this);
    }
}
