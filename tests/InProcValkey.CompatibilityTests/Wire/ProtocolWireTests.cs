using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>
/// Protocol-level differential cases: raw request bytes (inline commands, pipelines, protocol errors, odd lengths, HELLO,
/// RESP3 types) sent to redis-server and to the listener; the reply bytes and the closing of the connection must agree.
/// </summary>
public sealed class ProtocolWireTests : IDisposable
{
    private readonly WireExchange _wire;

    public ProtocolWireTests(RedisServerFixture server) => _wire = new WireExchange(server);

    private void Same(string request) => _wire.Same(request);

    // A protocol error: the reply, then the server closes the connection by itself (no half-close from the client).
    private void SameError(string request)
    {
        var (redis, _) = _wire.Same(request, halfClose: false);
        Assert.True(redis.Closed, $"redis-server kept the connection open after {RespBytes.Escape(Encoding.Latin1.GetBytes(request), 200)}");
    }

    private static string Multibulk(params string[] args) =>
        $"*{args.Length}\r\n" + string.Concat(args.Select(a => $"${Encoding.Latin1.GetByteCount(a)}\r\n{a}\r\n"));

    [Theory]
    [InlineData("PING\r\n")]
    [InlineData("PING\n")]
    [InlineData("ping hello\r\n")]
    [InlineData("SET k \"hello world\"\r\nGET k\r\n")]
    [InlineData("SET k \"a\\x41\\n\\t\\\"q\\\"\"\r\nGET k\r\nSTRLEN k\r\n")]
    [InlineData("SET k 'single \"quoted\"'\r\nGET k\r\n")]
    [InlineData("\r\n\r\n   \r\nPING\r\n")]
    [InlineData("  SET   k   v  \r\nGET k\nEXISTS k k\r\n")]
    [InlineData("FOO bar baz\r\n")]
    [InlineData("SET k \"\"\r\nGET k\r\n")]
    [InlineData("INCR n\r\nINCRBY n 10\r\nGET n\r\nDEL n\r\n")]
    [InlineData("ECHO\r\n")]
    public void InlineCommandsAgree(string request) => Same(request);

    [Theory]
    [InlineData("SET k \"unterminated\r\n")]
    [InlineData("ECHO \"a\"b\r\n")]
    [InlineData("ECHO 'a'b\r\n")]
    [InlineData("SET k v\r\nGET k\r\nECHO \"x\r\nPING\r\n")]
    public void UnbalancedQuotesAreAProtocolError(string request) => SameError(request);

    [Fact]
    public void TooBigInlineRequestIsAProtocolError() => SameError(new string('a', 70 * 1024));

    [Fact]
    public void PipelinesMixingMultibulkAndInlineAreAnsweredInOrder() =>
        Same(Multibulk("SET", "a", "1") + "GET a\r\n" + Multibulk("INCR", "a") + Multibulk("MGET", "a", "b") +
             "PING\r\n" + Multibulk("APPEND", "a", "xyz") + Multibulk("GET", "a") + Multibulk("DEL", "a", "b"));

    [Theory]
    [InlineData("*0\r\nPING\r\n")]
    [InlineData("*-1\r\nPING\r\n")]
    [InlineData("*-5\r\nPING\r\n")]
    [InlineData("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n")]
    [InlineData("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n*2\r\n$3\r\nGET\r\n$0\r\n\r\n*2\r\n$6\r\nSTRLEN\r\n$0\r\n\r\n")]
    [InlineData("*1\r\n$0\r\n\r\n")]
    [InlineData("*2\r\n$4\r\nECHO\r\n$3\r\na\r\n\r\n")]
    [InlineData("*1\r\n$4\r\nQUIT\r\nPING\r\n")]
    [InlineData("*2\r\n$4\r\nECHO\r\n$536870912\r\n")]
    [InlineData("*2147483647\r\n")]
    [InlineData("*1\r\n$4\r\nPI")]
    public void MultibulkEdgeCasesAgree(string request) => Same(request);

