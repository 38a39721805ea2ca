using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Retrieval;
using Workbench.Grains.Runs;
using Workbench.Grains.Shards;
using Workbench.Silo.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Hosting;

/// <summary>Adds what Workbench's grains need to an Orleans silo.</summary>
public static class WorkbenchSiloBuilderExtensions
{
    /// <summary>The longest any grain call may take. Calls only start or report work, so a call that takes longer is a fault.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Uses <paramref name="store"/> for grain state and run data, and registers the run store, the
    /// response cache, this silo's endpoint pipelines and the evaluation runner.
    /// </summary>
    public static ISiloBuilder AddWorkbench(this ISiloBuilder silo, SqliteStore store)
    {
        silo.Services.AddSqliteGrainStorage(store);
        return silo.AddWorkbenchServices(
            provider => new SqliteRunStore(store, provider.GetRequiredService<TimeProvider>()),
            provider => new SqliteResponseCache(store, provider.GetRequiredService<TimeProvider>()));
    }

    /// <summary>
    /// Registers Workbench's grains' services on a silo whose grain storage is configured elsewhere: the
    /// run store and response cache from the factories, this silo's endpoint pipelines (with its shares of
    /// endpoint limits, when the host registered <see cref="EndpointShares"/>) and the evaluation runner.
    /// </summary>
    public static ISiloBuilder AddWorkbenchServices(this ISiloBuilder silo, Func<IServiceProvider, IRunStore> runStore, Func<IServiceProvider, IResponseCache> responseCache)
    {
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout);
        silo.AddPlacementDirector<ShardPlacement, ShardPlacementDirector>();
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RunRecoveryOptions>();
        services.AddSingleton(runStore);
        services.AddSingleton(responseCache);
        services.AddSingleton(provider => new EndpointPipelines(
            provider.GetRequiredService<IResponseCache>(), provider.GetRequiredService<TimeProvider>(), null, provider.GetService<EndpointShares>(),
            provider.GetRequiredService<IGrainFactory>()));
        services.AddOptions<RetrievalOptions>();
        services.AddSingleton(provider => new RetrievalIndexes(
            provider.GetRequiredService<IGrainFactory>(),
            new IndexFolder(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetrievalOptions>>().Value.IndexRoot),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RetrievalIndexes>>()));
        services.AddSingleton<EvaluationRunner>();
        return silo;
    }
}
