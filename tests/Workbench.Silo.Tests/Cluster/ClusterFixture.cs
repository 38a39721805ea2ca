using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Retrieval;
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
        // Each silo keeps index versions in a folder of its own, as silos on separate machines do.
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddWorkbench(Store);
            silo.Configure<RetrievalOptions>(retrieval => retrieval.IndexRoot = IndexRootOf(options.SiloName));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The folder where silo <paramref name="siloName"/> keeps index versions.</summary>
    public string IndexRootOf(string siloName) => _folder.PathOf(Path.Combine("silo-indexes", siloName));

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
