using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InProcValkey;

/// <summary>Registers InProcValkey with a service collection.</summary>
public static class InProcValkeyServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ValkeyStore"/> as a singleton. When the options set no <see cref="ValkeyStoreOptions.TimeProvider"/>,
    /// the <see cref="TimeProvider"/> registered in the container (if any) is used.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddInProcValkey(this IServiceCollection services, Action<ValkeyStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp =>
        {
            var options = new ValkeyStoreOptions();
            configure?.Invoke(options);
            options.TimeProvider ??= sp.GetService<TimeProvider>();
            return new ValkeyStore(options);
        });
        return services;
    }
}
