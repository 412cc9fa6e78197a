using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Keys;

/// <summary>KEYS (glob patterns), SCAN (MATCH, COUNT, TYPE, cursors), RANDOMKEY.</summary>
public class KeysScanTests(RedisServerFixture server) : CompatTest(server)
{
    private void Populate()
    {
        Same("MSET", "hello", "1", "hallo", "2", "hxllo", "3", "hllo", "4", "heeeello", "5", "h*llo", "6", "h?llo", "7",
            "h[a]llo", "8", "h\\llo", "9", "", "empty-name", "a", "x", "b", "y", "foo:1", "z", "foo:22", "z", "FOO:1", "z");
        Same("SET", Bin.Key, Bin.Value);
        Same("SET", "expired", "v", "PXAT", "1");
        Same("SET", "volatile", "v", "EX", "100");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("h?llo")]
    [InlineData("h*llo")]
    [InlineData("h[ae]llo")]
    [InlineData("h[^e]llo")]
    [InlineData("h[a-b]llo")]
    [InlineData("h[b-a]llo")]
    [InlineData("h\\*llo")]
    [InlineData("h\\?llo")]
    [InlineData("h\\[a\\]llo")]
    [InlineData("h\\\\llo")]
    [InlineData("h[\\]]llo")]
    [InlineData("foo:*")]
    [InlineData("FOO:*")]
    [InlineData("foo:??")]
    [InlineData("*:1")]
    [InlineData("[")]
    [InlineData("h[")]
    [InlineData("h[a")]
    [InlineData("h[a-")]
    [InlineData("\\")]
    [InlineData("hello\\")]
    [InlineData("**")]
    [InlineData("***o")]
    [InlineData("?")]
    [InlineData("")]
    [InlineData("nomatch*")]
    [InlineData("k*")]
    [InlineData("k?\u00ff*")]
    [InlineData("*volatile*")]
    [InlineData("expired")]
    public void KeysMatchesGlobPatterns(string pattern)
    {
        Populate();
        SameSorted("KEYS", pattern);
        SameScan("MATCH", pattern);
    }

    [Fact]
    public void KeysWithBinaryPatterns()
    {
        Populate();
        SameSorted("KEYS", Bin.Of((byte)'k', 0x00, (byte)'*'));
        SameSorted("KEYS", Bin.Of((byte)'*', 0xFF, (byte)'*'));
        SameSorted("KEYS", Bin.Of((byte)'*', (byte)'\r', (byte)'\n', (byte)'?'));
        SameScan("MATCH", Bin.Of((byte)'k', 0x00, (byte)'*'));
    }

    [Fact]
    public void KeysOnAnEmptyDatabase()
    {
        SameSorted("KEYS", "*");
        SameScan();
        Same("SCAN", "0");
        Same("RANDOMKEY");
    }

    [Fact]
    public void PatternsWithMoreThanAThousandNestedStarsMatchNothingInValkey()
    {
        string key = new('a', 1100);
        Same("SET", key, "v");
        SameSorted("KEYS", string.Concat(Enumerable.Repeat("*a", 1001)));
        SameSorted("KEYS", string.Concat(Enumerable.Repeat("*a", 999)));
        SameScan("MATCH", string.Concat(Enumerable.Repeat("*a", 1001)));
        SameScan("MATCH", string.Concat(Enumerable.Repeat("*a", 999)));
    }

    [Fact]
    public void ScanVisitsEveryKey()
    {
        for (int i = 0; i < 300; i += 50)
        {
            var batch = new List<Arg> { "MSET" };
            for (int j = i; j < i + 50; j++)
            {
                batch.Add($"key:{j}");
                batch.Add(j);
            }
            Same(batch.ToArray());
        }
        SameScan();
        SameScan("COUNT", "1");
        SameScan("COUNT", "1000");
        SameScan("MATCH", "key:1*", "COUNT", "7");
        SameScan("count", "3", "match", "*9");
        SameScan("MATCH", "a*", "MATCH", "key:2?");
        SameScan("COUNT", "5", "COUNT", "50");
        SameScan("TYPE", "string");
        SameScan("TYPE", "STRING", "MATCH", "key:29*");
        SameScan("TYPE", "list");
        SameScan("TYPE", "hash", "COUNT", "100");
        SameScan("TYPE", "nosuchtype");
        Same("DBSIZE");
    }

    [Fact]
    public void ScanWithTypeFilterSkipsOtherTypesAndExpiredKeys()
    {
        Populate();
        SameScan("TYPE", "string");
        SameScan("TYPE", "zset");
        SameScan("TYPE", "stream");
        SameScan("TYPE", "none");
    }

    [Fact]
    public void ScanRejectsBadArguments()
    {
        Populate();
        Same("SCAN", "x");
        Same("SCAN", "1.5");
        Same("SCAN", "18446744073709551616");
        Same("SCAN", " 0");
        Same("SCAN", "0", "COUNT", "0");
        Same("SCAN", "0", "COUNT", "-1");
        Same("SCAN", "0", "COUNT", "x");
        Same("SCAN", "0", "COUNT");
        Same("SCAN", "0", "MATCH");
        Same("SCAN", "0", "TYPE");
        Same("SCAN", "0", "FOO", "bar");
        Same("SCAN", "0", "MATCH", "*", "FOO");
        Same("SCAN", "0", "NOVALUES");
    }

    [Fact]
    public void ScanWithLargeCursorsIsNotAnError()
    {
        Populate();
        // Any unsigned 64-bit number is a cursor (strtoul: "-1" wraps to the largest one); where an arbitrary cursor
        // resumes is an implementation detail, so only the type of reply is compared.
        SameScanReplyType("SCAN", "18446744073709551615", "COUNT", "1000");
        SameScanReplyType("SCAN", "-1");
        SameScanReplyType("SCAN", "12345", "MATCH", "h*");
        SameScanFrom("00");
        SameScanFrom("+0", "COUNT", "3");
        SameScanFrom("-0", "MATCH", "h*");
        SameScan("COUNT", "9223372036854775807");
    }

    [Fact]
    public void RandomKeyOfOneKeyIsThatKey()
    {
        Same("RANDOMKEY");
        Same("SET", Bin.Key, Bin.Value);
        Same("RANDOMKEY");
        Same("DEL", Bin.Key);
        Same("SET", "only", "v");
        Same("RANDOMKEY");
        Same("SET", "gone", "v", "PXAT", "1");
        Same("RANDOMKEY");
    }

    [Fact]
    public void RandomKeyOfManyKeysIsOneOfThem()
    {
        Same("MSET", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
        var keys = new HashSet<string> { "a", "b", "c", "d", "e" };
        for (int i = 0; i < 10; i++)
        {
            var reply = SameShape("RANDOMKEY");
            Assert.Contains(reply.ToString()!, keys);
            var engine = Diff.RunEngine([System.Text.Encoding.ASCII.GetBytes("RANDOMKEY")]);
            Assert.True(engine.IsError || keys.Contains(engine.ToString()!), $"RANDOMKEY returned {Render.Reply(engine)}");
        }
    }
}
