using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InProcValkey.Server;

/// <summary>Registers the InProcValkey RESP listener with a service collection.</summary>
public static class InProcValkeyServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="ValkeyServer"/> serving the container's <see cref="ValkeyStore"/> (registering one with
    /// <c>AddInProcValkey</c> when absent) and an <see cref="IHostedService"/> that starts it with the host and stops it with the host.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddInProcValkeyServer(this IServiceCollection services, Action<ValkeyServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddInProcValkey();
        services.TryAddSingleton(sp =>
        {
            var options = new ValkeyServerOptions();
            configure?.Invoke(options);
            return new ValkeyServer(sp.GetRequiredService<ValkeyStore>(), options, sp.GetService<ILoggerFactory>());
        });
        services.AddHostedService<ValkeyServerHostedService>();
        return services;
    }
}

/// <summary>Starts and stops the registered <see cref="ValkeyServer"/> with the host.</summary>
internal sealed class ValkeyServerHostedService(ValkeyServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
