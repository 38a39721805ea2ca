namespace Workbench.Grains.Experiments;

/// <summary>An experiment (key: its name): runs grouped over time, with a baseline.</summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Records a finished run; recording the same run again replaces it (a resumed run's later figures).</summary>
    Task RecordAsync(ExperimentRun run, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="runId"/> the baseline.</summary>
    /// <exception cref="ArgumentException">The run is not in this experiment.</exception>
    Task SetBaselineAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The experiment; null when no run was ever recorded.</summary>
    Task<ExperimentEntry?> GetAsync(CancellationToken cancellationToken);
}
