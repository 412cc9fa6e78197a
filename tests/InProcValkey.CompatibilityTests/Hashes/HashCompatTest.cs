using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Hashes;

/// <summary>
/// Differential helpers for hashes: a hashtable-encoded hash's order is an implementation detail (bucket layout), so
/// HGETALL-like replies can be compared as sets of field/value pairs, and HSCAN as a whole iteration. Listpack-encoded
/// hashes keep insertion order on both sides and are compared exactly. CONFIG changes are undone on redis-server.
/// </summary>
public abstract class HashCompatTest(RedisServerFixture server) : CompatTest(server), IDisposable
{
    private readonly Dictionary<string, string> _restore = [];

    /// <summary>CONFIG SET on both sides; redis-server's old value comes back on dispose.</summary>
    protected void Config(string name, string value)
    {
        if (!_restore.ContainsKey(name))
        {
            var old = Diff.RunRedis(Arg.ToCommand(["CONFIG", "GET", name]));
            _restore[name] = old.Elements[1].ToString()!;
        }
        Same("CONFIG", "SET", name, value);
    }

    /// <summary>Runs a command on both sides; an array reply is compared as a set of (field, value) pairs.</summary>
    protected void SamePairs(params Arg[] command)
    {
        var cmd = Arg.ToCommand(command);
        var redis = Diff.RunRedis(cmd);
        var engine = Diff.RunEngine(cmd);
        bool agree = IsAggregate(redis) && IsAggregate(engine)
            ? PairSet(redis).SequenceEqual(PairSet(engine))
            : ReplyComparer.Exact(redis, engine);
        var outcome = Diff.Record(new Outcome(cmd, CompareMode.Sorted, redis, redis, engine, null, agree ? null : "pairs differ (compared as sets of field/value pairs)"));
        if (!outcome.Agrees)
        {
            Assert.Fail(Diff.Describe(outcome));
        }
    }

    /// <summary>A whole HSCAN iteration (<c>HSCAN key 0 options…</c>, then the returned cursors) on both sides, compared as sets of pairs.</summary>
    protected void SameHScan(Arg key, params Arg[] options)
    {
        byte[][] first = Arg.ToCommand([(Arg)"HSCAN", key, (Arg)"0", .. options]);
        var redis = Iterate(first, Diff.RunRedis);
        var engine = Iterate(first, Diff.RunEngine);
        bool agree = redis.Kind == ValkeyReplyKind.Array && engine.Kind == ValkeyReplyKind.Array
            ? PairSet(redis).SequenceEqual(PairSet(engine))
            : ReplyComparer.Exact(redis, engine);
        var outcome = Diff.Record(new Outcome(first, CompareMode.Sorted, redis, redis, engine, null, agree ? null : "pairs returned over a full HSCAN iteration differ"));
        if (!outcome.Agrees)
        {
            Assert.Fail(Diff.Describe(outcome));
        }
    }

    private static bool IsAggregate(ValkeyReply r) => r.Kind is ValkeyReplyKind.Array or ValkeyReplyKind.Map;

    internal static ValkeyReply Iterate(byte[][] command, Func<byte[][], ValkeyReply> run)
    {
        var items = new List<ValkeyReply>();
        var cmd = (byte[][])command.Clone();
        for (int calls = 0; calls < 100_000; calls++)
        {
            var reply = run(cmd);
            if (reply.Kind != ValkeyReplyKind.Array || reply.Elements.Count != 2 || reply.Elements[1].Kind != ValkeyReplyKind.Array)
            {
                return reply;
            }
            items.AddRange(reply.Elements[1].Elements);
            var cursor = reply.Elements[0].AsBytes()!;
            if (cursor is [(byte)'0'])
            {
                return ValkeyReply.Array([.. items]);
            }
            cmd[2] = cursor;
        }
        return ValkeyReply.Error("(HSCAN did not finish within 100000 calls)");
    }

    internal static List<string> PairSet(ValkeyReply array)
    {
        var pairs = new SortedSet<string>(StringComparer.Ordinal);
        // RESP3: a map's elements are already field, value…; HRANDFIELD WITHVALUES nests [field, value] arrays.
        var e = array.Elements.SelectMany(x => x.Kind == ValkeyReplyKind.Array ? x.Elements : [x]).ToList();
        for (int i = 0; i + 1 < e.Count; i += 2)
        {
            pairs.Add(Convert.ToHexString(e[i].AsBytes() ?? []) + ":" + Convert.ToHexString(e[i + 1].AsBytes() ?? []));
        }
        return [.. pairs, $"count={e.Count}"];
    }

    /// <summary>Restores redis-server's configuration, then disposes the pair of sessions (re-implements IDisposable).</summary>
    public new void Dispose()
    {
        foreach (var (name, value) in _restore)
        {
            Diff.RunRedis(Arg.ToCommand(["CONFIG", "SET", name, value]));
        }
        base.Dispose();
    }
}
