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

public sealed class IdleTimeWithoutActiveExpiryTests
{
    [Fact]
    public void IdleTimeRestartsOnReadEvenWhenActiveExpiryIsOff()
    {
        using var t = new TestStore(activeExpiry: false);
        t.Ok("SET", "k", "v");
        t.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(30, t.Int("OBJECT", "IDLETIME", "k"));
        Assert.Equal("v", t.Text("GET", "k"));
        Assert.Equal(0, t.Int("OBJECT", "IDLETIME", "k"));
        t.Ok("SET", "gone", "v", "PX", "10");
        t.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, t.Int("DBSIZE")); // nothing reclaims the expired key in the background
    }
}
