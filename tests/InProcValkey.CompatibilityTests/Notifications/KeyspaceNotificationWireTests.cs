using System.Text;
using InProcValkey.CompatibilityTests.Harness;
using InProcValkey.CompatibilityTests.Wire;

namespace InProcValkey.CompatibilityTests.Notifications;

/// <summary>
/// Keyspace notifications, differentially: one script of commands over every type runs against redis-server and against
/// our listener while a connection is PSUBSCRIBEd to <c>__key*__:*</c>; each command's reply and the exact frames the
/// subscriber receives (RESP2 arrays or RESP3 pushes) are compared byte for byte, for several
/// <c>notify-keyspace-events</c> settings. After each command the commanding connection PUBLISHes a marker on a channel
/// the pattern matches, so the subscriber reads exactly the events of that command (they precede the marker).
/// </summary>
public sealed class KeyspaceNotificationWireTests(RedisServerFixture server)
{
    private const string Marker = "__keyspace@99__:sync";

    // "~ " before a command: its reply is random (SPOP …) and not compared; its events are.
    internal static readonly string[] Script =
    [
        // strings
        "SET s1 v1", "SET s1 v2 EX 100", "SET s1 v3 KEEPTTL", "SET s1 v4 NX", "SET s1 v5 XX GET", "SETNX s1 x", "SETNX s2 x",
        "GETSET s2 y", "SETEX s3 100 z", "PSETEX s4 100000 z", "MSET m1 a m2 b", "MSETNX m1 c m3 d", "MSETNX m4 c m5 d",
        "INCR n1", "INCRBY n1 5", "DECR n1", "DECRBY n1 2", "INCRBYFLOAT n1 1.5", "INCR s1", "APPEND s2 more", "APPEND a1 new",
        "SETRANGE s2 1 XY", "SETRANGE r1 3 abc", "GET missing", "GET s1", "MGET s1 missing2", "STRLEN s2", "GETRANGE nokey 0 1",
        "GETDEL s2", "GETDEL s2", "GETEX s1 EX 200", "GETEX s1 PERSIST", "GETEX s1 PERSIST", "GETEX s1", "GETEX s1 PXAT 1",
        "GETEX nokey EX 5", "LPUSH s3 x",
        // generic
        "SET s5 v", "EXPIRE s5 100", "EXPIRE s5 100 NX", "PEXPIRE s5 200000 XX", "EXPIREAT s5 99999999999",
        "PERSIST s5", "PERSIST s5", "EXPIRE s5 -1", "SET s6 v", "PEXPIREAT s6 1", "EXPIRE nokey 10", "EXISTS s6 s1 m4",
        "TYPE m1", "TYPE nokey", "DEL m1 m2 nothere", "UNLINK m3", "TOUCH m4 nokey", "SET k1 v", "RENAME k1 k2", "SET k3 v",
        "RENAME k2 k3", "RENAMENX k3 k4", "SET k5 v", "RENAMENX k4 k5", "RENAME k4 k4", "RENAME nokey k9", "COPY k5 k6",
        "COPY k5 k6", "COPY k5 k6 REPLACE", "COPY k5 k7 DB 1", "COPY nokey k8", "MOVE k6 1", "MOVE k5 1", "MOVE k7 1",
        "SELECT 1", "DEL k5 k6 k7", "SELECT 0",
        // lists
        "LPUSH l1 a b c", "RPUSH l1 d", "LPUSHX l1 e", "LPUSHX nol e", "RPUSHX nol e", "LINSERT l1 BEFORE a X",
        "LINSERT l1 AFTER nothere Y", "LSET l1 0 Z", "LSET nol 0 Z", "LREM l1 1 Z", "LREM l1 0 nothere", "LTRIM l1 1 -1",
        "LPOP l1", "RPOP l1 2", "LPOP l1 0", "LPOP nol", "LMOVE l1 l2 LEFT RIGHT", "RPOPLPUSH l2 l2", "LMOVE l2 l3 RIGHT LEFT",
        "RPUSH l4 1", "LPOP l4", "RPUSH l5 1 2 3", "LTRIM l5 5 10", "RPUSH l6 x", "LREM l6 0 x", "LMPOP 2 nol l1 LEFT COUNT 10",
        "RPUSH l7 a b", "BLPOP l7 0", "BRPOP l7 0", "RPUSH l8 a", "BLMOVE l8 l9 LEFT LEFT 0", "BLMPOP 0 1 l9 RIGHT",
        "LRANGE l3 0 -1", "LLEN l3", "LINDEX l3 0", "LINDEX nol 0", "LPOS l3 a", "LRANGE nol 0 -1", "LLEN nol", "LPOS nol a", "EXISTS nokey",
        // hashes
        "HSET h1 f1 v1 f2 v2", "HSET h1 f1 v1", "HSETNX h1 f1 x", "HSETNX h1 f3 x", "HMSET h1 f4 v4", "HINCRBY h1 n 5",
        "HINCRBYFLOAT h1 fl 1.5", "HINCRBY h1 f1 1", "HDEL h1 f1 nothere", "HDEL h1 nothere", "HDEL noh f", "HGET h1 f2",
        "HGET noh f", "HGETALL noh", "HLEN noh", "HEXISTS noh f", "HMGET noh a", "HRANDFIELD noh", "HLEN h1", "HDEL h1 f2 f3 f4 n fl", "HINCRBY h2 a 1", "HINCRBYFLOAT h3 a 1",
        // sets
        "SADD st1 a b c", "SADD st1 a", "SREM st1 a", "SREM st1 zz", "SREM nos a", "SMOVE st1 st2 b", "SMOVE st1 st2 zz",
        "SMOVE st1 st2 c", "SADD st2 c", "SMOVE st2 st2 c", "SADD st3 1 2 3 4", "~ SPOP st3", "SPOP st3 0", "~ SPOP st3 10",
        "SADD st7 a b c d e f g h i j", "~ SPOP st7 2", "~ SPOP st7 7", "SPOP nos", "SADD st4 x y", "SINTERSTORE st5 st2 st4",
        "SADD st4 b", "SINTERSTORE st5 st2 st4", "SUNIONSTORE st5 st2 st4", "SDIFFSTORE st5 st2 st2", "SDIFFSTORE st6 st2 st4",
        "SINTERSTORE st6 st2 nos", "SUNIONSTORE st9 nos st2", "SINTER nos st2", "SCARD nos", "SRANDMEMBER nos", "SMEMBERS nos", "SISMEMBER nos x", "SCARD st2", "SADD s1 x",
        // sorted sets
        "ZADD z1 1 a 2 b 3 c", "ZADD z1 1 a", "ZADD z1 XX 5 a", "ZADD z1 NX 9 a", "ZADD z1 INCR 1 a", "ZINCRBY z1 2 b",
        "ZADD z1 GT CH 0 a", "ZADD z1 XX 1 new", "ZADD z0 XX 1 new", "ZREM z1 a nothere", "ZREM z1 nothere",
        "ZADD z2 1 x 2 y 3 z 4 w", "ZREMRANGEBYRANK z2 0 0", "ZREMRANGEBYSCORE z2 2 2", "ZREMRANGEBYSCORE z2 100 200",
        "ZREMRANGEBYSCORE z2 -inf +inf", "ZADD z3 0 a 0 b 0 c", "ZREMRANGEBYLEX z3 [a [b", "ZREMRANGEBYLEX z3 - +",
        "ZPOPMIN z1", "ZPOPMAX z1 5", "ZPOPMIN noz", "ZADD z4 1 a 2 b", "ZADD z5 1 b 3 c", "ZUNIONSTORE z6 2 z4 z5",
        "ZINTERSTORE z6 2 z4 z5", "ZDIFFSTORE z6 2 z4 z4", "ZDIFFSTORE z6 2 z4 z5", "ZRANGESTORE z7 z4 0 -1",
        "ZRANGESTORE z7 noz 0 -1", "ZMPOP 1 z4 MIN", "BZPOPMIN z4 0", "BZMPOP 0 1 z5 MAX COUNT 5", "ZSCORE noz a",
        "ZRANGE z6 0 -1", "ZCARD z6", "ZUNIONSTORE z8 1 st2", "ZUNIONSTORE z9 2 noz z8", "ZUNION 2 noz z8",
        "ZINTERSTORE z9 2 noz z8", "ZCARD noz", "ZRANK noz a", "ZRANGE noz 0 -1", "ZCOUNT noz 0 1", "ZRANDMEMBER noz",
        // sort
        "RPUSH srt 3 1 2", "SORT srt STORE srtd", "SORT srt STORE srtd", "SORT srt DESC STORE srt", "SORT nokey STORE srtd",
        "SORT srt", "SORT nokey",
        // databases
        "SET x 1", "SWAPDB 0 1", "SWAPDB 0 1", "SELECT 1", "SET y 1", "FLUSHDB", "SELECT 0", "FLUSHALL",
    ];

