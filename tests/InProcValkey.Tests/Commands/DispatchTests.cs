namespace InProcValkey.Tests.Commands;

public sealed class DispatchTests
{
    [Fact]
    public void UnknownCommandIsReportedWithItsArguments()
    {
        using var t = new TestStore();
        t.Error("ERR unknown command 'foo', with args beginning with: 'a' 'b' ", "foo", "a", "b");
        t.Error("ERR unknown command 'foo', with args beginning with: ", "foo");
    }

    [Fact]
    public void UnknownCommandArgumentsStopAtTheirFirstNulByteAsValkeyPrintsThem()
    {
        using var t = new TestStore();
        t.Error("ERR unknown command 'foo', with args beginning with: '' 'b' ", "foo", "\0A", "b");
    }

    [Fact]
    public void WrongArityNamesTheCommandInLowerCase()
    {
        using var t = new TestStore();
        t.Error("ERR wrong number of arguments for 'get' command", "GET");
        t.Error("ERR wrong number of arguments for 'get' command", "get", "a", "b");
    }

    [Fact]
    public void CommandNamesAreCaseInsensitive()
    {
        using var t = new TestStore();
        t.Ok("SeT", "k", "v");
        Assert.Equal("v", t.Text("gEt", "k"));
    }

    [Fact]
    public void CommandLookupMatchesWholeNamesOnly()
    {
        using var t = new TestStore();
        t.Error("ERR unknown command 'GE', with args beginning with: 'k' ", "GE", "k");
        t.Error("ERR unknown command 'GETX', with args beginning with: 'k' ", "GETX", "k");
        t.Error("ERR unknown command 'PEXPIRETIMEEEEEEEEE', with args beginning with: 'k' ", "PEXPIRETIMEEEEEEEEE", "k");
        Assert.Equal("ERR unknown command 'GET', with args beginning with: 'k' ", t.Session.Execute("GET\0"u8.ToArray(), "k"u8.ToArray()).ErrorMessage);
        Assert.Equal(-2, t.Int("PeXpIrEtImE", "missing"));
        Assert.Equal(ValkeyReplyKind.Null, t.Run("object", "EnCoDiNg", "missing").Kind);
    }

    [Fact]
    public void PingAndEcho()
    {
        using var t = new TestStore();
        var pong = t.Run("PING");
        Assert.Equal(ValkeyReplyKind.SimpleString, pong.Kind);
        Assert.Equal("PONG", pong.ToString());
        Assert.Equal(ValkeyReplyKind.BulkString, t.Run("PING", "hi").Kind);
        Assert.Equal("hello", t.Text("ECHO", "hello"));
        t.Error("ERR wrong number of arguments for 'ping' command", "PING", "a", "b");
    }

    [Fact]
    public void SelectKeepsItsDatabasePerSession()
    {
        using var t = new TestStore();
        t.Ok("SET", "k", "zero");
        t.Ok("SELECT", "3");
        t.Nil("GET", "k");
        t.Error("ERR DB index is out of range", "SELECT", "16");
        t.Error("ERR value is not an integer or out of range", "SELECT", "x");
        t.Ok("SELECT", "0");
        Assert.Equal("zero", t.Text("GET", "k"));
    }

    [Fact]
    public void EveryCommandIsFoundByItsNameInAnyLetterCaseAndNothingElseIs()
    {
        var table = InProcValkey.Commands.CommandTable.Default;
        var random = new Random(7);
        InProcValkey.Commands.CommandDef? Named(ReadOnlySpan<byte> n)
        {
            string s = System.Text.Encoding.ASCII.GetString(n);
            return table.Commands.FirstOrDefault(d => d.Name == s);
        }
        foreach (var def in table.Commands)
        {
            byte[] name = System.Text.Encoding.ASCII.GetBytes(def.Name);
            Assert.Same(def, table.Find(System.Text.Encoding.ASCII.GetBytes(def.Name.ToUpperInvariant())));
            Assert.Same(def, table.Find(System.Text.Encoding.ASCII.GetBytes(def.Name.ToLowerInvariant())));
            var mixed = (byte[])name.Clone();
            for (int i = 0; i < mixed.Length; i++)
            {
                if (char.IsAsciiLetter((char)mixed[i]) && random.Next(2) == 0)
                {
                    mixed[i] ^= 0x20;
                }
            }
            Assert.Same(def, table.Find(mixed));
            // A shorter or longer name finds only the command of exactly that name, if there is one (LPUSH / LPUSHX).
            Assert.Equal(Named(name.AsSpan(0, name.Length - 1)), table.Find(name.AsSpan(0, name.Length - 1)));
            Assert.Equal(Named([.. name, (byte)'x']), table.Find([.. name, (byte)'x']));
            Assert.Null(table.Find([.. name, 0]));
            for (int i = 0; i < name.Length; i++)
            {
                // Bytes next to the letter ranges ('@', '[', '`', '{') and non-ASCII ones are not letters: no match.
                foreach (byte other in new byte[] { (byte)'@', (byte)'[', (byte)'`', (byte)'{', 0xC7, 0xE7 })
                {
                    var changed = (byte[])name.Clone();
                    changed[i] = other;
                    var found = table.Find(changed);
                    Assert.True(found is null || found.Name.Equals(System.Text.Encoding.Latin1.GetString(changed), StringComparison.OrdinalIgnoreCase));
                }
            }
        }
    }
}
