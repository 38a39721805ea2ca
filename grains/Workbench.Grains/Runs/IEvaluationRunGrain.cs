namespace Workbench.Grains.Runs;

/// <summary>
/// An evaluation run, keyed by run id: it owns the run's control state (its submission, status and
/// start epoch), streams the dataset into the run's queue, starts the run's shards and decides how the
/// run ended. Every call returns quickly; the long work runs in background turns and on the shards.
/// </summary>
public interface IEvaluationRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the run, or resumes it when it has been started before: records the submission, queues the
    /// dataset's rows (again, when an earlier start did not finish that) and starts the shards.
    /// </summary>
    /// <returns>The problems that keep the run from starting (exit code 2); empty when it started.</returns>
    Task<IReadOnlyList<RunProblem>> StartAsync(RunSubmission submission, CancellationToken cancellationToken);

    /// <summary>Where the run stands; notes after the first <paramref name="notesSeen"/> are included.</summary>
    Task<RunProgress> GetProgressAsync(int notesSeen, CancellationToken cancellationToken);

    /// <summary>The run's submission, from which a follower rebuilds its plan; null for a run never started.</summary>
    Task<RunSubmission?> GetSubmissionAsync(CancellationToken cancellationToken);

    /// <summary>Stops the run; finished rows stay committed and the rest can be resumed.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Stops the run because its stop rule has the answer: it ends as <see cref="RunStatus.Decided"/>, and can still be resumed.</summary>
    Task DecideAsync(CancellationToken cancellationToken);

    /// <summary>A shard reports that its work for start <paramref name="epoch"/> has ended.</summary>
    Task ShardFinishedAsync(string shard, int epoch, ShardOutcome outcome, CancellationToken cancellationToken);
}
