using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Lists;

/// <summary>Every list command against redis-server: replies, errors, edge cases, deletion of emptied lists.</summary>
public class ListTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void PushesAndPushX()
    {
        Same("LPUSH", "l", "a", "b", "c");
        Same("RPUSH", "l", "1", "-2", "300000", "01", "");
        Same("LPUSHX", "missing", "a");
        Same("RPUSHX", "missing", "a", "b");
        Same("EXISTS", "missing");
        Same("LPUSHX", "l", "x", "y");
        Same("RPUSHX", "l", "z");
        Same("LRANGE", "l", "0", "-1");
        Same("LLEN", "l");
        Same("TYPE", "l");
        Same("LPUSH", "l");
    }

    [Fact]
    public void WrongTypeForEveryCommand()
    {
        Same("SET", "s", "v");
        Same("RPUSH", "l", "a");
        Same("LPUSH", "s", "a");
        Same("LPUSHX", "s", "a");
        Same("LLEN", "s");
        Same("LINDEX", "s", "0");
        Same("LINDEX", "s", "x");
        Same("LSET", "s", "0", "a");
        Same("LSET", "s", "x", "a");
        Same("LPOP", "s");
        Same("LPOP", "s", "2");
        Same("RPOP", "s", "0");
        Same("LRANGE", "s", "0", "1");
        Same("LTRIM", "s", "0", "1");
        Same("LREM", "s", "0", "a");
        Same("LPOS", "s", "a");
        Same("LINSERT", "s", "BEFORE", "a", "b");
        Same("LMOVE", "s", "l", "LEFT", "LEFT");
        Same("LMOVE", "l", "s", "LEFT", "LEFT");
        Same("LMOVE", "missing", "s", "LEFT", "LEFT");
        Same("RPOPLPUSH", "l", "s");
        Same("LMPOP", "2", "missing", "s", "LEFT");
        Same("LMPOP", "2", "l", "s", "LEFT");
        Same("BLPOP", "s", "l", "0");
        Same("BLMOVE", "s", "l", "LEFT", "LEFT", "0");
        Same("LRANGE", "l", "0", "-1");
        Same("GET", "l");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("2")]
    [InlineData("-3")]
    [InlineData("3")]
    [InlineData("-4")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("x")]
    [InlineData("1.0")]
    public void IndexAndSet(string index)
    {
        Same("RPUSH", "l", "a", "b", "c");
        Same("LINDEX", "l", index);
        Same("LINDEX", "missing", index);
        Same("LSET", "l", index, "new");
        Same("LSET", "missing", index, "new");
        Same("LRANGE", "l", "0", "-1");
    }

    [Theory]
    [InlineData("0", "-1")]
    [InlineData("1", "2")]
    [InlineData("-2", "100")]
    [InlineData("-100", "100")]
    [InlineData("3", "1")]
    [InlineData("5", "10")]
    [InlineData("-100", "-50")]
    [InlineData("0", "0")]
    [InlineData("x", "1")]
    [InlineData("0", "y")]
    public void RangeAndTrim(string start, string stop)
    {
        Same("RPUSH", "l", "0", "1", "2", "3", "4");
        Same("LRANGE", "l", start, stop);
        Same("LRANGE", "missing", start, stop);
        Same("LTRIM", "l", start, stop);
        Same("LTRIM", "missing", start, stop);
        Same("LRANGE", "l", "0", "-1");
        Same("EXISTS", "l");
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("0", "")]
    [InlineData("1", "")]
    [InlineData("3", "")]
    [InlineData("10", "")]
    [InlineData("-1", "")]
    [InlineData("x", "")]
    [InlineData("1", "2")]
    public void Pops(string count, string extra)
    {
        Same("RPUSH", "l", "a", "b", "c", "d");
        Arg[] lpop = count.Length == 0 ? ["LPOP", "l"] : extra.Length == 0 ? ["LPOP", "l", count] : ["LPOP", "l", count, extra];
        Arg[] rpop = count.Length == 0 ? ["RPOP", "l"] : extra.Length == 0 ? ["RPOP", "l", count] : ["RPOP", "l", count, extra];
        Arg[] missing = count.Length == 0 ? ["LPOP", "missing"] : ["LPOP", "missing", count];
        Same(lpop);
        Same(rpop);
        Same(missing);
        Same("LRANGE", "l", "0", "-1");
        Same(lpop);
        Same(lpop);
        Same("EXISTS", "l");
    }

    [Theory]
    [InlineData("0", "a")]
    [InlineData("1", "a")]
    [InlineData("-1", "a")]
    [InlineData("-2", "1")]
    [InlineData("2", "01")]
    [InlineData("0", "zz")]
    [InlineData("x", "a")]
    public void Remove(string count, string value)
    {
        Same("RPUSH", "l", "a", "1", "a", "01", "1", "a", "b");
        Same("LREM", "l", count, value);
        Same("LREM", "missing", count, value);
        Same("LRANGE", "l", "0", "-1");
        Same("LREM", "l", "0", "a");
        Same("LREM", "l", "0", "1");
        Same("LREM", "l", "0", "01");
        Same("LREM", "l", "0", "b");
        Same("EXISTS", "l");
    }

    [Fact]
    public void Insert()
    {
        Same("LINSERT", "l", "BEFORE", "a", "x");
        Same("RPUSH", "l", "a", "b", "1");
        Same("LINSERT", "l", "before", "a", "x");
        Same("LINSERT", "l", "AFTER", "1", "y");
        Same("LINSERT", "l", "AFTER", "01", "y");
        Same("LINSERT", "l", "AFTER", "nope", "y");
        Same("LINSERT", "l", "MIDDLE", "a", "y");
        Same("LINSERT", "missing", "MIDDLE", "a", "y");
        Same("LRANGE", "l", "0", "-1");
    }

    [Theory]
    [InlineData("")]
    [InlineData("RANK 2")]
    [InlineData("RANK -1")]
    [InlineData("RANK -3")]
    [InlineData("RANK 5")]
    [InlineData("RANK 0")]
    [InlineData("RANK x")]
    [InlineData("RANK -9223372036854775808")]
    [InlineData("RANK -9223372036854775807")]
    [InlineData("COUNT 0")]
    [InlineData("COUNT 2")]
    [InlineData("COUNT -1")]
    [InlineData("COUNT x")]
    [InlineData("MAXLEN 3")]
    [InlineData("MAXLEN -1")]
    [InlineData("RANK -1 COUNT 2 MAXLEN 4")]
    [InlineData("COUNT 0 MAXLEN 5 RANK 2")]
    [InlineData("RANK")]
    [InlineData("FOO 1")]
    [InlineData("COUNT 1 COUNT 3")]
    public void Position(string optionText)
    {
        var options = optionText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Same("RPUSH", "l", "c", "a", "b", "c", "1", "c", "01", "c");
        Same(["LPOS", "l", "c", .. options.Select(o => (Arg)o)]);
        Same(["LPOS", "l", "1", .. options.Select(o => (Arg)o)]);
        Same(["LPOS", "l", "zz", .. options.Select(o => (Arg)o)]);
        Same(["LPOS", "missing", "c", .. options.Select(o => (Arg)o)]);
    }

    [Fact]
    public void MoveAndRotate()
    {
        Same("LMOVE", "src", "dst", "LEFT", "RIGHT");
        Same("RPUSH", "src", "a", "b", "c", "1");
        Same("RPOPLPUSH", "src", "dst");
        Same("LMOVE", "src", "dst", "LEFT", "LEFT");
        Same("LMOVE", "src", "dst", "right", "right");
        Same("LMOVE", "dst", "dst", "LEFT", "RIGHT");
        Same("LMOVE", "dst", "dst", "RIGHT", "LEFT");
        Same("LMOVE", "src", "dst", "UP", "LEFT");
        Same("LMOVE", "src", "dst", "LEFT", "DOWN");
        Same("LRANGE", "dst", "0", "-1");
        Same("LMOVE", "src", "dst", "LEFT", "LEFT");
        Same("EXISTS", "src");
        Same("RPOPLPUSH", "dst", "dst");
        Same("LRANGE", "dst", "0", "-1");
    }

    [Theory]
    [InlineData("2 a b LEFT")]
    [InlineData("2 a b RIGHT COUNT 2")]
    [InlineData("2 a b left count 10")]
    [InlineData("1 missing LEFT")]
    [InlineData("0 a LEFT")]
    [InlineData("-1 a LEFT")]
    [InlineData("x a LEFT")]
    [InlineData("3 a b LEFT")]
    [InlineData("1 a UP")]
    [InlineData("1 a LEFT COUNT 0")]
    [InlineData("1 a LEFT COUNT -1")]
    [InlineData("1 a LEFT COUNT")]
    [InlineData("1 a LEFT COUNT 1 COUNT 1")]
    [InlineData("1 a LEFT FOO")]
    public void MultiPop(string argText)
    {
        var args = argText.Split(' ');
        Same("RPUSH", "b", "1", "2", "3");
        Same(["LMPOP", .. args.Select(a => (Arg)a)]);
        Same(["BLMPOP", "0.01", .. args.Select(a => (Arg)a)]);
        Same("LRANGE", "b", "0", "-1");
        Same("EXISTS", "b");
    }

    [Fact]
    public void BlockingCommandsWithDataOrTimingOut()
    {
        Same("RPUSH", "b", "1", "2", "3", "4");
        Same("BLPOP", "a", "b", "0");
        Same("BRPOP", "a", "b", "0.01");
        Same("BRPOPLPUSH", "b", "c", "0");
        Same("BLMOVE", "b", "c", "LEFT", "RIGHT", "0");
        Same("BLPOP", "b", "0.01");
        Same("BRPOPLPUSH", "b", "c", "0.01");
        Same("BLMOVE", "b", "c", "LEFT", "RIGHT", "0.01");
        Same("BLMPOP", "0.01", "1", "b", "LEFT");
        Same("LRANGE", "c", "0", "-1");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1e400")]
    [InlineData("inf")]
    [InlineData("nan")]
    public void BlockingTimeoutErrors(string timeout)
    {
        Same("BLPOP", "a", timeout);
        Same("BRPOP", "a", timeout);
        Same("BRPOPLPUSH", "a", "b", timeout);
        Same("BLMOVE", "a", "b", "LEFT", "LEFT", timeout);
        Same("BLMPOP", timeout, "1", "a", "LEFT");
    }

    [Fact]
    public void ListsWorkWithGenericKeyCommands()
    {
        Same("RPUSH", "l", "a", "b", new string('x', 9000));
        Same("RPUSH", "small", "a", "b");
        Same("COPY", "l", "c");
        Same("RENAME", "small", "s2");
        Same("EXPIRE", "l", "100");
        Same("TTL", "l");
        Same("RPUSH", "l", "more");
        Same("TTL", "l");
        Same("MOVE", "c", "1");
        Same("SELECT", "1");
        Same("LRANGE", "c", "0", "1");
        Same("SELECT", "0");
        SameSorted("KEYS", "*");
        SameScan("TYPE", "list");
        Same("OBJECT", "ENCODING", "l");
        Same("DEL", "l", "s2");
        Same("EXISTS", "l", "s2");
    }

    [Fact]
    public void LargeListsRoundTrip()
    {
        for (int i = 0; i < 30; i++)
        {
            Same("RPUSH", "l", "element-number-" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), new string('v', i * 37));
        }
        Same("CONFIG", "SET", "list-max-listpack-size", "4");
        Same("LPUSH", "m", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        Same("LINSERT", "m", "AFTER", "5", "x");
        Same("LSET", "m", "3", new string('q', 9000));
        Same("LRANGE", "m", "0", "-1");
        Same("LRANGE", "l", "10", "60");
        Same("LREM", "l", "-2", "7");
        Same("LTRIM", "l", "5", "-5");
        Same("LLEN", "l");
        Same("LPOS", "l", "element-number-20", "RANK", "-1");
        Same("LRANGE", "l", "0", "-1");
        Same("CONFIG", "SET", "list-max-listpack-size", "-2");
    }
}
