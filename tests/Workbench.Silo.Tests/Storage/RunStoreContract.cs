using Workbench.Evaluation.Scoring;
using Workbench.Grains.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Tests.Storage;

/// <summary>
/// What every run store must do, whatever its database: the same tests run on the embedded SQLite
/// store and on PostgreSQL.
/// </summary>
public abstract class RunStoreContract : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IRunStore Runs { get; private set; } = null!;

    /// <summary>A fresh, migrated store.</summary>
    protected abstract Task<IRunStore> OpenAsync();

    public async ValueTask InitializeAsync() => Runs = await OpenAsync();

    public abstract ValueTask DisposeAsync();

    [Fact]
    public async Task A_run_is_created_found_by_id_and_as_its_specs_latest_and_updated()
    {
        await Runs.CreateRunAsync(new RunRecord("r1", "first", "/specs/a.yaml", "h1", "pending", 0, 2, null), [], Ct);
        await Runs.CreateRunAsync(new RunRecord("r2", "second", "/specs/a.yaml", "h2", "pending", 0, 2, null), [], Ct);
        await Runs.UpdateRunAsync("r2", "failed", "the endpoint is down", 7, Ct);

        Assert.Null(await Runs.GetRunAsync("nope", Ct));
        Assert.Equal(("first", "h1", false), (await Runs.GetRunAsync("r1", Ct)) is { } one ? (one.Name, one.SpecHash, one.Enqueued) : default);
        var latest = await Runs.LatestRunAsync("/specs/a.yaml", Ct);
        Assert.Equal(("r2", "failed", "the endpoint is down", 7L, true), (latest!.RunId, latest.Status, latest.Error, latest.TotalRows, latest.Enqueued));
        Assert.Null(await Runs.LatestRunAsync("/specs/other.yaml", Ct));
    }

    [Fact]
    public async Task Rows_are_queued_once_claimed_in_order_and_each_by_one_claimer()
    {
        await QueueAsync(10);
        // Queuing again after an interruption changes nothing.
        await QueueAsync(10);

        var first = await Runs.ClaimAsync("r1", "a", -1, 4, Ct);
        var second = await Runs.ClaimAsync("r1", "b", -1, 4, Ct);
        var rest = await Runs.ClaimAsync("r1", "c", second[^1].Seq, 100, Ct);

        Assert.Equal([0L, 1, 2, 3], first.Select(i => i.Seq));
        Assert.Equal([4L, 5, 6, 7], second.Select(i => i.Seq));
        Assert.Equal([8L, 9], rest.Select(i => i.Seq));
        Assert.Equal(("q0", 1L, "q0"), (first[0].RowId, first[0].Line, first[0].Fields["id"]));
        Assert.Empty(await Runs.ClaimAsync("r1", "d", -1, 100, Ct));
        Assert.Equal((10L, 0L), await Runs.ProgressAsync("r1", Ct));
    }

    [Fact]
    public async Task Completing_writes_cells_and_finishes_rows_together_and_released_rows_are_claimed_again()
    {
        await QueueAsync(4);
        var claimed = await Runs.ClaimAsync("r1", "a", -1, 4, Ct);

        Assert.True(await Runs.CompleteAsync("r1", "a", [Record(0, scores: """{"m":{"value":0.5}}"""), Record(1)], [0, 1], [2], Ct));

        Assert.Equal((2L, 2L), await Runs.ProgressAsync("r1", Ct));
        Assert.Equal(2, await Runs.OpenItemsAsync("r1", Ct));
        Assert.Equal([2L], (await Runs.ClaimAsync("r1", "b", -1, 10, Ct)).Select(i => i.Seq));
        // Claims left by a stopped process go back to the queue.
        Assert.Equal(2, await Runs.ReleaseClaimsAsync("r1", Ct));
        Assert.Equal([2L, 3], (await Runs.ClaimAsync("r1", "c", -1, 10, Ct)).Select(i => i.Seq));
        Assert.Equal(4, claimed.Count);
    }

    [Fact]
    public async Task Cells_read_back_as_written_in_dataset_order_with_fields_only_when_asked()
    {
        await QueueAsync(3);
        await Runs.ClaimAsync("r1", "a", -1, 3, Ct);
        var withError = Cell(2) with { Output = null, Error = "HTTP 503", Calls = 3 };
        await Runs.CompleteAsync("r1", "a", [new CellRecord(withError, "{}"u8.ToArray()), Record(0, scores: """{"m":{"value":1,"passed":true}}"""), Record(1, output: "")], [0, 1, 2], [], Ct);

        var all = await ReadAsync(-1, long.MaxValue, withFields: true);
        var middle = await ReadAsync(0, 2, withFields: false);

        Assert.Equal([0L, 1, 2], all.Select(c => c.Cell.Cell.Seq));
        Assert.Equal((1.0, true), (all[0].Cell.Cell.Scores["m"].Value, all[0].Cell.Cell.Scores["m"].Passed));
        Assert.Equal("""{"m":{"value":1,"passed":true}}""", System.Text.Encoding.UTF8.GetString(all[0].Cell.ScoresJson));
        Assert.Equal("", all[1].Cell.Cell.Output);
        Assert.Equal((null, "HTTP 503", 3), (all[2].Cell.Cell.Output, all[2].Cell.Cell.Error, all[2].Cell.Cell.Calls));
        Assert.Contains("\"q2\"", all[2].FieldsJson);
        Assert.Equal([1L], middle.Select(c => c.Cell.Cell.Seq));
        Assert.Null(middle[0].FieldsJson);
    }

    [Fact]
    public async Task Money_is_stored_and_summed_exactly()
    {
        await QueueAsync(3);
        decimal[] costs = [0.1m, 0.2m, 0.3m];
        await Runs.ClaimAsync("r1", "a", -1, 3, Ct);
        await Runs.CompleteAsync("r1", "a", [.. costs.Select((cost, seq) => new CellRecord(Cell(seq) with { Cost = cost }, "{}"u8.ToArray()))], [0, 1, 2], [], Ct);

        Assert.Equal((3L, 0.6m), await Runs.SpentAsync("r1", Ct));
        Assert.Equal(costs, (await ReadAsync(-1, long.MaxValue, withFields: false)).Select(c => c.Cell.Cell.Cost));
    }

    [Fact]
    public async Task Every_row_before_the_first_unfinished_one_is_finished()
    {
        await QueueAsync(5);
        Assert.Equal(0, await Runs.FinishedBeforeAsync("r1", 0, Ct));
        await Runs.ClaimAsync("r1", "a", -1, 5, Ct);
        await Runs.CompleteAsync("r1", "a", [Record(0), Record(2)], [0, 2], [], Ct);

        Assert.Equal(1, await Runs.FinishedBeforeAsync("r1", 0, Ct));
        await Runs.CompleteAsync("r1", "a", [Record(1)], [1], [], Ct);
        Assert.Equal(3, await Runs.FinishedBeforeAsync("r1", 1, Ct));
        await Runs.CompleteAsync("r1", "a", [], [3, 4], [], Ct);
        Assert.Equal(5, await Runs.FinishedBeforeAsync("r1", 3, Ct));
    }

    [Fact]
    public async Task A_new_shard_epoch_takes_back_the_rows_of_earlier_ones_and_fences_their_commits()
    {
        await QueueAsync(6);
        var first = await Runs.BeginShardAsync("r1", "0", "silo-a", Ct);
        var other = await Runs.BeginShardAsync("r1", "1", "silo-b", Ct);
        var stale = ShardOwner.Of("0", first);
        Assert.Equal(3, (await Runs.ClaimAsync("r1", stale, -1, 3, Ct)).Count);
        Assert.Equal(2, (await Runs.ClaimAsync("r1", ShardOwner.Of("1", other), -1, 2, Ct)).Count);

        // Shard 0 comes back elsewhere (its silo was declared dead): its rows go back to the queue, shard 1's stay its own.
        var second = await Runs.BeginShardAsync("r1", "0", "silo-c", Ct);
        var current = ShardOwner.Of("0", second);
        // The old activation, still running, can claim nothing more, though rows are queued.
        Assert.Empty(await Runs.ClaimAsync("r1", stale, -1, 10, Ct));
        var retaken = await Runs.ClaimAsync("r1", current, -1, 10, Ct);

        // The old activation, still running, tries to commit a row it had claimed: refused, nothing written, counted.
        Assert.False(await Runs.CompleteAsync("r1", stale, [Record(0)], [0], [], Ct));
        Assert.True(await Runs.CompleteAsync("r1", current, [Record(0), Record(1)], [0, 1], [], Ct));

        Assert.Equal((1L, 1L), (first, other));
        Assert.Equal(2L, second);
        Assert.Equal([0L, 1, 2, 5], retaken.Select(i => i.Seq));
        var shards = await Runs.ShardsAsync("r1", Ct);
        Assert.Equal(
            [new ShardRecord("0", 2, "silo-c", 2, 1, 2), new ShardRecord("1", 1, "silo-b", 0, 0, 2)],
            shards);
        Assert.Equal([0L, 1], (await ReadAsync(-1, long.MaxValue, withFields: false)).Select(c => c.Cell.Cell.Seq));
    }

    [Fact]
    public async Task Only_running_runs_are_listed_as_running()
    {
        await Runs.CreateRunAsync(new RunRecord("done", "n", "/specs/a.yaml", "h", "completed", 0, 1, null), [], Ct);
        await Runs.CreateRunAsync(new RunRecord("going", "n", "/specs/b.yaml", "h", "running", 0, 1, null), [], Ct);

        Assert.Equal(["going"], (await Runs.RunningRunsAsync(Ct)).Select(r => r.RunId));
    }

    protected async Task QueueAsync(int rows, string runId = "r1")
    {
        if (await Runs.GetRunAsync(runId, Ct) is null)
        {
            await Runs.CreateRunAsync(new RunRecord(runId, "rows", $"/specs/{runId}.yaml", "h", "running", 0, 1, null), [], Ct);
        }
        await Runs.EnqueueAsync(runId, [.. Enumerable.Range(0, rows).Select(i => new WorkItem(i, $"q{i}", i + 1, new Dictionary<string, object?> { ["id"] = $"q{i}" }))], Ct);
    }

    protected static CellRecord Record(long seq, string output = "out", string scores = "{}") =>
        new(Cell(seq) with { Output = output, Scores = ScoreJson.Read(System.Text.Encoding.UTF8.GetBytes(scores)) }, System.Text.Encoding.UTF8.GetBytes(scores));

    protected static CellResult Cell(long seq) => new(seq, 0, $"q{seq}", "out", new Dictionary<string, Score>(), 1.5, 2, 3, 0, false, null, 1);

    private async Task<List<StoredCell>> ReadAsync(long after, long before, bool withFields)
    {
        var cells = new List<StoredCell>();
        await foreach (var cell in Runs.ReadCellsAsync("r1", after, before, withFields, Ct))
        {
            cells.Add(cell);
        }
        return cells;
    }
}

/// <summary>The contract on the embedded store.</summary>
public sealed class SqliteRunStoreContract : RunStoreContract
{
    private readonly SqliteTestDatabase _database = new();
    private SqliteStore? _store;

    protected override async Task<IRunStore> OpenAsync()
    {
        _store = await _database.OpenAsync();
        return new SqliteRunStore(_store, TimeProvider.System);
    }

    public override ValueTask DisposeAsync()
    {
        _store?.Dispose();
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}
