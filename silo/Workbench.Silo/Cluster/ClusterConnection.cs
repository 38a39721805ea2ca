using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Runs;
using Workbench.Silo.Runs;
using Workbench.Silo.Storage.Postgres;

namespace Workbench.Silo.Cluster;

/// <summary>
/// An Orleans client of a Workbench cluster: it finds the silos' gateways through the membership table
/// in PostgreSQL, submits and follows runs through their grains, and reads results from the run store.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PostgresStore _store;

    private ClusterConnection(IHost host, PostgresStore store)
    {
        _host = host;
        _store = store;
    }

    /// <summary>The client's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The grains of the cluster.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The run store.</summary>
    public IRunStore Runs => _host.Services.GetRequiredService<IRunStore>();

    /// <summary>The evaluation runner, which submits runs to the cluster and follows them.</summary>
    public EvaluationRunner Runner => _host.Services.GetRequiredService<EvaluationRunner>();

    /// <summary>Connects to the cluster whose database is <paramref name="connectionString"/>.</summary>
    /// <exception cref="Workbench.Evaluation.Specs.SpecException">The database cannot be reached, or no silo is up.</exception>
    public static async Task<ClusterConnection> ConnectAsync(
        string connectionString, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken, string clusterId = ClusterSiloOptions.DefaultClusterId)
    {
        var store = await PostgresStore.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Hosting.SiloLogging.Configure(builder.Logging, configureLogging);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IRunStore>(provider => new ReconnectingRunStore(new PostgresRunStore(store, provider.GetRequiredService<TimeProvider>()), provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IResponseCache>(provider => new PostgresResponseCache(store, provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(provider => new EndpointPipelines(
            provider.GetRequiredService<IResponseCache>(), provider.GetRequiredService<TimeProvider>(), grains: provider.GetRequiredService<IGrainFactory>()));
        builder.Services.AddSingleton<EvaluationRunner>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "workbench";
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterSiloOptions.Invariant;
                o.ConnectionString = connectionString;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = Hosting.WorkbenchSiloBuilderExtensions.ResponseTimeout);
            // The gateway list follows membership quickly, so a dead silo's gateway is dropped within seconds.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            host.Dispose();
            await store.DisposeAsync().ConfigureAwait(false);
            throw new Workbench.Evaluation.Specs.SpecException(new Workbench.Evaluation.Specs.SpecError(store.Display, 0, 0,
                $"no silo of the cluster could be reached ({exception.Message}). Start one with: workbench silo --postgres CONN"));
        }
        return new ClusterConnection(host, store);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
