namespace InProcValkey.Tests.Server;

public sealed class CommandCommandTests
{
    [Fact]
    public void CommandInfoHasValkeysShapeGeneratedFromTheTable()
    {
        using var t = new TestStore();
        var info = t.Run("COMMAND", "INFO", "get", "nosuch");
        Assert.Equal(2, info.Elements.Count);
        var get = info.Elements[0];
        Assert.Equal(10, get.Elements.Count);
        Assert.Equal("get", get.Elements[0].ToString());
        Assert.Equal(2, get.Elements[1].AsInt64());
        Assert.Equal("[readonly, fast]", get.Elements[2].ToString());
        Assert.Equal(ValkeyReplyKind.Set, get.Elements[2].Kind);
        Assert.Equal("[1, 1, 1]", $"[{get.Elements[3]}, {get.Elements[4]}, {get.Elements[5]}]");
        Assert.Equal("[@read, @string, @fast]", get.Elements[6].ToString());
        Assert.Equal(ValkeyReplyKind.Null, info.Elements[1].Kind);
    }

    [Fact]
    public void CommandInfoListsSubcommandsWithTheirFullNames()
    {
        using var t = new TestStore();
        var config = t.Run("COMMAND", "INFO", "config").Elements[0];
        Assert.Equal(-2, config.Elements[1].AsInt64());
        Assert.Contains(config.Elements[9].Elements, s => s.Elements[0].ToString() == "config|get");
        Assert.Equal("config|set", t.Run("COMMAND", "INFO", "config|set").Elements[0].Elements[0].ToString());
    }

    [Fact]
    public void CommandWithoutArgumentsDescribesEveryCommand()
    {
        using var t = new TestStore();
        long count = t.Int("COMMAND", "COUNT");
        Assert.True(count > 40);
        Assert.Equal(count, t.Run("COMMAND").Elements.Count);
        Assert.Equal(count, t.Run("COMMAND", "INFO").Elements.Count);
    }

    [Fact]
    public void CommandListFiltersByPatternAclCategoryAndModule()
    {
        using var t = new TestStore();
        var config = t.Run("COMMAND", "LIST", "FILTERBY", "PATTERN", "config*").Elements.Select(e => e.ToString()).ToHashSet();
        Assert.Equal(["config", "config|get", "config|help", "config|resetstat", "config|rewrite", "config|set"], config.Order());
        Assert.Contains(t.Run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "string").Elements, e => e.ToString() == "get");
        Assert.Equal("[]", t.Text("COMMAND", "LIST", "FILTERBY", "MODULE", "x"));
        Assert.Contains(t.Run("COMMAND", "LIST").Elements, e => e.ToString() == "set");
        t.Error("ERR syntax error", "COMMAND", "LIST", "FILTERBY", "NOPE", "x");
    }

    [Fact]
    public void CommandGetKeysUsesTheTablesKeyPositions()
    {
        using var t = new TestStore();
        Assert.Equal("[a]", t.Text("COMMAND", "GETKEYS", "set", "a", "b"));
        Assert.Equal("[a, c]", t.Text("COMMAND", "GETKEYS", "MSET", "a", "b", "c", "d"));
        Assert.Equal("[a, b]", t.Text("COMMAND", "GETKEYS", "del", "a", "b"));
        Assert.Equal("[[a, [RO, access]]]", t.Text("COMMAND", "GETKEYSANDFLAGS", "get", "a"));
        t.Error("ERR Invalid command specified", "COMMAND", "GETKEYS", "foo", "a");
        t.Error("ERR Invalid number of arguments specified for command", "COMMAND", "GETKEYS", "set", "a");
        t.Error("ERR The command has no key arguments", "COMMAND", "GETKEYS", "ping", "x");
        t.Error("ERR wrong number of arguments for 'command|getkeys' command", "COMMAND", "GETKEYS", "get");
        t.Error("ERR wrong number of arguments for 'command|getkeysandflags' command", "COMMAND", "GETKEYSANDFLAGS", "get");
    }

    [Fact]
    public void CommandDocsRepliesTheGroup()
    {
        using var t = new TestStore();
        Assert.Equal("[get, [group, string]]", t.Text("COMMAND", "DOCS", "get", "nosuch"));
        Assert.Equal("COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", t.Run("COMMAND", "HELP").Elements[0].ToString());
    }
}
