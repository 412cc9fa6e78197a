using Microsoft.Extensions.Time.Testing;

namespace InProcValkey.Tests.Keys;

public sealed class KeyConcurrencyTests
{
    private const int Databases = 4;
    private const int Tokens = 24;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static ValkeyStore NewStore() => new(new ValkeyStoreOptions
    {
        Databases = Databases,
        TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        ActiveExpiry = false,
    });

    private static Task Start(Action worker) =>
        Task.Factory.StartNew(worker, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // Runs the workers on their own threads; a deadlock shows as a TimeoutException.
    private static Task RunAll(params Action[] workers) =>
        Task.WhenAll(workers.Select(Start)).WaitAsync(Deadline, TestContext.Current.CancellationToken);

    // Moves tokens around with commands that never create or destroy one: RENAMENX, MOVE and SWAPDB (and, with
    // withCopy, a COPY to a fresh name deleted right away).
    private static Action Shuffler(ValkeyStore store, int seed, int iterations, bool withCopy = false) => () =>
    {
        var random = new Random(seed);
        var session = store.CreateSession();
        for (int i = 0; i < iterations; i++)
        {
            session.Execute("SELECT", random.Next(Databases).ToString(System.Globalization.CultureInfo.InvariantCulture));
            string a = "t" + random.Next(Tokens);
            string b = "t" + random.Next(Tokens);
            switch (random.Next(withCopy ? 4 : 3))
            {
                case 0:
                    session.Execute("RENAMENX", a, b);
                    break;
                case 1:
                    session.Execute("MOVE", a, random.Next(Databases).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case 2:
                    store.SwapDatabases(random.Next(Databases), random.Next(Databases));
                    break;
                default:
                    string copy = "copy" + seed + ":" + i;
                    session.Execute("COPY", a, copy, "DB", "0");
                    store.GetDatabase(0).KeyDelete(copy);
                    break;
            }
        }
    };

    private static List<string> AllTokenValues(ValkeyStore store)
    {
        var values = new List<string>();
        for (int d = 0; d < Databases; d++)
        {
            var db = store.GetDatabase(d);
            foreach (var k in db.Keys("t*"))
            {
                values.Add(db.StringGet(k)!);
            }
        }
        return values;
    }

    [Fact]
    public async Task RenameMoveAndSwapDbUnderConcurrentWritersNeitherDeadlockNorLoseKeys()
    {
        using var store = NewStore();
        var db0 = store.GetDatabase(0);
        for (int i = 0; i < Tokens; i++)
        {
            db0.StringSet("t" + i, "token" + i);
        }
        bool done = false;
        var writer = () =>
        {
            var random = new Random(99);
            while (!Volatile.Read(ref done))
            {
                var db = store.GetDatabase(random.Next(Databases));
                db.StringSet("w" + random.Next(200), "x");
                db.KeyDelete("w" + random.Next(200));
            }
        };
        var shufflers = Enumerable.Range(0, 3).Select(s => Shuffler(store, s, 4000, withCopy: s == 0)).ToArray();
        var writerTask = Start(writer);
        await RunAll(shufflers);
        Volatile.Write(ref done, true);
        await writerTask.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        // Exactly the original tokens remain, each once, wherever they ended up (COPY's copies have other names).
        var values = AllTokenValues(store);
        Assert.Equal(Enumerable.Range(0, Tokens).Select(i => "token" + i).Order(), values.Order());
    }

    [Fact]
    public async Task RenameIsAtomicAcrossShards()
    {
        using var store = NewStore();
        var db = store.GetDatabase(0);
        db.StringSet("left", "v");
        bool done = false;
        int bad = 0;
        var flipper = () =>
        {
            var s = store.CreateSession();
            for (int i = 0; i < 20_000; i++)
            {
                s.Execute("RENAME", i % 2 == 0 ? "left" : "right", i % 2 == 0 ? "right" : "left");
            }
            Volatile.Write(ref done, true);
        };
        var reader = () =>
        {
            var s = store.CreateSession();
            while (!Volatile.Read(ref done))
            {
                // Exactly one of the two names exists at every instant.
                if (s.Execute("EXISTS", "left", "right").AsInt64() != 1)
                {
                    Interlocked.Increment(ref bad);
                }
            }
        };
        await RunAll(flipper, reader);
        Assert.Equal(0, bad);
    }

    [Fact]
    public async Task FlushAllAndFlushDbUnderConcurrentRenamesAndMovesNeitherDeadlockNorDuplicateAValue()
    {
        using var store = NewStore();
        bool done = false;
        var refill = () =>
        {
            var random = new Random(7);
            var db0 = store.GetDatabase(0);
            long serial = 0;
            while (!Volatile.Read(ref done))
            {
                // Every value ever written is unique; RENAMENX, MOVE and SWAPDB only move values, so none may appear twice.
                db0.StringSet("t" + random.Next(Tokens), "v" + serial++, when: When.NotExists);
            }
        };
        var flusher = () =>
        {
            var random = new Random(3);
            for (int i = 0; i < 300; i++)
            {
                if (random.Next(2) == 0)
                {
                    store.FlushAll();
                }
                else
                {
                    store.GetDatabase(random.Next(Databases)).FlushDatabase();
                }
            }
        };
        var refillTask = Start(refill);
        await RunAll([flusher, .. Enumerable.Range(10, 2).Select(s => Shuffler(store, s, 3000))]);
        Volatile.Write(ref done, true);
        await refillTask.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        var values = AllTokenValues(store);
        Assert.Equal(values.Count, values.Distinct().Count());
        store.FlushAll();
        Assert.All(Enumerable.Range(0, Databases), d => Assert.Equal(0, store.GetDatabase(d).DatabaseSize()));
    }
}
