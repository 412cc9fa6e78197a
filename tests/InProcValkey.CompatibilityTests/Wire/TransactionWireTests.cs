using System.Text;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>
/// WATCH races between two connections, run against redis-server and our listener over raw sockets in RESP2 and RESP3:
/// connection 0 watches and runs the transaction, connection 1 writes in between; every reply is compared byte for byte.
/// </summary>
public sealed class TransactionWireTests(RedisServerFixture server)
{
    private static string Run(int port, int protocol, (int Conn, string Command)[] script)
    {
        var conns = new[] { WireConnection.Connect(port, protocol), WireConnection.Connect(port, protocol) };
        try
        {
            var sb = new StringBuilder();
            foreach (var (conn, command) in script)
            {
                var reply = conns[conn].Execute(command.Split(' ').Select(Encoding.UTF8.GetBytes).ToArray());
                sb.Append(conn).Append(' ').Append(command).Append(" -> ").Append(RespBytes.Escape(reply.Raw)).Append('\n');
            }
            return sb.ToString();
        }
        finally
        {
            foreach (var c in conns)
            {
                c.Dispose();
            }
        }
    }

    private void Same(int protocol, params (int, string)[] script)
    {
        CompatTest.RequireServer(server);
        using (var c = WireConnection.Connect(server.Port))
        {
            c.Execute([.. "FLUSHALL"u8]);
        }
        using var listener = new Listener();
        Assert.Equal(Run(server.Port, protocol, script), Run(listener.Port, protocol, script));
    }

    public static TheoryData<int, string, string> Writes()
    {
        var data = new TheoryData<int, string, string>();
        (string Setup, string Write)[] cases =
        [
            ("SET w 1", "SET w 2"),
            ("SET w 1", "SET w 1"),
            ("SET w 1", "DEL w"),
            ("SET w 1", "PEXPIRE w 0"),
            ("SET w 1", "EXPIRE w 100"),
            ("SET w 1", "FLUSHDB"),
            ("SET w 1", "FLUSHALL"),
            ("SET w 1", "SWAPDB 0 1"),
            ("SET w 1", "RENAME w v"),
            ("SET v 1", "RENAME v w"),
            ("RPUSH w a", "RPUSH w b"),
            ("RPUSH w a", "LREM w 0 none"),
            ("SADD w a", "SADD w a"),
            ("SADD w a", "SADD w b"),
            ("HSET w f v", "HDEL w none"),
            ("HSET w f v", "HSET w f v"),
            ("ZADD w 1 m", "ZADD w 1 m"),
            ("ZADD w 1 m", "ZINCRBY w 1 m"),
            ("SET x 1", "DEL w"),
            ("SET x 1", "FLUSHALL"),
            ("SET x 1", "SET w new"),
        ];
        foreach (int protocol in new[] { 2, 3 })
        {
            foreach (var (setup, write) in cases)
            {
                data.Add(protocol, setup, write);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public void WriteByAnotherConnectionBetweenWatchAndExec(int protocol, string setup, string write) => Same(protocol,
        (1, setup),
        (0, "WATCH w"),
        (1, write),
        (0, "MULTI"),
        (0, "SET w mine"),
        (0, "GET w"),
        (0, "EXEC"),
        (1, "GET w"));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void WriteByAnotherConnectionAfterMultiStillFailsExec(int protocol) => Same(protocol,
        (0, "WATCH k"),
        (0, "MULTI"),
        (0, "INCR k"),
        (1, "SET k 10"),
        (0, "EXEC"),
        (0, "GET k"));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ResetDiscardsTheTransactionAndUnwatches(int protocol) => Same(protocol,
        (0, "WATCH k"),
        (0, "MULTI"),
        (0, "SET k mine"),
        (0, "RESET"),
        (1, "SET k theirs"),
        (0, "EXEC"),
        (0, "MULTI"),
        (0, "GET k"),
        (0, "EXEC"));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void QueuedRepliesAndAbortsOverTheWire(int protocol) => Same(protocol,
        (0, "MULTI"),
        (0, "SET a 1"),
        (0, "HGETALL a"),
        (0, "ZRANGE z 0 -1 WITHSCORES"),
        (0, "EXEC"),
        (0, "MULTI"),
        (0, "NOSUCH x"),
        (0, "EXEC"),
        (1, "MULTI"),
        (1, "ZADD z 1.5 m"),
        (1, "ZRANGE z 0 -1 WITHSCORES"),
        (1, "ZSCORE z m"),
        (1, "EXEC"));
}
