using System.Buffers;
using InProcValkey.Server.Protocol;
using static InProcValkey.Server.Tests.RespHarness;

namespace InProcValkey.Server.Tests.Protocol;

/// <summary>Every reply type in RESP2 and RESP3, as Valkey 7.2's <c>addReply*</c> functions write them.</summary>
public sealed class RespReplyWriterTests
{
    private static string Write(int protocol, Action<RespReplyWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(new RespReplyWriter(output, protocol));
        return Text(output.WrittenSpan);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void TypesThatAreTheSameInBothProtocols(int protocol)
    {
        Assert.Equal("+OK\r\n", Write(protocol, w => w.SimpleString("OK")));
        Assert.Equal("-ERR boom\r\n", Write(protocol, w => w.Error("ERR boom")));
        Assert.Equal(":0\r\n:-9223372036854775808\r\n:9223372036854775807\r\n",
            Write(protocol, w => { w.Integer(0); w.Integer(long.MinValue); w.Integer(long.MaxValue); }));
        Assert.Equal("$3\r\nabc\r\n$0\r\n\r\n", Write(protocol, w => { w.Bulk("abc"u8); w.Bulk(""u8); }));
        Assert.Equal("$2\r\n\u00c3\u00a9\r\n", Write(protocol, w => w.Bulk("é"))); // UTF-8
        Assert.Equal("*2\r\n:1\r\n*0\r\n", Write(protocol, w => { w.Array(2); w.Integer(1); w.Array(0); }));
    }

    [Fact]
    public void ErrorTextsHaveCarriageReturnsAndLineFeedsReplacedBySpaces() =>
        Assert.Equal("-ERR a b  c\r\n", Write(2, w => w.Error("ERR a\rb\r\nc")));

    [Fact]
    public void LargeBulkIsWrittenWhole()
    {
        var value = new byte[100_000];
        value.AsSpan().Fill((byte)'x');
        Assert.Equal("$100000\r\n" + new string('x', 100_000) + "\r\n", Write(2, w => w.Bulk(value)));
        Assert.Equal("$100000\r\n" + new string('x', 100_000) + "\r\n", Write(2, w => w.Bulk(new string('x', 100_000))));
    }

    [Fact]
    public void Resp2DowngradesTheResp3Types()
    {
        Assert.Equal("$-1\r\n", Write(2, w => w.Null()));
        Assert.Equal("*-1\r\n", Write(2, w => w.NullArray()));
        Assert.Equal("*4\r\n", Write(2, w => w.Map(2)));
        Assert.Equal("*3\r\n", Write(2, w => w.Set(3)));
        Assert.Equal("*3\r\n", Write(2, w => w.Push(3)));
        Assert.Equal(":1\r\n:0\r\n", Write(2, w => { w.Boolean(true); w.Boolean(false); }));
        Assert.Equal("$3\r\n1.5\r\n", Write(2, w => w.Double(1.5)));
        Assert.Equal("$5\r\nhello\r\n", Write(2, w => w.Verbatim("txt", "hello")));
        Assert.Equal("$20\r\n12345678901234567890\r\n", Write(2, w => w.BigNumber("12345678901234567890"u8)));
    }

    [Fact]
    public void Resp3UsesItsOwnTypes()
    {
        Assert.Equal("_\r\n_\r\n", Write(3, w => { w.Null(); w.NullArray(); }));
        Assert.Equal("%2\r\n", Write(3, w => w.Map(2)));
        Assert.Equal("~3\r\n", Write(3, w => w.Set(3)));
        Assert.Equal(">3\r\n", Write(3, w => w.Push(3)));
        Assert.Equal("#t\r\n#f\r\n", Write(3, w => { w.Boolean(true); w.Boolean(false); }));
        Assert.Equal(",1.5\r\n,inf\r\n,-inf\r\n,nan\r\n",
            Write(3, w => { w.Double(1.5); w.Double(double.PositiveInfinity); w.Double(double.NegativeInfinity); w.Double(double.NaN); }));
        Assert.Equal("=15\r\ntxt:Some string\r\n", Write(3, w => w.Verbatim("txt", "Some string")));
        Assert.Equal("(12345678901234567890\r\n", Write(3, w => w.BigNumber("12345678901234567890"u8)));
    }

    [Fact]
    public void ProtocolCanBeSwitchedPerConnection()
    {
        var output = new ArrayBufferWriter<byte>();
        var w = new RespReplyWriter(output);
        w.Null();
        w.Protocol = 3;
        w.Null();
        Assert.Equal("$-1\r\n_\r\n", Text(output.WrittenSpan));
    }

    /// <summary>Valkey 7.2 <c>d2string</c>: double2ll integers, then fpconv_dtoa's layout of the shortest digits.</summary>
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(-1.0, "-1")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.1, "1.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(3.14159, "3.14159")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000015, "1.5e-6")] // K = -7: scientific
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(1e-300, "1e-300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e18, "1000000000000000000")]
    [InlineData(4611686018427387904.0, "4611686018427387904")] // 2^62: still double2ll
    [InlineData(9223372036854775807.0, "9223372036854776000")] // 2^63: past double2ll; shortest digits, plain
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e21, "1.5e+21")]
    [InlineData(1e100, "1e+100")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(-1.7976931348623157e308, "-1.7976931348623157e+308")]
    [InlineData(123456789012.5, "123456789012.5")]
    [InlineData(0.001, "0.001")]
    [InlineData(12.0e-5, "0.00012")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void DoublesAreFormattedAsValkey72(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[DoubleFormatter.MaxLength];
        int n = DoubleFormatter.Format(value, buffer);
        Assert.Equal(expected, Text(buffer[..n]));
        Assert.Equal($"${expected.Length}\r\n{expected}\r\n", Write(2, w => w.Double(value)));
        Assert.Equal($",{expected}\r\n", Write(3, w => w.Double(value)));
    }
}
