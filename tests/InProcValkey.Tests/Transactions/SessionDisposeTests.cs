namespace InProcValkey.Tests.Transactions;

public sealed class SessionDisposeTests
{
    [Fact]
    public void DisposingASessionUnwatchesItsKeysAndDiscardsItsTransaction()
    {
        using var t = new TestStore();
        var db = t.Store.Engine.Databases[0];
        var session = t.Store.CreateSession();
        Assert.Equal("OK", session.Execute("WATCH", "a", "b").ToString());
        Assert.Equal("OK", session.Execute("MULTI").ToString());
        Assert.Equal("QUEUED", session.Execute("SET", "a", "1").ToString());
        Assert.Equal(2, db.Watches.Count);

        session.Dispose();
        session.Dispose();

        Assert.Equal(0, db.Watches.Count);
        t.Nil("GET", "a");
        Assert.Throws<ObjectDisposedException>(() => session.Execute("PING"));
    }
}
