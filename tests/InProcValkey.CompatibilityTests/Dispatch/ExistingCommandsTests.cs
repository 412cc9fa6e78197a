using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Dispatch;

/// <summary>The commands the engine already had before issue 2: proves the harness compares correctly end to end.</summary>
public class ExistingCommandsTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void GetSetDelExists()
    {
        Same("GET", "k");
        Same("SET", "k", "v");
        Same("GET", "k");
        Same("EXISTS", "k", "k", "missing");
        Same("DEL", "k", "missing");
        Same("UNLINK", "k");
        Same("DBSIZE");
    }
}
