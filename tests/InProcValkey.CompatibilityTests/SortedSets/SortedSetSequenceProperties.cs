using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.CompatibilityTests.Harness;
using InProcValkey.CompatibilityTests.Properties;

namespace InProcValkey.CompatibilityTests.SortedSets;

/// <summary>
/// Random sorted-set command sequences mixed with key commands, run on redis-server and on the engine and compared reply by
/// reply: once with the default listpack limits, once with tiny ones so that conversions to and between encodings happen
/// all the time.
/// </summary>
public sealed class SortedSetSequenceProperties : IDisposable
{
    private readonly Differential _diff;

    public SortedSetSequenceProperties(RedisServerFixture server)
    {
        CompatTest.RequireServer(server);
        _diff = new Differential(server);
    }

    [Property(MaxTest = 150, QuietOnSuccess = true)]
    public Property SortedSetSequencesAgree() =>
        Prop.ForAll(CommandGen.Sequences(SortedSetCommandGen.Command, 15, 30), s => Agree(s, null));

    [Property(MaxTest = 150, QuietOnSuccess = true)]
    public Property SortedSetSequencesAgreeWithTinyListpackLimits() =>
        Prop.ForAll(CommandGen.Sequences(SortedSetCommandGen.Command, 15, 30), s => Agree(s, "3"));

    [Property(MaxTest = 100, QuietOnSuccess = true)]
    public Property SameScoreLexSequencesAgree() =>
        Prop.ForAll(CommandGen.Sequences(SortedSetCommandGen.SameScoreLexCommand, 10, 25), s => Agree(s, null));

    [Property(MaxTest = 100, QuietOnSuccess = true)]
    public Property SameScoreLexSequencesAgreeWithTinyListpackLimits() =>
        Prop.ForAll(CommandGen.Sequences(SortedSetCommandGen.SameScoreLexCommand, 10, 25), s => Agree(s, "3"));

    [Property(MaxTest = 100, QuietOnSuccess = true)]
    public Property ListpackLexWalksAgree() =>
        Prop.ForAll(CommandGen.Sequences(SortedSetCommandGen.ListpackLexCommand, 10, 25), s => Agree(s, null));

    private void Agree(Cmd[] sequence, string? entries)
    {
        _diff.Reset();
        if (entries is not null)
        {
            Run(["CONFIG", "SET", "zset-max-listpack-entries", entries]);
        }
        try
        {
            foreach (var cmd in sequence)
            {
                if (ReplyComparer.Name(cmd.Args, 0) == "ZSCAN")
                {
                    ScanAgrees(cmd.Args);
                    continue;
                }
                var outcome = _diff.Run(cmd.Args, ReplyComparer.DefaultModeFor(cmd.Args));
                if (!outcome.Agrees)
                {
                    throw new InvalidOperationException(_diff.Describe(outcome));
                }
            }
        }
        finally
        {
            if (entries is not null)
            {
                Run(["CONFIG", "SET", "zset-max-listpack-entries", "128"]);
            }
        }
    }

    // ZSCAN prints a score as its encoding holds it: a listpack's text (Redis 7.0 %.17g, Valkey 7.2 shortest) or %.17Lg for
    // a skiplist; members and score values are compared, the score text only as the double it denotes.
    private void ScanAgrees(byte[][] command)
    {
        var redis = Canonical(_diff.RunRedis(command));
        var engine = Canonical(_diff.RunEngine(command));
        if (!ReplyComparer.Exact(redis, engine))
        {
            throw new InvalidOperationException($"ZSCAN differs: redis {redis}, engine {engine}");
        }
    }

    private static ValkeyReply Canonical(ValkeyReply r)
    {
        if (r.Kind != ValkeyReplyKind.Array || r.Elements.Count != 2 || r.Elements[1].Kind != ValkeyReplyKind.Array)
        {
            return r;
        }
        // A skiplist is scanned in hash order: pairs compared as a sorted list.
        var items = r.Elements[1].Elements;
        var pairs = new List<(string Member, ValkeyReply M, ValkeyReply S)>();
        for (int i = 0; i + 1 < items.Count; i += 2)
        {
            pairs.Add((items[i].ToString()!, items[i], ValkeyReply.Bulk(Resp2.FormatDouble(ParseScore(items[i + 1].ToString()!)))));
        }
        var canon = pairs.OrderBy(p => p.Member, StringComparer.Ordinal).SelectMany(p => new[] { p.M, p.S }).ToArray();
        return ValkeyReply.Array(r.Elements[0], ValkeyReply.Array(canon));
    }

    private static double ParseScore(string s) => s switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
    };

    private void Run(string[] command)
    {
        var outcome = _diff.Run(Arg.ToCommand([.. command.Select(c => (Arg)c)]), CompareMode.Exact);
        if (!outcome.Agrees)
        {
            throw new InvalidOperationException(_diff.Describe(outcome));
        }
    }

    public void Dispose() => _diff.Dispose();
}
