using Microsoft.Extensions.Logging;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Shards;

namespace Workbench.Grains.Runs;

/// <summary>
/// Owns a run's control state. A start records the submission and bumps the epoch, streams the dataset
/// into the queue on the thread pool (numbering rows from 0 on every pass, so a resume numbers them as
/// the first start did), starts the shard, and decides the run's status once the shard reports.
/// </summary>
public sealed partial class EvaluationRunGrain(
    [PersistentState("run")] IPersistentState<RunState> state,
    IRunStore store,
    ILogger<EvaluationRunGrain> logger) : Grain, IEvaluationRunGrain, IDisposable
{
    private const string Shard = "0";

    private readonly Lock _notesLock = new();
    private readonly List<string> _notes = [];
    private IReadOnlyList<RunProblem> _problems = [];
    private string? _error;
    private bool _finished;
    private long? _totalRows;
    private Task<long>? _enqueue;
    private CancellationTokenSource? _stop;
    private IGrainTimer? _keepAlive;

    private string RunId => this.GetPrimaryKeyString();

    private IRunShardGrain ShardGrain => GrainFactory.GetGrain<IRunShardGrain>($"{RunId}/{Shard}");

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunProblem>> StartAsync(RunSubmission submission, CancellationToken cancellationToken)
    {
        if (_enqueue is not null && !_finished)
        {
            return [new RunProblem(submission.SpecPath, 0, 0, $"run {RunId} is already running; follow it, or stop it before starting it again.")];
        }
        RunPlan plan;
        try
        {
            plan = RunPlan.Of(submission);
        }
        catch (SpecException exception)
        {
            return [.. exception.Errors.Select(RunProblem.Of)];
        }
        var record = await store.GetRunAsync(RunId, cancellationToken)
            ?? throw new InvalidOperationException($"run {RunId} has no record in the run store; create it before starting it.");

        state.State.Submission = submission;
        state.State.Epoch++;
        state.State.Status = RunStatus.Running;
        await state.WriteStateAsync(cancellationToken);
        await store.UpdateRunAsync(RunId, RunStatus.Running, null, null, cancellationToken);
        // Rows claimed by an earlier start that did not finish (a crash, an interruption) go back to the queue.
        var released = await store.ReleaseClaimsAsync(RunId, cancellationToken);
        if (released > 0)
        {
            LogReleased(RunId, released);
        }

        lock (_notesLock)
        {
            _notes.Clear();
        }
        _problems = [];
        _error = null;
        _finished = false;
        _totalRows = record.Enqueued ? record.TotalRows : null;
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        var stop = _stop.Token;
        _enqueue = record.Enqueued
            ? Task.FromResult(record.TotalRows)
            : Task.Run(() => new RunEnqueuer(store, plan, submission.SkipBadRows, Note).RunAsync(stop), CancellationToken.None);
        // Idle collection counts calls, not background work: the timer keeps the run alive while it is open.
        _keepAlive ??= this.RegisterGrainTimer(static () => Task.CompletedTask, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromMinutes(1),
            Period = TimeSpan.FromMinutes(1),
            KeepAlive = true,
        });

        try
        {
            await ShardGrain.StartAsync(submission, state.State.Epoch, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The run did not start: undo what did, so the run can be started again and nothing runs orphaned.
            LogShardStartFailed(exception, RunId);
            _stop.Cancel();
            await FinishAsync(state.State.Epoch, new ShardOutcome(false, false, $"the run's shard could not start: {exception.Message}"));
            return [];
        }
        _ = WatchEnqueueAsync(_enqueue, state.State.Epoch);
        return [];
    }

    /// <inheritdoc />
    public void Dispose() => _stop?.Dispose();

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Queueing must not outlive the activation (the silo stopping closes the store under it).
        _stop?.Cancel();
        if (_enqueue is { } enqueue)
        {
            await enqueue.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current)
                .WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None)
                .ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunProgress> GetProgressAsync(int notesSeen, CancellationToken cancellationToken)
    {
        string[] notes;
        int count;
        lock (_notesLock)
        {
            count = _notes.Count;
            notes = notesSeen < count ? [.. _notes.Skip(notesSeen)] : [];
        }
        var status = _finished || _enqueue is null ? state.State.Status : RunStatus.Running;
        return Task.FromResult(new RunProgress(status, _finished, _totalRows, notes, count, _problems, _error));
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_finished || _enqueue is null)
        {
            return;
        }
        _stop?.Cancel();
        await ShardGrain.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task ShardFinishedAsync(string shard, int epoch, ShardOutcome outcome, CancellationToken cancellationToken)
    {
        if (epoch == state.State.Epoch && !_finished)
        {
            // Deciding the status waits for the dataset to be read: a background turn, not this call.
            _ = FinishAsync(epoch, outcome);
        }
        return Task.CompletedTask;
    }

    /// <summary>A background turn: a dataset that cannot be read stops the shard.</summary>
    private async Task WatchEnqueueAsync(Task<long> enqueue, int epoch)
    {
        try
        {
            _totalRows = await enqueue;
        }
        catch (Exception exception) when (epoch == state.State.Epoch)
        {
            if (exception is SpecException bad)
            {
                _problems = [.. bad.Errors.Select(RunProblem.Of)];
            }
            else if (exception is not OperationCanceledException)
            {
                LogEnqueueFailed(exception, RunId);
                _error ??= $"the dataset could not be queued: {exception.Message}";
            }
            await ShardGrain.StopAsync(CancellationToken.None);
        }
    }

    private async Task FinishAsync(int epoch, ShardOutcome outcome)
    {
        try
        {
            await DecideAsync(epoch, outcome);
        }
        catch (Exception exception)
        {
            // Whatever went wrong, the run ends and says why: a follower must never wait for a decision that will not come.
            LogFinishFailed(exception, RunId);
            _error ??= $"the run's end could not be recorded: {exception.Message}";
            state.State.Status = RunStatus.Failed;
            _finished = true;
            _keepAlive?.Dispose();
            _keepAlive = null;
        }
    }

    private async Task DecideAsync(int epoch, ShardOutcome outcome)
    {
        if (outcome.Error is not null || outcome.Interrupted)
        {
            _stop?.Cancel();
        }
        long rows;
        try
        {
            rows = await _enqueue!;
        }
        catch (Exception)
        {
            rows = -1;
        }
        if (epoch != state.State.Epoch || _finished)
        {
            return;
        }
        _error ??= outcome.Error;
        var open = await store.OpenItemsAsync(RunId, CancellationToken.None);
        var status = _problems.Count > 0 || _error is not null ? RunStatus.Failed
            : rows < 0 ? RunStatus.Interrupted
            : open == 0 ? RunStatus.Completed
            : outcome.BudgetExhausted ? RunStatus.BudgetExhausted
            : RunStatus.Interrupted;
        var error = _error ?? (_problems.Count > 0 ? string.Join("; ", _problems) : null);
        await store.UpdateRunAsync(RunId, status, error, null, CancellationToken.None);
        state.State.Status = status;
        await state.WriteStateAsync(CancellationToken.None);
        _finished = true;
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    /// <summary>Adds a note for the user, such as a skipped row; called from the enqueuer's thread.</summary>
    private void Note(string note)
    {
        lock (_notesLock)
        {
            _notes.Add(note);
        }
    }

    [LoggerMessage(3, LogLevel.Error, "The shard of run {RunId} could not start")]
    private partial void LogShardStartFailed(Exception exception, string runId);

    [LoggerMessage(4, LogLevel.Error, "The end of run {RunId} could not be recorded")]
    private partial void LogFinishFailed(Exception exception, string runId);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId}: {Released} rows claimed by an earlier start are back in the queue")]
    private partial void LogReleased(string runId, long released);

    [LoggerMessage(1, LogLevel.Error, "The dataset of run {RunId} could not be queued")]
    private partial void LogEnqueueFailed(Exception exception, string runId);
}
