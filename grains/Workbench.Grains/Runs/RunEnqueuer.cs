using Workbench.Evaluation.Datasets;
using Workbench.Evaluation.Specs;

namespace Workbench.Grains.Runs;

/// <summary>
/// Streams a run's dataset into its queue in batches, checking each row against what the prompts and
/// scorers need and numbering rows in dataset order from 0. Every pass numbers rows the same way, so a
/// pass after an interruption re-queues only the rows the first one did not reach.
/// </summary>
internal sealed class RunEnqueuer(IRunStore store, RunPlan plan, bool skipBadRows, Action<string> note)
{
    private const int EnqueueBatch = 1_000;

    /// <summary>Queues every row and marks the dataset as wholly queued; returns the number of rows.</summary>
    /// <exception cref="SpecException">A bad row (unless skipped), or no rows at all.</exception>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var dataset = plan.Spec.Dataset;
        var batch = new List<WorkItem>(EnqueueBatch);
        var seq = 0L;
        Action<SpecError>? onBadRow = skipBadRows ? Note : null;
        await foreach (var row in DatasetReader.ReadAsync(dataset, onBadRow, cancellationToken).ConfigureAwait(false))
        {
            if (plan.ProblemWith(row.Fields) is { } problem)
            {
                var error = new SpecError(dataset.DisplayPath, row.Line, 0, problem);
                if (!skipBadRows)
                {
                    throw new SpecException(error);
                }
                Note(error);
                continue;
            }
            batch.Add(new WorkItem(seq++, row.Id, row.Line, row.Fields, row.Json));
            if (batch.Count == EnqueueBatch)
            {
                await store.EnqueueAsync(plan.RunId, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await store.EnqueueAsync(plan.RunId, batch, cancellationToken).ConfigureAwait(false);
        }
        if (seq == 0)
        {
            throw new SpecException(new SpecError(dataset.DisplayPath, 0, 0, skipBadRows
                ? "every row of the dataset was skipped as bad (see above); there is nothing to evaluate."
                : "the dataset has no rows; add at least one, or point `dataset` at another file."));
        }
        // Marks the dataset as wholly queued: the shard's signal that an empty queue means done.
        await store.UpdateRunAsync(plan.RunId, RunStatus.Running, null, seq, cancellationToken).ConfigureAwait(false);
        return seq;

        void Note(SpecError error) => note($"skipped {error}");
    }
}
