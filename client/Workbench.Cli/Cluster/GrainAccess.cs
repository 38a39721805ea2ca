using Workbench.Silo.Cluster;
using Workbench.Silo.Hosting;
using Workbench.Silo.Runs;

namespace Workbench.Cli.Cluster;

/// <summary>Grains of the embedded default (the SQLite file) or of a cluster (<c>--postgres</c>), for commands that only call grains.</summary>
internal sealed class GrainAccess : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private GrainAccess(IAsyncDisposable owner, IGrainFactory grains, EvaluationRunner runner)
    {
        _owner = owner;
        Grains = grains;
        Runner = runner;
    }

    /// <summary>The grain factory.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The runner, for reading runs and their cells.</summary>
    public EvaluationRunner Runner { get; }

    /// <summary>Connects to the cluster when <paramref name="postgres"/> is given, or starts the embedded silo on <paramref name="database"/>.</summary>
    public static async Task<GrainAccess> OpenAsync(FileInfo database, string? postgres, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(postgres))
        {
            var cluster = await ClusterConnection.ConnectAsync(postgres, null, cancellationToken);
            return new GrainAccess(cluster, cluster.Client, cluster.Runner);
        }
        var silo = await EmbeddedSilo.StartAsync(database.FullName, null, cancellationToken);
        return new GrainAccess(silo, (IGrainFactory)silo.Services.GetService(typeof(IGrainFactory))!, silo.Runner);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
