using System.Globalization;
using System.Net;
using InProcValkey.Server;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>CONFIG parameters that describe the listener itself.</summary>
public sealed class ListenerConfigTests
{
    [Fact]
    public async Task Config_get_port_is_the_port_listened_on()
    {
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        string port = ((IPEndPoint)server.EndPoints[0]).Port.ToString(CultureInfo.InvariantCulture);
        using var c = await RawClient.ConnectAsync(server.EndPoints[0]);
        await c.SendAsync("CONFIG GET port\r\n");
        await c.ExpectAsync($"*2\r\n$4\r\nport\r\n${port.Length}\r\n{port}\r\n");
    }
}