    [Theory]
    [InlineData("*abc\r\n")]
    [InlineData("*2147483648\r\n")]
    [InlineData("*1\r\nPING\r\n")]
    [InlineData("*2\r\n$4\r\nECHO\r\n:1\r\n")]
    [InlineData("*1\r\n$abc\r\n")]
    [InlineData("*1\r\n$-1\r\n")]
    [InlineData("*1\r\n$-5\r\n")]
    [InlineData("*1\r\n$536870913\r\n")]
    [InlineData("*1\r\n$99999999999999999999\r\n")]
    [InlineData("*1\r\n$\r\n")]
    [InlineData("*\r\n")]
    [InlineData("*1x\r\n")]
    [InlineData("*+1\r\n$4\r\nPING\r\n")]
    public void ProtocolErrorsAreAnsweredThenTheConnectionCloses(string request) => SameError(request);

    [Fact]
    public void TooBigCountStringsAreProtocolErrors()
    {
        SameError("*" + new string('1', 70 * 1024));
        SameError("*1\r\n$" + new string('1', 70 * 1024));
    }

    [Fact]
    public void AProtocolErrorAnswersTheCommandsBeforeItAndLeavesTheKeyspace()
    {
        SameError("SET kept 1\r\n" + Multibulk("INCR", "kept") + "*1\r\n$x\r\n" + Multibulk("SET", "after", "1"));
        _wire.SameState("GET", "kept");
        _wire.SameState("EXISTS", "after");
    }

    [Fact]
    public void BigBulkStringsRoundTrip()
    {
        string big = new('v', 1024 * 1024);
        Same(Multibulk("SET", "big", big) + Multibulk("GET", "big") + Multibulk("STRLEN", "big") + Multibulk("GETRANGE", "big", "-5", "-1"));
        string binary = Encoding.Latin1.GetString(Enumerable.Range(0, 256 * 64).Select(i => (byte)i).ToArray());
        Same(Multibulk("SET", "bin", binary) + Multibulk("GET", "bin") + Multibulk("APPEND", "bin", "\r\n") + Multibulk("GET", "bin"));
    }

    [Theory]
    [InlineData("HELLO\r\n")]
    [InlineData("HELLO 2\r\nGET missing\r\n")]
    [InlineData("HELLO 3\r\nGET missing\r\nHELLO 2\r\nGET missing\r\n")]
    [InlineData("HELLO 3 SETNAME conn1\r\nCLIENT GETNAME\r\n")]
    [InlineData("HELLO 2 SETNAME \"a b\"\r\nCLIENT GETNAME\r\n")]
    [InlineData("HELLO 4\r\nGET missing\r\n")]
    [InlineData("HELLO 1\r\n")]
    [InlineData("HELLO abc\r\n")]
    [InlineData("HELLO -3\r\n")]
    [InlineData("HELLO 3 BLAH\r\nGET missing\r\n")]
    [InlineData("HELLO 3 SETNAME\r\nGET missing\r\n")]
    [InlineData("HELLO 3 AUTH default\r\n")]
    [InlineData("HELLO 3 AUTH default wrong\r\nGET missing\r\n")]
    [InlineData("HELLO 3 AUTH default \"\"\r\n")]
    public void HelloVariantsAgree(string request) => Same(request);

    [Theory]
    [InlineData("GET missing\r\nMGET missing also\r\nSET k v\r\nMGET k missing\r\n")]
    [InlineData("SET k v GET\r\nSET k w GET\r\nGETDEL k\r\nGETDEL k\r\nGETEX missing\r\n")]
    [InlineData("OBJECT ENCODING missing\r\nSET k 12\r\nOBJECT ENCODING k\r\nTYPE k\r\nTYPE missing\r\n")]
    [InlineData("CONFIG GET maxmemory-policy\r\nCONFIG GET no-such-parameter\r\n")]
    [InlineData("SET a ohmytext\r\nSET b mynewtext\r\nLCS a b IDX\r\nLCS a b IDX MINMATCHLEN 4 WITHMATCHLEN\r\n")]
    [InlineData("COMMAND INFO get set\r\nCOMMAND INFO no-such-command\r\n")]
    [InlineData("COMMAND GETKEYSANDFLAGS set k v\r\nCOMMAND GETKEYS mset a 1 b 2\r\n")]
    [InlineData("SET k 10.5\r\nINCRBYFLOAT k 0.1\r\nINCRBYFLOAT k 1e3\r\n")]
    [InlineData("TTL missing\r\nEXPIRETIME missing\r\nSCAN 0 MATCH nomatch*\r\nKEYS nomatch*\r\n")]
    public void Resp3ReplyTypesAgree(string commands)
    {
        Same("HELLO 3\r\n" + commands);
        Same(commands);
    }

