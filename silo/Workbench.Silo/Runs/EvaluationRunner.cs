using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Workbench.Actors;
using Workbench.Evaluation.Datasets;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Rows;
using Workbench.Grains.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Runs;

/// <summary>
/// Carries out an evaluation on this silo: prepares the plan, has the run grain enqueue the rows,
/// then claims work items in batches, hands each row to the run's row grains, and commits finished
/// cells in the same transaction that completes their work items. Stopping at any point leaves the
/// run resumable: claimed rows that did not finish go back to the queue.
/// </summary>
public sealed partial class EvaluationRunner(
    IGrainFactory grains,
    IRunStore store,
    RunPlans plans,
    EndpointDirectory endpoints,
    TimeProvider timeProvider,
    ILogger<EvaluationRunner> logger)
{
    private const int ClaimBatch = 256;
    private const int CommitBatch = 2048;
    private const int MaxRowsInFlight = 1_024;
    private const int EnqueueBatch = 1_000;

    /// <summary>Runs <paramref name="spec"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="SpecException">The spec, its dataset or a row is bad (exit code 2).</exception>
    public async Task<RunOutcome> RunAsync(EvalSpec spec, RunOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        var scorers = CreateScorers(spec);
        CheckEndpoints(spec);
        if (options.DryRun)
        {
            return await DryRunAsync(spec, scorers, progress, cancellationToken).ConfigureAwait(false);
        }

        var specHash = HashOf(spec);
        var run = await OpenRunAsync(spec, specHash, options, cancellationToken).ConfigureAwait(false);
        var spent = await store.SpentAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var keys = spec.Endpoints.Concat(spec.JudgeEndpoints).ToDictionary(e => e.Id, e => endpoints.Register(e, spec.SourcePath, !options.NoCache), StringComparer.Ordinal);
        var plan = new RunPlan(run.RunId, spec, scorers, keys, new RunBudget(spec.Budget.MaxCalls, spec.Budget.MaxCost, spent.Calls, spent.Cost));
        plans.Add(plan);
        try
        {
            if (options.Resume is not null)
            {
                var released = await store.ReleaseClaimsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
                LogResumed(run.RunId, released);
            }

            // The results files start before any row is queued: a resumed run first writes the cells it
            // already has, and a folder that cannot be written stops the run before it costs anything.
            var (_, doneCells) = await store.ProgressAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            var folder = options.OutputFolder ?? Path.Combine("runs", run.RunId);
            await using var results = await RunResultsWriter.OpenAsync(store, plan, folder, doneCells > 0, cancellationToken).ConfigureAwait(false);

            // Rows are evaluated while the rest are still being enqueued, so reading the dataset and
            // evaluating share the machine instead of taking turns. A run interrupted while enqueuing
            // enqueues again on resume; rows already queued are kept.
            var enqueued = run.Enqueued
                ? Task.FromResult(run.TotalRows)
                : EnqueueAsync(plan, options.SkipBadRows, progress, cancellationToken);
            progress.Started(run.RunId, doneCells);
            var sized = enqueued.ContinueWith(
                rows => progress.SizeKnown(rows.Result * plan.Variants.Count),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            StopReason stop;
            try
            {
                stop = await ProcessQueueAsync(plan, enqueued, results, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not SpecException)
            {
                await store.UpdateRunAsync(run.RunId, RunStatus.Failed, exception.Message, null, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            long rows;
            try
            {
                rows = await enqueued.ConfigureAwait(false);
                await sized.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                rows = -1;
            }

            var open = await store.OpenItemsAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
            var status = stop.Fatal is not null ? RunStatus.Failed
                : rows < 0 ? RunStatus.Interrupted
                : open == 0 ? RunStatus.Completed
                : stop.BudgetExhausted ? RunStatus.BudgetExhausted
                : RunStatus.Interrupted;
            await store.UpdateRunAsync(run.RunId, status, stop.Fatal, null, CancellationToken.None).ConfigureAwait(false);

            var summary = await results.CompleteAsync(status, Math.Max(rows, 0), CancellationToken.None).ConfigureAwait(false);
            return new RunOutcome(run.RunId, status, summary, folder, stop.Fatal);
        }
        finally
        {
            plans.Remove(run.RunId);
        }
    }

    private static List<Scorer> CreateScorers(EvalSpec spec)
    {
        var errors = new List<SpecError>();
        var scorers = new List<Scorer>();
        foreach (var scorer in spec.Scorers)
        {
            try
            {
                scorers.Add(ScorerFactory.Create(scorer, spec.SourcePath));
            }
            catch (SpecException exception)
            {
                errors.AddRange(exception.Errors);
            }
        }
        return errors.Count > 0 ? throw new SpecException(errors) : scorers;
    }

    /// <summary>Builds every endpoint's pipeline once, so a bad parameter or a missing key fails before any row is queued.</summary>
    private void CheckEndpoints(EvalSpec spec)
    {
        var errors = new List<SpecError>();
        foreach (var endpoint in spec.Endpoints.Concat(spec.JudgeEndpoints))
        {
            try
            {
                endpoints.CreatePipeline(endpoints.Register(endpoint, spec.SourcePath, useCache: false)).Dispose();
            }
            catch (SpecException exception)
            {
                errors.AddRange(exception.Errors);
            }
        }
        if (errors.Count > 0)
        {
            throw new SpecException(errors);
        }
    }

    private async Task<RunRecord> OpenRunAsync(EvalSpec spec, string specHash, RunOptions options, CancellationToken cancellationToken)
    {
        var specPath = Path.GetFullPath(spec.SourcePath);
        if (options.Resume is null)
        {
            var runId = $"{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            var record = new RunRecord(runId, spec.Name, specPath, specHash, "pending", 0, spec.CellsPerRow, null);
            var plan = new RunPlan(runId, spec, [], new Dictionary<string, string>(), new RunBudget(null, null));
            await store.CreateRunAsync(record, plan.Variants, cancellationToken).ConfigureAwait(false);
            return record;
        }
        var run = options.Resume == "last"
            ? await store.LatestRunAsync(specPath, cancellationToken).ConfigureAwait(false)
            : await store.GetRunAsync(options.Resume, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            throw new SpecException(new SpecError(spec.SourcePath, 0, 0, options.Resume == "last"
                ? "there is no earlier run of this spec in the database to resume; run it without --resume first, or point --db at the database it used."
                : $"there is no run `{options.Resume}` in the database; check the id (it is printed when a run starts, and names its folder under runs/)."));
        }
        if (run.SpecHash != specHash)
        {
            throw new SpecException(new SpecError(spec.SourcePath, 0, 0,
                $"the spec has changed since run {run.RunId} started, so its cells would not match. Start a new run (drop --resume), or restore the spec."));
        }
        return run;
    }

    /// <summary>Streams the dataset to the run grain in batches; bad rows fail the run, or are reported when skipped.</summary>
    private async Task<long> EnqueueAsync(RunPlan plan, bool skipBadRows, IRunProgress progress, CancellationToken cancellationToken)
    {
        var run = grains.GetGrain<IEvaluationRunGrain>(plan.RunId);
        var batch = new List<DatasetRow>(EnqueueBatch);
        Action<SpecError>? onBadRow = skipBadRows ? error => progress.Note($"skipped {error}") : null;
        await foreach (var row in DatasetReader.ReadAsync(plan.Spec.Dataset, onBadRow, cancellationToken).ConfigureAwait(false))
        {
            batch.Add(row);
            if (batch.Count == EnqueueBatch)
            {
                await SendAsync().ConfigureAwait(false);
            }
        }
        await SendAsync().ConfigureAwait(false);
        var rows = await run.CompleteEnqueueAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0 ? rows : throw new SpecException(new SpecError(plan.Spec.Dataset.DisplayPath, 0, 0, skipBadRows
            ? "every row of the dataset was skipped as bad (see above); there is nothing to evaluate."
            : "the dataset has no rows; add at least one, or point `dataset` at another file."));

        async Task SendAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }
            var result = await run.EnqueueAsync([.. batch], skipBadRows, cancellationToken).ConfigureAwait(false);
            foreach (var skipped in result.SkippedRows)
            {
                progress.Note($"skipped {skipped}");
            }
            batch.Clear();
        }
    }

    private async Task<StopReason> ProcessQueueAsync(RunPlan plan, Task<long> enqueued, RunResultsWriter results, IRunProgress progress, CancellationToken cancellationToken)
    {
        var rowGrain = grains.GetGrain<IDatasetRowGrain>(plan.RunId);
        var finished = Channel.CreateUnbounded<(WorkItem Item, RowEvaluation? Evaluation)>(new UnboundedChannelOptions { SingleReader = true });
        using var inFlight = new SemaphoreSlim(MaxRowsInFlight);
        var stop = new StopReason();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlightRows = new RowsInFlight();
        var committer = CommitAsync(plan.RunId, finished.Reader, results, inFlightRows, progress, stop, stopping);
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}";
        var pending = new List<Task>();

        try
        {
            var after = -1L;
            while (!stopping.IsCancellationRequested && !stop.BudgetExhausted && !enqueued.IsFaulted && !committer.IsFaulted)
            {
                // Read before claiming: an empty claim ends the run only if the dataset was fully queued before it.
                var enqueueFinished = enqueued.IsCompleted;
                var items = await store.ClaimAsync(plan.RunId, owner, after, ClaimBatch, CancellationToken.None).ConfigureAwait(false);
                if (items.Count == 0)
                {
                    if (!enqueueFinished)
                    {
                        // The queue is momentarily empty while the dataset is still being read.
                        await Task.WhenAny(enqueued, Task.Delay(TimeSpan.FromMilliseconds(5), timeProvider, CancellationToken.None)).ConfigureAwait(false);
                        continue;
                    }
                    if (enqueued.IsFaulted || enqueued.IsCanceled)
                    {
                        break;
                    }
                    if (after == -1)
                    {
                        break;
                    }
                    // Items put back behind the cursor (rows stopped early) get one more pass from the start.
                    after = -1;
                    continue;
                }
                after = items[^1].Seq;
                foreach (var item in items)
                {
                    inFlightRows.Add(item.Seq);
                }
                foreach (var item in items)
                {
                    try
                    {
                        await inFlight.WaitAsync(stopping.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        finished.Writer.TryWrite((item, null));
                        continue;
                    }
                    pending.Add(EvaluateAsync(rowGrain, item, finished.Writer, inFlight, stopping.Token));
                }
                pending.RemoveAll(t => t.IsCompleted);
            }
        }
        finally
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
            finished.Writer.Complete();
            await committer.ConfigureAwait(false);
        }
        return stop;
    }

    private async Task EvaluateAsync(IDatasetRowGrain rowGrain, WorkItem item, ChannelWriter<(WorkItem, RowEvaluation?)> finished, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        RowEvaluation? evaluation = null;
        try
        {
            evaluation = await rowGrain.EvaluateAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted: the row goes back to the queue.
        }
        catch (Exception exception)
        {
            // Not a failed model call (those are cell errors) but a fault of the run itself: stop, keeping the row queued.
            LogRowFailed(exception, item.RowId);
            evaluation = new RowEvaluation([], $"row `{item.RowId}` could not be evaluated: {exception.Message}");
        }
        finally
        {
            inFlight.Release();
            finished.TryWrite((item, evaluation));
        }
    }

    /// <summary>Commits finished rows in batches; the cells and the completion of their work items share one transaction.</summary>
    private async Task CommitAsync(string runId, ChannelReader<(WorkItem Item, RowEvaluation? Evaluation)> finished, RunResultsWriter results, RowsInFlight inFlight, IRunProgress progress, StopReason stop, CancellationTokenSource stopping)
    {
        try
        {
            await CommitBatchesAsync(runId, finished, results, inFlight, progress, stop, stopping).ConfigureAwait(false);
        }
        catch
        {
            // Results can no longer be written: stop paying for model calls at once.
            await stopping.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CommitBatchesAsync(string runId, ChannelReader<(WorkItem Item, RowEvaluation? Evaluation)> finished, RunResultsWriter results, RowsInFlight inFlight, IRunProgress progress, StopReason stop, CancellationTokenSource stopping)
    {
        var cells = new List<CellRecord>();
        var rows = new List<(WorkItem Item, RowEvaluation Evaluation)>();
        var done = new List<long>();
        var released = new List<long>();
        while (await finished.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (done.Count + released.Count < CommitBatch && finished.TryRead(out var entry))
            {
                if (entry.Evaluation is { Stopped: null } evaluation)
                {
                    foreach (var cell in evaluation.Cells)
                    {
                        cells.Add(new CellRecord(cell, ScoreJson.Utf8(cell.Scores).ToArray()));
                    }
                    rows.Add((entry.Item, evaluation));
                    done.Add(entry.Item.Seq);
                    continue;
                }
                released.Add(entry.Item.Seq);
                if (entry.Evaluation?.Stopped is { } reason)
                {
                    if (reason == RunStatus.BudgetExhausted)
                    {
                        // No new rows; calls already in flight finish and are kept (at least in the response cache).
                        stop.BudgetExhausted = true;
                    }
                    else
                    {
                        stop.Fatal ??= reason;
                        await stopping.CancelAsync().ConfigureAwait(false);
                    }
                }
            }
            if (done.Count + released.Count == 0)
            {
                continue;
            }
            await store.CompleteAsync(runId, cells, done, released, CancellationToken.None).ConfigureAwait(false);
            var next = 0;
            foreach (var (item, evaluation) in rows)
            {
                results.Add(item, cells.GetRange(next, evaluation.Cells.Count));
                next += evaluation.Cells.Count;
                inFlight.Remove(item.Seq);
            }
            foreach (var seq in released)
            {
                inFlight.Remove(seq);
            }
            results.WriteUpTo(inFlight.Lowest);
            progress.Advanced(cells.Count);
            cells.Clear();
            rows.Clear();
            done.Clear();
            released.Clear();
        }
    }

    private async Task<RunOutcome> DryRunAsync(EvalSpec spec, List<Scorer> scorers, IRunProgress progress, CancellationToken cancellationToken)
    {
        var plan = new RunPlan("dry-run", spec, scorers, new Dictionary<string, string>(), new RunBudget(null, null));
        var estimate = await DryRunEstimate.ComputeAsync(plan, progress, cancellationToken).ConfigureAwait(false);
        progress.Note(estimate.Describe());
        return new RunOutcome("dry-run", "dry_run", null, null, null);
    }

    /// <summary>
    /// A hash of everything that decides what a cell is: dataset, prompt texts, endpoints, scorers and
    /// repeats. The budget is left out, so a run stopped by its budget can be resumed with a larger one.
    /// </summary>
    private static string HashOf(EvalSpec spec)
    {
        static string Values(IReadOnlyDictionary<string, SpecValue> values) =>
            string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
        var text = new StringBuilder()
            .Append(spec.Dataset.Path).Append('|').Append(spec.Dataset.IdField).Append('|').Append(spec.Dataset.Limit).Append('|').Append(spec.Repeats);
        foreach (var prompt in spec.Prompts)
        {
            text.Append("|p:").Append(prompt.Id).Append('=').Append(prompt.VersionHash);
        }
        foreach (var endpoint in spec.Endpoints.Concat(spec.JudgeEndpoints))
        {
            text.Append("|e:").Append(endpoint.Id).Append(endpoint.Type).Append(endpoint.Model).Append(Values(endpoint.Parameters)).Append(Values(endpoint.Options));
        }
        foreach (var scorer in spec.Scorers)
        {
            text.Append("|s:").Append(scorer.Id).Append(scorer.Metric).Append(scorer.Threshold).Append(Values(scorer.Parameters));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    [LoggerMessage(2, LogLevel.Error, "Row {RowId} could not be evaluated; the run stops")]
    private partial void LogRowFailed(Exception exception, string rowId);

    [LoggerMessage(1, LogLevel.Information, "Resuming run {RunId}: {Released} unfinished rows are back in the queue")]
    private partial void LogResumed(string runId, long released);

    /// <summary>Why the queue stopped before it was empty.</summary>
    private sealed class StopReason
    {
        private volatile bool _budgetExhausted;

        public bool BudgetExhausted
        {
            get => _budgetExhausted;
            set => _budgetExhausted = value;
        }

        public string? Fatal { get; set; }
    }
}
