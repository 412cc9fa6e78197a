using System.Text;
using InProcValkey.Commands;
using InProcValkey.Keyspace;
using InProcValkey.Keyspace.Blocking;

namespace InProcValkey.Tests.Keyspace;

/// <summary>
/// The blocking infrastructure on its own, with a stand-in command that takes "tokens" from a counter per key (the list and
/// sorted-set pops test it through their real commands).
/// </summary>
public sealed class BlockingRegistryTests
{
    private sealed class Tokens
    {
        public readonly Dictionary<string, int> Count = new();
        public readonly List<string> Served = new();
    }

    private sealed class TakeToken(Tokens tokens, string name, string wantedKey = "") : IBlockedCommand
    {
        public bool TryServe(Database db, ReadOnlySpan<byte> key, IReplyWriter reply, ref Clock clock)
        {
            var k = Encoding.UTF8.GetString(key);
            if (wantedKey.Length > 0 && k != wantedKey)
            {
                return false;
            }
            lock (tokens)
            {
                if (!tokens.Count.TryGetValue(k, out int n) || n == 0)
                {
                    return false;
                }
                tokens.Count[k] = n - 1;
                tokens.Served.Add(name);
            }
            reply.Bulk(name + ":" + k);
            return true;
        }

        public void WriteTimeout(IReplyWriter reply) => reply.NullArray();
    }

    // The reply of a completed wait (the waits complete synchronously in these tests).
    private static ValkeyReply Done(BlockedClient b)
    {
        Assert.True(b.Completion.IsCompletedSuccessfully, "the wait has not completed");
        return b.Completion.GetAwaiter().GetResult();
    }

    private static byte[][] Keys(params string[] keys) => keys.Select(Encoding.UTF8.GetBytes).ToArray();

    private static void Push(Engine engine, Tokens tokens, string key, int n)
    {
        lock (tokens)
        {
            tokens.Count[key] = tokens.Count.GetValueOrDefault(key) + n;
        }
        engine.Blocking.SignalKeyReady(engine.Databases[0], Encoding.UTF8.GetBytes(key));
        engine.Blocking.ServeIfReady();
    }

    [Fact]
    public void Waiters_are_served_in_the_order_they_blocked_and_only_as_many_as_there_are_elements()
    {
        using var t = new TestStore();
        var engine = t.Store.Engine;
        var tokens = new Tokens();
        var a = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "a"));
        var b = engine.Blocking.Block(engine.Databases[0], Keys("other", "k"), 0, new TakeToken(tokens, "b"));
        var c = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "c"));
        Assert.Equal(3, engine.Blocking.BlockedCount);
        Push(engine, tokens, "k", 2);
        Assert.Equal(["a", "b"], tokens.Served);
        Assert.Equal("a:k", Done(a).ToString());
        Assert.Equal("b:k", Done(b).ToString());
        Assert.False(c.Completion.IsCompleted);
        Assert.Equal(1, engine.Blocking.BlockedCount);
        Assert.Equal(1, engine.Blocking.BlockingKeyCount);
        Push(engine, tokens, "k", 1);
        Assert.Equal("c:k", Done(c).ToString());
        Assert.Equal(0, engine.Blocking.BlockedCount);
        Assert.Equal(0, engine.Blocking.BlockingKeyCount);
    }

    [Fact]
    public void A_waiter_that_cannot_use_the_key_stays_blocked_while_a_later_one_is_served()
    {
        using var t = new TestStore();
        var engine = t.Store.Engine;
        var tokens = new Tokens();
        var picky = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "picky", wantedKey: "z"));
        var any = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "any"));
        Push(engine, tokens, "k", 1);
        Assert.True(any.Completion.IsCompleted);
        Assert.False(picky.Completion.IsCompleted);
    }

    [Fact]
    public void Timeouts_follow_the_store_time_provider_and_write_the_timeout_reply()
    {
        using var t = new TestStore();
        var engine = t.Store.Engine;
        var tokens = new Tokens();
        var w = engine.Blocking.Block(engine.Databases[0], Keys("k"), 1500, new TakeToken(tokens, "w"));
        t.Time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(w.Completion.IsCompleted);
        t.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ValkeyReplyKind.NullArray, Done(w).Kind);
        Assert.Equal(0, engine.Blocking.BlockedCount);
        Push(engine, tokens, "k", 1);
        Assert.Empty(tokens.Served);
    }

    [Fact]
    public void A_cancelled_waiter_takes_nothing_and_the_next_one_is_served()
    {
        using var t = new TestStore();
        var engine = t.Store.Engine;
        var tokens = new Tokens();
        var gone = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "gone"));
        var next = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "next"));
        engine.Blocking.Cancel(gone);
        Assert.True(gone.Completion.IsCanceled);
        Push(engine, tokens, "k", 1);
        Assert.Equal(["next"], tokens.Served);
        Assert.True(next.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public void Release_answers_with_the_timeout_reply_or_the_unblocked_error_once()
    {
        using var t = new TestStore();
        var engine = t.Store.Engine;
        var tokens = new Tokens();
        var a = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "a"));
        var b = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "b"));
        Assert.True(engine.Blocking.Release(a, null));
        Assert.False(engine.Blocking.Release(a, null));
        Assert.True(engine.Blocking.Release(b, BlockingRegistry.UnblockedError));
        Assert.Equal(ValkeyReplyKind.NullArray, Done(a).Kind);
        Assert.Equal("UNBLOCKED client unblocked via CLIENT UNBLOCK", Done(b).ErrorMessage);
        Assert.Equal(0, engine.Blocking.BlockedCount);
    }

    [Fact]
    public void A_key_that_became_ready_before_blocking_is_caught_by_the_next_serve()
    {
        using var t = new TestStore();
        var engine = t.Store.Engine;
        var tokens = new Tokens();
        tokens.Count["k"] = 1; // arrived between the command's own attempt and its registration
        var w = engine.Blocking.Block(engine.Databases[0], Keys("k"), 0, new TakeToken(tokens, "w"));
        engine.Blocking.ServeIfReady();
        Assert.Equal("w:k", Done(w).ToString());
    }

    [Fact]
    public async Task Concurrent_pushers_serve_every_waiter_exactly_once()
    {
        using var t = new TestStore();
        var engine = t.Store.Engine;
        var tokens = new Tokens();
        var waiters = Enumerable.Range(0, 200)
            .Select(i => engine.Blocking.Block(engine.Databases[0], Keys("k" + (i % 4)), 0, new TakeToken(tokens, "w" + i)))
            .ToList();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                Push(engine, tokens, "k" + p, 1);
            }
        })));
        Assert.All(waiters, w => Assert.True(w.Completion.IsCompletedSuccessfully));
        Assert.Equal(200, tokens.Served.Distinct().Count());
        Assert.All(tokens.Count.Values, n => Assert.Equal(0, n));
    }
}
