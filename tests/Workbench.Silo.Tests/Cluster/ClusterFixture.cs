using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using Workbench.Grains.Endpoints;
using Workbench.Silo.Hosting;
using Workbench.Silo.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Tests.Cluster;

/// <summary>
/// Two silos in one test process, shared by the tests of a class: a long-lived cluster, as a
/// deployment is, so state that wrongly survives from one run to the next shows. Every call between
/// the client and the grains, and between grains on different silos, is serialised.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("workbench-cluster-");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public SqliteStore Store { get; private set; } = null!;

    public SqliteRunStore Runs => new(Store, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        Store = await SqliteStore.OpenAsync(_folder.PathOf("cluster.db"), CancellationToken.None);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddWorkbench(Store));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A runner that submits through the cluster's client, as a process outside the silos would.</summary>
    public EvaluationRunner Runner() =>
        new(Cluster.Client, Runs, new EndpointPipelines(null, TimeProvider.System), TimeProvider.System, NullLogger<EvaluationRunner>.Instance);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
