using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Runs;
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
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout);
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSqliteGrainStorage(store);
        services.AddSingleton<IRunStore>(provider => new SqliteRunStore(store, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IResponseCache>(provider => new SqliteResponseCache(store, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new EndpointPipelines(provider.GetRequiredService<IResponseCache>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EvaluationRunner>();
        return silo;
    }
}
