using Microsoft.Data.Sqlite;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Silo.Tests;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_new_file_gets_every_migration_in_wal_mode()
    {
        var store = await _database.OpenAsync();

        Assert.Equal(SqliteSchema.LatestVersion, await store.GetSchemaVersionAsync(_ct));
        Assert.Equal("wal", await ScalarAsync(store, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.Migrations.Count, await ScalarAsync(store, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Opening_a_file_again_or_twice_at_once_applies_each_migration_once()
    {
        await Task.WhenAll(_database.OpenAsync(), _database.OpenAsync());
        var store = await _database.OpenAsync();

        Assert.Equal((long)SqliteSchema.Migrations.Count, await ScalarAsync(store, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_file_from_a_newer_build_is_refused_with_its_path_and_version()
    {
        var store = await _database.OpenAsync();
        await ScalarAsync(store, "INSERT INTO schema_migrations VALUES (999, 'from the future', '2030-01-01')");

        var error = await Assert.ThrowsAsync<SpecException>(() => _database.OpenAsync());

        Assert.Equal(_database.Path, error.Errors.Single().File);
        Assert.Contains("Upgrade Workbench, or point --db at another file", error.Message);
        Assert.Contains("schema version 999", error.Message);
    }

    [Fact]
    public async Task A_file_at_version_2_keeps_its_runs_queue_and_cells_when_runs_are_numbered()
    {
        // A version 2 file, written as that schema was: run ids as the keys of the queue and the cells.
        await using (var connection = new SqliteConnection($"Data Source={_database.Path}"))
        {
            await connection.OpenAsync(_ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $$$"""
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                {{{SqliteSchema.Migrations[0].Sql}}}
                {{{SqliteSchema.Migrations[1].Sql}}}
                INSERT INTO schema_migrations VALUES (1, 'grain state', '2026-11-01'), (2, 'runs', '2026-11-01');
                INSERT INTO runs (run_id, name, spec_path, spec_hash, status, total_rows, enqueued, cells_per_row, created_at, updated_at)
                    VALUES ('20261101-120000-aaaaaa', 'old', '/specs/old.yaml', 'h1', 'interrupted', 2, 1, 1, '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z'),
                           ('20261102-120000-bbbbbb', 'newer', '/specs/old.yaml', 'h1', 'completed', 1, 1, 1, '2026-11-02T12:00:00Z', '2026-11-02T12:00:00Z');
                INSERT INTO run_variants VALUES ('20261101-120000-aaaaaa', 0, 'p', 'ph', 'e', 0);
                INSERT INTO run_rows VALUES ('20261101-120000-aaaaaa', 0, 'q0', 1, '{"id": "q0", "q": "zero"}'),
                                            ('20261101-120000-aaaaaa', 1, 'q1', 2, '{"id": "q1", "q": "one"}');
                INSERT INTO work_items (run_id, seq, status) VALUES ('20261101-120000-aaaaaa', 0, 2), ('20261101-120000-aaaaaa', 1, 1);
                INSERT INTO cell_results VALUES ('20261101-120000-aaaaaa', 0, 0, 'q0', 'out', '{"m":{"value":1}}', 5, 3, 4, 0.5, 0, NULL, 1);
                """;
            await command.ExecuteNonQueryAsync(_ct);
        }
        SqliteConnection.ClearAllPools();

        var store = await _database.OpenAsync();
        var runs = new SqliteRunStore(store, TimeProvider.System);

        Assert.Equal(SqliteSchema.LatestVersion, await store.GetSchemaVersionAsync(_ct));
        Assert.Equal("20261102-120000-bbbbbb", (await runs.LatestRunAsync("/specs/old.yaml", _ct))!.RunId);
        const string old = "20261101-120000-aaaaaa";
        Assert.Equal(("old", "interrupted", 2L), (await runs.GetRunAsync(old, _ct)) is { } run ? (run.Name, run.Status, run.TotalRows) : default);
        Assert.Equal((1L, 1L), await runs.ProgressAsync(old, _ct));
        Assert.Equal((1L, 0.5m), await runs.SpentAsync(old, _ct));
        var cells = new List<Workbench.Grains.Runs.StoredCell>();
        await foreach (var cell in runs.ReadCellsAsync(old, -1, long.MaxValue, withFields: true, _ct))
        {
            cells.Add(cell);
        }
        var (stored, scores) = cells.Single().Cell;
        Assert.Equal(("q0", "out", 1.0), (stored.RowId, stored.Output, stored.Scores["m"].Value));
        Assert.Equal("""{"m":{"value":1}}""", System.Text.Encoding.UTF8.GetString(scores));
        Assert.Contains("\"zero\"", cells.Single().FieldsJson);

        // The claimed row goes back to the queue and is claimed again, with its fields.
        Assert.Equal(1, await runs.ReleaseClaimsAsync(old, _ct));
        var claimed = await runs.ClaimAsync(old, "me", -1, 10, _ct);
        Assert.Equal(("q1", "one"), (claimed.Single().RowId, claimed.Single().Fields["q"]));
    }

    [Fact]
    public async Task Empty_texts_stay_empty_and_a_store_that_knows_the_run_only_by_id_can_queue_it()
    {
        // A blank id cell of a CSV row, and a model that answered with nothing.
        var store = await _database.OpenAsync();
        var runs = new SqliteRunStore(store, TimeProvider.System);
        await runs.CreateRunAsync(new RunRecord("r1", "blank", "/specs/blank.yaml", "h", "running", 0, 1, null), [], _ct);
        // Queued by a store that knows the run only by its id, as another process's would.
        await new SqliteRunStore(store, TimeProvider.System).EnqueueAsync("r1", [new WorkItem(0, "", 2, new Dictionary<string, object?> { ["id"] = "" }, """{"id": ""}""")], _ct);

        var claimed = await runs.ClaimAsync("r1", "me", -1, 10, _ct);
        var cell = new CellResult(0, 0, "", "", new Dictionary<string, Workbench.Evaluation.Scoring.Score>(), 1, 2, 0, 0, false, null, 1);
        await runs.CompleteAsync("r1", "me", [new CellRecord(cell, "{}"u8.ToArray())], [0], [], _ct);

        Assert.Equal("", claimed.Single().RowId);
        await foreach (var stored in runs.ReadCellsAsync("r1", -1, long.MaxValue, withFields: false, _ct))
        {
            Assert.Equal(("", ""), (stored.Cell.Cell.RowId, stored.Cell.Cell.Output));
        }
        Assert.Equal(1L, await ScalarAsync(store, "SELECT COUNT(*) FROM cell_results WHERE output = '' AND row_id = ''"));
    }

    [Fact]
    public void Money_converts_to_exact_pico_units_and_back()
    {
        Assert.Equal(0.000000123457m, Money.FromPico(Money.ToPico(0.0000001234567m)));
        Assert.Equal(0.6m, Money.FromPico(Money.ToPico(0.1m) + Money.ToPico(0.2m) + Money.ToPico(0.3m)));
    }

    private async Task<object?> ScalarAsync(SqliteStore store, string sql)
    {
        await using var connection = await store.OpenConnectionAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(_ct);
    }
}
