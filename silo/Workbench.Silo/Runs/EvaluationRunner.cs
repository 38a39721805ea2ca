using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Experiments;
using Workbench.Grains.LocalModels;
using Workbench.Grains.Prompts;
using Workbench.Grains.Retrieval;
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

    private ResiliencePipeline? _retry;

    /// <summary>Calls to grains and the store ride out a silo dying (until membership evicts it) and a database restart.</summary>
    private ResiliencePipeline Retry => _retry ??= TransientRetry.Create(timeProvider, (exception, attempt) => LogRetry(exception, attempt));

    /// <summary>Runs <paramref name="spec"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="SpecException">The spec, its dataset, a row or the output folder is bad (exit code 2).</exception>
    public async Task<RunOutcome> RunAsync(EvalSpec spec, RunOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        // A resume keeps the versions its run was submitted with, wherever the labels have moved since.
        var prompts = (options.Resume is not null ? await SubmittedPromptsAsync(spec, options.Resume, cancellationToken).ConfigureAwait(false) : null)
            ?? await ResolvePromptsAsync(spec, cancellationToken).ConfigureAwait(false);
        if (prompts is not null)
        {
            var resolved = new RunSubmission("", spec.SourcePath, "", false, false, prompts).RegistryMessages();
            spec = SpecParser.Parse(await ReadSpecAsync(spec, cancellationToken).ConfigureAwait(false), spec.SourcePath, resolved);
        }
        var scorers = RunPlan.CreateScorers(spec);
        CheckEndpoints(spec);
        if (options.DryRun)
        {
            // A dry run searches the local index as the run would, so that prompts are counted with their documents.
            var version = await DryRunIndexAsync(spec, options, progress, cancellationToken).ConfigureAwait(false);
            using var local = version is null ? null : RetrievalIndex.Open(new IndexFolder(options.IndexRoot), version);
            var estimate = await DryRunEstimate.ComputeAsync(new RunPlan("dry-run", spec, scorers, version), local, progress, cancellationToken).ConfigureAwait(false);
            progress.Note(estimate.Describe());
            return new RunOutcome("dry-run", "dry_run", null, null, null);
        }

        await LoadLocalModelsAsync(spec, progress, cancellationToken).ConfigureAwait(false);
        var index = await PinIndexAsync(spec, options, progress, cancellationToken).ConfigureAwait(false);
        var specPath = Path.GetFullPath(spec.SourcePath);
        var specText = await ReadSpecAsync(spec, cancellationToken).ConfigureAwait(false);
        var (specHash, datasetHash) = await HashOfAsync(spec, cancellationToken).ConfigureAwait(false);
        var run = await OpenRunAsync(spec, specPath, specHash, options, cancellationToken).ConfigureAwait(false);
        var plan = new RunPlan(run.RunId, spec, scorers, index);
        var folder = options.OutputFolder ?? Path.Combine("runs", run.RunId);

        // The results file starts before the run does: a folder that cannot be written stops the run before it costs anything.
        await using var results = RunResultsWriter.Open(plan, folder);
        results.Provenance = RunProvenance.Of(spec, specHash, datasetHash);
        if (options.OnCluster && !run.Enqueued)
        {
            // The silos may be on other machines, without the dataset: it is queued from here, where it is.
            progress.Note($"queueing the dataset of run {run.RunId}...");
            await new RunEnqueuer(store, plan, options.SkipBadRows, progress.Note).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        // Counted before the run starts: afterwards its first cells may already be in.
        var (_, doneCells) = await store.ProgressAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var grain = grains.GetGrain<IEvaluationRunGrain>(run.RunId);
        // From here on a cancellation stops the run and is followed to its end (exit code 3), never cut short.
        var problems = await grain.StartAsync(new RunSubmission(run.RunId, specPath, specText, !options.NoCache, options.SkipBadRows, prompts, options.Experiment ?? spec.Experiment, index), CancellationToken.None)
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
        return await FollowToEndAsync(grain, run.RunId, plan, results, folder, progress, doneCells, stopOnCancel: !options.OnCluster, options.Experiment ?? spec.Experiment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows a run that was submitted earlier (from anywhere): writes its results from the first row to
    /// <paramref name="outputFolder"/> and reports progress until it ends. A cancellation stops following only.
    /// </summary>
    /// <exception cref="SpecException">There is no such run, or its spec no longer parses.</exception>
    public async Task<RunOutcome> FollowAsync(string runId, string? outputFolder, IRunProgress progress, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IEvaluationRunGrain>(runId);
        var submission = await grain.GetSubmissionAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new SpecException(new SpecError(runId, 0, 0, $"there is no run `{runId}` in this cluster; `workbench cluster status` lists the runs in progress."));
        var plan = RunPlan.Of(submission);
        var folder = outputFolder ?? Path.Combine("runs", runId);
        await using var results = RunResultsWriter.Open(plan, folder);
        if (await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is { } record)
        {
            // The dataset may be on another machine: its hash is recorded where the file is readable.
            string? datasetHash = null;
            try
            {
                datasetHash = (await HashOfAsync(plan.Spec, cancellationToken).ConfigureAwait(false)).DatasetHash;
            }
            catch (SpecException)
            {
            }
            results.Provenance = RunProvenance.Of(plan.Spec, record.SpecHash, datasetHash);
        }
        progress.Started(runId, 0);
        return await FollowToEndAsync(grain, runId, plan, results, folder, progress, 0, stopOnCancel: false, submission.Experiment ?? plan.Spec.Experiment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plan of a run submitted earlier, rebuilt from its submission as any silo would.</summary>
    /// <exception cref="SpecException">There is no such run, or its spec no longer parses.</exception>
    public async Task<RunPlan> PlanOfAsync(string runId, CancellationToken cancellationToken)
    {
        var submission = await grains.GetGrain<IEvaluationRunGrain>(runId).GetSubmissionAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new SpecException(new SpecError(runId, 0, 0, $"there is no run `{runId}`; run ids are printed when a run starts, and name the folders under runs/."));
        return RunPlan.Of(submission);
    }

    /// <summary>Every committed cell of a run, in row order, with its row's fields when asked.</summary>
    public IAsyncEnumerable<StoredCell> CellsOfAsync(string runId, bool withFields, CancellationToken cancellationToken) =>
        store.ReadCellsAsync(runId, -1, long.MaxValue, withFields, cancellationToken);

    /// <summary>Stops a run wherever it runs and waits until it has stopped; finished rows stay committed and the rest can be resumed.</summary>
    /// <returns>The run's status once stopped, or null when there is no such run.</returns>
    public async Task<string?> CancelAsync(string runId, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IEvaluationRunGrain>(runId);
        if (await grain.GetSubmissionAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        await grain.StopAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var state = await grain.GetProgressAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
            if (state.Finished)
            {
                return state.Status;
            }
            await Task.Delay(FollowInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RunOutcome> FollowToEndAsync(
        IEvaluationRunGrain grain, string runId, RunPlan plan, RunResultsWriter results, string folder, IRunProgress progress, long doneCells, bool stopOnCancel,
        string? experiment, CancellationToken cancellationToken)
    {
        var state = await FollowAsync(grain, runId, plan, results, progress, doneCells, stopOnCancel, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return new RunOutcome(runId, RunOutcome.Detached, null, folder, null);
        }
        if (state.Problems.Count > 0)
        {
            throw new SpecException([.. state.Problems.Select(p => p.ToSpecError())]);
        }
        // A run the stop rule stopped reads as decided; one that ran out of rows first is simply completed.
        var status = results.Decided && state.Status != RunStatus.Completed && state.Status != RunStatus.Failed ? RunStatus.Decided : state.Status;
        var summary = await results.CompleteAsync(status, state.TotalRows ?? 0, CancellationToken.None).ConfigureAwait(false);
        if (experiment is not null)
        {
            await grains.GetGrain<IExperimentGrain>(experiment).RecordAsync(ExperimentRecord.Of(summary, timeProvider.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            progress.Note($"recorded in experiment {experiment}: workbench experiment show {experiment}");
        }
        return new RunOutcome(runId, status, summary, folder, state.Error);
    }

    /// <summary>
    /// Follows the run until its grain says it has finished. On cancellation: with <paramref name="stopOnCancel"/>,
    /// asks the run to stop and goes on following until it has; without, stops following and returns null.
    /// </summary>
    private async Task<RunProgress?> FollowAsync(
        IEvaluationRunGrain grain, string runId, RunPlan plan, RunResultsWriter results, IRunProgress progress, long doneCells, bool stopOnCancel, CancellationToken cancellationToken)
    {
        var notesSeen = 0;
        var sized = false;
        var stopping = false;
        var reported = doneCells;
        var finishedBefore = 0L;
        while (true)
        {
            var seen = notesSeen;
            var state = await Retry.ExecuteAsync(async _ => await grain.GetProgressAsync(seen, CancellationToken.None).ConfigureAwait(false), CancellationToken.None)
                .ConfigureAwait(false);
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
            if (cancellationToken.IsCancellationRequested && !stopOnCancel && !state.Finished)
            {
                return null;
            }
            if (cancellationToken.IsCancellationRequested && !stopping && !state.Finished)
            {
                stopping = true;
                await Retry.ExecuteAsync(async _ => await grain.StopAsync(CancellationToken.None).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
            }

            var from = finishedBefore;
            finishedBefore = state.Finished
                ? long.MaxValue
                : await Retry.ExecuteAsync(async _ => await store.FinishedBeforeAsync(runId, from, CancellationToken.None).ConfigureAwait(false), CancellationToken.None)
                    .ConfigureAwait(false);
            await results.CatchUpAsync(store, finishedBefore, CancellationToken.None).ConfigureAwait(false);
            if (results.Decided && !stopping && !state.Finished)
            {
                // The answer is known: stop spending on model calls. The rows in flight finish; the run stays resumable.
                stopping = true;
                progress.Note($"decided after {results.Cells:N0} cells: every pair of variants differs (stop: when decided); stopping the run");
                await Retry.ExecuteAsync(async _ => await grain.DecideAsync(CancellationToken.None).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
            }
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

    /// <summary>The registry versions the run to resume was submitted with; null when it named none, or is not found (which opening it reports).</summary>
    /// <summary>
    /// The index version the spec's <c>retrieval:</c> searches: on a resume the one the run was submitted with, otherwise this
    /// machine's current version, published to the cluster with its documents so that every silo can build it.
    /// </summary>
    /// <exception cref="SpecException">There is no such index here, or the cluster refused it (exit code 2).</exception>
    private async Task<IndexVersion?> PinIndexAsync(EvalSpec spec, RunOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        if (spec.Retrieval is not { } retrieval)
        {
            return null;
        }
        if (await SubmittedIndexAsync(spec, options, cancellationToken).ConfigureAwait(false) is { } submitted)
        {
            return submitted;
        }
        LocalIndex(spec, options, progress);
        try
        {
            return await Retry.ExecuteAsync(
                async token => await RetrievalIndexes.PublishCurrentAsync(grains, new IndexFolder(options.IndexRoot), retrieval.Index, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            throw new SpecException(new SpecError(spec.SourcePath, retrieval.Line, 0, exception.Message));
        }
    }

    /// <summary>The index version that the run being resumed was submitted with; null when not resuming or when it had none.</summary>
    private async Task<IndexVersion?> SubmittedIndexAsync(EvalSpec spec, RunOptions options, CancellationToken cancellationToken) =>
        options.Resume is not null
        && await FindRunAsync(Path.GetFullPath(spec.SourcePath), options.Resume, cancellationToken).ConfigureAwait(false) is { } run
        && await grains.GetGrain<IEvaluationRunGrain>(run.RunId).GetSubmissionAsync(cancellationToken).ConfigureAwait(false) is { Index: { } submitted }
            ? submitted
            : null;

    /// <summary>
    /// The version a dry run searches: the one a resumed run was submitted with (when this machine has it;
    /// otherwise none, and the prompts are counted without their documents), or the current local one.
    /// </summary>
    private async Task<IndexVersion?> DryRunIndexAsync(EvalSpec spec, RunOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        if (spec.Retrieval is null)
        {
            return null;
        }
        if (await SubmittedIndexAsync(spec, options, cancellationToken).ConfigureAwait(false) is not { } pinned)
        {
            return LocalIndex(spec, options, progress);
        }
        var folder = new IndexFolder(options.IndexRoot);
        if (Directory.Exists(folder.PathOf(pinned.Name, pinned.Version)))
        {
            progress.Note($"retrieval: index {pinned.Name}, version {pinned.Version} as the run was submitted ({pinned.Documents:N0} documents)");
            return pinned;
        }
        progress.Note($"retrieval: the run being resumed searches version {pinned.Version} of index `{pinned.Name}`, which is not in {folder.Root}: its prompts are counted without their documents.");
        return null;
    }

    /// <summary>The current version of the spec's index in this machine's folder of indexes, checked against the spec; null without retrieval.</summary>
    /// <exception cref="SpecException">There is no such index, or the mode needs embeddings that the version lacks.</exception>
    private static IndexVersion? LocalIndex(EvalSpec spec, RunOptions options, IRunProgress progress)
    {
        if (spec.Retrieval is not { } retrieval)
        {
            return null;
        }
        var folder = new IndexFolder(options.IndexRoot);
        if (folder.Current(retrieval.Index) is not { } current)
        {
            throw new SpecException(new SpecError(spec.SourcePath, retrieval.Line, 0,
                $"`retrieval.index` names `{retrieval.Index}`, and there is no such index in {folder.Root}. Build it: workbench index build {retrieval.Index} --docs docs.jsonl, or give the folder it is in: workbench eval --index-root FOLDER"));
        }
        if (retrieval.Mode != "bm25" && !current.Settings.Dense)
        {
            throw new SpecException(new SpecError(spec.SourcePath, retrieval.Line, 0,
                $"`retrieval.mode: {retrieval.Mode}` needs embeddings, and version {current.Version} of index `{retrieval.Index}` was built without them. Build it again with --dense, or use `mode: bm25`."));
        }
        progress.Note($"retrieval: index {retrieval.Index}, version {current.Version} ({current.Documents:N0} documents), {retrieval.Mode}, k = {retrieval.K}");
        return current;
    }

    private async Task<Dictionary<string, IReadOnlyList<PromptText>>?> SubmittedPromptsAsync(EvalSpec spec, string resume, CancellationToken cancellationToken)
    {
        if (spec.Prompts.All(p => p.Reference is null))
        {
            return null;
        }
        var run = await FindRunAsync(Path.GetFullPath(spec.SourcePath), resume, cancellationToken).ConfigureAwait(false);
        if (run is null || await grains.GetGrain<IEvaluationRunGrain>(run.RunId).GetSubmissionAsync(cancellationToken).ConfigureAwait(false) is not { Prompts: { } prompts })
        {
            return null;
        }
        return prompts.ToDictionary(p => p.Key, p => (IReadOnlyList<PromptText>)p.Value.ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The registry versions the spec's <c>prompt: NAME@label</c> entries name, looked up now, so that the
    /// run (and any resume of it) uses the exact versions current at submission; null when it names none.
    /// </summary>
    /// <exception cref="SpecException">A named prompt or version is not in the registry.</exception>
    private async Task<Dictionary<string, IReadOnlyList<PromptText>>?> ResolvePromptsAsync(EvalSpec spec, CancellationToken cancellationToken)
    {
        var references = spec.Prompts.Where(p => p.Reference is not null).ToList();
        if (references.Count == 0)
        {
            return null;
        }
        var resolved = new Dictionary<string, IReadOnlyList<PromptText>>(StringComparer.Ordinal);
        var errors = new List<SpecError>();
        foreach (var prompt in references)
        {
            var reference = prompt.Reference!;
            var version = await grains.GetGrain<IPromptGrain>(reference.Name).ResolveAsync(reference.Selector, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                errors.Add(new SpecError(spec.SourcePath, prompt.Line, 0,
                    $"prompt `{prompt.Id}`: `{reference}` is not in the prompt registry. Push it with `workbench prompt push {reference.Name} FILE`, label a version with `workbench prompt label {reference.Name}@v1 LABEL`, or list prompts with `workbench prompt list`."));
                continue;
            }
            // A plain list, which the JSON grain storage can name and read back.
            resolved[reference.ToString()] = version.Messages.ToList();
        }
        return errors.Count > 0 ? throw new SpecException(errors) : resolved;
    }

    /// <summary>Loads the local models of the spec's <c>llama</c> endpoints, so a model that cannot load stops the run before it starts (exit code 2).</summary>
    private async Task LoadLocalModelsAsync(EvalSpec spec, IRunProgress progress, CancellationToken cancellationToken)
    {
        var errors = new List<SpecError>();
        foreach (var endpoint in spec.Endpoints.Concat(spec.JudgeEndpoints).Where(e => e.Type == "llama"))
        {
            var settings = LocalModelSettings.From(endpoint, spec.SourcePath);
            try
            {
                progress.Note($"loading the local model of endpoint {endpoint.Id} ({Path.GetFileName(settings.ModelPath)})...");
                await grains.GetGrain<ILocalModelGrain>(settings.Key).LoadAsync(settings, cancellationToken).ConfigureAwait(false);
            }
            catch (LocalModelException exception)
            {
                errors.Add(new SpecError(spec.SourcePath, endpoint.Options["model_path"].Line, endpoint.Options["model_path"].Column, $"endpoint `{endpoint.Id}`: {exception.Message}"));
            }
        }
        if (errors.Count > 0)
        {
            throw new SpecException(errors);
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

    /// <summary>The run a <c>--resume</c> names: its id, or <c>last</c> for the newest run of the spec.</summary>
    private Task<RunRecord?> FindRunAsync(string specPath, string resume, CancellationToken cancellationToken) =>
        resume == "last" ? store.LatestRunAsync(specPath, cancellationToken) : store.GetRunAsync(resume, cancellationToken);

    private async Task<RunRecord> OpenRunAsync(EvalSpec spec, string specPath, string specHash, RunOptions options, CancellationToken cancellationToken)
    {
        if (options.Resume is null)
        {
            var runId = $"{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            var record = new RunRecord(runId, spec.Name, specPath, specHash, RunStatus.Pending, 0, spec.CellsPerRow, null);
            await store.CreateRunAsync(record, new RunPlan(runId, spec, []).Variants, cancellationToken).ConfigureAwait(false);
            return record;
        }
        var run = await FindRunAsync(specPath, options.Resume, cancellationToken).ConfigureAwait(false);
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
    private static async Task<(string SpecHash, string DatasetHash)> HashOfAsync(EvalSpec spec, CancellationToken cancellationToken)
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
        return (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16], datasetHash);
    }

    [LoggerMessage(2, LogLevel.Information, "A call to the run or its store failed (try {Attempt}); trying again")]
    private partial void LogRetry(Exception exception, int attempt);

    [LoggerMessage(1, LogLevel.Information, "Resuming run {RunId}: its unfinished rows are back in the queue")]
    private partial void LogResumed(string runId);
}
