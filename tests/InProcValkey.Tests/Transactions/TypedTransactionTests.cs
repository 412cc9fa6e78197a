namespace InProcValkey.Tests.Transactions;

/// <summary>The typed transaction: conditions, queued commands' tasks, atomicity.</summary>
public sealed class TypedTransactionTests
{
    [Fact]
    public async Task CommandsRunWhenEveryConditionHolds()
    {
        using var t = new TestStore();
        t.Db.StringSet("tt:a", "1");
        var tx = t.Db.CreateTransaction();
        var exists = tx.AddCondition(ValkeyCondition.KeyExists("tt:a"));
        tx.AddCondition(ValkeyCondition.StringEqual("tt:a", "1"));
        tx.AddCondition(ValkeyCondition.KeyNotExists("tt:b"));
        var incr = tx.StringIncrementAsync("tt:a", 5);
        var set = tx.StringSetAsync("tt:b", "x");
        var push = tx.ListRightPushAsync("tt:l", "v");
        var generic = tx.ExecuteCommandAsync("HSET", "tt:h", "f", "v");
        Assert.False(incr.IsCompleted);
        Assert.True(tx.Execute());
        Assert.True(exists.WasSatisfied);
        Assert.Equal(6, await incr);
        Assert.True(await set);
        Assert.Equal(1, await push);
        Assert.Equal(1, (await generic).AsInt64());
        Assert.Equal("x", t.Db.StringGet("tt:b"));
    }

    [Fact]
    public async Task NothingRunsWhenAConditionFails()
    {
        using var t = new TestStore();
        t.Db.HashSet("tt:h", "f", "v");
        var tx = t.Db.CreateTransaction();
        var failing = tx.AddCondition(ValkeyCondition.HashEqual("tt:h", "f", "other"));
        tx.AddCondition(ValkeyCondition.HashExists("tt:h", "f"));
        var set = tx.StringSetAsync("tt:c", "x");
        Assert.False(await tx.ExecuteAsync());
        Assert.False(failing.WasSatisfied);
        Assert.True(set.IsCanceled);
        Assert.Null(t.Db.StringGet("tt:c"));
        Assert.Throws<InvalidOperationException>(() => tx.Execute());
    }

    [Fact]
    public async Task ARuntimeErrorFaultsOnlyItsTask()
    {
        using var t = new TestStore();
        t.Db.StringSet("tt:s", "x");
        var tx = t.Db.CreateTransaction();
        var push = tx.ListLeftPushAsync("tt:s", "v");
        var set = tx.StringSetAsync("tt:d", "y");
        Assert.True(tx.Execute());
        await Assert.ThrowsAsync<ValkeyWrongTypeException>(() => push);
        Assert.True(await set);
    }

