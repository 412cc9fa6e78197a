namespace InProcValkey.Tests.Keys;

public sealed class SharedIntegerTests
{
    [Fact]
    public void CopyOfASharedIntegerIsItsOwnObjectUntilReplaced()
    {
        using var t = new TestStore();
        t.Ok("SET", "n", "5");
        Assert.Equal(2147483647, t.Int("OBJECT", "REFCOUNT", "n"));
        Assert.Equal(1, t.Int("COPY", "n", "n2"));
        Assert.Equal(1, t.Int("OBJECT", "REFCOUNT", "n2"));
        Assert.Equal("int", t.Text("OBJECT", "ENCODING", "n2"));
        // EXPIRE and RENAME keep the object; INCR and SET replace it with a shared integer again.
        t.Int("EXPIRE", "n2", "100");
        t.Ok("RENAME", "n2", "n3");
        Assert.Equal(1, t.Int("OBJECT", "REFCOUNT", "n3"));
        Assert.Equal(6, t.Int("INCR", "n3"));
        Assert.Equal(2147483647, t.Int("OBJECT", "REFCOUNT", "n3"));
        Assert.Equal(2147483647, t.Int("OBJECT", "REFCOUNT", "n"));
    }
}
