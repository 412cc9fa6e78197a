using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Strings;

/// <summary>MGET, MSET, MSETNX, and LCS with LEN, IDX, MINMATCHLEN, WITHMATCHLEN.</summary>
public class MultiKeyTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void MSetThenMGet()
    {
        Same("MSET", "a", "1", "b", "2", Bin.Key, Bin.Value);
        Same("MGET", "a", "b", "missing", Bin.Key, "a");
        Same("MSET", "a", "x", "a", "y");
        Same("GET", "a");
        Same("MGET", "missing");
        Same("DBSIZE");
    }

    [Fact]
    public void MSetClearsTtls()
    {
        Same("SET", "a", "1", "EX", "100");
        Same("MSET", "a", "2", "b", "3");
        Same("TTL", "a");
    }

    [Fact]
    public void MSetWithAnOddNumberOfArgumentsIsAnArityError()
    {
        Same("MSET", "a", "1", "b");
        Same("MSET", "a");
        Same("MSETNX", "a", "1", "b");
        Same("MSETNX", "a");
        Same("EXISTS", "a", "b");
    }

    [Fact]
    public void MSetNxIsAllOrNothing()
    {
        Same("MSETNX", "a", "1", "b", "2");
        Same("MSETNX", "b", "3", "c", "4");
        Same("MGET", "a", "b", "c");
        Same("MSETNX", "c", "5", "c", "6");
        Same("GET", "c");
        Same("MSETNX", Bin.Key, Bin.Value);
        Same("GET", Bin.Key);
    }

    [Fact]
    public void LcsOfStrings()
    {
        Same("MSET", "key1", "ohmytext", "key2", "mynewtext");
        Same("LCS", "key1", "key2");
        Same("LCS", "key1", "key2", "LEN");
        Same("LCS", "key1", "key2", "IDX");
        Same("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4");
        Same("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN");
        Same("LCS", "key1", "key2", "IDX", "WITHMATCHLEN");
        Same("LCS", "key1", "key2", "idx", "withmatchlen", "minmatchlen", "2");
        Same("LCS", "key1", "key2", "MINMATCHLEN", "4");
        Same("LCS", "key1", "key2", "LEN", "MINMATCHLEN", "2");
        Same("LCS", "key1", "key2", "WITHMATCHLEN");
        Same("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "0");
        Same("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "-5");
        Same("LCS", "key1", "key1");
        Same("LCS", "key1", "key1", "IDX");
    }

    [Fact]
    public void LcsTreatsMissingKeysAsEmpty()
    {
        Same("SET", "a", "abc");
        Same("LCS", "a", "missing");
        Same("LCS", "missing", "a", "LEN");
        Same("LCS", "missing", "other", "IDX");
        Same("LCS", "missing", "other", "IDX", "WITHMATCHLEN");
    }

    [Fact]
    public void LcsErrors()
    {
        Same("MSET", "a", "abc", "b", "bcd");
        Same("LCS", "a", "b", "LEN", "IDX");
        Same("LCS", "a", "b", "IDX", "LEN");
        Same("LCS", "a", "b", "FOO");
        Same("LCS", "a", "b", "MINMATCHLEN");
        Same("LCS", "a", "b", "MINMATCHLEN", "x");
        Same("LCS", "a", "b", "IDX", "MINMATCHLEN", "9223372036854775808");
        Same("LCS", "a", "b", "LEN", "LEN");
        Same("LCS", "a", "b", "IDX", "IDX", "WITHMATCHLEN", "WITHMATCHLEN");
    }

    [Fact]
    public void LcsOfBinaryAndIntegerValues()
    {
        Same("SET", "bin1", Bin.Of(0x00, 0x01, 0xFF, 0x02, 0x00));
        Same("SET", "bin2", Bin.Of(0xFF, 0x00, 0x02, 0x00));
        Same("LCS", "bin1", "bin2");
        Same("LCS", "bin1", "bin2", "IDX", "WITHMATCHLEN");
        Same("SET", "n1", "123456");
        Same("SET", "n2", "3456789");
        Same("LCS", "n1", "n2");
        Same("LCS", "n1", "n2", "IDX");
    }

    [Fact]
    public void LcsOfLongerStrings()
    {
        Same("SET", "a", "the quick brown fox jumps over the lazy dog and keeps running through the forest");
        Same("SET", "b", "a quick brown dog jumps over the lazy fox and keeps walking through the field");
        Same("LCS", "a", "b");
        Same("LCS", "a", "b", "LEN");
        Same("LCS", "a", "b", "IDX", "MINMATCHLEN", "3", "WITHMATCHLEN");
    }
}
