using System.Text;

namespace InProcValkey.Tests.Keyspace;

/// <summary>GET reads without the shard lock; these tests race it against writers that change values in place and reshape tables.</summary>
public sealed class OptimisticReadTests
{
    [Fact]
    public async Task ReadersNeverSeeATornValueWhileWritersOverwriteInPlace()
    {
        using var store = new ValkeyStore();
        var db = store.GetDatabase();
        var a = Encoding.ASCII.GetBytes(new string('a', 40));
        var b = Encoding.ASCII.GetBytes(new string('b', 40));
        db.StringSet("k"u8, a);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var writer = Task.Run(() =>
        {
            bool flip = false;
            while (!stop.IsCancellationRequested)
            {
                db.StringSet("k"u8, (flip = !flip) ? b : a); // same size: written into the existing entry
            }
        }, TestContext.Current.CancellationToken);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        long reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var v = db.StringGet("k"u8)!;
            Assert.True(v.AsSpan().SequenceEqual(a) || v.AsSpan().SequenceEqual(b), "torn value: " + Encoding.ASCII.GetString(v));
            buffer.ResetWrittenCount();
            Assert.True(db.StringGet("k"u8, buffer));
            Assert.True(buffer.WrittenSpan.SequenceEqual(a) || buffer.WrittenSpan.SequenceEqual(b));
            reads++;
        }
        await writer;
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task CountersReadWhileIncrementedAreNeverTornAndNeverGoBack()
    {
        using var store = new ValkeyStore();
        var db = store.GetDatabase();
        db.StringSet("n", "1000000");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var writer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                db.StringIncrement("n");
            }
        }, TestContext.Current.CancellationToken);
        long last = 0;
        while (!stop.IsCancellationRequested)
        {
            long v = long.Parse(db.StringGet("n")!);
            Assert.True(v >= last, $"{v} after {last}");
            last = v;
        }
        await writer;
    }

    [Fact]
    public async Task KeysThatExistThroughoutAreAlwaysFoundWhileOtherKeysComeAndGo()
    {
        using var store = new ValkeyStore();
        var db = store.GetDatabase();
        const int Stable = 200;
        for (int i = 0; i < Stable; i++)
        {
            db.StringSet($"stable:{i}", $"v{i}");
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        // Churn grows and shrinks every table (resizes, backward-shift deletions move the stable keys around).
        var churn = Task.Run(() =>
        {
            int round = 0;
            while (!stop.IsCancellationRequested)
            {
                for (int i = 0; i < 2000; i++)
                {
                    db.StringSet($"churn:{round}:{i}", "x");
                }
                for (int i = 0; i < 2000; i++)
                {
                    db.KeyDelete($"churn:{round}:{i}");
                }
                round++;
            }
        }, TestContext.Current.CancellationToken);
        int checks = 0;
        while (!stop.IsCancellationRequested)
        {
            int i = checks++ % Stable;
            Assert.Equal($"v{i}", db.StringGet($"stable:{i}"));
        }
        await churn;
    }

    [Fact]
    public void AnExpiredKeyReadWithoutTheLockIsStillReclaimed()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "k", "v", "PX", "100");
        t.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(t.Db.StringGet("k"));
        Assert.Equal(0, t.Int("DBSIZE"));
    }
}
