using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Dispatch;

/// <summary>Unknown commands (with their arguments quoted and truncated), unknown subcommands, case-insensitive names.</summary>
public class DispatchTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void UnknownCommandQuotesItsArguments()
    {
        Same("NOSUCHCOMMAND");
        Same("nosuchcommand", "a", "b");
        Same("foo", "");
        Same("foo", "with space", "x");
        Same("FOO", Bin.Text(200));
        Same("foo", Bin.Text(100), Bin.Text(100));
        Same("foo", Bin.Text(120), "abcdefghij", "klm");
        Same(Bin.Text(200, 'c'), "x");
        Same("", "a");
        Same("");
    }

    [Fact]
    public void UnknownCommandErrorsStayOnOneLine()
    {
        Same("foo", "a\r\nb");
        Same("foo\r\nbar", "x");
        Same("foo", "line1\nline2", "\r");
    }

    [Fact]
    public void UnknownCommandWithBinaryArguments()
    {
        Same("foo", Bin.Of(0x00, 0x41));
        Same("foo", Bin.Of(0xC3, 0xA9));
        Same("foo", Bin.Of(0xFF));
        Same(Bin.Of(0x00), "x");
    }

    [Fact]
    public void CommandNamesAreCaseInsensitive()
    {
        Same("sEt", "k", "v");
        Same("gEt", "k");
        Same("Exists", "k");
        Same("INCRbyFLOAT", "n", "1.5");
        Same("object", "ENCODING", "k");
        Same("OBJECT", "encoding", "k");
    }

    [Fact]
    public void UnknownSubcommands()
    {
        Same("OBJECT", "NOSUCH");
        Same("OBJECT", "nosuch", "k");
        Same("OBJECT", "", "k");
        Same("OBJECT", Bin.Text(200), "k");
        Same("OBJECT", "a\r\nb", "k");
        Same("OBJECT", "ENCODINGX", "k");
    }

    [Fact]
    public void CommandsThatOtherHelpersImplementAreNotPartOfIssueTwo()
    {
        // Names close to real commands must still be unknown.
        Same("GETALL", "k");
        Same("SETS", "k", "v");
        Same("INCRBYF", "k", "1");
    }
}
