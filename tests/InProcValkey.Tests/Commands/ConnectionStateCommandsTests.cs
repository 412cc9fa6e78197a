namespace InProcValkey.Tests.Commands;

/// <summary>Connection commands in an in-process session (no connection): answered as for a plain, authenticated client.</summary>
public sealed class ConnectionStateCommandsTests
{
    [Fact]
    public void AuthWithoutAConfiguredPasswordIsValkeysError()
    {
        using var t = new TestStore();
        t.Error("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?", "AUTH", "x");
        t.Ok("AUTH", "default", "anything");
        t.Error("WRONGPASS invalid username-password pair or user is disabled.", "AUTH", "someone", "x");
        t.Error("ERR syntax error", "AUTH", "a", "b", "c");
    }

    [Fact]
    public void HelloValidatesItsArgumentsAndRepliesWithTheServerMap()
    {
        using var t = new TestStore();
        t.Error("NOPROTO unsupported protocol version", "HELLO", "1");
        t.Error("NOPROTO unsupported protocol version", "HELLO", "4");
        t.Error("ERR Protocol version is not an integer or out of range", "HELLO", "x");
        t.Error("ERR Syntax error in HELLO option 'foo'", "HELLO", "3", "foo");
        t.Error("ERR Syntax error in HELLO option 'AUTH'", "HELLO", "3", "AUTH", "default");
        t.Error("ERR Client names cannot contain spaces, newlines or special characters.", "HELLO", "3", "SETNAME", "a b");
        t.Error("WRONGPASS invalid username-password pair or user is disabled.", "HELLO", "3", "AUTH", "bob", "pw");
        var map = t.Run("HELLO", "3");
        Assert.False(map.IsError);
        Assert.Equal("7.2.4", map.Elements[3].ToString());
        Assert.Equal(3, map.Elements[5].AsInt64());
    }

    [Fact]
    public void ClientSubcommandsValidateLikeValkey()
    {
        using var t = new TestStore();
        t.Ok("CLIENT", "SETNAME", "worker");
        t.Error("ERR Client names cannot contain spaces, newlines or special characters.", "CLIENT", "SETNAME", "a\nb");
        t.Ok("CLIENT", "SETINFO", "LIB-NAME", "mylib");
        t.Ok("CLIENT", "SETINFO", "lib-ver", "1.0");
        t.Error("ERR Unrecognized option 'foo'", "CLIENT", "SETINFO", "foo", "x");
        t.Error("ERR lib-name cannot contain spaces, newlines or special characters.", "CLIENT", "SETINFO", "lib-name", "a b");
        t.Ok("CLIENT", "NO-EVICT", "on");
        t.Ok("CLIENT", "NO-TOUCH", "off");
        t.Error("ERR syntax error", "CLIENT", "NO-EVICT", "maybe");
        t.Error("ERR syntax error", "CLIENT", "REPLY", "maybe");
        t.Error("ERR client-id should be greater than 0", "CLIENT", "KILL", "ID", "0");
        t.Error("ERR syntax error", "CLIENT", "KILL", "FOO", "bar");
        t.Error("ERR No such client", "CLIENT", "KILL", "1.2.3.4:5");
        t.Error("ERR wrong number of arguments for 'client|setname' command", "CLIENT", "SETNAME");
        t.Error("ERR unknown subcommand 'foo'. Try CLIENT HELP.", "CLIENT", "foo");
        t.Error("ERR Unknown client type 'bogus'", "CLIENT", "LIST", "TYPE", "bogus");
        t.Error("ERR Invalid client ID", "CLIENT", "LIST", "ID", "x");
    }

    [Fact]
    public void ResetSelectsDatabaseZeroAgain()
    {
        using var t = new TestStore();
        t.Ok("SELECT", "5");
        t.Ok("SET", "k", "v");
        Assert.Equal("RESET", t.Text("RESET"));
        t.Nil("GET", "k");
        Assert.Equal("OK", t.Text("QUIT"));
    }
}