    // With the subscriber and the caller on one RESP3 connection, Valkey interleaves a command's own events with its reply
    // wherever the command happens to write the reply (EXPIRE and SET … GET reply first, MGET's keymiss lands inside the
    // reply array); the listener always sends them before the reply (KD-notify-self-order). These commands change the key
    // before replying in Valkey too, so the order is exactly Valkey's.
    private static readonly string[] WriteThenReply =
        ["SET", "SETNX", "MSET", "INCR", "INCRBY", "DECR", "INCRBYFLOAT", "APPEND", "SETRANGE", "DEL", "UNLINK", "RENAME", "COPY",
         "LINSERT", "LREM", "LTRIM", "HDEL", "SADD", "SREM", "SMOVE",
         "ZREM", "ZREMRANGEBYRANK", "FLUSHALL"];

    internal static string[] SelfScript => Script
        .Where(l => !l.Contains(" GET", StringComparison.Ordinal) && WriteThenReply.Contains(l.Split(' ')[0]))
        .ToArray();

    private static string Run(int port, int protocol, string classes, bool sameConnection)
    {
        using var sub = WireConnection.Connect(port, protocol);
        using var other = sameConnection ? null : WireConnection.Connect(port, 2);
        var cmd = other ?? sub;
        var sb = new StringBuilder();
        sb.Append("config: ").Append(Exec(cmd, "CONFIG", "SET", "notify-keyspace-events", classes)).Append('\n');
        sb.Append("config: ").Append(Exec(cmd, "CONFIG", "GET", "notify-keyspace-events")).Append('\n');
        sb.Append("psubscribe: ").Append(Exec(sub, "PSUBSCRIBE", "__key*__:*")).Append('\n');
        try
        {
            int n = 0;
            foreach (string line in sameConnection ? SelfScript : Script)
            {
                bool random = line.StartsWith("~ ", StringComparison.Ordinal);
                string text = random ? line[2..] : line;
                sb.Append("> ").Append(text).Append('\n');
                cmd.Send(RespBytes.Request(text.Split(' ').Select(Encoding.UTF8.GetBytes).ToArray()));
                if (sameConnection)
                {
                    // RESP3, subscribed and commanding on one connection: a command's events (pushes) come before its reply.
                    while (true)
                    {
                        var f = sub.Read();
                        if (f.Raw[0] != (byte)'>')
                        {
                            sb.Append("reply: ").Append(random ? "(random)" : f.ToString()).Append('\n');
                            break;
                        }
                        sb.Append("event: ").Append(f).Append('\n');
                    }
                    continue;
                }
                var reply = cmd.Read();
                sb.Append("reply: ").Append(random ? "(random)" : reply.ToString()).Append('\n');
                string marker = "m" + n++;
                Exec(cmd, "PUBLISH", Marker, marker);
                while (true)
                {
                    var f = sub.Read();
                    string s = f.ToString();
                    if (s.Contains(Marker, StringComparison.Ordinal) && s.Contains(marker, StringComparison.Ordinal))
                    {
                        break;
                    }
                    sb.Append("event: ").Append(s).Append('\n');
                }
            }
        }
        finally
        {
            if (sameConnection)
            {
                // The events of the last command may follow its reply: read up to PING's reply.
                sub.Send(RespBytes.Request([[.. "PING"u8]]));
                for (var f = sub.Read(); f.Raw[0] == (byte)'>'; f = sub.Read())
                {
                    sb.Append("event: ").Append(f).Append('\n');
                }
            }
            Exec(cmd, "CONFIG", "SET", "notify-keyspace-events", "");
        }
        return sb.ToString();
    }

