using Workbench.Grains.Runs;

namespace Workbench.Grains.Shards;

/// <summary>
/// A shard of a run, keyed <c>RUN/INDEX</c>: it works through the run's queue on the silo where Orleans
/// placed it, beside the run's other shards on other silos. Its calls return at once; the work runs on
/// the activation as a background turn and reports to the run grain when it ends, so no grain call ever
/// waits on a model call.
/// </summary>
public interface IRunShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes sure the shard works on start <paramref name="epoch"/> of the run: an activation that has not
    /// (a new one, say, after its silo died) begins a new shard epoch, which puts the rows its earlier
    /// activation had claimed back in the queue and fences that activation's commits, and starts working.
    /// </summary>
    /// <param name="submission">The run.</param>
    /// <param name="epoch">The run's start epoch; work of an earlier one is stopped.</param>
    /// <param name="shards">How many shards share the run (and its budget).</param>
    /// <param name="stopping">The run is stopping: work stops, and a shard not working does not begin (it reports itself interrupted).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How the work of <paramref name="epoch"/> ended, once it has; null while it goes on.</returns>
    Task<ShardOutcome?> EnsureWorkingAsync(RunSubmission submission, int epoch, int shards, bool stopping, CancellationToken cancellationToken);

    /// <summary>Stops the work: rows in flight are abandoned and go back to the queue; finished rows are committed.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
