using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static InProcValkey.Tests.Strings.StringTestKit;

namespace InProcValkey.Tests.Strings;

/// <summary>APPEND, STRLEN, GETRANGE / SUBSTR, SETRANGE: Valkey 7.2 index rules, encodings, TTL, size limit.</summary>
public sealed class RangeTests
{
    private const string TooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    [Theory]
    [InlineData("0", "-1", "hello")]
    [InlineData("1", "3", "ell")]
    [InlineData("-3", "-1", "llo")]
    [InlineData("-1", "-3", "")]
    [InlineData("3", "1", "")]
    [InlineData("0", "-10", "h")]
    [InlineData("-10", "-20", "")]
    [InlineData("-10", "-6", "h")]
    [InlineData("-10", "100", "hello")]
    [InlineData("5", "10", "")]
    [InlineData("4", "4", "o")]
    [InlineData("0", "9223372036854775807", "hello")]
    [InlineData("-9223372036854775808", "9223372036854775807", "hello")]
    public void GetRangeFollowsValkey72IndexRules(string start, string end, string expected)
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "hello");
        Assert.Equal(expected, t.Text("GETRANGE", "k", start, end));
        Assert.Equal(expected, t.Text("SUBSTR", "k", start, end));
    }

    [Fact]
    public void GetRangeOnEmptyMissingAndIntegerValues()
    {
        using var t = new TestStore();
        t.Ok("SET", "e", "");
        Assert.Equal("", t.Text("GETRANGE", "e", "0", "-1"));
        Assert.Equal(ValkeyReplyKind.BulkString, t.Run("GETRANGE", "missing", "0", "-1").Kind);
        Assert.Equal("", t.Text("GETRANGE", "missing", "0", "-1"));
        t.Ok("SET", "n", "-12345");
        Assert.Equal("-12", t.Text("GETRANGE", "n", "0", "2"));
        Assert.Equal("45", t.Text("GETRANGE", "n", "-2", "-1"));
    }

    [Fact]
    public void GetRangeErrors()
    {
        using var t = new TestStore();
        t.PutNonString("l");
        t.Error(NotInteger, "GETRANGE", "l", "x", "1");
        t.Error(NotInteger, "GETRANGE", "k", "0", "1.5");
        t.Error(WrongType, "GETRANGE", "l", "0", "1");
        t.Error("ERR wrong number of arguments for 'substr' command", "SUBSTR", "k", "0");
    }

    [Fact]
    public void StrLenCountsBytesOfTheText()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Int("STRLEN", "missing"));
        t.Ok("SET", "n", "-9223372036854775808");
        Assert.Equal(20, t.Int("STRLEN", "n"));
        t.Ok("SET", "u", "é");
        Assert.Equal(2, t.Int("STRLEN", "u"));
        t.PutNonString("l");
        t.Error(WrongType, "STRLEN", "l");
    }

    [Fact]
    public void AppendCreatesLikeSetThenProducesRaw()
    {
        using var t = new TestStore();
        Assert.Equal(3, t.Int("APPEND", "n", "123"));
        Assert.Equal("int", t.EncodingOf("n"));
        Assert.Equal(4, t.Int("APPEND", "n", "4"));
        Assert.Equal("raw", t.EncodingOf("n"));
        Assert.Equal("1234", t.Text("GET", "n"));
        Assert.Equal(0, t.Int("APPEND", "e", ""));
        Assert.Equal("embstr", t.EncodingOf("e"));
        t.Ok("SET", "s", "abc");
        Assert.Equal(3, t.Int("APPEND", "s", ""));
        Assert.Equal("raw", t.EncodingOf("s"));
    }

    [Fact]
    public void AppendAndSetRangeKeepTheTtl()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "abc", "EX", "100");
        Assert.Equal(6, t.Int("APPEND", "k", "def"));
        Assert.Equal(100_000, t.Pttl("k"));
        Assert.Equal(6, t.Int("SETRANGE", "k", "0", "X"));
        Assert.Equal(10, t.Int("SETRANGE", "k", "8", "YZ"));
        Assert.Equal(100_000, t.Pttl("k"));
        Assert.Equal("Xbcdef\0\0YZ", t.Text("GET", "k"));
        t.Time.Advance(TimeSpan.FromSeconds(100.001));
        t.Nil("GET", "k");
    }

    [Fact]
    public void SetRangePadsWithZerosAndProducesRaw()
    {
        using var t = new TestStore();
        Assert.Equal(5, t.Int("SETRANGE", "k", "3", "ab"));
        Assert.Equal("\0\0\0ab", t.Text("GET", "k"));
        Assert.Equal("raw", t.EncodingOf("k"));
        t.Ok("SET", "e", "abcd");
        Assert.Equal(4, t.Int("SETRANGE", "e", "0", "z"));
        Assert.Equal("raw", t.EncodingOf("e"));
        t.Ok("SET", "i", "5");
        Assert.Equal(1, t.Int("SETRANGE", "i", "0", "7"));
        Assert.Equal("raw", t.EncodingOf("i"));
        Assert.Equal("7", t.Text("GET", "i"));
    }

    [Fact]
    public void SetRangeWithAnEmptyValueChangesNothing()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Int("SETRANGE", "missing", "0", ""));
        Assert.Equal(0, t.Int("SETRANGE", "missing", "999999999999", ""));
        Assert.Equal(-2, t.Pttl("missing"));
        t.Ok("SET", "k", "hello");
        Assert.Equal(5, t.Int("SETRANGE", "k", "100", ""));
        Assert.Equal("embstr", t.EncodingOf("k"));
    }

    [Fact]
    public void SetRangeErrors()
    {
        using var t = new TestStore();
        t.PutNonString("l");
        t.Error("ERR offset is out of range", "SETRANGE", "l", "-1", "x");
        t.Error(NotInteger, "SETRANGE", "k", "x", "v");
        t.Error(WrongType, "SETRANGE", "l", "0", "x");
        t.Error(WrongType, "SETRANGE", "l", "0", "");
        t.Error(TooLong, "SETRANGE", "k", "536870912", "a");
        t.Error(TooLong, "SETRANGE", "k", "9223372036854775807", "a");
        Assert.Equal(-2, t.Pttl("k"));
    }

    [Fact]
    public void TheSizeLimitIsCheckedBeforeAllocating()
    {
        using var store = new ValkeyStore(new ValkeyStoreOptions { ProtoMaxBulkLen = 10 });
        var s = store.CreateSession();
        Assert.Equal(10, s.Execute("SETRANGE", "k", "5", "abcde").AsInt64());
        Assert.Equal(TooLong, s.Execute("SETRANGE", "k", "6", "abcde").ErrorMessage);
        Assert.Equal(TooLong, s.Execute("APPEND", "k", "x").ErrorMessage);
        Assert.Equal(10, s.Execute("APPEND", "k", "").AsInt64());
        Assert.Equal(11, s.Execute("APPEND", "new", "12345678901").AsInt64()); // a new key is not checked, as in Valkey
        Assert.Equal(10, s.Execute("STRLEN", "k").AsInt64());
    }

    /// <summary>GETRANGE / SETRANGE / APPEND sequences against a byte-array model.</summary>
    [Property(MaxTest = 150)]
    public void RangeCommandsMatchAByteArrayModel(byte[] initial, (byte Op, sbyte A, sbyte B, byte[] Data)[] steps)
    {
        using var t = new TestStore();
        var db = t.Db;
        byte[] key = "k"u8.ToArray();
        List<byte>? model = null;
        if (initial is not null)
        {
            db.StringSet(key, initial);
            model = [.. initial];
        }
        foreach (var (op, a, b, data) in steps ?? [])
        {
            var bytes = data ?? [];
            switch (op % 3)
            {
                case 0:
                    Assert.Equal(ModelRange(model, a, b), db.StringGetRange(key, a, b));
                    break;
                case 1:
                    long offset = Math.Abs((int)a);
                    long expectedLength;
                    if (bytes.Length == 0)
                    {
                        expectedLength = model?.Count ?? 0;
                    }
                    else
                    {
                        model ??= [];
                        while (model.Count < offset + bytes.Length)
                        {
                            model.Add(0);
                        }
                        for (int i = 0; i < bytes.Length; i++)
                        {
                            model[(int)offset + i] = bytes[i];
                        }
                        expectedLength = model.Count;
                    }
                    Assert.Equal(expectedLength, db.StringSetRange(key, offset, bytes));
                    break;
                default:
                    model ??= [];
                    model.AddRange(bytes);
                    Assert.Equal(model.Count, db.StringAppend(key, bytes));
                    break;
            }
            Assert.Equal(model?.ToArray(), db.StringGet(key));
            Assert.Equal(model?.Count ?? 0, db.StringLength(key));
        }
    }

    private static byte[] ModelRange(List<byte>? model, long start, long end)
    {
        int n = model?.Count ?? 0;
        if (start < 0 && end < 0 && start > end)
        {
            return [];
        }
        long s = start < 0 ? Math.Max(0, n + start) : start;
        long e = end < 0 ? Math.Max(0, n + end) : Math.Min(end, n - 1);
        if (n == 0 || s > e)
        {
            return [];
        }
        return model!.GetRange((int)s, (int)(e - s + 1)).ToArray();
    }

    [Property(MaxTest = 100)]
    public Property IntegerValuesReadLikeTheirText(long value, sbyte start, sbyte end)
    {
        using var t = new TestStore();
        var text = value.ToString();
        t.Ok("SET", "n", text);
        t.Ok("SET", "s", text + "x");
        var fromInt = t.Text("GETRANGE", "n", start.ToString(), end.ToString());
        var model = ModelRange([.. System.Text.Encoding.ASCII.GetBytes(text)], start, end);
        return (fromInt == System.Text.Encoding.ASCII.GetString(model)).Label($"{text}[{start}..{end}] = {fromInt}");
    }
}
