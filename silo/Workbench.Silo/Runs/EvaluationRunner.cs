using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Runs;

namespace Workbench.Silo.Runs;

/// <summary>
/// Submits an evaluation and follows it: checks the spec and its endpoints, records the run (or finds
/// the one to resume), hands it to the run's grain, and while the grains work writes the results from
/// the store in dataset order and reports progress. Cancelling stops the run; it stays resumable.
/// </summary>
public sealed partial class EvaluationRunner(
    IGrainFactory grains,
    IRunStore store,
    EndpointPipelines endpoints,
    TimeProvider timeProvider,
    ILogger<EvaluationRunner> logger)
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="spec"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="SpecException">The spec, its dataset, a row or the output folder is bad (exit code 2).</exception>
    public async Task<RunOutcome> RunAsync(EvalSpec spec, RunOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        var scorers = RunPlan.CreateScorers(spec);
        CheckEndpoints(spec);
        if (options.DryRun)
        {
            var estimate = await DryRunEstimate.ComputeAsync(new RunPlan("dry-run", spec, scorers), progress, cancellationToken).ConfigureAwait(false);
            progress.Note(estimate.Describe());
            return new RunOutcome("dry-run", "dry_run", null, null, null);
        }

        var specPath = Path.GetFullPath(spec.SourcePath);
        var specText = await ReadSpecAsync(spec, cancellationToken).ConfigureAwait(false);
        var specHash = await HashOfAsync(spec, cancellationToken).ConfigureAwait(false);
        var run = await OpenRunAsync(spec, specPath, specHash, options, cancellationToken).ConfigureAwait(false);
        var plan = new RunPlan(run.RunId, spec, scorers);
        var folder = options.OutputFolder ?? Path.Combine("runs", run.RunId);

        // The results file starts before the run does: a folder that cannot be written stops the run before it costs anything.
        await using var results = RunResultsWriter.Open(plan, folder);
        // Counted before the run starts: afterwards its first cells may already be in.
        var (_, doneCells) = await store.ProgressAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var grain = grains.GetGrain<IEvaluationRunGrain>(run.RunId);
        // From here on a cancellation stops the run and is followed to its end (exit code 3), never cut short.
        var problems = await grain.StartAsync(new RunSubmission(run.RunId, specPath, specText, !options.NoCache, options.SkipBadRows), CancellationToken.None)
            .ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new SpecException([.. problems.Select(p => p.ToSpecError())]);
        }
        if (options.Resume is not null)
        {
            LogResumed(run.RunId);
        }
        progress.Started(run.RunId, doneCells);

        var state = await FollowAsync(grain, run.RunId, plan, results, progress, doneCells, cancellationToken).ConfigureAwait(false);
        if (state.Problems.Count > 0)
        {
            throw new SpecException([.. state.Problems.Select(p => p.ToSpecError())]);
        }
        var summary = await results.CompleteAsync(state.Status, state.TotalRows ?? 0, CancellationToken.None).ConfigureAwait(false);
        return new RunOutcome(run.RunId, state.Status, summary, folder, state.Error);
    }

    /// <summary>Follows the run until its grain says it has finished; on cancellation asks it to stop, and goes on following until it has.</summary>
    private async Task<RunProgress> FollowAsync(
        IEvaluationRunGrain grain, string runId, RunPlan plan, RunResultsWriter results, IRunProgress progress, long doneCells, CancellationToken cancellationToken)
    {
        var notesSeen = 0;
        var sized = false;
        var stopping = false;
        var reported = doneCells;
        var finishedBefore = 0L;
        while (true)
        {
            var state = await grain.GetProgressAsync(notesSeen, CancellationToken.None).ConfigureAwait(false);
            foreach (var note in state.Notes)
            {
                progress.Note(note);
            }
            notesSeen = state.NotesSeen;
            if (!sized && state.TotalRows is { } rows)
            {
                progress.SizeKnown(rows * plan.Variants.Count);
                sized = true;
            }
            if (cancellationToken.IsCancellationRequested && !stopping && !state.Finished)
            {
                stopping = true;
                await grain.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            finishedBefore = state.Finished
                ? long.MaxValue
                : await store.FinishedBeforeAsync(runId, finishedBefore, CancellationToken.None).ConfigureAwait(false);
            await results.CatchUpAsync(store, finishedBefore, CancellationToken.None).ConfigureAwait(false);
            // Progress counts the cells written to the results, which trail the commits by one poll at most.
            var cells = results.Cells;
            if (cells > reported)
            {
                progress.Advanced(cells - reported);
                reported = cells;
            }
            if (state.Finished)
            {
                return state;
            }
            await Task.Delay(FollowInterval, timeProvider, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Builds every endpoint's pipeline once, so a bad parameter or a missing key fails before any row is queued.</summary>
    private void CheckEndpoints(EvalSpec spec)
    {
        var errors = new List<SpecError>();
        foreach (var endpoint in spec.Endpoints.Concat(spec.JudgeEndpoints))
        {
            try
            {
                endpoints.Check(endpoint, spec.SourcePath);
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

    private static async Task<string> ReadSpecAsync(EvalSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(spec.SourcePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(new SpecError(spec.SourcePath, 0, 0, $"cannot read the spec: {exception.Message}"));
        }
    }

    private async Task<RunRecord> OpenRunAsync(EvalSpec spec, string specPath, string specHash, RunOptions options, CancellationToken cancellationToken)
    {
        if (options.Resume is null)
        {
            var runId = $"{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            var record = new RunRecord(runId, spec.Name, specPath, specHash, RunStatus.Pending, 0, spec.CellsPerRow, null);
            await store.CreateRunAsync(record, new RunPlan(runId, spec, []).Variants, cancellationToken).ConfigureAwait(false);
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
                $"the spec or its dataset has changed since run {run.RunId} started, so its cells would not match. Start a new run (drop --resume), or restore the spec and the dataset."));
        }
        return run;
    }

    /// <summary>
    /// A hash of everything that decides what a cell is: the dataset's content (not its path), prompt
    /// texts, endpoints, scorers and repeats. The budget is left out, so a run stopped by its budget can
    /// be resumed with a larger one.
    /// </summary>
    private static async Task<string> HashOfAsync(EvalSpec spec, CancellationToken cancellationToken)
    {
        static string Values(IReadOnlyDictionary<string, SpecValue> values) =>
            string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
        string datasetHash;
        try
        {
            await using var dataset = new FileStream(spec.Dataset.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            datasetHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(dataset, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(new SpecError(spec.Dataset.DisplayPath, 0, 0,
                $"cannot read the dataset: {exception.Message}. Check `dataset` in {spec.SourcePath}; relative paths start at the spec's folder."));
        }
        var text = new StringBuilder()
            .Append(datasetHash).Append('|').Append(spec.Dataset.IdField).Append('|').Append(spec.Dataset.Limit).Append('|').Append(spec.Repeats);
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

    [LoggerMessage(1, LogLevel.Information, "Resuming run {RunId}: its unfinished rows are back in the queue")]
    private partial void LogResumed(string runId);
}
