using Workbench.Grains.Runs;

namespace Workbench.Grains.Shards;

/// <summary>
/// A shard of a run, keyed <c>RUN/SHARD</c>: it works through the run's queue on the silo where Orleans
/// placed it. Its calls return at once; the work runs on the activation as a background turn and
/// reports to the run grain when it ends, so no grain call ever waits on a model call.
/// </summary>
public interface IRunShardGrain : IGrainWithStringKey
{
    /// <summary>Starts working on the run's queue for start <paramref name="epoch"/>, stopping work of any earlier start first.</summary>
    Task StartAsync(RunSubmission submission, int epoch, CancellationToken cancellationToken);

    /// <summary>Stops the work: rows in flight are abandoned and go back to the queue; finished rows are committed.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
