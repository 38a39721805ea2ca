namespace Workbench.Grains.Runs;

/// <summary>
/// The durable side of a run: its record, its work queue and its results. Completing work items and
/// writing their cells happen in one transaction, so a crash can lose neither one without the other.
/// </summary>
public interface IRunStore
{
    /// <summary>Writes a new run and its variants.</summary>
    Task CreateRunAsync(RunRecord run, IReadOnlyList<Variant> variants, CancellationToken cancellationToken);

    /// <summary>A run by id, or null.</summary>
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The newest run of a spec file, or null.</summary>
    Task<RunRecord?> LatestRunAsync(string specPath, CancellationToken cancellationToken);

    /// <summary>Appends work items to a run's queue.</summary>
    Task EnqueueAsync(string runId, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken);

    /// <summary>Sets the status, and the error when there is one; a total row count when given.</summary>
    Task UpdateRunAsync(string runId, string status, string? error, long? totalRows, CancellationToken cancellationToken);

    /// <summary>Returns claimed but unfinished items to the queue (after a crash or an interruption).</summary>
    Task<long> ReleaseClaimsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="count"/> queued items after <paramref name="afterSeq"/> for
    /// <paramref name="owner"/>, in dataset order. A claimer walks the queue forward from -1, and
    /// starts again from -1 to pick up items that were put back.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ClaimAsync(string runId, string owner, long afterSeq, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a new epoch of a run's shard: returns the epoch, one higher than any before it, and in the
    /// same transaction puts every row claimed under an earlier epoch of the shard back in the queue. An
    /// activation of the shard claims and commits as <see cref="ShardOwner.Of"/> its epoch, so a stale
    /// activation's commits (one on a silo that was declared dead, say) are rejected from then on.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="shard">The shard's name within the run.</param>
    /// <param name="silo">Where the shard now works, for status displays.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<long> BeginShardAsync(string runId, string shard, string silo, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: writes the cells of finished items and marks them done, and puts unfinished
    /// ones back in the queue, provided every finished item is still claimed by <paramref name="owner"/>.
    /// When one is not (the shard's epoch has moved on), nothing is written, the rejection is counted
    /// against the shard, and the answer is false.
    /// </summary>
    Task<bool> CompleteAsync(string runId, string owner, IReadOnlyList<CellRecord> cells, IReadOnlyList<long> done, IReadOnlyList<long> released, CancellationToken cancellationToken);

    /// <summary>The run's shards: epoch, where each works, rows committed and commits rejected.</summary>
    Task<IReadOnlyList<ShardRecord>> ShardsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs whose status is running, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> RunningRunsAsync(CancellationToken cancellationToken);

    /// <summary>Work items still queued or claimed, and cells written.</summary>
    Task<(long OpenItems, long Cells)> ProgressAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Work items still queued or claimed.</summary>
    Task<long> OpenItemsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Model calls made (cache hits excluded) and their cost, over the run's written cells.</summary>
    Task<(long Calls, decimal Cost)> SpentAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// The first row not known to be finished, looking from <paramref name="fromSeq"/> on: the first work
    /// item still queued or claimed, or one past the last queued row when none is. Every row before it is finished.
    /// </summary>
    Task<long> FinishedBeforeAsync(string runId, long fromSeq, CancellationToken cancellationToken);

    /// <summary>
    /// The run's cells of rows after <paramref name="afterSeq"/> and before <paramref name="beforeSeq"/>, in dataset order;
    /// with their rows' fields when <paramref name="withFields"/> is set (reading them costs a lookup and a parse per row).
    /// </summary>
    IAsyncEnumerable<StoredCell> ReadCellsAsync(string runId, long afterSeq, long beforeSeq, bool withFields, CancellationToken cancellationToken);
}
