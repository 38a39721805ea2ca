using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace Workbench.Silo.Storage;

/// <summary>Registers the embedded SQLite store's grain storage with a silo.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Uses an opened <see cref="SqliteStore"/> as the grain storage named <paramref name="name"/>
    /// (Orleans' default storage unless told otherwise).
    /// </summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, SqliteStore store, string name = "Default")
    {
        services.AddSingleton(store);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new SqliteGrainStorage(
            store, provider.GetRequiredService<IGrainStorageSerializer>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        if (name == "Default")
        {
            // State declared without a storage name asks for the unnamed service.
            services.TryAddSingleton(provider => provider.GetRequiredKeyedService<IGrainStorage>(name));
        }
        return services;
    }
}
