using InProcValkey.Commands;
using InProcValkey.Server;

namespace InProcValkey.Testing;

/// <summary>
/// The kit's view of every command: logged, checked against strict cluster rules (CROSSSLOT, CLUSTER KEYSLOT, SELECT), then
/// offered to the fault rules.
/// </summary>
internal sealed class KitInterceptor : ICommandInterceptor
{
    internal const string CrossSlot = "CROSSSLOT Keys in request don't hash to the same slot";
    internal const string SelectInCluster = "ERR SELECT is not allowed in cluster mode";

    private readonly CommandLog _log;
    private readonly FaultInjector _faults;
    private readonly TimeProvider _time;

    public KitInterceptor(CommandLog log, FaultInjector faults, TimeProvider time, bool clusterStrict)
    {
        _log = log;
        _faults = faults;
        _time = time;
        ClusterStrict = clusterStrict;
    }

    public bool ClusterStrict { get; set; }

    public CommandDecision OnCommand(CommandContext ctx, IClientConnection? client)
    {
        var args = ctx.Args;
        if (args.Count == 0)
        {
            return CommandDecision.Proceed;
        }
        var raw = new byte[args.Count - 1][];
        for (int i = 1; i < args.Count; i++)
        {
            raw[i - 1] = args.ToArray(i);
        }
        var entry = new LoggedCommand(args.GetString(0).ToUpperInvariant(), raw, client?.Id ?? 0, client?.Name, ctx.DbIndex, _time.GetUtcNow());
        _log.Add(entry);
        if (ClusterStrict && CheckCluster(ctx) is { } clusterReply)
        {
            return CommandDecision.ReplyWith(clusterReply);
        }
        if (_faults.Take(entry) is not { } fault)
        {
            return CommandDecision.Proceed;
        }
        return fault.Kind switch
        {
            FaultInjector.FaultKind.Fail => CommandDecision.ReplyWith(ValkeyReply.Error(fault.Error!)),
            FaultInjector.FaultKind.Drop => CommandDecision.Drop,
            _ => CommandDecision.Delay(fault.Release!),
        };
    }

    // Valkey Cluster's rules for a standalone-looking node: CLUSTER KEYSLOT answers, SELECT of a database other than 0 fails,
    // and a command whose keys span slots fails with CROSSSLOT (getNodeByQuery in cluster.c).
    private static ValkeyReply? CheckCluster(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Is(0, "CLUSTER"u8) && args.Count == 3 && args.Is(1, "KEYSLOT"u8))
        {
            return ValkeyReply.Integer(HashSlot.Of(args[2]));
        }
        if (args.Is(0, "SELECT"u8) && args.Count == 2 && !args[1].SequenceEqual("0"u8))
        {
            return ValkeyReply.Error(SelectInCluster);
        }
        if (args.Count == 1 && args.Is(0, "EXEC"u8) && ctx.Transaction is { InMulti: true } tx && !QueueSharesOneSlot(tx))
        {
            // getNodeByQuery checks EXEC over every queued command's keys; a refused EXEC discards the transaction.
            tx.Discard();
            return ValkeyReply.Error(CrossSlot);
        }
        var positions = ServerCommands.KeyPositions(ctx.Engine, args);
        if (positions.Count < 2)
        {
            return null;
        }
        int slot = HashSlot.Of(args[positions[0]]);
        for (int i = 1; i < positions.Count; i++)
        {
            if (HashSlot.Of(args[positions[i]]) != slot)
            {
                return ValkeyReply.Error(CrossSlot);
            }
        }
        return null;
    }

    // Whether every key of every queued command hashes to one slot (each command alone was checked when it was queued).
    private static bool QueueSharesOneSlot(TransactionState tx)
    {
        int slot = -1;
        var keys = new List<byte[]>();
        foreach (var queued in tx.Queue)
        {
            keys.Clear();
            if (!ServerCommands.TryAddKeyArguments(queued.Def, queued.Args, keys))
            {
                continue;
            }
            foreach (var key in keys)
            {
                int s = HashSlot.Of(key);
                if (slot >= 0 && s != slot)
                {
                    return false;
                }
                slot = s;
            }
        }
        return true;
    }
}
