using System.Net;
using Microsoft.Extensions.Logging;

namespace InProcValkey.Server;

/// <summary>The server's log messages (LoggerMessage source generator).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Ready to accept connections on {EndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(2, LogLevel.Debug, "Accepted client {Id} from {Address}")]
    public static partial void Accepted(ILogger logger, long id, string address);

    [LoggerMessage(3, LogLevel.Debug, "Client {Id} closed ({Reason})")]
    public static partial void Closed(ILogger logger, long id, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Refused client from {Address}: {Reason}")]
    public static partial void Refused(ILogger logger, string address, string reason);

    [LoggerMessage(5, LogLevel.Error, "Client {Id} failed")]
    public static partial void ClientFailed(ILogger logger, long id, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Accept loop on {EndPoint} failed")]
    public static partial void AcceptFailed(ILogger logger, EndPoint endPoint, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Server stopped")]
    public static partial void Stopped(ILogger logger);

    // Valkey logs "Client … closed for overcoming of output buffer limits." at warning level.
    [LoggerMessage(8, LogLevel.Warning, "Client {Id} closed for overcoming of output buffer limits: {Reason}. {Client}")]
    public static partial void OutputLimit(ILogger logger, long id, string reason, string client);
}
