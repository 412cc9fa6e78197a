using InProcValkey.Server.Tests.Listener;

namespace InProcValkey.Server.Tests.SortedSets;

/// <summary>Sorted-set replies on the wire: RESP2 flat arrays of bulk scores, RESP3 nested pairs of doubles (as Valkey 7.2).</summary>
public sealed class SortedSetResp3Tests
{
    private const string Hello3Reply = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:1\r\n"
        + "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";

    private static async Task<ValkeyServer> StartAsync()
    {
        var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task Resp2RepliesAreFlat()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("ZADD z 1 a 2.5 b inf c\r\nZRANGE z 0 1 WITHSCORES\r\nZSCORE z c\r\nZPOPMIN z 1\r\n");
        await c.ExpectAsync(":3\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$3\r\n2.5\r\n$3\r\ninf\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n");
    }

    [Fact]
    public async Task Resp3NestsPairsAndSendsDoubles()
    {
        await using var server = await StartAsync();
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("HELLO 3\r\n");
        await c.ExpectAsync(Hello3Reply);
        await c.SendAsync("ZADD z 1 a 2.5 b inf c\r\nZRANGE z 0 1 WITHSCORES\r\nZSCORE z c\r\nZRANK z b WITHSCORE\r\n");
        await c.ExpectAsync(":3\r\n*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n,inf\r\n*2\r\n:1\r\n,2.5\r\n");
        // ZPOPMIN without a count stays flat in RESP3; with one it nests. A missing ZMPOP key is a null.
        await c.SendAsync("ZPOPMIN z\r\nZPOPMIN z 1\r\nZMPOP 1 missing MIN\r\nZRANDMEMBER z -1 WITHSCORES\r\n");
        await c.ExpectAsync("*2\r\n$1\r\na\r\n,1\r\n*1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n_\r\n*1\r\n*2\r\n$1\r\nc\r\n,inf\r\n");
    }
}
