using System.Text;
using InProcValkey.Commands;

namespace InProcValkey.Tests.Transactions;

/// <summary>The keys EXEC locks before running a queued command: every key the command will touch, or "unknown" (all shards).</summary>
public sealed class TransactionKeysTests
{
    private static List<string>? Keys(params string[] command)
    {
        var def = CommandTable.Default.Find(Encoding.UTF8.GetBytes(command[0]))!;
        var keys = new List<byte[]>();
        return ServerCommands.TryAddKeyArguments(def, [.. command.Select(Encoding.UTF8.GetBytes)], keys)
            ? keys.Select(Encoding.UTF8.GetString).ToList()
            : null;
    }

    [Theory]
    [InlineData("ZUNIONSTORE")]
    [InlineData("ZINTERSTORE")]
    [InlineData("ZDIFFSTORE")]
    public void StoreCommandsLockTheirDestinationAndSources(string command) =>
        Assert.Equal(["d", "a", "b"], Keys(command, "d", "2", "a", "b"));

    [Fact]
    public void CountedKeysAreLockedForMultiKeyPops() =>
        Assert.Equal(["a", "b"], Keys("LMPOP", "2", "a", "b", "LEFT"));

    [Fact]
    public void RangeKeysAreLocked() => Assert.Equal(["a", "b"], Keys("MSET", "a", "1", "b", "2"));

    [Fact]
    public void ZUnionStoreInsideExecWritesItsDestination()
    {
        using var t = new TestStore();
        t.Int("ZADD", "a", "1", "x");
        t.Int("ZADD", "b", "2", "y");
        t.Ok("MULTI");
        Assert.Equal("QUEUED", t.Text("ZUNIONSTORE", "dest", "2", "a", "b"));
        Assert.Equal("QUEUED", t.Text("ZCARD", "dest"));
        var replies = t.Run("EXEC");
        Assert.Equal("[2, 2]", replies.ToString());
    }
}
