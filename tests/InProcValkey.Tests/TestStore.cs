using Microsoft.Extensions.Time.Testing;

namespace InProcValkey.Tests;

/// <summary>A store on a <see cref="FakeTimeProvider"/> with helpers to run commands and assert replies.</summary>
public sealed class TestStore : IDisposable
{
    public TestStore(bool activeExpiry = true, int? seed = 1)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Store = new ValkeyStore(new ValkeyStoreOptions { TimeProvider = Time, ActiveExpiry = activeExpiry, RandomSeed = seed });
        Session = Store.CreateSession();
    }

    public FakeTimeProvider Time { get; }

    public ValkeyStore Store { get; }

    public ValkeySession Session { get; }

    public ValkeyDatabase Db => Store.GetDatabase(0);

    public ValkeyReply Run(params string[] command) => Session.Execute(command);

    /// <summary>Runs a command and returns its reply rendered as text (null for nil; errors as their text).</summary>
    public string? Text(params string[] command) => Run(command).ToString();

    public long Int(params string[] command)
    {
        var r = Run(command);
        Assert.True(r.Kind == ValkeyReplyKind.Integer, $"expected integer, got {r.Kind}: {r}");
        return r.AsInt64();
    }

    public void Ok(params string[] command)
    {
        var r = Run(command);
        Assert.True(r.Kind == ValkeyReplyKind.SimpleString && r.ToString() == "OK", $"expected OK, got {r.Kind}: {r}");
    }

    public void Error(string expected, params string[] command)
    {
        var r = Run(command);
        Assert.True(r.IsError, $"expected error '{expected}', got {r.Kind}: {r}");
        Assert.Equal(expected, r.ErrorMessage);
    }

    public void Nil(params string[] command)
    {
        var r = Run(command);
        Assert.True(r.Kind == ValkeyReplyKind.Null, $"expected nil, got {r.Kind}: {r}");
    }

    public void Dispose() => Store.Dispose();
}
