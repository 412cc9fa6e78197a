namespace InProcValkey.Testing.Tests;

public sealed class SeedingAndSnapshotTests
{
    [Fact]
    public void RedisCliQuotingIsParsedAsRedisCliDoes()
    {
        var args = RedisCliText.Split("SET \"a b\" 'it\\'s' \"\\x41\\n\" plain");
        Assert.Equal(["SET", "a b", "it's", "A\n", "plain"], args.Select(a => System.Text.Encoding.UTF8.GetString(a)));
        Assert.Throws<FormatException>(() => RedisCliText.Split("SET \"unbalanced"));
        Assert.Throws<FormatException>(() => RedisCliText.Split("SET \"a\"b"));
        Assert.Equal("\"a\\\"b\\n\\x01\"", RedisCliText.Quote("a\"b\n\u0001"));
    }

    [Fact]
    public async Task ACommandFileSeedsTheKeyspace()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        string path = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.redis");
        File.WriteAllText(path, """
            # users
            HSET user:1 name "Ada Lovelace" born 1815
            RPUSH queue 'first job' "second job"
            SET greeting "hello\nworld" EX 60
            SELECT 2
            ZADD board 10 ada 20 alan
            """);
        try
        {
            Assert.Equal(5, kit.LoadCommandsFromFile(path));
        }
        finally
        {
            File.Delete(path);
        }
        var db = kit.Multiplexer.GetDatabase();
        Assert.Equal("Ada Lovelace", (string?)await db.HashGetAsync("user:1", "name"));
        Assert.Equal("hello\nworld", (string?)await db.StringGetAsync("greeting"));
        Assert.Equal(2, await kit.Multiplexer.GetDatabase(2).SortedSetRankAsync("board", "alan") + 1);
        var error = Assert.Throws<InvalidOperationException>(() => kit.LoadCommands("SET a 1\nLPUSH user:1 x"));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("WRONGTYPE", error.Message);
    }

    [Fact]
    public async Task SnapshotsHoldTypeValueAndTtlAndDiffReadably()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        var db = kit.Multiplexer.GetDatabase();
        await db.StringSetAsync("s", "v", TimeSpan.FromSeconds(30));
        await db.ListRightPushAsync("l", ["a", "b"]);
        await db.HashSetAsync("h", [new("f2", "2"), new("f1", "1")]);
        await db.SetAddAsync("set", ["y", "x"]);
        await db.SortedSetAddAsync("z", [new("m", 1.5), new("n", 2)]);
        var before = kit.Snapshot();
        Assert.Equal(5, before.KeyCount);
        Assert.Equal("string", before["s"]!.Type);
        Assert.Equal(TimeSpan.FromSeconds(30), before["s"]!.TimeToLive);
        Assert.Equal("v", before["s"]!.AsString());
        Assert.Equal("[\"a\", \"b\"]", before["l"]!.ValueText);
        Assert.Equal("{\"f1\": \"1\", \"f2\": \"2\"}", before["h"]!.ValueText);
        Assert.Equal("{\"x\", \"y\"}", before["set"]!.ValueText);
        Assert.Equal("[\"m\": 1.5, \"n\": 2]", before["z"]!.ValueText);
        Assert.Equal(before, kit.Snapshot());

        await db.ListRightPushAsync("l", "c");
        await db.KeyDeleteAsync("set");
        await db.StringSetAsync("new", "1");
        kit.Time.Advance(TimeSpan.FromSeconds(10));
        var after = kit.Snapshot();
        Assert.NotEqual(before, after);
        Assert.Equal(
            """
            ~ db0 "l": value ["a", "b"] -> ["a", "b", "c"]
            + db0 "new" (string): "1"
            ~ db0 "s": ttl 00:00:30 -> 00:00:20
            - db0 "set" (set): {"x", "y"}
            """.ReplaceLineEndings("\n"),
            before.Diff(after).ToString());
    }

    [Fact]
    public async Task ASnapshotsCommandsRecreateItsKeyspace()
    {
        await using var kit = await ValkeyTestServer.StartAsync();
        kit.LoadCommands("""
            SET "odd key" "va\"lue" PX 1500
            RPUSH l 1 2 3
            HSET h a b
            SADD s m
            ZADD z -inf low 3 mid
            SELECT 5
            SET other db
            """);
        var original = kit.Snapshot();
        await using var copy = await ValkeyTestServer.StartAsync();
        copy.LoadCommands(original.ToCommands());
        Assert.True(original.Diff(copy.Snapshot()).IsEmpty, original.Diff(copy.Snapshot()).ToString());
    }
}
