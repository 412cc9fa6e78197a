using System.Diagnostics.Metrics;

namespace InProcValkey.Server;

/// <summary>The server's counters, on the <c>InProcValkey.Server</c> <see cref="Meter"/>.</summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "InProcValkey.Server";

    private readonly Meter _meter = new(MeterName);

    public ServerMetrics()
    {
        ConnectionsAccepted = _meter.CreateCounter<long>("inprocvalkey.server.connections.accepted", "{connection}", "Connections accepted (Valkey's total_connections_received).");
        ConnectionsRejected = _meter.CreateCounter<long>("inprocvalkey.server.connections.rejected", "{connection}", "Connections refused (maxclients, protected mode).");
        ConnectionsActive = _meter.CreateUpDownCounter<long>("inprocvalkey.server.connections.active", "{connection}", "Connected clients.");
        Commands = _meter.CreateCounter<long>("inprocvalkey.server.commands", "{command}", "Commands processed (Valkey's total_commands_processed).");
    }

    public Counter<long> ConnectionsAccepted { get; }

    public Counter<long> ConnectionsRejected { get; }

    public UpDownCounter<long> ConnectionsActive { get; }

    public Counter<long> Commands { get; }

    public void Dispose() => _meter.Dispose();
}
