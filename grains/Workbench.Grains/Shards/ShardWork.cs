using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Workbench.Grains.Runs;

namespace Workbench.Grains.Shards;

/// <summary>
/// A shard's work on one start of a run: it claims queued rows in batches, evaluates them on the thread
/// pool, and commits finished cells in the same transaction that completes their work items. Stopping
/// at any point leaves the run resumable: claimed rows that did not finish go back to the queue.
/// </summary>
internal sealed partial class ShardWork(IRunStore store, RowEvaluator evaluator, string runId, string owner, int maxRowsInFlight, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>The most rows a shard keeps in flight: enough for in-process endpoints to keep every core busy scoring.</summary>
    public const int MostRowsInFlight = 1_024;

    private const int CommitBatch = 2048;

    /// <summary>Rows claimed at a time: no more than the shard can have in flight, so that shards on other silos find rows to claim.</summary>
    private readonly int _claimBatch = Math.Clamp(maxRowsInFlight / 4, 1, 256);

    private volatile bool _budgetExhausted;
    private volatile bool _superseded;
    private string? _fatal;
    private ResiliencePipeline? _retry;

    /// <summary>
    /// Commits ride out a database restart. Reads are retried by the store itself (a cluster's store
    /// reconnects with backoff); a commit is not, since only the shard can tell a lost answer from a fence.
    /// </summary>
    private ResiliencePipeline Retry => _retry ??= TransientRetry.Create(timeProvider, (exception, attempt) => LogStoreRetry(exception, runId, attempt));

    /// <summary>Works until the queue is empty and the dataset fully queued, the budget is spent, a fault stops it, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<ShardOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var finished = Channel.CreateUnbounded<(WorkItem Item, RowEvaluation? Evaluation)>(new UnboundedChannelOptions { SingleReader = true });
        using var inFlight = new SemaphoreSlim(maxRowsInFlight);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var committer = CommitAsync(finished.Reader, stopping);
        var pending = new List<Task>();
        var drained = false;
        try
        {
            var after = -1L;
            var enqueued = false;
            while (!stopping.IsCancellationRequested && !_budgetExhausted && !committer.IsCompleted)
            {
                // Read before claiming: an empty claim ends the work only if the dataset was fully queued before it.
                enqueued = enqueued || (await store.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false))?.Enqueued == true;
                var items = await store.ClaimAsync(runId, owner, after, _claimBatch, CancellationToken.None).ConfigureAwait(false);
                if (items.Count == 0)
                {
                    if (!enqueued)
                    {
                        // The queue is momentarily empty while the dataset is still being read.
                        await Task.Delay(TimeSpan.FromMilliseconds(10), timeProvider, stopping.Token).ConfigureAwait(false);
                        continue;
                    }
                    if (after == -1)
                    {
                        drained = true;
                        break;
                    }
                    // Items put back behind the cursor (rows stopped early) get one more pass from the start.
                    after = -1;
                    continue;
                }
                after = items[^1].Seq;
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
                    pending.Add(Task.Run(() => EvaluateAsync(item, finished.Writer, inFlight, stopping.Token), CancellationToken.None));
                }
                pending.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped while waiting for the dataset: nothing is in flight beyond what pending holds.
        }
        catch (Exception exception)
        {
            // The queue cannot be read: stop the rows in flight at once rather than pay for calls that cannot be stored.
            LogQueueFailed(exception, runId);
            _fatal ??= $"the run's queue could not be read: {exception.Message}";
            await stopping.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
            finished.Writer.Complete();
            await committer.ConfigureAwait(false);
        }
        return _superseded
            ? new ShardOutcome(false, true, null, Superseded: true)
            : new ShardOutcome(_budgetExhausted, !drained && _fatal is null && !_budgetExhausted, _fatal);
    }

    private async Task EvaluateAsync(WorkItem item, ChannelWriter<(WorkItem, RowEvaluation?)> finished, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        RowEvaluation? evaluation = null;
        try
        {
            evaluation = await evaluator.EvaluateAsync(item, cancellationToken).ConfigureAwait(false);
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
    private async Task CommitAsync(ChannelReader<(WorkItem Item, RowEvaluation? Evaluation)> finished, CancellationTokenSource stopping)
    {
        try
        {
            await CommitBatchesAsync(finished, stopping).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Results can no longer be written: stop paying for model calls at once.
            LogCommitFailed(exception, runId);
            _fatal ??= $"the run's results could not be stored: {exception.Message}";
            await stopping.CancelAsync().ConfigureAwait(false);
            while (finished.TryRead(out _) || await finished.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // Drain, so that rows still finishing never block on a full channel; they stay claimed and go back on resume.
            }
        }
    }

    private async Task CommitBatchesAsync(ChannelReader<(WorkItem Item, RowEvaluation? Evaluation)> finished, CancellationTokenSource stopping)
    {
        var cells = new List<CellRecord>();
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
                    done.Add(entry.Item.Seq);
                    continue;
                }
                released.Add(entry.Item.Seq);
                if (entry.Evaluation?.Stopped is { } reason)
                {
                    if (reason == RunStatus.BudgetExhausted)
                    {
                        // No new rows; calls already in flight finish and are kept (at least in the response cache).
                        _budgetExhausted = true;
                    }
                    else
                    {
                        _fatal ??= reason;
                        await stopping.CancelAsync().ConfigureAwait(false);
                    }
                }
            }
            if (done.Count + released.Count == 0)
            {
                continue;
            }
            // A commit whose answer was lost and is retried finds its rows already done, and counts as fenced:
            // the shard then begins a new epoch, which loses nothing.
            if (!_superseded && !await Retry.ExecuteAsync(
                    async _ => await store.CompleteAsync(runId, owner, cells, done, released, CancellationToken.None).ConfigureAwait(false), CancellationToken.None)
                .ConfigureAwait(false))
            {
                // Fenced: a later epoch of this shard has begun and owns these rows now. Stop at once.
                _superseded = true;
                await stopping.CancelAsync().ConfigureAwait(false);
            }
            cells.Clear();
            done.Clear();
            released.Clear();
        }
    }

    [LoggerMessage(3, LogLevel.Warning, "The store of run {RunId} failed (try {Attempt}); trying again")]
    private partial void LogStoreRetry(Exception exception, string runId, int attempt);

    [LoggerMessage(4, LogLevel.Error, "The queue of run {RunId} could not be read; the run stops")]
    private partial void LogQueueFailed(Exception exception, string runId);

    [LoggerMessage(1, LogLevel.Error, "Row {RowId} could not be evaluated; the run stops")]
    private partial void LogRowFailed(Exception exception, string rowId);

    [LoggerMessage(2, LogLevel.Error, "The cells of run {RunId} could not be committed; the run stops")]
    private partial void LogCommitFailed(Exception exception, string runId);
}
