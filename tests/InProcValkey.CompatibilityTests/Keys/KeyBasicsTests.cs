using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Keys;

/// <summary>DEL, UNLINK, EXISTS, TYPE, TOUCH.</summary>
public class KeyBasicsTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void DelCountsRemovedKeysOnce()
    {
        Same("MSET", "a", "1", "b", "2", "c", "3");
        Same("DEL", "a", "a", "missing");
        Same("DEL", "b", "c");
        Same("DEL", "b");
        Same("DBSIZE");
        Same("DEL", Bin.Key);
        Same("SET", Bin.Key, Bin.Value);
        Same("DEL", Bin.Key, Bin.Key);
    }

    [Fact]
    public void UnlinkIsDel()
    {
        Same("MSET", "a", "1", "b", "2");
        Same("UNLINK", "a", "b", "a", "missing");
        Same("UNLINK", "a");
        Same("EXISTS", "a", "b");
    }

    [Fact]
    public void ExistsCountsRepeatedKeys()
    {
        Same("EXISTS", "missing");
        Same("SET", "a", "1");
        Same("EXISTS", "a", "a", "a", "missing");
        Same("SET", "", "empty-named");
        Same("EXISTS", "");
        Same("SET", "t", "v", "EX", "100");
        Same("EXISTS", "t", "a");
        Same("SET", "gone", "v", "PXAT", "1");
        Same("EXISTS", "gone");
    }

    [Fact]
    public void TypeOfStringsAndMissingKeys()
    {
        Same("TYPE", "missing");
        Same("SET", "s", "v");
        Same("TYPE", "s");
        Same("SET", "n", "42");
        Same("TYPE", "n");
        Same("SET", Bin.Key, Bin.Value);
        Same("TYPE", Bin.Key);
        Same("SET", "e", "");
        Same("TYPE", "e");
    }

    [Fact]
    public void TouchCountsExistingKeys()
    {
        Same("TOUCH", "missing");
        Same("MSET", "a", "1", "b", "2");
        Same("TOUCH", "a", "b", "a", "missing");
        Same("TOUCH", Bin.Key);
        Same("SET", "t", "v", "EX", "100");
        Same("TOUCH", "t");
        SameApprox("TTL", "t");
    }
}
