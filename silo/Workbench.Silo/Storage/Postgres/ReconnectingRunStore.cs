using System.Runtime.CompilerServices;
using Polly;
using Workbench.Grains.Runs;

namespace Workbench.Silo.Storage.Postgres;

/// <summary>
/// A run store that rides out a database restart: each call that fails for a while (a dropped
/// connection, a server shutting down or starting) is tried again with backoff, on a fresh connection.
/// </summary>
public sealed class ReconnectingRunStore(IRunStore inner, TimeProvider timeProvider) : IRunStore
{
    private readonly ResiliencePipeline _retry = TransientRetry.Create(timeProvider);

    /// <inheritdoc />
    public Task CreateRunAsync(RunRecord run, IReadOnlyList<Variant> variants, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.CreateRunAsync(run, variants, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.GetRunAsync(runId, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<RunRecord?> LatestRunAsync(string specPath, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.LatestRunAsync(specPath, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task EnqueueAsync(string runId, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.EnqueueAsync(runId, items, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task UpdateRunAsync(string runId, string status, string? error, long? totalRows, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.UpdateRunAsync(runId, status, error, totalRows, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<long> ReleaseClaimsAsync(string runId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.ReleaseClaimsAsync(runId, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkItem>> ClaimAsync(string runId, string owner, long afterSeq, int count, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.ClaimAsync(runId, owner, afterSeq, count, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<long> BeginShardAsync(string runId, string shard, string silo, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.BeginShardAsync(runId, shard, silo, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    /// <remarks>Not retried here: a commit whose answer was lost must not be taken for a rejection; the shard decides.</remarks>
    public Task<bool> CompleteAsync(string runId, string owner, IReadOnlyList<CellRecord> cells, IReadOnlyList<long> done, IReadOnlyList<long> released, CancellationToken cancellationToken) =>
        inner.CompleteAsync(runId, owner, cells, done, released, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardRecord>> ShardsAsync(string runId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.ShardsAsync(runId, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> RunningRunsAsync(CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.RunningRunsAsync(ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<(long OpenItems, long Cells)> ProgressAsync(string runId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.ProgressAsync(runId, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<long> OpenItemsAsync(string runId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.OpenItemsAsync(runId, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<(long Calls, decimal Cost)> SpentAsync(string runId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.SpentAsync(runId, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<long> FinishedBeforeAsync(string runId, long fromSeq, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.FinishedBeforeAsync(runId, fromSeq, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    /// <remarks>Cells are passed on a whole row at a time; a read that breaks off starts again after the last whole row.</remarks>
    public async IAsyncEnumerable<StoredCell> ReadCellsAsync(
        string runId, long afterSeq, long beforeSeq, bool withFields, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterSeq;
        var row = new List<StoredCell>();
        for (var attempt = 0; ; attempt++)
        {
            row.Clear();
            await using var cells = inner.ReadCellsAsync(runId, after, beforeSeq, withFields, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await cells.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (TransientRetry.IsTransient(exception) && attempt < 60)
                {
                    break;
                }
                if (more && (row.Count == 0 || cells.Current.Cell.Cell.Seq == row[0].Cell.Cell.Seq))
                {
                    row.Add(cells.Current);
                    continue;
                }
                foreach (var cell in row)
                {
                    yield return cell;
                }
                if (row.Count > 0)
                {
                    after = row[0].Cell.Cell.Seq;
                }
                row.Clear();
                if (!more)
                {
                    yield break;
                }
                row.Add(cells.Current);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
