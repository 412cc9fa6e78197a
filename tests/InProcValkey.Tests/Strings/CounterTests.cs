using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static InProcValkey.Tests.Strings.StringTestKit;

namespace InProcValkey.Tests.Strings;

/// <summary>INCR, DECR, INCRBY, DECRBY: strict integer parsing, overflow, encodings, TTL, allocation, concurrency.</summary>
public sealed class CounterTests
{
    private const string Overflow = "ERR increment or decrement would overflow";

    [Fact]
    public void CountersStartFromZeroAndReplyTheNewValue()
    {
        using var t = new TestStore();
        Assert.Equal(1, t.Int("INCR", "k"));
        Assert.Equal(11, t.Int("INCRBY", "k", "10"));
        Assert.Equal(10, t.Int("DECR", "k"));
        Assert.Equal(-5, t.Int("DECRBY", "k", "15"));
        Assert.Equal(-7, t.Int("DECRBY", "new", "7"));
        Assert.Equal("-5", t.Text("GET", "k"));
    }

    [Theory]
    [InlineData("01")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("-0")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("123456789012345678901")]
    public void StoredValuesThatAreNotStrictIntegersAreRefused(string value)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", value);
        t.Error(NotInteger, "INCR", "k");
        t.Error(NotInteger, "DECRBY", "k", "1");
        Assert.Equal(value, t.Text("GET", "k"));
    }

    [Theory]
    [InlineData("01")]
    [InlineData(" 1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("x")]
    public void IncrementsThatAreNotStrictIntegersAreRefusedBeforeTheKeyIsRead(string increment)
    {
        using var t = new TestStore();
        t.PutNonString("l");
        t.Error(NotInteger, "INCRBY", "l", increment);
        t.Error(NotInteger, "DECRBY", "l", increment);
        t.Error(NotInteger, "INCRBY", "k", increment);
        Assert.Equal(-2, t.Pttl("k"));
    }

    [Fact]
    public void OverflowIsAnErrorAndLeavesTheValue()
    {
        using var t = new TestStore();
        t.Ok("SET", "max", "9223372036854775807");
        t.Error(Overflow, "INCR", "max");
        t.Error(Overflow, "DECRBY", "max", "-1");
        Assert.Equal("9223372036854775807", t.Text("GET", "max"));
        t.Ok("SET", "min", "-9223372036854775808");
        t.Error(Overflow, "DECR", "min");
        t.Error(Overflow, "INCRBY", "min", "-1");
        Assert.Equal(-1, t.Int("INCRBY", "min", "9223372036854775807"));
    }

    [Fact]
    public void DecrByTheSmallestLongIsRefusedWithItsOwnMessage()
    {
        using var t = new TestStore();
        t.PutNonString("l");
        t.Error("ERR decrement would overflow", "DECRBY", "k", "-9223372036854775808");
        t.Error("ERR decrement would overflow", "DECRBY", "l", "-9223372036854775808");
        Assert.Equal(-2, t.Pttl("k"));
        Assert.Equal(-9223372036854775807, t.Int("INCRBY", "k", "-9223372036854775807"));
    }

    [Fact]
    public void CountersOnAnotherTypeAreWrongType()
    {
        using var t = new TestStore();
        t.PutNonString("l");
        t.Error(WrongType, "INCR", "l");
        t.Error(WrongType, "DECR", "l");
        t.Error(WrongType, "INCRBY", "l", "2");
    }

    [Fact]
    public void CounterResultsAreIntEncodedAndKeepTheTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "x");
        Assert.Equal(1, t.Int("SETRANGE", "k", "0", "7")); // raw "7"
        Assert.Equal("raw", t.EncodingOf("k"));
        Assert.Equal(8, t.Int("INCR", "k"));
        Assert.Equal("int", t.EncodingOf("k"));
        t.Ok("SET", "t", "5", "EX", "100");
        Assert.Equal(6, t.Int("INCR", "t"));
        Assert.Equal(100_000, t.Pttl("t"));
        Assert.Equal(1, t.Int("INCR", "fresh"));
        Assert.Equal(-1, t.Pttl("fresh"));
    }

    [Fact]
    public void IncrementOnAnIntEncodedKeyAllocatesNothing()
    {
        using var t = new TestStore();
        var db = t.Db;
        byte[] key = "counter"u8.ToArray();
        db.StringIncrement(key);
        for (int i = 0; i < 200; i++)
        {
            db.StringIncrement(key, 2);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            db.StringIncrement(key);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(1401, db.StringIncrement(key, 0));
    }

    [Fact]
    public void ManyThreadsIncrementingOneKeyLoseNoUpdate()
    {
        using var t = new TestStore();
        const int Threads = 4, PerThread = 5000;
        var db = t.Db;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                db.StringIncrement("shared");
            }
        });
        Assert.Equal(Threads * PerThread, db.StringIncrement("shared", 0));
    }

    /// <summary>INCRBY sequences against a checked-long model: an overflowing step is an error and changes nothing.</summary>
    [Property(MaxTest = 200)]
    public void IncrBySequencesMatchACheckedLongModel(long[] deltas)
    {
        using var t = new TestStore();
        long model = 0;
        foreach (long raw in deltas ?? [])
        {
            // Mix small steps with huge ones so that overflow happens regularly.
            long delta = (raw % 3) == 0 ? raw : raw % 1000;
            long expected;
            bool overflows;
            try
            {
                expected = checked(model + delta);
                overflows = false;
            }
            catch (OverflowException)
            {
                expected = model;
                overflows = true;
            }
            var reply = t.Run("INCRBY", "k", delta.ToString());
            if (overflows)
            {
                Assert.Equal(Overflow, reply.ErrorMessage);
            }
            else
            {
                Assert.Equal(expected, reply.AsInt64());
            }
            model = expected;
            Assert.Equal(model.ToString(), t.Text("GET", "k") ?? "0");
        }
    }

    [Property(MaxTest = 100)]
    public Property DecrByIsIncrByOfTheNegation(long start, long delta)
    {
        using var t = new TestStore();
        t.Ok("SET", "a", start.ToString());
        t.Ok("SET", "b", start.ToString());
        var dec = t.Run("DECRBY", "a", delta.ToString());
        if (delta == long.MinValue)
        {
            return (dec.ErrorMessage == "ERR decrement would overflow").ToProperty();
        }
        var inc = t.Run("INCRBY", "b", (-delta).ToString());
        return dec.Equals(inc).Label($"{dec} vs {inc}");
    }
}
