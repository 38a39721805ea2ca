using Microsoft.Extensions.Logging;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Runs;

namespace Workbench.Grains.Shards;

/// <summary>
/// Works through a run's queue. The plan is rebuilt from the submission on every start, so a resume
/// with a changed budget, or a new run under a reused key, never sees an earlier start's plan or spend.
/// </summary>
public sealed partial class RunShardGrain(
    IRunStore store,
    EndpointPipelines pipelines,
    TimeProvider timeProvider,
    ILogger<RunShardGrain> logger) : Grain, IRunShardGrain, IDisposable
{
    private CancellationTokenSource? _stop;
    private Task<ShardOutcome>? _work;
    private IGrainTimer? _keepAlive;
    private int _epoch = -1;

    /// <inheritdoc />
    public async Task StartAsync(RunSubmission submission, int epoch, CancellationToken cancellationToken)
    {
        if (epoch < _epoch)
        {
            // A start older than the one being worked on (a late message): the current work goes on.
            return;
        }
        _epoch = epoch;
        await StopWorkAsync();
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
            _ = ReportAsync(runId, epoch, new ShardOutcome(false, false, exception.Message));
            return;
        }
        var spent = await store.SpentAsync(runId, cancellationToken);
        var budget = new RunBudget(plan.Spec.Budget.MaxCalls, plan.Spec.Budget.MaxCost, spent.Calls, spent.Cost);
        var evaluator = new RowEvaluator(plan, endpoints, budget);
        var owner = $"{RuntimeIdentity}/{this.GetPrimaryKeyString()}/{epoch}";
        var work = new ShardWork(store, evaluator, runId, owner, timeProvider, logger);

        _stop = new CancellationTokenSource();
        // Idle collection counts calls, not background work: the timer keeps the shard alive while it works.
        _keepAlive = this.RegisterGrainTimer(static () => Task.CompletedTask, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromMinutes(1),
            Period = TimeSpan.FromMinutes(1),
            KeepAlive = true,
        });
        var stop = _stop.Token;
        _work = Task.Run(() => work.RunAsync(stop), CancellationToken.None);
        _ = ReportWhenDoneAsync(_work, runId, epoch);
    }

    /// <inheritdoc />
    public void Dispose() => _stop?.Dispose();

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
        if (_work is { } work)
        {
            _stop!.Cancel();
            await work.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        }
        _work = null;
        _stop?.Dispose();
        _stop = null;
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    /// <summary>A background turn: when the work ends, tells the run grain how.</summary>
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
        if (ReferenceEquals(_work, work))
        {
            _keepAlive?.Dispose();
            _keepAlive = null;
        }
        await ReportAsync(runId, epoch, outcome);
    }

    private Task ReportAsync(string runId, int epoch, ShardOutcome outcome) =>
        GrainFactory.GetGrain<IEvaluationRunGrain>(runId).ShardFinishedAsync(this.GetPrimaryKeyString(), epoch, outcome, CancellationToken.None);

    [LoggerMessage(1, LogLevel.Error, "The work of run {RunId} failed")]
    private partial void LogWorkFailed(Exception exception, string runId);
}