    private static string Exec(WireConnection c, params string[] command) =>
        c.Execute(command.Select(Encoding.UTF8.GetBytes).ToArray()).ToString();

    private void Same(int protocol, string classes, bool sameConnection = false)
    {
        CompatTest.RequireServer(server);
        using (var c = WireConnection.Connect(server.Port))
        {
            c.Execute([.. "FLUSHALL"u8]);
        }
        using var listener = new Listener();
        string redis = Run(server.Port, protocol, classes, sameConnection);
        string ours = Run(listener.Port, protocol, classes, sameConnection);
        if (Environment.GetEnvironmentVariable("INPROCVALKEY_NOTIFY_DUMP") is { Length: > 0 } dump)
        {
            File.WriteAllText(Path.Combine(dump, $"redis-{protocol}-{classes}-{sameConnection}.txt"), redis);
            File.WriteAllText(Path.Combine(dump, $"ours-{protocol}-{classes}-{sameConnection}.txt"), ours);
        }
        AssertSameLines(redis, ours);
    }

    // Line by line, so a failure names the first command whose events or reply differ.
    private static void AssertSameLines(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (e[i] != a[i])
            {
                string context = string.Join("\n", e[Math.Max(0, i - 8)..i]);
                Assert.Fail($"First difference at line {i}:\n{context}\nredis-server: {e[i]}\nours:         {a[i]}");
            }
        }
        Assert.Equal(e.Length, a.Length);
    }

    [Theory]
    [InlineData(2, "KEA")]
    [InlineData(3, "KEA")]
    [InlineData(2, "AKEmn")]
    [InlineData(3, "KEAnm")]
    [InlineData(2, "Kl")]
    [InlineData(2, "Eg$")]
    [InlineData(2, "Ex")]
    [InlineData(2, "En")]
    [InlineData(2, "Km")]
    [InlineData(2, "Eshz")]
    [InlineData(2, "A")]
    [InlineData(2, "")]
    public void ScriptEventsMatchRedis(int protocol, string classes) => Same(protocol, classes);

    [Theory]
    [InlineData("KEA")]
    [InlineData("KEAn")]
    public void EventsReachTheCommandingClientBeforeItsReplyInResp3(string classes) => Same(3, classes, sameConnection: true);
}