    [Theory]
    [InlineData("SELECT 3\r\nSET k v\r\nGET k\r\nRESET\r\nGET k\r\nSELECT 3\r\nGET k\r\nSELECT 16\r\nSELECT -1\r\nSELECT x\r\n")]
    [InlineData("CLIENT SETNAME first\r\nCLIENT GETNAME\r\nRESET\r\nCLIENT GETNAME\r\nCLIENT SETNAME \"a b\"\r\nCLIENT SETNAME \"\"\r\nCLIENT GETNAME\r\n")]
    [InlineData("HELLO 3\r\nGET missing\r\nRESET\r\nGET missing\r\n")]
    [InlineData("CLIENT REPLY OFF\r\nPING\r\nSET k v\r\nCLIENT REPLY ON\r\nGET k\r\n")]
    [InlineData("CLIENT REPLY SKIP\r\nPING a\r\nPING b\r\nCLIENT REPLY MAYBE\r\n")]
    [InlineData("QUIT\r\nPING\r\n")]
    [InlineData("PING\r\nPING hello\r\nPING a b\r\nECHO\r\nECHO a b\r\n")]
    [InlineData("CLIENT NO-EVICT on\r\nCLIENT NO-EVICT maybe\r\nCLIENT UNKNOWNSUB\r\n")]
    // SKIP during a skipped command skips the next one too; SKIP while OFF is ignored (CLIENT_REPLY_SKIP_NEXT).
    [InlineData("CLIENT REPLY SKIP\r\nCLIENT REPLY SKIP\r\nPING a\r\nPING b\r\nPING c\r\n")]
    [InlineData("CLIENT REPLY OFF\r\nCLIENT REPLY SKIP\r\nPING a\r\nPING b\r\nCLIENT REPLY ON\r\nPING c\r\n")]
    [InlineData("CLIENT REPLY SKIP\r\nCLIENT REPLY OFF\r\nPING a\r\nCLIENT REPLY ON\r\nPING b\r\n")]
    // (Un)subscribe confirmations and messages are pushes: delivered under CLIENT REPLY OFF/SKIP (CLIENT_PUSHING).
    [InlineData("CLIENT REPLY OFF\r\nSUBSCRIBE ch\r\nPSUBSCRIBE c*\r\nUNSUBSCRIBE\r\nPUNSUBSCRIBE\r\nPING\r\n")]
    [InlineData("CLIENT REPLY SKIP\r\nSUBSCRIBE ch\r\nUNSUBSCRIBE ch\r\nPING\r\n")]
    [InlineData("HELLO 3\r\nCLIENT REPLY OFF\r\nSUBSCRIBE ch\r\nPUBLISH ch x\r\nCLIENT REPLY ON\r\nPUBLISH ch y\r\n")]
    [InlineData("HELLO 3\r\nSUBSCRIBE ch\r\nCLIENT REPLY SKIP\r\nPUBLISH ch x\r\nPUBLISH ch y\r\n")]
    public void ConnectionStateCommandsAgree(string request) => Same(request);

    public void Dispose() => _wire.Dispose();
}

/// <summary>
/// The same exchanges with a password set on both sides (redis-server via CONFIG SET requirepass, restored afterwards):
/// NOAUTH before AUTH, AUTH/HELLO AUTH errors, and the smaller protocol limits Valkey applies to unauthenticated clients.
/// </summary>
public sealed class AuthWireTests : IDisposable
{
    private const string Password = "s3cret";
    private readonly RedisServerFixture _server;
    private readonly WireExchange _wire;

    public AuthWireTests(RedisServerFixture server)
    {
        _server = server;
        _wire = new WireExchange(server, o => o.RequirePass = Password);
        using var c = WireConnection.Connect(server.Port);
        c.Execute([.. "CONFIG"u8], [.. "SET"u8], [.. "requirepass"u8], Encoding.ASCII.GetBytes(Password));
    }

