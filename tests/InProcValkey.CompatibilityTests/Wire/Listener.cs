using System.Net;
using InProcValkey.Server;

namespace InProcValkey.CompatibilityTests.Wire;

/// <summary>
/// Our listener (<see cref="ValkeyServer"/>) on a free loopback port over a fresh store with the system clock, started in
/// process by the test and stopped on dispose.
/// </summary>
public sealed class Listener : IDisposable
{
    private readonly ValkeyServer _server;

    public Listener(Action<ValkeyServerOptions>? configure = null)
    {
        Store = new ValkeyStore(new ValkeyStoreOptions { TimeProvider = TimeProvider.System });
        var options = new ValkeyServerOptions { Port = 0 };
        configure?.Invoke(options);
        _server = new ValkeyServer(Store, options);
        _server.StartAsync().GetAwaiter().GetResult();
        Port = ((IPEndPoint)_server.EndPoints[0]).Port;
    }

    /// <summary>The store the listener serves.</summary>
    public ValkeyStore Store { get; }

    /// <summary>The bound loopback port.</summary>
    public int Port { get; }

    /// <summary>The bound endpoint.</summary>
    public EndPoint EndPoint => _server.EndPoints[0];

    /// <summary>A new raw connection speaking <paramref name="protocol"/>.</summary>
    public WireConnection Connect(int protocol = 2) => WireConnection.Connect(Port, protocol);

    public void Dispose()
    {
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Store.Dispose();
    }
}
