using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workbench.Evaluation.Datasets;
using Workbench.Grains.Runs;

namespace Workbench.Silo.Storage;

/// <summary>Runs, their work queue and their cells in the embedded store.</summary>
public sealed class SqliteRunStore(SqliteStore store, TimeProvider timeProvider) : IRunStore
{
    private const int Queued = 0;
    private const int Claimed = 1;
    private const int Done = 2;

    // Runs are numbered in the store, and the hot tables are keyed by the number: comparing an integer
    // in every B-tree step is far cheaper than comparing the run id's text.
    private readonly ConcurrentDictionary<string, long> _runNumbers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task CreateRunAsync(RunRecord run, IReadOnlyList<Variant> variants, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var transaction = connection.BeginTransaction(deferred: false);
        long runNumber;
        await using (var command = Command(connection, transaction, """
            INSERT INTO runs (run_id, name, spec_path, spec_hash, status, total_rows, cells_per_row, error, created_at, updated_at)
            VALUES ($run, $name, $path, $hash, $status, $rows, $cells, NULL, $at, $at)
            RETURNING run_no
            """))
        {
            command.Parameters.AddWithValue("$run", run.RunId);
            command.Parameters.AddWithValue("$name", run.Name);
            command.Parameters.AddWithValue("$path", run.SpecPath);
            command.Parameters.AddWithValue("$hash", run.SpecHash);
            command.Parameters.AddWithValue("$status", run.Status);
            command.Parameters.AddWithValue("$rows", run.TotalRows);
            command.Parameters.AddWithValue("$cells", run.CellsPerRow);
            command.Parameters.AddWithValue("$at", Now());
            runNumber = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        await using (var command = Command(connection, transaction, """
            INSERT INTO run_variants (run_no, variant, prompt_id, prompt_hash, endpoint_id, repeat)
            VALUES ($run, $variant, $prompt, $hash, $endpoint, $repeat)
            """))
        {
            var parameters = Parameters(command, "$run", "$variant", "$prompt", "$hash", "$endpoint", "$repeat");
            foreach (var variant in variants)
            {
                Set(parameters, runNumber, variant.Index, variant.Prompt.Id, variant.Prompt.VersionHash, variant.Endpoint.Id, variant.Repeat);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _runNumbers[run.RunId] = runNumber;
    }

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        ReadRunAsync("WHERE run_id = $key", runId, cancellationToken);

    /// <inheritdoc />
    public Task<RunRecord?> LatestRunAsync(string specPath, CancellationToken cancellationToken) =>
        ReadRunAsync("WHERE spec_path = $key ORDER BY created_at DESC, run_id DESC LIMIT 1", specPath, cancellationToken);

    /// <inheritdoc />
    public async Task EnqueueAsync(string runId, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        // Enqueuing again after an interruption re-reads the dataset from the start; rows already queued stay as they are.
        using (var rows = new SqliteStatement(connection, "INSERT OR IGNORE INTO run_rows (run_no, seq, row_id, line, payload) VALUES (?1, ?2, ?3, ?4, ?5)"))
        using (var queue = new SqliteStatement(connection, "INSERT OR IGNORE INTO work_items (run_no, seq) VALUES (?1, ?2)"))
        {
            foreach (var item in items)
            {
                rows.Bind(1, runNumber).Bind(2, item.Seq).Bind(3, item.RowId).Bind(4, item.Line)
                    .Bind(5, item.Json ?? JsonSerializer.Serialize(item.Fields, RunJson.Options))
                    .Execute();
                queue.Bind(1, runNumber).Bind(2, item.Seq).Execute();
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UpdateRunAsync(string runId, string status, string? error, long? totalRows, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var command = Command(connection, null, """
            UPDATE runs SET status = $status, error = $error, total_rows = COALESCE($rows, total_rows),
                enqueued = CASE WHEN $rows IS NULL THEN enqueued ELSE 1 END, updated_at = $at
            WHERE run_id = $run
            """);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$rows", (object?)totalRows ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", Now());
        command.Parameters.AddWithValue("$run", runId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> ReleaseClaimsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"UPDATE work_items SET status = {Queued}, owner = NULL WHERE run_no = $run AND status = {Claimed}");
        command.Parameters.AddWithValue("$run", runNumber);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(string runId, string owner, long afterSeq, int count, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        var seqs = new List<long>(count);
        using (var claim = new SqliteStatement(connection, $"""
            UPDATE work_items SET status = {Claimed}, owner = ?1
            WHERE run_no = ?2 AND seq IN (
                SELECT seq FROM work_items WHERE run_no = ?2 AND seq > ?3 AND status = {Queued} ORDER BY seq LIMIT ?4)
              -- A shard's earlier epoch claims nothing once a later one has begun.
              AND NOT EXISTS (SELECT 1 FROM run_shards s WHERE s.run_no = ?2
                  AND substr(?1, 1, length(s.shard) + 1) = s.shard || '#' AND ?1 <> s.shard || '#' || s.epoch)
            RETURNING seq
            """))
        {
            claim.Bind(1, owner).Bind(2, runNumber).Bind(3, afterSeq).Bind(4, count);
            while (claim.Read())
            {
                seqs.Add(claim.Int64(0));
            }
        }
        if (seqs.Count == 0)
        {
            return [];
        }
        seqs.Sort();
        var items = new List<WorkItem>(seqs.Count);
        using (var rows = new SqliteStatement(connection, """
            SELECT seq, row_id, line, payload FROM run_rows
            WHERE run_no = ?1 AND seq IN (SELECT value FROM json_each(?2))
            ORDER BY seq
            """))
        {
            rows.Bind(1, runNumber).Bind(2, JsonArray(seqs));
            while (rows.Read())
            {
                // The payload is parsed from the bytes SQLite holds, never made a string first.
                items.Add(new WorkItem(rows.Int64(0), rows.Text(1), rows.Int64(2), Fields(rows.Utf8(3))));
            }
        }
        return items;
    }

    /// <inheritdoc />
    public async Task<long> BeginShardAsync(string runId, string shard, string silo, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        long epoch;
        using (var begin = new SqliteStatement(connection, """
            INSERT INTO run_shards (run_no, shard, epoch, silo, updated_at) VALUES (?1, ?2, 1, ?3, ?4)
            ON CONFLICT (run_no, shard) DO UPDATE SET epoch = epoch + 1, silo = excluded.silo, updated_at = excluded.updated_at
            RETURNING epoch
            """))
        {
            begin.Bind(1, runNumber).Bind(2, shard).Bind(3, silo).Bind(4, timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            begin.Read();
            epoch = begin.Int64(0);
        }
        // Rows the shard's earlier epochs claimed go back to the queue; their late commits will find them gone.
        await using (var release = Command(connection, transaction, $"""
            UPDATE work_items SET status = {Queued}, owner = NULL
            WHERE run_no = $run AND status = {Claimed} AND substr(owner, 1, length($prefix)) = $prefix AND owner <> $owner
            """))
        {
            release.Parameters.AddWithValue("$run", runNumber);
            release.Parameters.AddWithValue("$prefix", ShardOwner.PrefixOf(shard));
            release.Parameters.AddWithValue("$owner", ShardOwner.Of(shard, epoch));
            await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return epoch;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(
        string runId, string owner, IReadOnlyList<CellRecord> cells, IReadOnlyList<long> done, IReadOnlyList<long> released, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using (var transaction = connection.BeginTransaction(deferred: false))
        {
            // The fence first: every finished item must still be this owner's, or nothing of the batch is written.
            var completed = await SetStatusAsync(connection, transaction, runNumber, owner, done, Done, cancellationToken).ConfigureAwait(false);
            if (completed == done.Count)
            {
                using (var insert = new SqliteStatement(connection, """
                    INSERT OR REPLACE INTO cell_results (run_no, seq, variant, row_id, output, scores, latency_ms, input_tokens, output_tokens, cost_pico, cached, error, calls, context)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                    """))
                {
                    foreach (var (cell, scores) in cells)
                    {
                        insert.Bind(1, runNumber).Bind(2, cell.Seq).Bind(3, cell.Variant).Bind(4, cell.RowId).Bind(5, cell.Output).BindUtf8(6, scores)
                            .Bind(7, cell.LatencyMilliseconds).Bind(8, cell.InputTokens).Bind(9, cell.OutputTokens).Bind(10, Money.ToPico(cell.Cost))
                            .Bind(11, cell.Cached ? 1 : 0).Bind(12, cell.Error).Bind(13, cell.Calls).Bind(14, ContextJson.Write(cell.Context))
                            .Execute();
                    }
                }
                await SetStatusAsync(connection, transaction, runNumber, owner, released, Queued, cancellationToken).ConfigureAwait(false);
                await CountAsync(connection, transaction, runNumber, owner, "committed_rows", done.Count, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
        await CountAsync(connection, null, runNumber, owner, "rejected_commits", 1, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardRecord>> ShardsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"""
            SELECT s.shard, s.epoch, s.silo, s.committed_rows, s.rejected_commits,
                (SELECT COUNT(*) FROM work_items w WHERE w.run_no = s.run_no AND w.status = {Claimed} AND w.owner = s.shard || '#' || s.epoch)
            FROM run_shards s WHERE s.run_no = $run ORDER BY length(s.shard), s.shard
            """);
        command.Parameters.AddWithValue("$run", runNumber);
        var shards = new List<ShardRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            shards.Add(new ShardRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }
        return shards;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> RunningRunsAsync(CancellationToken cancellationToken) =>
        await ReadRunsAsync($"WHERE status = $key ORDER BY created_at DESC, run_id DESC", RunStatus.Running, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<(long OpenItems, long Cells)> ProgressAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT (SELECT COUNT(*) FROM work_items WHERE run_no = $run AND status IN (0, 1)),
                   (SELECT COUNT(*) FROM cell_results WHERE run_no = $run)
            """);
        command.Parameters.AddWithValue("$run", runNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async Task<long> OpenItemsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM work_items WHERE run_no = $run AND status IN (0, 1)");
        command.Parameters.AddWithValue("$run", runNumber);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<(long Calls, decimal Cost)> SpentAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(cost_pico), 0) FROM cell_results WHERE run_no = $run
            """);
        command.Parameters.AddWithValue("$run", runNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), Money.FromPico(reader.GetInt64(1)));
    }

    /// <inheritdoc />
    public async Task<long> FinishedBeforeAsync(string runId, long fromSeq, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        // Scanning from where the last answer left off reads only the rows finished since then.
        await using var command = Command(connection, null, $"""
            SELECT COALESCE(
                (SELECT MIN(seq) FROM work_items WHERE run_no = $run AND seq >= $from AND status IN ({Queued}, {Claimed})),
                (SELECT COALESCE(MAX(seq), -1) + 1 FROM work_items WHERE run_no = $run))
            """);
        command.Parameters.AddWithValue("$run", runNumber);
        command.Parameters.AddWithValue("$from", fromSeq);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredCell> ReadCellsAsync(
        string runId, long afterSeq, long beforeSeq, bool withFields, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        // Stepped through SQLite's own API: scores are read as the UTF-8 bytes SQLite holds. The rows'
        // payloads are joined only when asked for: most reads need the cells alone.
        using var cells = new SqliteStatement(connection, $"""
            SELECT c.seq, c.variant, c.row_id, c.output, c.scores, c.latency_ms, c.input_tokens, c.output_tokens, c.cost_pico, c.cached, c.error, c.calls, c.context,
                {(withFields ? "w.payload" : "NULL")}
            FROM cell_results c {(withFields ? "JOIN run_rows w ON w.run_no = c.run_no AND w.seq = c.seq" : "")}
            WHERE c.run_no = ?1 AND c.seq > ?2 AND c.seq < ?3
            ORDER BY c.seq, c.variant
            """);
        cells.Bind(1, runNumber).Bind(2, afterSeq).Bind(3, beforeSeq);
        var seq = -1L;
        string? payload = null;
        while (cells.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scores = cells.Utf8(4);
            var cell = new CellResult(
                cells.Int64(0), (int)cells.Int64(1), cells.Text(2), cells.IsNull(3) ? null : cells.Text(3),
                ScoreJson.Read(scores),
                cells.Double(5), cells.Int64(6), cells.Int64(7), Money.FromPico(cells.Int64(8)), cells.Int64(9) != 0,
                cells.IsNull(10) ? null : cells.Text(10), (int)cells.Int64(11), ContextJson.Read(cells.IsNull(12) ? null : cells.Text(12)));
            if (withFields && cell.Seq != seq)
            {
                // A row's payload is the same for each of its cells: made a string once.
                seq = cell.Seq;
                payload = cells.Text(13);
            }
            yield return new StoredCell(new CellRecord(cell, scores.ToArray()), payload);
        }
    }

    /// <summary>A stored row's fields as plain values.</summary>
    public static IReadOnlyDictionary<string, object?> Fields(string payload) => (Dictionary<string, object?>)JsonFields.Parse(payload)!;

    /// <summary>A stored row's fields from the payload's UTF-8 bytes.</summary>
    private static IReadOnlyDictionary<string, object?> Fields(ReadOnlySpan<byte> payload) => (Dictionary<string, object?>)JsonFields.Parse(payload)!;

    private async Task<RunRecord?> ReadRunAsync(string where, string key, CancellationToken cancellationToken) =>
        (await ReadRunsAsync(where, key, cancellationToken).ConfigureAwait(false)) is [var first, ..] ? first : null;

    private async Task<IReadOnlyList<RunRecord>> ReadRunsAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT run_id, name, spec_path, spec_hash, status, total_rows, cells_per_row, error, enqueued FROM runs {where}");
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt64(8) != 0));
        }
        return runs;
    }

    /// <summary>The store's number of run <paramref name="runId"/>.</summary>
    private async Task<long> RunNumberAsync(SqliteConnection connection, string runId, CancellationToken cancellationToken)
    {
        if (_runNumbers.TryGetValue(runId, out var known))
        {
            return known;
        }
        await using var command = Command(connection, null, "SELECT run_no FROM runs WHERE run_id = $run");
        command.Parameters.AddWithValue("$run", runId);
        var number = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"there is no run `{runId}` in {store.Path}.");
        return _runNumbers[runId] = Convert.ToInt64(number, CultureInfo.InvariantCulture);
    }

    /// <summary>Sets the status of <paramref name="owner"/>'s claimed items among <paramref name="seqs"/>; returns how many it set.</summary>
    private static async Task<int> SetStatusAsync(
        SqliteConnection connection, SqliteTransaction transaction, long runNumber, string owner, IReadOnlyList<long> seqs, int status, CancellationToken cancellationToken)
    {
        if (seqs.Count == 0)
        {
            return 0;
        }
        await using var command = Command(connection, transaction, $"""
            UPDATE work_items SET status = $status, owner = NULL
            WHERE run_no = $run AND seq IN (SELECT value FROM json_each($seqs)) AND status = {Claimed} AND owner = $owner
            """);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$run", runNumber);
        command.Parameters.AddWithValue("$seqs", JsonArray(seqs));
        command.Parameters.AddWithValue("$owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds to one of the counters of <paramref name="owner"/>'s shard.</summary>
    private static async Task CountAsync(
        SqliteConnection connection, SqliteTransaction? transaction, long runNumber, string owner, string counter, long count, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"UPDATE run_shards SET {counter} = {counter} + $count WHERE run_no = $run AND shard = $shard");
        command.Parameters.AddWithValue("$count", count);
        command.Parameters.AddWithValue("$run", runNumber);
        command.Parameters.AddWithValue("$shard", ShardOwner.ShardOf(owner));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string JsonArray(IReadOnlyList<long> values) => "[" + string.Join(",", values) + "]";

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(name => command.Parameters.Add(name, SqliteType.Text))];

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].SqliteType = values[i] switch
            {
                long or int => SqliteType.Integer,
                double => SqliteType.Real,
                _ => SqliteType.Text,
            };
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private string Now() => timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
