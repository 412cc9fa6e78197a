using System.Buffers;
using InProcValkey.Server.Protocol;
using static InProcValkey.Server.Tests.RespHarness;

namespace InProcValkey.Server.Tests.Protocol;

/// <summary>RESP bytes in, reply bytes out, through the engine's command table.</summary>
public sealed class RespCommandProcessorTests(RawRedisServer redis) : IClassFixture<RawRedisServer>
{
    private static readonly string Pipeline =
        Command("SET", "k", "v") + Command("GET", "k") + Command("GET", "missing") + Command("INCR", "n") + Command("INCR", "n")
        + Command("INCR", "k") + Command("NOSUCH", "a", "b") + Command("GET") + "ECHO \"two words\"\r\n" + "PING\r\n"
        + Command("SET", "k", "v", "EX", "0") + Command("MGET", "k", "missing");

    private const string PipelineReplies =
        "+OK\r\n$1\r\nv\r\n$-1\r\n:1\r\n:2\r\n-ERR value is not an integer or out of range\r\n"
        + "-ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b' \r\n"
        + "-ERR wrong number of arguments for 'get' command\r\n$9\r\ntwo words\r\n+PONG\r\n"
        + "-ERR invalid expire time in 'set' command\r\n*2\r\n$1\r\nv\r\n$-1\r\n";

    [Fact]
    public void PipelinedCommandsAreAnsweredInOrderInOneBatch()
    {
        using var h = new RespHarness();
        var (output, outcome, consumed) = h.Feed(Pipeline);
        Assert.Equal(PipelineReplies, output);
        Assert.Equal(RespBatchOutcome.Continue, outcome);
        Assert.Equal(Pipeline.Length, consumed);
        Assert.Equal(12, h.Processor.CommandsProcessed);
    }

    [Fact]
    public void PipelineRepliesMatchRedisServerByteForByte()
    {
        Assert.SkipWhen(redis.Unavailable is not null, redis.Unavailable ?? "");
        var reference = redis.Send(Bytes("FLUSHALL\r\n" + Pipeline), 5 + PipelineReplies.Length);
        Assert.Equal("+OK\r\n" + PipelineReplies, Text(reference));
    }

    [Theory]
    [InlineData("*abc\r\n")]
    [InlineData("*1\r\nx3\r\n")]
    [InlineData("*1\r\n\u00ff\r\n")]
    [InlineData("*1\r\n\r\n")]
    [InlineData("*1\r\n$-1\r\n")]
    [InlineData("*1\r\n$600000000\r\n")]
    [InlineData("\"unbalanced\r\n")]
    [InlineData("PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n#\r\n")]
    public void ProtocolErrorsMatchRedisServerAndCloseAfterTheReply(string input)
    {
        using var h = new RespHarness();
        var (output, outcome, _) = h.Feed(input);
        Assert.Equal(RespBatchOutcome.CloseAfterReply, outcome);
        Assert.Contains("-ERR Protocol error: ", output, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", output, StringComparison.Ordinal);
        if (redis.Unavailable is null)
        {
            Assert.Equal(output, Text(redis.Send(Bytes(input), output.Length, waitForClose: true)));
        }
    }

    [Fact]
    public void KeyspaceIsUntouchedByTheCommandThatHadAProtocolError()
    {
        using var h = new RespHarness();
        var (output, outcome, _) = h.Feed("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n#1\r\nv\r\n");
        Assert.Equal(RespBatchOutcome.CloseAfterReply, outcome);
        Assert.Equal("-ERR Protocol error: expected '$', got '#'\r\n", output);
        Assert.Null(h.Store.Execute("GET", "k").AsBytes());
    }

    [Fact]
    public void CommandsArriveInPiecesAcrossBatches()
    {
        using var h = new RespHarness();
        var wire = Bytes(Command("SET", "key", new string('v', 1000)) + Command("GET", "key"));
        var output = new ArrayBufferWriter<byte>();
        var pending = new List<byte>();
        for (int i = 0; i < wire.Length; i += 7)
        {
            pending.AddRange(wire.AsSpan(i, Math.Min(7, wire.Length - i)).ToArray());
            Assert.Equal(RespBatchOutcome.Continue, h.Processor.Process(pending.ToArray(), output, out int consumed));
            pending.RemoveRange(0, consumed);
        }
        Assert.Empty(pending);
        Assert.Equal("+OK\r\n$1000\r\n" + new string('v', 1000) + "\r\n", Text(output.WrittenSpan));
    }

    [Fact]
    public void MultiSegmentInputGivesTheSameReplies()
    {
        using var h = new RespHarness();
        var wire = Bytes(Pipeline);
        var output = new ArrayBufferWriter<byte>();
        var outcome = h.Processor.Process(Segments.Split(wire, [3, 10, 11, 40, 41, 42, 100, 150]), output, out var consumed);
        Assert.Equal(RespBatchOutcome.Continue, outcome);
        Assert.Equal(PipelineReplies, Text(output.WrittenSpan));
        Assert.Equal(wire.Length, Segments.Split(wire, [3]).Slice(0, consumed).Length);
    }

    [Fact]
    public void QueryBufferBeyondTheLimitClosesWithoutReply()
    {
        using var h = new RespHarness(new RespParserOptions { ClientQueryBufferLimit = 100 });
        var (output, outcome, _) = h.Feed("PING\r\n" + Command("SET", "k", new string('v', 200))[..150]);
        Assert.Equal("+PONG\r\n", output);
        Assert.Equal(RespBatchOutcome.Close, outcome);
    }

    [Fact]
    public void UnauthenticatedClientsHaveTheSmallerQueryBufferLimit()
    {
        var options = new RespParserOptions { UnauthenticatedQueryBufferLimit = 100 };
        Assert.Equal(1024 * 1024, RespParserOptions.Default.UnauthenticatedQueryBufferLimit);
        string partial = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$200\r\n" + new string('v', 150);
        using var h = new RespHarness(options);
        Assert.Equal(RespBatchOutcome.Continue, h.Feed(partial).Outcome);
        using var unauthenticated = new RespHarness(options);
        unauthenticated.Processor.Parser.Authenticated = false;
        Assert.Equal(RespBatchOutcome.Close, unauthenticated.Feed(partial).Outcome);
    }

    [Fact]
    public void Resp3RepliesUseResp3Nulls()
    {
        using var h = new RespHarness(protocol: 3);
        Assert.Equal("_\r\n", h.Feed(Command("GET", "missing")).Output);
    }
}
