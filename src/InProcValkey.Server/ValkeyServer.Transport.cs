using System.IO.Pipelines;

namespace InProcValkey.Server;

/// <summary>
/// Connections that arrive without a socket: the test kit (InProcValkey.Testing) hands the server one end of an in-memory
/// duplex pipe per client connection (StackExchange.Redis's <c>Tunnel</c>), and the server runs the same connection loop
/// over it as over a socket. The interceptor sees every command of every connection made after it is set.
/// </summary>
public sealed partial class ValkeyServer
{
    /// <summary>Offered every command before it runs (the test kit's command log, faults and cluster checks); null normally.</summary>
    internal ICommandInterceptor? Interceptor { get; set; }

    /// <summary>
    /// Serves one client over <paramref name="transport"/> (its <see cref="IDuplexPipe.Input"/> is what the client sent, its
    /// <see cref="IDuplexPipe.Output"/> receives the replies) until the client completes its side, QUIT, a kill or the server
    /// stops. The server must have been started (it may have no listening address).
    /// </summary>
    /// <param name="transport">The server's end of the connection.</param>
    /// <param name="address">The client's address as CLIENT LIST shows it (addr=).</param>
    /// <returns>Completes when the connection is closed; both sides of <paramref name="transport"/> are completed by then.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    internal Task ServeTransportAsync(IDuplexPipe transport, string address)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (Volatile.Read(ref _state) != 1 || _stopping is not { } stopping)
        {
            throw new InvalidOperationException("The server is not running.");
        }
        var engine = Store.Engine;
        Interlocked.Increment(ref engine.TotalConnectionsReceived);
        long id = Interlocked.Increment(ref _nextClientId);
        var client = new ClientConnection(this, null, id, address, "in-memory:0", _parserOptions, transport);
        _clients[id] = client;
        Interlocked.Increment(ref engine.ConnectedClients);
        Metrics.ConnectionsAccepted.Add(1);
        Metrics.ConnectionsActive.Add(1);
        Log.Accepted(Logger, id, address);
        return RunTransportAsync(client, id, stopping.Token);
    }

    private async Task RunTransportAsync(ClientConnection client, long id, CancellationToken stopping)
    {
        try
        {
            await Task.Yield();
            await client.RunAsync(stopping).ConfigureAwait(false);
        }
        finally
        {
            _clients.TryRemove(id, out _);
            Interlocked.Decrement(ref Store.Engine.ConnectedClients);
            Metrics.ConnectionsActive.Add(-1);
        }
    }
}
