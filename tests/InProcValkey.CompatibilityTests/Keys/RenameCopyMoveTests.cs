using InProcValkey.CompatibilityTests.Harness;

namespace InProcValkey.CompatibilityTests.Keys;

/// <summary>RENAME, RENAMENX, COPY (DB, REPLACE), MOVE: TTLs travel with values, errors, same-key cases.</summary>
public class RenameCopyMoveTests(RedisServerFixture server) : CompatTest(server)
{
    [Fact]
    public void RenameMovesValueAndTtl()
    {
        Same("SET", "a", "1", "EX", "100");
        Same("RENAME", "a", "b");
        Same("EXISTS", "a");
        Same("GET", "b");
        SameApprox("TTL", "b");
        Same("SET", "c", "3");
        Same("RENAME", "b", "c");
        Same("GET", "c");
        SameApprox("TTL", "c");
        Same("SET", "d", "4", "EX", "100");
        Same("SET", "e", "5");
        Same("RENAME", "e", "d");
        Same("TTL", "d");
        Same("RENAME", "d", Bin.Key);
        Same("GET", Bin.Key);
    }

    [Fact]
    public void RenameOfMissingKeyIsAnError()
    {
        Same("RENAME", "missing", "x");
        Same("RENAMENX", "missing", "x");
        Same("RENAME", "missing", "missing");
        Same("EXISTS", "x");
    }

    [Fact]
    public void RenameToItself()
    {
        Same("SET", "a", "1", "EX", "100");
        Same("RENAME", "a", "a");
        Same("RENAMENX", "a", "a");
        Same("GET", "a");
        SameApprox("TTL", "a");
    }

    [Fact]
    public void RenameNxOnlyWhenTheTargetIsFree()
    {
        Same("MSET", "a", "1", "b", "2");
        Same("RENAMENX", "a", "b");
        Same("MGET", "a", "b");
        Same("RENAMENX", "a", "c");
        Same("MGET", "a", "c");
        Same("SET", "t", "v", "PX", "100000");
        Same("RENAMENX", "t", "u");
        SameApprox("PTTL", "u");
    }

    [Fact]
    public void CopyWithinTheDatabase()
    {
        Same("SET", "src", "v", "EX", "100");
        Same("COPY", "src", "dst");
        Same("GET", "dst");
        SameApprox("TTL", "dst");
        Same("SET", "other", "x");
        Same("COPY", "other", "dst");
        Same("GET", "dst");
        Same("COPY", "other", "dst", "REPLACE");
        Same("GET", "dst");
        Same("TTL", "dst");
        Same("COPY", "missing", "dst");
        Same("COPY", "missing", "dst", "REPLACE");
        Same("GET", "dst");
        Same("COPY", "src", "src");
        Same("COPY", "src", "src", "REPLACE");
        Same("COPY", "src", "src", "DB", "0");
        Same("SET", "n", "12345");
        Same("COPY", "n", "n2");
        Same("INCR", "n2");
        Same("GET", "n");
        Same("COPY", Bin.Key, "x");
        Same("SET", Bin.Key, Bin.Value);
        Same("COPY", Bin.Key, "bin-copy");
        Same("GET", "bin-copy");
    }

    [Fact]
    public void CopyToAnotherDatabase()
    {
        Same("SET", "src", "v", "PX", "100000");
        Same("COPY", "src", "src", "DB", "1");
        Same("COPY", "src", "src", "DB", "1");
        Same("COPY", "src", "src", "DB", "1", "REPLACE");
        Same("COPY", "src", "dst", "db", "15", "replace");
        Same("SELECT", "1");
        Same("GET", "src");
        SameApprox("PTTL", "src");
        Same("SELECT", "15");
        Same("GET", "dst");
        Same("SELECT", "0");
        Same("DBSIZE");
    }

    [Fact]
    public void CopyRejectsBadOptions()
    {
        Same("SET", "src", "v");
        Same("COPY", "src", "dst", "DB", "16");
        Same("COPY", "src", "dst", "DB", "-1");
        Same("COPY", "src", "dst", "DB", "x");
        Same("COPY", "src", "dst", "DB", "2147483648");
        Same("COPY", "src", "dst", "DB");
        Same("COPY", "src", "dst", "FOO");
        Same("COPY", "src", "dst", "REPLACE", "FOO");
        Same("COPY", "missing", "dst", "DB", "16");
        Same("EXISTS", "dst");
    }

    [Fact]
    public void MoveToAnotherDatabase()
    {
        Same("SET", "a", "1", "EX", "100");
        Same("MOVE", "a", "1");
        Same("EXISTS", "a");
        Same("MOVE", "a", "1");
        Same("SELECT", "1");
        Same("GET", "a");
        SameApprox("TTL", "a");
        Same("SET", "b", "in-1");
        Same("SELECT", "0");
        Same("SET", "b", "in-0");
        Same("MOVE", "b", "1");
        Same("GET", "b");
        Same("MOVE", Bin.Key, "2");
        Same("SET", Bin.Key, Bin.Value);
        Same("MOVE", Bin.Key, "2");
        Same("SELECT", "2");
        Same("GET", Bin.Key);
    }

    [Fact]
    public void MoveRejectsBadDatabases()
    {
        Same("SET", "a", "1");
        Same("MOVE", "a", "0");
        Same("MOVE", "missing", "0");
        Same("MOVE", "a", "16");
        Same("MOVE", "a", "-1");
        Same("MOVE", "a", "x");
        Same("MOVE", "a", "1.0");
        Same("MOVE", "missing", "16");
        Same("MOVE", "missing", "x");
        Same("GET", "a");
    }
}
