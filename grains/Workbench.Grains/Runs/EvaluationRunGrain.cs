using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Shards;

namespace Workbench.Grains.Runs;

/// <summary>
/// Owns a run's control state. A start records the submission and bumps the epoch, streams the dataset
/// into the queue on the thread pool (numbering rows from 0 on every pass, so a resume numbers them as
/// the first start did), starts one shard per active silo, watches them (a shard whose silo died comes
/// back on another), and decides the run's status once every shard has reported.
/// </summary>
public sealed partial class EvaluationRunGrain(
    [PersistentState("run")] IPersistentState<RunState> state,
    IRunStore store,
    IClusterMembershipService membership,
    IOptions<RunRecoveryOptions> recovery,
    ILogger<EvaluationRunGrain> logger) : Grain, IEvaluationRunGrain, IRemindable, IDisposable
{
    private const string Reminder = "run-watch";

    /// <summary>How long the watch waits for a shard's answer before it asks again at the next watch.</summary>
    private static readonly TimeSpan WatchCallTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _notesLock = new();
    private ResiliencePipeline? _retry;
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, ShardOutcome> _outcomes = new(StringComparer.Ordinal);
    private IReadOnlyList<RunProblem> _problems = [];
    private string? _error;
    private bool _finished;
    private bool _deciding;
    private bool _stopping;
    private bool _decided;
    private long? _totalRows;
    private Task<long>? _enqueue;
    private CancellationTokenSource? _stop;
    private IGrainTimer? _watch;

    private string RunId => this.GetPrimaryKeyString();

    private IRunShardGrain Shard(int index) => GrainFactory.GetGrain<IRunShardGrain>($"{RunId}/{index}");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (recovery.Value.ResumeOnActivation && state.State is { Status: RunStatus.Running, Submission: { } submission })
        {
            // The run was going when its last activation was lost (its silo died): pick it up where it is.
            LogPickedUp(RunId, state.State.Epoch);
            var record = await store.GetRunAsync(RunId, cancellationToken);
            BeginFollowing(submission, record);
            await WatchShardsAsync(throwOnFailure: false);
            _ = WatchEnqueueAsync(_enqueue!, state.State.Epoch);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunProblem>> StartAsync(RunSubmission submission, CancellationToken cancellationToken)
    {
        if (_enqueue is not null && !_finished)
        {
            return [new RunProblem(submission.SpecPath, 0, 0, $"run {RunId} is already running; follow it (workbench run follow {RunId}), or stop it before starting it again.")];
        }
        try
        {
            _ = RunPlan.Of(submission);
        }
        catch (SpecException exception)
        {
            return [.. exception.Errors.Select(RunProblem.Of)];
        }
        var record = await store.GetRunAsync(RunId, cancellationToken)
            ?? throw new InvalidOperationException($"run {RunId} has no record in the run store; create it before starting it.");

        // One shard per active silo: read membership afresh, so that silos that joined a moment ago count.
        await membership.Refresh(default, cancellationToken);
        state.State.Submission = submission;
        state.State.Epoch++;
        state.State.Status = RunStatus.Running;
        state.State.Shards = Math.Max(1, ActiveSilos() * Math.Max(1, recovery.Value.ShardsPerSilo));
        await state.WriteStateAsync(cancellationToken);
        await store.UpdateRunAsync(RunId, RunStatus.Running, null, null, cancellationToken);
        // Rows claimed by an earlier start that did not finish (a crash, an interruption) go back to the queue.
        var released = await store.ReleaseClaimsAsync(RunId, cancellationToken);
        if (released > 0)
        {
            LogReleased(RunId, released);
        }
        if (recovery.Value.UseReminders)
        {
            await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        }
        lock (_notesLock)
        {
            _notes.Clear();
        }
        _problems = [];
        _error = null;
        BeginFollowing(submission, record);

        try
        {
            await WatchShardsAsync(throwOnFailure: true);
        }
        catch (Exception exception)
        {
            // The run did not start: undo what did, so the run can be started again and nothing runs orphaned.
            LogShardStartFailed(exception, RunId);
            _stopping = true;
            _stop!.Cancel();
            foreach (var i in Enumerable.Range(0, state.State.Shards))
            {
                _ = Shard(i).StopAsync(CancellationToken.None);
            }
            await FinishAsync(state.State.Epoch, new ShardOutcome(false, false, $"the run's shards could not start: {exception.Message}"));
            return [];
        }
        // Watched once the shards work: a dataset that cannot be read stops them, and they report how they stopped.
        _ = WatchEnqueueAsync(_enqueue!, state.State.Epoch);
        return [];
    }

    /// <summary>Sets up this activation to follow the current epoch: the dataset's queueing (watched once the shards are asked to work), the shard watch.</summary>
    private void BeginFollowing(RunSubmission submission, RunRecord? record)
    {
        _outcomes.Clear();
        _stopping = false;
        _decided = false;
        _finished = false;
        _deciding = false;
        _totalRows = record is { Enqueued: true } ? record.TotalRows : null;
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        var stop = _stop.Token;
        if (record is { Enqueued: true })
        {
            _enqueue = Task.FromResult(record.TotalRows);
        }
        else
        {
            var plan = RunPlan.Of(submission);
            _enqueue = Task.Run(() => new RunEnqueuer(store, plan, submission.SkipBadRows, Note).RunAsync(stop), CancellationToken.None);
        }
        // The watch keeps the run alive while it is open (background work does not count as activity for
        // idle collection) and brings back any shard whose silo died. It interleaves with calls, so a slow
        // answer from a dying silo never holds up the run's followers.
        _watch ??= this.RegisterGrainTimer(() => WatchShardsAsync(throwOnFailure: false), new GrainTimerCreationOptions
        {
            DueTime = recovery.Value.ShardWatchInterval,
            Period = recovery.Value.ShardWatchInterval,
            KeepAlive = true,
            Interleave = true,
        });
    }

    /// <summary>Asks every shard that has not reported to make sure it works on the current epoch; collects the outcomes of those that have ended.</summary>
    private async Task WatchShardsAsync(bool throwOnFailure)
    {
        if (_finished || state.State.Submission is not { } submission)
        {
            return;
        }
        var epoch = state.State.Epoch;
        var shards = state.State.Shards;
        var pending = Enumerable.Range(0, shards)
            .Where(i => !_outcomes.ContainsKey(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Select(async i =>
            {
                try
                {
                    // A call to a silo that has just died may wait for the response timeout: the watch does not,
                    // so it never holds up the next one, which finds the shard on a live silo.
                    var call = Shard(i).EnsureWorkingAsync(submission, epoch, shards, _stopping, CancellationToken.None);
                    var outcome = throwOnFailure ? await call : await call.WaitAsync(WatchCallTimeout);
                    if (outcome is not null)
                    {
                        Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), epoch, outcome);
                    }
                }
                catch (Exception exception) when (!throwOnFailure)
                {
                    // A shard on a silo that is going away: the next watch finds it on a live one.
                    LogShardUnreachable(exception, RunId, i);
                }
            });
        await Task.WhenAll(pending);
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
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        // Activation did the work (it picks the run up); a run that has ended needs its reminder no more.
        state.State.Status == RunStatus.Running ? Task.CompletedTask : UnregisterReminderAsync();

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
        var finished = _finished || (_enqueue is null && state.State.Status != RunStatus.Running);
        var status = finished ? state.State.Status : RunStatus.Running;
        return Task.FromResult(new RunProgress(status, finished, _totalRows, notes, count, _problems, _error));
    }

    /// <inheritdoc />
    public Task<RunSubmission?> GetSubmissionAsync(CancellationToken cancellationToken) => Task.FromResult(state.State.Submission);

    /// <inheritdoc />
    public Task DecideAsync(CancellationToken cancellationToken)
    {
        if (!_finished && _enqueue is not null)
        {
            _decided = true;
        }
        return StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_finished || _enqueue is null)
        {
            return;
        }
        _stopping = true;
        _stop?.Cancel();
        await Task.WhenAll(Enumerable.Range(0, state.State.Shards).Select(i => Shard(i).StopAsync(cancellationToken)));
    }

    /// <inheritdoc />
    public Task ShardFinishedAsync(string shard, int epoch, ShardOutcome outcome, CancellationToken cancellationToken)
    {
        Record(shard, epoch, outcome);
        return Task.CompletedTask;
    }

    /// <summary>Keeps a shard's outcome; an error or a stop ends the other shards' work too; the last one decides the run.</summary>
    private void Record(string shard, int epoch, ShardOutcome outcome)
    {
        if (epoch != state.State.Epoch || _finished || !_outcomes.TryAdd(shard, outcome))
        {
            return;
        }
        if (outcome.Error is not null || outcome.Interrupted || outcome.BudgetExhausted)
        {
            // One shard's fault, stop or spent share ends the run's work: the others stop and report too.
            _stopping = true;
            _stop?.Cancel();
            foreach (var i in Enumerable.Range(0, state.State.Shards).Where(i => !_outcomes.ContainsKey(i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                _ = Shard(i).StopAsync(CancellationToken.None);
            }
        }
        if (_outcomes.Count == state.State.Shards && !_deciding)
        {
            _deciding = true;
            // Deciding the status waits for the dataset to be read: a background turn, not this call.
            _ = FinishAsync(epoch, Combine(_outcomes.Values));
        }
    }

    private static ShardOutcome Combine(IEnumerable<ShardOutcome> outcomes)
    {
        var all = outcomes.ToList();
        return new ShardOutcome(
            all.Any(o => o.BudgetExhausted),
            all.Any(o => o.Interrupted),
            all.Select(o => o.Error).FirstOrDefault(e => e is not null));
    }

    /// <summary>A background turn: a dataset that cannot be read stops the shards.</summary>
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
            _stopping = true;
            await Task.WhenAll(Enumerable.Range(0, state.State.Shards).Select(i => Shard(i).StopAsync(CancellationToken.None)));
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
            StopWatching();
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
            : _decided ? RunStatus.Decided
            : outcome.BudgetExhausted ? RunStatus.BudgetExhausted
            : RunStatus.Interrupted;
        var error = _error ?? (_problems.Count > 0 ? string.Join("; ", _problems) : null);
        await store.UpdateRunAsync(RunId, status, error, null, CancellationToken.None);
        state.State.Status = status;
        // The store rides out a database restart; the grain's own state must too, or a finished run would be recorded as failed.
        await Retry.ExecuteAsync(async token => await state.WriteStateAsync(token), CancellationToken.None);
        _finished = true;
        StopWatching();
        if (recovery.Value.UseReminders)
        {
            await UnregisterReminderAsync();
        }
    }

    private ResiliencePipeline Retry => _retry ??= TransientRetry.Create(TimeProvider.System, (exception, attempt) => LogStateRetry(exception, RunId, attempt));

    private void StopWatching()
    {
        _watch?.Dispose();
        _watch = null;
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private int ActiveSilos() => membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    /// <summary>Adds a note for the user, such as a skipped row; called from the enqueuer's thread.</summary>
    private void Note(string note)
    {
        lock (_notesLock)
        {
            _notes.Add(note);
        }
    }

    [LoggerMessage(3, LogLevel.Error, "The shards of run {RunId} could not start")]
    private partial void LogShardStartFailed(Exception exception, string runId);

    [LoggerMessage(4, LogLevel.Error, "The end of run {RunId} could not be recorded")]
    private partial void LogFinishFailed(Exception exception, string runId);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId}: {Released} rows claimed by an earlier start are back in the queue")]
    private partial void LogReleased(string runId, long released);

    [LoggerMessage(1, LogLevel.Error, "The dataset of run {RunId} could not be queued")]
    private partial void LogEnqueueFailed(Exception exception, string runId);

    [LoggerMessage(5, LogLevel.Information, "Run {RunId} picked up again in epoch {Epoch}: its last activation was lost")]
    private partial void LogPickedUp(string runId, int epoch);

    [LoggerMessage(7, LogLevel.Warning, "Recording the end of run {RunId} failed (attempt {Attempt}); trying again")]
    private partial void LogStateRetry(Exception exception, string runId, int attempt);

    [LoggerMessage(6, LogLevel.Debug, "Shard {Shard} of run {RunId} did not answer; it is asked again at the next watch")]
    private partial void LogShardUnreachable(Exception exception, string runId, int shard);
}
