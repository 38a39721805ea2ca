using Microsoft.Extensions.Logging;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Retrieval;
using Workbench.Grains.Runs;

namespace Workbench.Grains.Shards;

/// <summary>
/// Works through a run's queue beside the run's other shards. The plan is rebuilt from the submission
/// on every start, so a resume with a changed budget, or a new run under a reused key, never sees an
/// earlier start's plan or spend. Each start begins a new shard epoch in the store, which fences the
/// commits of any earlier activation of the shard.
/// </summary>
[ShardPlacement]
public sealed partial class RunShardGrain(
    IRunStore store,
    EndpointPipelines pipelines,
    RetrievalIndexes indexes,
    TimeProvider timeProvider,
    ILogger<RunShardGrain> logger) : Grain, IRunShardGrain, IDisposable
{
    private CancellationTokenSource? _stop;
    private Task<ShardOutcome>? _work;
    private IGrainTimer? _keepAlive;
    private int _epoch = -1;
    private ShardOutcome? _outcome;

    private string ShardName
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            return key[(key.LastIndexOf('/') + 1)..];
        }
    }

    /// <inheritdoc />
    public async Task<ShardOutcome?> EnsureWorkingAsync(RunSubmission submission, int epoch, int shards, bool stopping, CancellationToken cancellationToken)
    {
        if (epoch < _epoch)
        {
            // A start older than the one being worked on (a late message): the current work goes on.
            return null;
        }
        if (epoch == _epoch)
        {
            if (stopping)
            {
                _stop?.Cancel();
            }
            return _outcome;
        }
        await StopWorkAsync();
        if (stopping)
        {
            // The run is stopping: a shard that comes back (its silo died) or was superseded does not begin again.
            _epoch = epoch;
            return _outcome = new ShardOutcome(false, true, null);
        }
        _outcome = null;
        try
        {
            _outcome = await BeginAsync(submission, epoch, shards, cancellationToken);
            _epoch = epoch;
        }
        catch
        {
            // Nothing was started: the next watch asks again.
            _epoch = -1;
            throw;
        }
        return _outcome;
    }

    private async Task<ShardOutcome?> BeginAsync(RunSubmission submission, int epoch, int shards, CancellationToken cancellationToken)
    {
        var runId = submission.RunId;
        RunPlan plan;
        Dictionary<string, EndpointPipeline> endpoints;
        try
        {
            plan = RunPlan.Of(submission);
            endpoints = plan.Spec.Endpoints.Concat(plan.Spec.JudgeEndpoints)
                .ToDictionary(e => e.Id, e => pipelines.Get(e, plan.Spec.SourcePath, submission.UseCache), StringComparer.Ordinal);
        }
        catch (SpecException exception)
        {
            // On this silo the run cannot be prepared (a key missing from its environment): an outcome, not a fault of the call.
            var outcome = new ShardOutcome(false, false, exception.Message);
            _ = ReportAsync(runId, epoch, outcome);
            return outcome;
        }
        var shard = ShardName;
        var shardEpoch = await store.BeginShardAsync(runId, shard, RuntimeIdentity, cancellationToken);
        var spent = await store.SpentAsync(runId, cancellationToken);
        var index = int.TryParse(shard, out var parsed) ? parsed : 0;
        var budget = RunBudget.ShareOf(plan.Spec.Budget.MaxCalls, plan.Spec.Budget.MaxCost, spent.Calls, spent.Cost, index, Math.Max(1, shards));
        var rowsInFlight = RowsInFlight(plan);

        _stop = new CancellationTokenSource();
        // Idle collection counts calls, not background work: the timer keeps the shard alive while it works.
        _keepAlive = this.RegisterGrainTimer(static () => Task.CompletedTask, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromMinutes(1),
            Period = TimeSpan.FromMinutes(1),
            KeepAlive = true,
        });
        var stop = _stop.Token;
        _work = Task.Run(async () =>
        {
            RetrievalIndex? index = null;
            if (plan.Index is { } version)
            {
                // This silo's copy of the pinned version, built here from the store on first use: in the work, not in this
                // call, since building a large index takes longer than a grain call may.
                try
                {
                    index = await indexes.OpenAsync(version, stop);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogIndexFailed(exception, version.Name, version.Version, runId);
                    return new ShardOutcome(false, false,
                        $"version {version.Version} of index `{version.Name}` could not be opened on this silo ({indexes.Folder.Root}): {exception.Message}");
                }
            }
            var evaluator = new RowEvaluator(plan, endpoints, budget, index);
            return await new ShardWork(store, evaluator, runId, ShardOwner.Of(shard, shardEpoch), rowsInFlight, timeProvider, logger).RunAsync(stop);
        }, CancellationToken.None);
        _ = ReportWhenDoneAsync(_work, runId, epoch);
        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _stop?.Dispose();

    /// <summary>
    /// Rows worth keeping in flight: a few times what this silo's share of the tightest endpoint limit lets
    /// through at once, so that calls never wait for rows, and rows claimed here but not yet started are
    /// few enough that shards on other silos find rows too. In-process endpoints get the most, for scoring.
    /// </summary>
    private int RowsInFlight(RunPlan plan)
    {
        var remote = plan.Spec.Endpoints.Concat(plan.Spec.JudgeEndpoints).Where(e => e.Type is not ("echo" or "replay")).ToList();
        if (remote.Count == 0)
        {
            return ShardWork.MostRowsInFlight;
        }
        var tightest = remote.Min(e => e.LimitScope == LimitScope.Silo ? e.MaxConcurrency : pipelines.Shares.ShareOf(e.MaxConcurrency));
        return Math.Clamp(tightest * 4, 8, ShardWork.MostRowsInFlight);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop?.Cancel();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopWorkAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task StopWorkAsync()
    {
        var stop = _stop;
        // Forgotten before the wait: the old work's report, arriving meanwhile, must not pass for the new epoch's.
        _stop = null;
        if (_work is { } work)
        {
            _work = null;
            stop!.Cancel();
            await work.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        }
        stop?.Dispose();
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    /// <summary>A background turn: when the work ends, keeps its outcome and tells the run grain.</summary>
    private async Task ReportWhenDoneAsync(Task<ShardOutcome> work, string runId, int epoch)
    {
        ShardOutcome outcome;
        try
        {
            outcome = await work;
        }
        catch (Exception exception)
        {
            LogWorkFailed(exception, runId);
            outcome = new ShardOutcome(false, false, $"the run's work failed: {exception.Message}");
        }
        if (!ReferenceEquals(_work, work) || epoch != _epoch)
        {
            return;
        }
        _keepAlive?.Dispose();
        _keepAlive = null;
        if (outcome.Superseded)
        {
            // Another activation of this shard began a later epoch: this one's claims are no longer its own.
            // It reports nothing; asked again, it begins a new epoch itself.
            LogSuperseded(runId, ShardName);
            _epoch = -1;
            return;
        }
        _outcome = outcome;
        try
        {
            await ReportAsync(runId, epoch, outcome);
        }
        catch (Exception exception)
        {
            // The run grain is out of reach (its silo died): it asks for the outcome when it is back.
            LogReportFailed(exception, runId);
        }
    }

    private Task ReportAsync(string runId, int epoch, ShardOutcome outcome) =>
        GrainFactory.GetGrain<IEvaluationRunGrain>(runId).ShardFinishedAsync(ShardName, epoch, outcome, CancellationToken.None);

    [LoggerMessage(1, LogLevel.Error, "The work of run {RunId} failed")]
    private partial void LogWorkFailed(Exception exception, string runId);

    [LoggerMessage(2, LogLevel.Warning, "Shard {Shard} of run {RunId} was superseded by a later activation; its last commit was rejected")]
    private partial void LogSuperseded(string runId, string shard);

    [LoggerMessage(Level = LogLevel.Error, Message = "Version {Version} of index {Index} could not be opened for run {RunId}")]
    private partial void LogIndexFailed(Exception exception, string index, string version, string runId);

    [LoggerMessage(3, LogLevel.Warning, "Shard of run {RunId} could not report its end; the run grain will ask for it")]
    private partial void LogReportFailed(Exception exception, string runId);
}