    [Fact]
    public void UnknownCommandsAndWrongArityAreRejectedWhenQueued()
    {
        using var t = new TestStore();
        var tx = t.Db.CreateTransaction();
        Assert.Throws<ArgumentException>(() => { _ = tx.ExecuteCommandAsync("NOPE"); });
        Assert.Throws<ArgumentException>(() => { _ = tx.ExecuteCommandAsync("GET"); });
        Assert.Throws<ArgumentException>(() => { _ = tx.ExecuteCommandAsync("MULTI"); });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnotherThreadNeverSeesHalfATransaction(bool typed)
    {
        using var t = new TestStore();
        const int Keys = 24;
        string[] keys = Enumerable.Range(0, Keys).Select(i => "tt:atom:" + i).ToArray();
        foreach (var k in keys)
        {
            t.Db.StringSet(k, "0");
        }
        using var stop = new CancellationTokenSource();
        int torn = 0;
        var reader = new Thread(() =>
        {
            var session = t.Store.CreateSession();
            string[] mget = ["MGET", .. keys];
            while (!stop.IsCancellationRequested)
            {
                var r = session.Execute(mget);
                string first = r.Elements[0].ToString()!;
                if (r.Elements.Any(e => e.ToString() != first))
                {
                    Interlocked.Increment(ref torn);
                }
            }
        });
        reader.Start();
        try
        {
            var session = t.Store.CreateSession();
            for (int round = 0; round < 300; round++)
            {
                if (typed)
                {
                    var tx = t.Db.CreateTransaction();
                    foreach (var k in keys)
                    {
                        _ = tx.StringIncrementAsync(k);
                    }
                    Assert.True(tx.Execute());
                }
                else
                {
                    session.Execute("MULTI");
                    foreach (var k in keys)
                    {
                        session.Execute("INCR", k);
                    }
                    Assert.Equal(Keys, session.Execute("EXEC").Elements.Count);
                }
            }
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }
        Assert.Equal(0, torn);
        Assert.Equal("300", t.Db.StringGet(keys[^1]));
    }

    [Fact]
    public void OptimisticGetNeverSeesHalfATransaction()
    {
        using var t = new TestStore();
        // A key written twice in one EXEC: a lock-free GET (seqlock validation) never sees the intermediate value.
        t.Db.StringSet("tt:opt", "0");
        using var stop = new CancellationTokenSource();
        int bad = 0;
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var v = t.Db.StringGet("tt:opt");
                if (v != "0" && v != "done")
                {
                    Interlocked.Increment(ref bad);
                }
            }
        });
        reader.Start();
        try
        {
            var session = t.Store.CreateSession();
            for (int round = 0; round < 500; round++)
            {
                session.Execute("MULTI");
                session.Execute("SET", "tt:opt", "half");
                session.Execute("SET", "tt:opt", round % 2 == 0 ? "done" : "0");
                session.Execute("EXEC");
            }
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }
        Assert.Equal(0, bad);
    }

    [Fact]
    public void EveryConditionKindIsCheckedAgainstTheData()
    {
        using var t = new TestStore();
        t.Db.StringSet("tc:s", "abc");
        t.Db.HashSet("tc:h", "f", "v");
        t.Db.ListRightPush("tc:l", "a");
        t.Db.ListRightPush("tc:l", "b");
        t.Db.SetAdd("tc:set", "m");
        t.Db.SortedSetAdd("tc:z", "m", 2.5);
        (ValkeyCondition Condition, bool Holds)[] cases =
        [
            (ValkeyCondition.KeyExists("tc:s"), true), (ValkeyCondition.KeyExists("tc:none"), false),
            (ValkeyCondition.KeyNotExists("tc:none"), true), (ValkeyCondition.StringEqual("tc:s", "abc"), true),
            (ValkeyCondition.StringEqual("tc:none", "abc"), false), (ValkeyCondition.StringNotEqual("tc:s", "x"), true),
            (ValkeyCondition.StringLengthEqual("tc:s", 3), true), (ValkeyCondition.HashExists("tc:h", "f"), true),
            (ValkeyCondition.HashNotExists("tc:h", "g"), true), (ValkeyCondition.HashEqual("tc:h", "f", "v"), true),
            (ValkeyCondition.HashNotEqual("tc:h", "f", "v"), false), (ValkeyCondition.HashLengthEqual("tc:h", 1), true),
            (ValkeyCondition.ListLengthEqual("tc:l", 2), true), (ValkeyCondition.ListIndexEqual("tc:l", -1, "b"), true),
            (ValkeyCondition.SetContains("tc:set", "m"), true), (ValkeyCondition.SetNotContains("tc:set", "m"), false),
            (ValkeyCondition.SetLengthEqual("tc:set", 1), true), (ValkeyCondition.SortedSetContains("tc:z", "m"), true),
            (ValkeyCondition.SortedSetNotContains("tc:z", "x"), true), (ValkeyCondition.SortedSetEqual("tc:z", "m", 2.5), true),
            (ValkeyCondition.SortedSetNotEqual("tc:z", "m", 2.5), false), (ValkeyCondition.SortedSetLengthEqual("tc:z", 1), true),
            (ValkeyCondition.ListLengthEqual("tc:s", 0), false), // WRONGTYPE: the condition does not hold
        ];
        foreach (var (condition, holds) in cases)
        {
            var tx = t.Db.CreateTransaction();
            tx.AddCondition(condition);
            var marker = tx.StringIncrementAsync("tc:ran");
            Assert.True(holds == tx.Execute(), condition.Description);
            Assert.Equal(holds, condition.WasSatisfied);
            Assert.Equal(!holds, marker.IsCanceled);
        }
    }
}
