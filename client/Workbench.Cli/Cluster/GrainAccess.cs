using System.CommandLine;
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

    /// <summary><c>--db FILE</c>: the embedded default's database.</summary>
    public static Option<FileInfo> Database() => new("--db") { Description = "The SQLite database of the embedded default.", DefaultValueFactory = _ => new FileInfo(".workbench/workbench.db") };

    /// <summary>Runs a command's grain calls; input it cannot use (an <see cref="ArgumentException"/>) is reported as bad input, exit code 2.</summary>
    public static async Task<int> RunAsync(FileInfo database, string? postgres, Func<IGrainFactory, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await using var access = await OpenAsync(database, postgres, cancellationToken);
            await action(access.Grains);
            return 0;
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
