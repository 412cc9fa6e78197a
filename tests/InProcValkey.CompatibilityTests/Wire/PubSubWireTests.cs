using System.Text;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>
/// Pub/sub message sequences run against redis-server and our listener over raw sockets, in RESP2 and RESP3: a script of
/// (connection, command, frames to read on each connection) steps; everything read is compared byte for byte.
/// </summary>
public sealed class PubSubWireTests(RedisServerFixture server)
{
    // conn: which connection sends; reads: frames then read from connection 0, 1, 2.
    private sealed record Step(int Conn, string Command, int R0, int R1 = 0, int R2 = 0);

    private static string Run(int port, int protocol, Step[] script, int[] protocols)
    {
        var conns = protocols.Select(p => WireConnection.Connect(port, p == 0 ? protocol : p)).ToArray();
        try
        {
            var sb = new StringBuilder();
            foreach (var step in script)
            {
                conns[step.Conn].Send(RespBytes.Request(step.Command.Split(' ').Select(Encoding.UTF8.GetBytes).ToArray()));
                int[] reads = [step.R0, step.R1, step.R2];
                for (int c = 0; c < conns.Length; c++)
                {
                    for (int i = 0; i < reads[c]; i++)
                    {
                        sb.Append(c).Append(": ").Append(RespBytes.Escape(conns[c].Read().Raw)).Append('\n');
                    }
                }
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

    private void Same(int protocol, Step[] script, params int[] protocols)
    {
        CompatTest.RequireServer(server);
        using (var c = WireConnection.Connect(server.Port))
        {
            c.Execute([.. "FLUSHALL"u8]);
        }
        using var listener = new Listener();
        string redis = Run(server.Port, protocol, script, protocols);
        string ours = Run(listener.Port, protocol, script, protocols);
        Assert.Equal(redis, ours);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void SubscribePublishUnsubscribeSequencesMatchRedis(int protocol) => Same(protocol,
    [
        new(0, "UNSUBSCRIBE", 1),
        new(0, "PUNSUBSCRIBE", 1),
        new(0, "SUNSUBSCRIBE", 1),
        new(0, "SUBSCRIBE news sport", 2),
        new(1, "PUBLISH news hello", 1, 1),
        new(1, "PUBLISH weather rain", 0, 1),
        new(0, "PSUBSCRIBE n* *t", 2), // (one pattern per channel: redis-server matches patterns in hash order)
        new(1, "PUBLISH news again", 2, 1),
        new(1, "PUBLISH sport goal", 2, 1),
        new(1, "PUBSUB NUMSUB news sport none", 0, 1),
        new(1, "PUBSUB NUMPAT", 0, 1),
        new(1, "PUBSUB CHANNELS n*", 0, 1),
        new(0, "SUBSCRIBE news", 1),
        new(0, "UNSUBSCRIBE sport never", 2),
        new(0, "PING", 1),
        new(0, "PING hi", 1),
        new(0, "GET k", 1),
        new(0, "PUBSUB NUMPAT", 1),
        new(0, "SSUBSCRIBE shard1", 1),
        new(1, "SPUBLISH shard1 s-msg", 1, 1),
        new(1, "SPUBLISH other x", 0, 1),
        new(1, "PUBSUB SHARDNUMSUB shard1 x", 0, 1),
        new(1, "PUBSUB SHARDCHANNELS", 0, 1),
        new(0, "SUNSUBSCRIBE", 1),
        new(0, "PUNSUBSCRIBE n*", 1),
        new(0, "UNSUBSCRIBE", 1),
        new(1, "PUBLISH news gone", 0, 1),
        new(1, "PUBLISH sport last", 1, 1),
        new(0, "PUNSUBSCRIBE", 1),
        new(0, "PING", 1),
        new(0, "GET k", 1),
        new(1, "PUBSUB NUMSUB news", 0, 1),
        new(1, "PUBSUB NUMPAT", 0, 1),
    ], 0, 2);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void PublishingToOwnChannelAndResetMatchRedis(int protocol) => Same(protocol,
    [
        new(0, "SUBSCRIBE me", 1),
        new(0, "PUBLISH me self", protocol == 3 ? 2 : 1),
        new(1, "PUBLISH me other", 1, 1),
        new(0, "RESET", 1),
        new(1, "PUBLISH me after-reset", 0, 1),
        new(0, "GET k", 1),
        new(0, "SUBSCRIBE a", 1),
        new(0, "QUIT", 1),
        new(1, "PUBLISH a after-quit", 0, 1),
        new(1, "PUBSUB NUMSUB a me", 0, 1),
    ], 0, 2);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void PatternMatchingAndBinaryPayloadsMatchRedis(int protocol) => Same(protocol,
    [
        new(0, "PSUBSCRIBE h?llo h[ae]y x\\*", 3),
        new(1, "PUBLISH hello 1", 1, 1),
        new(1, "PUBLISH hallo 2", 1, 1),
        new(1, "PUBLISH hey 3", 1, 1),
        new(1, "PUBLISH hoy 4", 0, 1),
        new(1, "PUBLISH x* 5", 1, 1),
        new(1, "PUBLISH xy 6", 0, 1),
        new(1, "PUBLISH hello ÿ\u0001", 1, 1),
        new(0, "PUNSUBSCRIBE h?llo", 1),
        new(1, "PUBLISH hello 7", 0, 1),
        new(1, "PUBSUB CHANNELS", 0, 1),
        new(1, "PUBSUB CHANNELS a b", 0, 1),
        new(1, "PUBSUB", 0, 1),
        new(1, "PUBSUB NOPE", 0, 1),
        new(1, "PUBSUB NUMPAT x", 0, 1),
        new(1, "SUBSCRIBE", 0, 1),
        new(1, "PUBLISH a", 0, 1),
    ], 0, 2);
}