    [Theory]
    [InlineData("GET k\r\n")]
    [InlineData("PING\r\nECHO x\r\nAUTH wrong\r\nAUTH default wrong\r\nAUTH a b c\r\nGET k\r\n")]
    [InlineData("AUTH s3cret\r\nSET k v\r\nGET k\r\n")]
    [InlineData("AUTH default s3cret\r\nGET k\r\n")]
    [InlineData("HELLO 3\r\nHELLO 3 AUTH default wrong\r\nHELLO 2 AUTH default s3cret\r\nGET k\r\n")]
    [InlineData("HELLO 3 AUTH default s3cret\r\nGET k\r\n")]
    [InlineData("*10\r\n$4\r\nPING\r\n")]
    [InlineData("*1\r\n$16384\r\n")]
    [InlineData("AUTH s3cret\r\n*11\r\n$4\r\nPING\r\n")]
    [InlineData("AUTH s3cret\r\n*1\r\n$16385\r\n")]
    public void ExchangesWithAPasswordAgree(string request) => _wire.Same(request);

    [Property(MaxTest = 100, QuietOnSuccess = true)]
    public Property GarbageFromAnUnauthenticatedClientIsAnsweredAsRedisServerAnswersIt() =>
        Prop.ForAll(SocketPropertyTests.Garbage.ToArbitrary(), garbage => { _wire.Same(garbage); });

    [Theory]
    [InlineData("*11\r\n")]
    [InlineData("*1\r\n$16385\r\n")]
    [InlineData("PING\r\n*100\r\n")]
    public void UnauthenticatedLimitsAreProtocolErrors(string request)
    {
        var (redis, _) = _wire.Same(request, halfClose: false);
        Assert.True(redis.Closed);
    }

    public void Dispose()
    {
        using (var c = WireConnection.Connect(_server.Port))
        {
            c.Execute([.. "AUTH"u8], Encoding.ASCII.GetBytes(Password));
            c.Execute([.. "CONFIG"u8], [.. "SET"u8], [.. "requirepass"u8], []);
        }
        _wire.Dispose();
    }
}

/// <summary>
/// client-query-buffer-limit at its smallest (1 MB) on both sides (redis-server via CONFIG SET, restored afterwards): a client
/// whose unfinished request outgrows it is disconnected without a reply, and the listener does not buffer past it.
/// </summary>
public sealed class QueryBufferLimitWireTests : IDisposable
{
    private const long Limit = 1024 * 1024;
    private readonly RedisServerFixture _server;
    private readonly WireExchange _wire;

    public QueryBufferLimitWireTests(RedisServerFixture server)
    {
        _server = server;
        _wire = new WireExchange(server, o => o.ClientQueryBufferLimit = Limit);
        using var c = WireConnection.Connect(server.Port);
        c.Execute([.. "CONFIG"u8], [.. "SET"u8], [.. "client-query-buffer-limit"u8], [.. "1mb"u8]);
    }

    [Theory]
    [InlineData("*2\r\n$4\r\nECHO\r\n$100000000\r\n")]
    [InlineData("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5000000\r\n")]
    [InlineData("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$3000000\r\n")]
    public void AnUnfinishedRequestBeyondTheLimitClosesTheConnection(string header)
    {
        // Twice the limit of payload, never finishing the bulk string.
        byte[] request = [.. Encoding.Latin1.GetBytes(header), .. new byte[2 * Limit]];
        var (redis, _) = _wire.Same(request, halfClose: false);
        Assert.True(redis.Closed);
        _wire.SameState("DBSIZE");
    }

    [Fact]
    public void ABigRequestWithinTheLimitIsServed() =>
        _wire.Same("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$900000\r\n" + new string('v', 900_000) + "\r\n*2\r\n$6\r\nSTRLEN\r\n$1\r\nk\r\n");

    public void Dispose()
    {
        using (var c = WireConnection.Connect(_server.Port))
        {
            c.Execute([.. "CONFIG"u8], [.. "SET"u8], [.. "client-query-buffer-limit"u8], [.. "1gb"u8]);
        }
        _wire.Dispose();
    }
}
