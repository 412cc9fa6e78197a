using InProcValkey.Commands;
using InProcValkey.Server.Protocol;
using static InProcValkey.Server.Tests.RespHarness;

namespace InProcValkey.Server.Tests.Protocol;

/// <summary>
/// The request parser against Valkey's <c>processMultibulkBuffer</c>/<c>processInlineBuffer</c>. Every expected text
/// here was checked by sending the same bytes to redis-server 7.0.15 (identical code in Valkey 7.2).
/// </summary>
public sealed class RespRequestParserTests
{
    private static readonly RespParserOptions Small = new() { InlineMaxSize = 16, ProtoMaxBulkLen = 100 };

    private static (RespParseStatus Status, string? Error, string[] Args, int Consumed) Parse(
        string input, RespParserOptions? options = null, bool authenticated = true)
    {
        var parser = new RespRequestParser(options ?? RespParserOptions.Default) { Authenticated = authenticated };
        var args = new CommandArgs();
        var status = parser.TryParse(Bytes(input), args, out int consumed);
        var list = new string[status == RespParseStatus.Command ? args.Count : 0];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = Text(args[i]);
        }
        return (status, parser.Error, list, consumed);
    }

    private static string ErrorOf(string input, RespParserOptions? options = null, bool authenticated = true)
    {
        var r = Parse(input, options, authenticated);
        Assert.Equal(RespParseStatus.ProtocolError, r.Status);
        return r.Error!;
    }

    [Theory]
    [InlineData("*abc\r\n")]
    [InlineData("*3000000000\r\n")]
    [InlineData("*2147483648\r\n")]
    [InlineData("*01\r\n")]
    [InlineData("*+1\r\n")]
    [InlineData("*-0\r\n")]
    [InlineData("*\r\n")]
    [InlineData("*1\nfoo\r\n")]
    public void MultibulkCountThatIsNotAValidNumberIsInvalidMultibulkLength(string input) =>
        Assert.Equal("ERR Protocol error: invalid multibulk length", ErrorOf(input));

    [Theory]
    [InlineData("*0\r\n")]
    [InlineData("*-1\r\n")]
    [InlineData("*-5\r\n")]
    public void EmptyMultibulkIsSkippedWithoutReply(string input)
    {
        var r = Parse(input + "*1\r\n$4\r\nPING\r\n");
        Assert.Equal(RespParseStatus.Command, r.Status);
        Assert.Equal(["PING"], r.Args);
    }

    [Theory]
    [InlineData("*1\r\n$-1\r\n")]
    [InlineData("*1\r\n$-0\r\n")]
    [InlineData("*1\r\n$abc\r\n")]
    [InlineData("*1\r\n$\r\n")]
    [InlineData("*1\r\n$01\r\n")]
    [InlineData("*1\r\n$600000000\r\n")]
    public void BulkLengthThatIsNotAValidNumberIsInvalidBulkLength(string input) =>
        Assert.Equal("ERR Protocol error: invalid bulk length", ErrorOf(input));

    [Fact]
    public void BulkLongerThanProtoMaxBulkLenIsInvalidBulkLength()
    {
        Assert.Equal("ERR Protocol error: invalid bulk length", ErrorOf("*1\r\n$101\r\n", Small));
        Assert.Equal(RespParseStatus.NeedMoreData, Parse("*1\r\n$100\r\n", Small).Status);
    }

    [Theory]
    [InlineData("*1\r\nx3\r\n", "x")]
    [InlineData("*1\r\n\r\n", " ")] // '\r' printed with %c, then CR/LF become spaces in the reply
    [InlineData("*2\r\n$4\r\nECHO\r\n#\r\n", "#")]
    [InlineData("*1\r\n\u00ff\r\n", "\u00ff")]
    public void ElementNotStartingWithDollarIsExpectedDollar(string input, string got)
    {
        var h = new RespHarness();
        var (output, outcome, _) = h.Feed(input);
        Assert.Equal($"-ERR Protocol error: expected '$', got '{got}'\r\n", output);
        Assert.Equal(RespBatchOutcome.CloseAfterReply, outcome);
    }

    [Fact]
    public void CountLineWithoutCarriageReturnBeyondInlineMaxIsTooBig()
    {
        Assert.Equal("ERR Protocol error: too big mbulk count string", ErrorOf("*" + new string('1', 17), Small));
        Assert.Equal("ERR Protocol error: too big bulk count string", ErrorOf("*1\r\n$" + new string('1', 17), Small));
        Assert.Equal("ERR Protocol error: too big inline request", ErrorOf("PING " + new string('a', 12), Small));
    }

    [Fact]
    public void InlineMaxIsValkeys64KilobytesAndWaitsAtTheLimit()
    {
        Assert.Equal(RespParseStatus.NeedMoreData, Parse(new string('A', 64 * 1024)).Status);
        Assert.Equal("ERR Protocol error: too big inline request", ErrorOf(new string('A', 64 * 1024 + 1)));
        Assert.Equal("ERR Protocol error: too big mbulk count string", ErrorOf("*" + new string('1', 64 * 1024)));
        Assert.Equal("ERR Protocol error: too big bulk count string", ErrorOf("*1\r\n$" + new string('1', 64 * 1024)));
    }

    [Fact]
    public void UnauthenticatedClientsGetTheSmallerLimits()
    {
        Assert.Equal("ERR Protocol error: unauthenticated multibulk length", ErrorOf("*11\r\n", authenticated: false));
        Assert.Equal(RespParseStatus.NeedMoreData, Parse("*10\r\n", authenticated: false).Status);
        Assert.Equal("ERR Protocol error: unauthenticated bulk length", ErrorOf("*1\r\n$16385\r\n", authenticated: false));
        Assert.Equal(RespParseStatus.NeedMoreData, Parse("*1\r\n$16384\r\n", authenticated: false).Status);
        Assert.Equal(RespParseStatus.NeedMoreData, Parse("*11\r\n$16385\r\n").Status);
    }

    [Fact]
    public void InvalidCountIsReportedBeforeTheUnauthenticatedLimit() =>
        Assert.Equal("ERR Protocol error: invalid multibulk length", ErrorOf("*3000000000\r\n", authenticated: false));

    [Fact]
    public void BytesAfterCarriageReturnAndAfterABulkAreNotChecked()
    {
        // Valkey skips the two bytes after '\r' and after a bulk without looking at them.
        var r = Parse("*1\rX$4\r\nPINGxx");
        Assert.Equal(RespParseStatus.Command, r.Status);
        Assert.Equal(["PING"], r.Args);
        Assert.Equal(14, r.Consumed);
    }

    [Fact]
    public void NulByteBeforeLineEndMakesTheParserWaitLikeStrchr()
    {
        Assert.Equal(RespParseStatus.NeedMoreData, Parse("*1\0\r\n$4\r\nPING\r\n").Status);
        Assert.Equal(RespParseStatus.NeedMoreData, Parse("ECHO a\0b\r\n").Status);
        Assert.Equal(RespParseStatus.Command, Parse("*1\r\n$3\r\na\0b\r\n").Status); // inside a bulk NUL is data
    }

    [Fact]
    public void BinaryBulkIsKeptByteForByte()
    {
        var r = Parse("*2\r\n$4\r\nECHO\r\n$4\r\n\r\n\0\u00ff\r\n");
        Assert.Equal(["ECHO", "\r\n\0\u00ff"], r.Args);
    }

    [Theory]
    [InlineData("PING\r\n", new[] { "PING" })]
    [InlineData("PING\n", new[] { "PING" })]
    [InlineData("  SET  k \t v  \r\n", new[] { "SET", "k", "v" })]
    [InlineData("ECHO \"a b\"\r\n", new[] { "ECHO", "a b" })]
    [InlineData("ECHO \"\\n\\r\\t\\b\\a\\\\\\\"\\q\"\r\n", new[] { "ECHO", "\n\r\t\b\a\\\"q" })]
    [InlineData("ECHO \"\\x41\\x7a\\xZZ\"\r\n", new[] { "ECHO", "AzxZZ" })]
    [InlineData("ECHO 'a\\'b' 'c\\nd'\r\n", new[] { "ECHO", "a'b", "c\\nd" })]
    [InlineData("ECHO a\"b c\"\r\n", new[] { "ECHO", "ab c" })]
    [InlineData("ECHO \"\"\r\n", new[] { "ECHO", "" })]
    [InlineData("ECHO x\u000by\r\n", new[] { "ECHO", "x\u000by" })]
    [InlineData("ECHO a\rb\r\n", new[] { "ECHO", "a", "b" })]
    [InlineData("$3\r\n", new[] { "$3" })]
    public void InlineCommandsFollowSdsSplitArgs(string input, string[] expected)
    {
        var r = Parse(input);
        Assert.Equal(RespParseStatus.Command, r.Status);
        Assert.Equal(expected, r.Args);
        Assert.Equal(input.Length, r.Consumed);
    }

    [Theory]
    [InlineData("\"unbalanced\r\n")]
    [InlineData("'unbalanced\r\n")]
    [InlineData("ECHO \"a\"b\r\n")]
    [InlineData("ECHO 'a'b\r\n")]
    [InlineData("ECHO \"a\\\r\n")]
    public void UnbalancedQuotesAreAProtocolError(string input) =>
        Assert.Equal("ERR Protocol error: unbalanced quotes in request", ErrorOf(input));

    [Fact]
    public void BlankInlineLinesAreSkipped()
    {
        var r = Parse("\r\n\n  \t \r\nPING\r\n");
        Assert.Equal(["PING"], r.Args);
        Assert.Equal(RespParseStatus.NeedMoreData, Parse("\r\n \r\n").Status);
    }

    [Fact]
    public void PartialMultibulkKeepsItsArgumentsAndResumes()
    {
        var parser = new RespRequestParser(RespParserOptions.Default);
        var args = new CommandArgs();
        var first = Bytes("*2\r\n$3\r\nGET\r\n$3\r\nke");
        Assert.Equal(RespParseStatus.NeedMoreData, parser.TryParse(first, args, out int consumed));
        Assert.Equal(17, consumed); // header, the completed GET and the next bulk's header
        Assert.True(parser.InCommand);
        var rest = first.AsSpan(consumed).ToArray().Concat(Bytes("y\r\n")).ToArray();
        Assert.Equal(RespParseStatus.Command, parser.TryParse(rest, args, out consumed));
        Assert.Equal(rest.Length, consumed);
        Assert.Equal("GET", Text(args[0]));
        Assert.Equal("key", Text(args[1]));
        Assert.False(parser.InCommand);
    }

    [Fact]
    public void IncompleteInputConsumesNothingOfAnInlineLine()
    {
        var r = Parse("SET k");
        Assert.Equal(RespParseStatus.NeedMoreData, r.Status);
        Assert.Equal(0, r.Consumed);
    }
}
