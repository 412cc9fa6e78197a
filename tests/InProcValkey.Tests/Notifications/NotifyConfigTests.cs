namespace InProcValkey.Tests.Notifications;

/// <summary>notify-keyspace-events: parsing, CONFIG GET's normalised form, the K/E rule, the store option.</summary>
public sealed class NotifyConfigTests
{
    [Theory]
    [InlineData("KEA", "AKE")]
    [InlineData("Kl", "lK")]
    [InlineData("Eg$", "g$E")]
    [InlineData("Ex", "xE")]
    [InlineData("En", "nE")]
    [InlineData("Km", "Km")]
    [InlineData("A", "A")]
    [InlineData("Ag$", "A")]
    [InlineData("KEAmn", "AKEm")]
    [InlineData("nmEKd", "dnKEm")]
    [InlineData("KEg$lshzxetd", "AKE")]
    [InlineData("KEg$lshzxet", "g$lshzxetKE")]
    [InlineData("", "")]
    public void ConfigGetShowsValkeysNormalisedForm(string set, string shown)
    {
        using var t = new TestStore();
        t.Ok("CONFIG", "SET", "notify-keyspace-events", set);
        Assert.Equal(["notify-keyspace-events", shown], t.Run("CONFIG", "GET", "notify-keyspace-events").Elements.Select(e => e.ToString()));
    }

    [Fact]
    public void AnUnknownClassIsRejectedWithValkeysError()
    {
        using var t = new TestStore();
        t.Error("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
            "CONFIG", "SET", "notify-keyspace-events", "KEq");
    }

    [Fact]
    public void ClassesWithoutKOrEPublishNothing()
    {
        using var t = new TestStore();
        using var sub = t.Store.SubscribePattern("__key*__:*");
        t.Ok("CONFIG", "SET", "notify-keyspace-events", "A");
        t.Ok("SET", "k", "v");
        Assert.Empty(sub.Drain());
        t.Ok("CONFIG", "SET", "notify-keyspace-events", "K$");
        t.Ok("SET", "k", "v");
        Assert.Equal(["__keyspace@0__:k set"], sub.Drain());
        t.Ok("CONFIG", "SET", "notify-keyspace-events", "E$");
        t.Ok("SET", "k", "v");
        Assert.Equal(["__keyevent@0__:set k"], sub.Drain());
    }

    [Fact]
    public void NewIsKeptWithAThoughConfigGetDoesNotShowIt()
    {
        using var t = new TestStore();
        using var sub = t.Store.SubscribePattern("__keyevent@0__:*");
        t.Ok("CONFIG", "SET", "notify-keyspace-events", "EAn");
        t.Ok("SET", "k", "v");
        Assert.Equal(["__keyevent@0__:new k", "__keyevent@0__:set k"], sub.Drain());
    }

    [Fact]
    public void TheStoreOptionSetsTheInitialValue()
    {
        var options = new ValkeyStoreOptions { NotifyKeyspaceEvents = "KEA" };
        using var store = new ValkeyStore(options);
        Assert.Equal("AKE", store.Execute("CONFIG", "GET", "notify-keyspace-events").Elements[1].ToString());
        using var sub = store.SubscribePattern("__keyspace@0__:*");
        store.GetDatabase().StringSet("k", "v");
        Assert.Equal(["__keyspace@0__:k set"], sub.Drain());
    }

    [Fact]
    public void AnInvalidStoreOptionThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ValkeyStore(new ValkeyStoreOptions { NotifyKeyspaceEvents = "KEQ" }));
        Assert.Contains("Invalid event class character", ex.Message, StringComparison.Ordinal);
    }
}
