using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using InProcValkey.Server;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace InProcValkey.Testing;

/// <summary>
/// StackExchange.Redis's transport hook: no socket endpoint (so no socket is created or connected), and at the point where the
/// library would authenticate, a stream over a fresh pair of in-memory pipes whose other end the server serves.
/// </summary>
internal sealed class InProcTunnel : Tunnel
{
    private readonly ValkeyServer _server;
    private readonly List<Task> _connections = [];
    private readonly Lock _lock = new();
    private long _count;

    public InProcTunnel(ValkeyServer server) => _server = server;

    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        new((EndPoint?)null);

    public override ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken) =>
        new(Open());

    /// <summary>A new connection to the server; the returned stream is the client's end.</summary>
    public Stream Open()
    {
        var toServer = new Pipe(PipeOptions.Default);
        var toClient = new Pipe(PipeOptions.Default);
        long n = Interlocked.Increment(ref _count);
        var serving = _server.ServeTransportAsync(new DuplexPipe(toServer.Reader, toClient.Writer), "in-memory:" + n);
        lock (_lock)
        {
            _connections.RemoveAll(static t => t.IsCompleted);
            _connections.Add(serving);
        }
        return new InMemoryDuplexStream(toClient.Reader, toServer.Writer);
    }

    /// <summary>Completes when every connection opened so far has been closed on the server's side.</summary>
    public Task AllClosed()
    {
        lock (_lock)
        {
            return Task.WhenAll(_connections);
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
