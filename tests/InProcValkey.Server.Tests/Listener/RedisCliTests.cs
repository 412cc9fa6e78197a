using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using InProcValkey.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InProcValkey.Server.Tests.Listener;

/// <summary>redis-cli (Debian redis-tools) against the listener; plus protected mode and the hosted service.</summary>
public sealed class RedisCliTests
{
    private static string? RedisCli => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, "redis-cli")).FirstOrDefault(File.Exists);

    private static async Task<string> CliAsync(int port, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo(RedisCli!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add("-p");
        psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
        }
        p.StandardInput.Close();
        string output = await p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output;
    }

    [Fact]
    public async Task Redis_cli_runs_commands_and_pipe_mass_insertion()
    {
        if (RedisCli is null)
        {
            return; // .ci/run installs redis-tools
        }
        await using var server = new ValkeyServer(new ValkeyServerOptions { Port = 0 });
        await server.StartAsync(TestContext.Current.CancellationToken);
        int port = ((IPEndPoint)server.EndPoints[0]).Port;
        Assert.Equal("OK\n", await CliAsync(port, null, "SET", "greeting", "hello world"));
        Assert.Equal("hello world\n", await CliAsync(port, null, "GET", "greeting"));
        Assert.Equal("(integer) 5\n", await CliAsync(port, null, "--no-raw", "INCRBY", "n", "5"));

        var mass = new System.Text.StringBuilder();
        for (int i = 0; i < 1000; i++)
        {
            string k = "key:" + i.ToString(CultureInfo.InvariantCulture);
            mass.Append(CultureInfo.InvariantCulture, $"*3\r\n$3\r\nSET\r\n${k.Length}\r\n{k}\r\n$1\r\nv\r\n");
        }
        string piped = await CliAsync(port, mass.ToString(), "--pipe");
        Assert.Contains("errors: 0, replies: 1000", piped);
        Assert.Equal("v", server.Store.GetDatabase().StringGet("key:999"));
    }

    // Tests only ever connect to loopback: the refusal of other addresses is checked on the decision itself.
    [Theory]
    [InlineData("192.0.2.10", true, false, true)]
    [InlineData("10.1.2.3", true, false, true)]
    [InlineData("2001:db8::1", true, false, true)]
    [InlineData("192.0.2.10", true, true, false)]
    [InlineData("192.0.2.10", false, false, false)]
    [InlineData("127.0.0.1", true, false, false)]
    [InlineData("::1", true, false, false)]
    public void Protected_mode_refuses_non_loopback_clients_without_a_password(string remote, bool protectedMode, bool hasPassword, bool refused)
    {
        Assert.Equal(refused, ValkeyServer.RefusedByProtectedMode(protectedMode, hasPassword, new IPEndPoint(IPAddress.Parse(remote), 50000)));
        Assert.StartsWith("-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user.", ValkeyServer.DeniedMessage);
    }

    [Fact]
    public async Task Protected_mode_still_serves_loopback_clients_when_bound_to_every_interface()
    {
        var options = new ValkeyServerOptions { Port = 0 };
        options.Bind.Clear();
        options.Bind.Add("0.0.0.0");
        await using var server = new ValkeyServer(options);
        await server.StartAsync(TestContext.Current.CancellationToken);
        int port = ((IPEndPoint)server.EndPoints[0]).Port;
        using var local = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await local.SendAsync("PING\r\n");
        await local.ExpectAsync("+PONG\r\n");
    }

    [Fact]
    public async Task The_hosted_service_serves_the_containers_store()
    {
        var services = new ServiceCollection();
        services.AddInProcValkeyServer(o => o.Port = 0);
        await using var provider = services.BuildServiceProvider();
        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        await hosted.StartAsync(TestContext.Current.CancellationToken);
        var server = provider.GetRequiredService<ValkeyServer>();
        Assert.Same(provider.GetRequiredService<ValkeyStore>(), server.Store);
        using (var c = await RawClient.ConnectAsync(server.EndPoints[0]))
        {
            await c.SendAsync("SET from wire\r\n");
            await c.ExpectAsync("+OK\r\n");
        }
        Assert.Equal("wire", server.Store.GetDatabase().StringGet("from"));
        await hosted.StopAsync(TestContext.Current.CancellationToken);
    }
}
