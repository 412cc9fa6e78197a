using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace InProcValkey.Caching;

/// <summary>Registers the InProcValkey distributed cache with a service collection.</summary>
public static class ValkeyCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="ValkeyDistributedCache"/> singleton as <see cref="IDistributedCache"/> and
    /// <see cref="IBufferDistributedCache"/> (added, not tried, so it replaces <c>AddDistributedMemoryCache</c> whatever the
    /// order, as <c>AddStackExchangeRedisCache</c> does). The store: <see cref="ValkeyDistributedCacheOptions.Store"/> when set,
    /// else the <see cref="ValkeyStore"/> registered in the container (<c>AddInProcValkey</c>), else one created for the cache
    /// with the container's <see cref="TimeProvider"/> when one is registered. HybridCache (<c>AddHybridCache</c>) uses it as
    /// its L2.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddInProcValkeyCache(this IServiceCollection services, Action<ValkeyDistributedCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp =>
        {
            var options = new ValkeyDistributedCacheOptions();
            configure?.Invoke(options);
            if (options.Store is null)
            {
                options.Store = sp.GetService<ValkeyStore>();
            }
            if (options.Store is null)
            {
                var storeOptions = options.StoreOptions ?? new ValkeyStoreOptions();
                storeOptions.TimeProvider ??= sp.GetService<TimeProvider>();
                options.StoreOptions = storeOptions;
            }
            return new ValkeyDistributedCache(options);
        });
        services.Add(ServiceDescriptor.Singleton<IDistributedCache>(sp => sp.GetRequiredService<ValkeyDistributedCache>()));
        services.Add(ServiceDescriptor.Singleton<IBufferDistributedCache>(sp => sp.GetRequiredService<ValkeyDistributedCache>()));
        return services;
    }
}
