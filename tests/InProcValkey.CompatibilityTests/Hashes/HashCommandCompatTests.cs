using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Hashes;

/// <summary>HSET family, reads, HDEL, WRONGTYPE, arity, and generic key commands on hashes, against redis-server.</summary>
public class HashCommandCompatTests(RedisServerFixture server) : HashCompatTest(server)
{
    [Fact]
    public void WritesAndReadsOfASmallHash()
    {
        Same("HSET", "h", "a", "1", "b", "2", "a", "3");
        Same("HSET", "h", "c", "", "d", "-17", "e", Bin.Value);
        Same("HMSET", "h", "f", "x", "a", "y");
        Same("HSETNX", "h", "a", "z");
        Same("HSETNX", "h", "g", "z");
        Same("HGETALL", "h");
        Same("HKEYS", "h");
        Same("HVALS", "h");
        Same("HLEN", "h");
        Same("HMGET", "h", "a", "nope", "c", "e", "a");
        Same("HGET", "h", "e");
        Same("HGET", "h", "nope");
        Same("HEXISTS", "h", "b");
        Same("HEXISTS", "h", "nope");
        Same("HSTRLEN", "h", "d");
        Same("HSTRLEN", "h", "e");
        Same("HSTRLEN", "h", "nope");
        Same("HDEL", "h", "a", "nope", "b", "a");
        Same("HGETALL", "h");
        Same("HDEL", "h", "c", "d", "e", "f", "g");
        Same("EXISTS", "h");
        Same("HGETALL", "h");
    }

    [Fact]
    public void MissingKeys()
    {
        Same("HGET", "h", "a");
        Same("HMGET", "h", "a", "b");
        Same("HGETALL", "h");
        Same("HKEYS", "h");
        Same("HVALS", "h");
        Same("HLEN", "h");
        Same("HEXISTS", "h", "a");
        Same("HSTRLEN", "h", "a");
        Same("HDEL", "h", "a");
        Same("HRANDFIELD", "h");
        Same("HRANDFIELD", "h", "3");
        Same("HRANDFIELD", "h", "-3", "WITHVALUES");
        Same("HSCAN", "h", "0");
        Same("HSCAN", "h", "0", "COUNT", "0");
        Same("HSCAN", "h", "0", "NOVALUES");
        Same("EXISTS", "h");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("127")]
    [InlineData("128")]
    [InlineData("-4096")]
    [InlineData("4095")]
    [InlineData("4096")]
    [InlineData("-32769")]
    [InlineData("8388608")]
    [InlineData("-2147483649")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775808")]
    [InlineData("007")]
    [InlineData("-0")]
    [InlineData("+5")]
    [InlineData("1.0")]
    [InlineData("")]
    public void IntegerLikeFieldsAndValues(string text)
    {
        Same("HSET", "h", text, text, "x", text);
        Same("HGET", "h", text);
        Same("HSTRLEN", "h", text);
        Same("HEXISTS", "h", text);
        Same("HGETALL", "h");
        Same("HINCRBY", "h", text, "1");
        Same("HINCRBYFLOAT", "h", "x", "1.5");
        Same("HGETALL", "h");
    }

    [Fact]
    public void WrongTypeEverywhere()
    {
        Same("SET", "s", "v");
        foreach (var cmd in new Arg[][]
        {
            ["HGET", "s", "f"], ["HMGET", "s", "f"], ["HGETALL", "s"], ["HKEYS", "s"], ["HVALS", "s"], ["HLEN", "s"],
            ["HEXISTS", "s", "f"], ["HSTRLEN", "s", "f"], ["HDEL", "s", "f"], ["HSET", "s", "f", "v"], ["HMSET", "s", "f", "v"],
            ["HSETNX", "s", "f", "v"], ["HINCRBY", "s", "f", "1"], ["HINCRBY", "s", "f", "x"], ["HINCRBYFLOAT", "s", "f", "1"],
            ["HINCRBYFLOAT", "s", "f", "x"], ["HINCRBYFLOAT", "s", "f", "inf"], ["HRANDFIELD", "s"], ["HRANDFIELD", "s", "1"],
            ["HRANDFIELD", "s", "x"], ["HSCAN", "s", "0"], ["HSCAN", "s", "x"], ["HSCAN", "s", "0", "FOO"],
        })
        {
            Same(cmd);
        }
        Same("HSET", "h", "f", "v");
        Same("GET", "h");
        Same("APPEND", "h", "x");
        Same("INCR", "h");
        Same("STRLEN", "h");
        Same("TYPE", "h");
    }

    [Fact]
    public void ArityErrors()
    {
        foreach (var cmd in new Arg[][]
        {
            ["HSET", "h"], ["HSET", "h", "f"], ["HSET", "h", "f", "v", "g"], ["HMSET", "h", "f"], ["HMSET", "h", "f", "v", "g"],
            ["HGET", "h"], ["HGET", "h", "f", "g"], ["HMGET", "h"], ["HDEL", "h"], ["HLEN"], ["HGETALL"], ["HKEYS", "h", "x"],
            ["HVALS"], ["HEXISTS", "h"], ["HSTRLEN", "h"], ["HSETNX", "h", "f"], ["HINCRBY", "h", "f"], ["HINCRBYFLOAT", "h", "f"],
            ["HRANDFIELD"], ["HSCAN", "h"],
        })
        {
            Same(cmd);
        }
        Same("EXISTS", "h");
    }

    [Fact]
    public void GenericKeyCommandsOnHashes()
    {
        Same("HSET", "h", "a", "1", "b", "2");
        Same("TYPE", "h");
        Same("EXPIRE", "h", "1000");
        Same("HSET", "h", "c", "3");
        SameApprox("TTL", "h");
        Same("RENAME", "h", "h2");
        Same("HGETALL", "h2");
        SameApprox("TTL", "h2");
        Same("COPY", "h2", "h3");
        Same("HSET", "h3", "d", "4");
        Same("HGETALL", "h2");
        Same("HGETALL", "h3");
        Same("OBJECT", "ENCODING", "h3");
        Same("MOVE", "h3", "1");
        Same("SELECT", "1");
        Same("HGETALL", "h3");
        Same("SELECT", "0");
        SameScan("TYPE", "hash");
        Same("PERSIST", "h2");
        Same("DEL", "h2");
        Same("EXISTS", "h2");
        Same("HSET", "gone", "a", "1");
        Same("PEXPIRE", "gone", "0");
        Same("HGET", "gone", "a");
        Same("EXISTS", "gone");
    }

    [Fact]
    public void CopyAndRenameOfAHashtableHash()
    {
        Config("hash-max-listpack-entries", "2");
        Same("HSET", "h", "a", "1", "b", "2", "c", "3");
        Same("OBJECT", "ENCODING", "h");
        Same("COPY", "h", "h2");
        Same("HDEL", "h2", "a");
        SamePairs("HGETALL", "h");
        SamePairs("HGETALL", "h2");
        Same("OBJECT", "ENCODING", "h2");
        Same("RENAME", "h2", "h3");
        SamePairs("HGETALL", "h3");
        Same("HDEL", "h3", "b", "c");
        Same("EXISTS", "h3");
    }
}
