using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Keys;

/// <summary>OBJECT ENCODING (int/embstr/raw transitions), REFCOUNT (shared integers), IDLETIME, FREQ, HELP.</summary>
public class ObjectTests(RedisServerFixture server) : CompatTest(server)
{
    private void Encoding(string key) => Same("OBJECT", "ENCODING", key);

    [Theory]
    [InlineData("123")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("9999")]
    [InlineData("10000")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("01")]
    [InlineData("-0")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12345678901234567890")]
    public void EncodingOfSetValues(string value)
    {
        Same("SET", "k", value);
        Encoding("k");
        Same("OBJECT", "REFCOUNT", "k");
    }

    [Fact]
    public void EmbstrUpToFortyFourBytesThenRaw()
    {
        Same("SET", "k44", Bin.Text(44));
        Encoding("k44");
        Same("SET", "k45", Bin.Text(45));
        Encoding("k45");
        Same("SET", "k20", Bin.Text(20, '7'));
        Encoding("k20");
        Same("SET", "k21", Bin.Text(21, '7'));
        Encoding("k21");
        Same("SET", "bin", Bin.Value);
        Encoding("bin");
        Same("SET", "big", Bin.Text(40_000));
        Encoding("big");
    }

    [Fact]
    public void EncodingAfterStringCommands()
    {
        Same("SET", "a", "abc");
        Same("APPEND", "a", "def");
        Encoding("a");
        Same("SET", "n", "123");
        Same("APPEND", "n", "4");
        Encoding("n");
        Same("APPEND", "new", "abc");
        Encoding("new");
        Same("APPEND", "newint", "123");
        Encoding("newint");
        Same("SETRANGE", "r", "0", "abc");
        Encoding("r");
        Same("SET", "r2", "hello");
        Same("SETRANGE", "r2", "0", "J");
        Encoding("r2");
        Same("SET", "r3", "123");
        Same("SETRANGE", "r3", "0", "4");
        Encoding("r3");
        Same("INCRBYFLOAT", "f", "1.5");
        Encoding("f");
        Same("INCRBYFLOAT", "f", "1.5");
        Encoding("f");
        Same("SET", "e", Bin.Text(44));
        Same("INCRBYFLOAT", "g", "1e30");
        Encoding("g");
        Same("GETSET", "gs", "77");
        Encoding("gs");
        Same("SETEX", "se", "100", "88");
        Encoding("se");
        Same("MSET", "m1", "5", "m2", "five");
        Encoding("m1");
        Encoding("m2");
        Same("SETNX", "nx", "6");
        Encoding("nx");
    }

    [Fact]
    public void EncodingAndRefcountAfterIncr()
    {
        Same("INCR", "c");
        Encoding("c");
        Same("OBJECT", "REFCOUNT", "c");
        Same("INCRBY", "c", "9998");
        Same("OBJECT", "REFCOUNT", "c");
        Same("INCR", "c");
        Encoding("c");
        Same("OBJECT", "REFCOUNT", "c");
        Same("INCR", "c");
        Same("OBJECT", "REFCOUNT", "c");
        Same("DECRBY", "c", "10001");
        Same("OBJECT", "REFCOUNT", "c");
        Same("SET", "s", "abc");
        Same("OBJECT", "REFCOUNT", "s");
        Same("SET", "big", "123456789");
        Same("INCR", "big");
        Encoding("big");
        Same("OBJECT", "REFCOUNT", "big");
        Same("SET", "raw", Bin.Text(50, '1'));
        Encoding("raw");
    }

    [Fact]
    public void EncodingSurvivesCopyAndRename()
    {
        Same("SET", "n", "5");
        Same("COPY", "n", "n2");
        Encoding("n2");
        Same("OBJECT", "REFCOUNT", "n2");
        Same("SET", "s", Bin.Text(60));
        Same("RENAME", "s", "s2");
        Encoding("s2");
        Same("MOVE", "s2", "1");
        Same("SELECT", "1");
        Encoding("s2");
    }

    [Fact]
    public void ObjectOfMissingKeysIsNil()
    {
        Same("OBJECT", "ENCODING", "missing");
        Same("OBJECT", "REFCOUNT", "missing");
        Same("OBJECT", "IDLETIME", "missing");
        Same("OBJECT", "FREQ", "missing");
        Same("SET", "gone", "v", "PXAT", "1");
        Same("OBJECT", "ENCODING", "gone");
    }

    [Fact]
    public void IdleTimeOfAFreshKeyIsAboutZero()
    {
        Same("SET", "k", "v");
        SameApprox("OBJECT", "IDLETIME", "k");
        Same("GET", "k");
        SameApprox("OBJECT", "IDLETIME", "k");
        SameApprox("object", "idletime", Bin.Key);
    }

    [Fact]
    public void FreqNeedsAnLfuPolicy()
    {
        Same("SET", "k", "v");
        Same("OBJECT", "FREQ", "k");
        Same("OBJECT", "freq", "missing");
    }

    [Fact]
    public void HelpAndSubcommandErrors()
    {
        Same("OBJECT", "HELP");
        Same("object", "help");
        Same("OBJECT", "HELP", "extra");
        Same("OBJECT", "NOSUCH", "k");
        Same("OBJECT", "NOSUCH");
        Same("OBJECT");
        Same("OBJECT", "ENCODING");
        Same("OBJECT", "ENCODING", "a", "b");
        Same("OBJECT", "REFCOUNT");
        Same("OBJECT", "IDLETIME", "a", "b");
        Same("OBJECT", "FREQ");
        Same("OBJECT", "Encoding", "k");
    }
}
