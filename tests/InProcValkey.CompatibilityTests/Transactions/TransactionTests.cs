using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Transactions;

/// <summary>
/// MULTI / EXEC / DISCARD / WATCH / UNWATCH on one connection, against redis-server: queued replies, EXECABORT, runtime
/// errors inside EXEC, nesting errors, and WATCH failing EXEC after the connection's own writes (any writer dirties a
/// watched key) — or not failing after no-op writes.
/// </summary>
public class TransactionTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void QueuedCommandsReplyQueuedAndExecRepliesWithTheirReplies()
    {
        Same("MULTI");
        Same("SET", "a", "1");
        Same("INCR", "a");
        Same("GET", "a");
        Same("LPUSH", "l", "x", "y");
        Same("LRANGE", "l", "0", "-1");
        Same("HSET", "h", "f", "v");
        Same("HGETALL", "h");
        Same("ZADD", "z", "1.5", "m");
        Same("ZSCORE", "z", "m");
        Same("EXEC");
        Same("GET", "a");
    }

    [Fact]
    public void EmptyTransactionRepliesEmptyArray()
    {
        Same("MULTI");
        Same("EXEC");
    }

    [Fact]
    public void RuntimeErrorsAreRepliedInPlaceAndTheOthersRun()
    {
        Same("SET", "s", "x");
        Same("MULTI");
        Same("INCR", "s");
        Same("LPUSH", "s", "v");
        Same("SET", "t", "1");
        Same("EXEC");
        Same("GET", "t");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("NOSUCHCOMMAND", "a")]
    [InlineData("OBJECT", "NOSUCH")]
    [InlineData("SET", "a")]
    public void RejectedCommandAbortsExec(params string[] bad)
    {
        Same("MULTI");
        Same("SET", "a", "1");
        Same([.. bad.Select(b => (Arg)b)]);
        Same("SET", "b", "2");
        Same("EXEC");
        Same("EXISTS", "a", "b");
    }

    [Fact]
    public void NestingAndMisplacedControlCommandsAreErrorsThatDoNotAbort()
    {
        Same("EXEC");
        Same("DISCARD");
        Same("EXEC", "x");
        Same("MULTI");
        Same("MULTI");
        Same("WATCH", "a");
        Same("UNWATCH");
        Same("SET", "a", "1");
        Same("EXEC");
        Same("MULTI");
        Same("EXEC", "x");
        Same("EXEC");
        Same("MULTI", "x");
        Same("DISCARD", "x");
        Same("WATCH");
    }

    [Fact]
    public void DiscardDropsTheQueue()
    {
        Same("MULTI");
        Same("SET", "a", "1");
        Same("DISCARD");
        Same("GET", "a");
        Same("EXEC");
    }

    [Theory]
    [InlineData("SET", "w", "2")]
    [InlineData("SET", "w", "1")]
    [InlineData("DEL", "w")]
    [InlineData("INCR", "w")]
    [InlineData("APPEND", "w", "")]
    [InlineData("SETRANGE", "w", "0", "9")]
    [InlineData("EXPIRE", "w", "100")]
    [InlineData("PEXPIRE", "w", "0")]
    [InlineData("RENAME", "w", "w2")]
    [InlineData("RENAME", "other", "w")]
    [InlineData("COPY", "other", "w", "REPLACE")]
    [InlineData("MOVE", "w", "1")]
    [InlineData("GETDEL", "w")]
    [InlineData("GETEX", "w", "EX", "100")]
    [InlineData("MSET", "x", "1", "w", "3")]
    [InlineData("FLUSHDB")]
    [InlineData("FLUSHALL")]
    [InlineData("SWAPDB", "0", "1")]
    [InlineData("UNLINK", "w")]
    public void WriteToAWatchedStringFailsExec(params string[] write)
    {
        Same("SET", "w", "1");
        Same("SET", "other", "o");
        Same("WATCH", "w");
        Same([.. write.Select(b => (Arg)b)]);
        Same("MULTI");
        Same("PING");
        Same("EXEC");
    }

    [Theory]
    [InlineData("LPUSH", "l", "z")]
    [InlineData("RPOP", "l")]
    [InlineData("LSET", "l", "0", "q")]
    [InlineData("LREM", "l", "0", "a")]
    [InlineData("LREM", "l", "0", "none")]
    [InlineData("LTRIM", "l", "0", "-1")]
    [InlineData("LINSERT", "l", "BEFORE", "a", "n")]
    [InlineData("LMOVE", "l", "l", "LEFT", "RIGHT")]
    [InlineData("SADD", "s", "a")]
    [InlineData("SADD", "s", "new")]
    [InlineData("SREM", "s", "none")]
    [InlineData("SREM", "s", "a")]
    [InlineData("SMOVE", "s", "s", "a")]
    [InlineData("SMOVE", "s", "s2", "a")]
    [InlineData("SINTERSTORE", "s", "nosuch")]
    [InlineData("HSET", "h", "f", "v")]
    [InlineData("HSETNX", "h", "f", "v")]
    [InlineData("HDEL", "h", "none")]
    [InlineData("HDEL", "h", "f")]
    [InlineData("HINCRBY", "h", "n", "1")]
    [InlineData("ZADD", "z", "1", "m")]
    [InlineData("ZADD", "z", "2", "m")]
    [InlineData("ZADD", "z", "NX", "5", "m")]
    [InlineData("ZINCRBY", "z", "0", "m")]
    [InlineData("ZREM", "z", "none")]
    [InlineData("ZREM", "z", "m")]
    [InlineData("ZPOPMIN", "z")]
    [InlineData("ZREMRANGEBYSCORE", "z", "10", "20")]
    [InlineData("PERSIST", "s")]
    [InlineData("EXPIRE", "nosuch", "10")]
    [InlineData("DEL", "nosuch")]
    [InlineData("SETRANGE", "nosuch", "0", "")]
    [InlineData("SET", "nosuch", "v", "XX")]
    [InlineData("SETNX", "s", "v")]
    [InlineData("EXPIRE", "s", "100", "XX")]
    [InlineData("GETEX", "s")]
    [InlineData("FLUSHDB")]
    [InlineData("SORT", "l", "ALPHA", "STORE", "s")]
    public void WriteToAWatchedCollectionFailsExecUnlessItChangedNothing(params string[] write)
    {
        Same("RPUSH", "l", "a", "b");
        Same("SADD", "s", "a", "b");
        Same("HSET", "h", "f", "v");
        Same("ZADD", "z", "1", "m");
        Same("WATCH", "l", "s", "h", "z", "nosuch");
        Same([.. write.Select(b => (Arg)b)]);
        Same("MULTI");
        Same("PING");
        Same("EXEC");
    }

    [Fact]
    public void SpopOfAWatchedSetFailsExec()
    {
        Same("SADD", "s", "a", "b");
        Same("WATCH", "s");
        SameSorted("SPOP", "s", "5"); // every member, in an order that depends on the server's random source
        Same("MULTI");
        Same("PING");
        Same("EXEC");
    }

    [Fact]
    public void FlushOfAnotherDatabaseOrOfMissingWatchedKeysDoesNotFailExec()
    {
        Same("SET", "k", "v");
        Same("WATCH", "k", "missing");
        Same("SELECT", "1");
        Same("SET", "x", "y");
        Same("FLUSHDB");
        Same("SELECT", "0");
        Same("MULTI");
        Same("GET", "k");
        Same("EXEC");
        Same("WATCH", "missing");
        Same("FLUSHALL");
        Same("MULTI");
        Same("EXEC");
    }

    [Fact]
    public void SwapdbFailsExecWhenTheWatchedKeyExistsOnEitherSide()
    {
        Same("SELECT", "1");
        Same("SET", "k", "one");
        Same("SELECT", "0");
        Same("WATCH", "k");
        Same("SWAPDB", "0", "1");
        Same("MULTI");
        Same("EXEC");
        Same("WATCH", "nowhere");
        Same("SWAPDB", "0", "1");
        Same("MULTI");
        Same("EXEC");
    }

    [Fact]
    public void UnwatchAndExecForgetWatches()
    {
        Same("WATCH", "a");
        Same("UNWATCH");
        Same("SET", "a", "1");
        Same("MULTI");
        Same("EXEC");
        Same("WATCH", "a");
        Same("MULTI");
        Same("EXEC");
        Same("SET", "a", "2");
        Same("MULTI");
        Same("GET", "a");
        Same("EXEC");
    }

    [Fact]
    public void SelectInsideMultiChangesTheDatabaseOfLaterCommands()
    {
        Same("MULTI");
        Same("SELECT", "2");
        Same("SET", "k", "two");
        Same("SELECT", "0");
        Same("GET", "k");
        Same("EXEC");
        Same("SELECT", "2");
        Same("GET", "k");
        Same("SELECT", "0");
    }

    [Fact]
    public void BlockingCommandsInsideExecReplyAsOnTimeout()
    {
        Same("MULTI");
        Same("BLPOP", "nolist", "0");
        Same("BRPOPLPUSH", "nolist", "dst", "0");
        Same("BZPOPMIN", "nozset", "0");
        Same("BLMPOP", "0", "1", "nolist", "LEFT");
        Same("EXEC");
    }
}
