using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Workbench.Grains.Runs;

namespace Workbench.Silo.Storage.Postgres;

/// <summary>
/// Runs, their work queue and their cells in PostgreSQL, with the semantics of the embedded store:
/// runs numbered by a bigint, rows queued and cells written in batches (one statement per batch over
/// arrays), and a batch's cells committed in the same transaction that completes its work items.
/// Claims skip rows another silo has locked, so shards on many silos never claim one row twice.
/// </summary>
public sealed class PostgresRunStore(PostgresStore store, TimeProvider timeProvider) : IRunStore
{
    private const short Queued = 0;
    private const short Claimed = 1;
    private const short Done = 2;

    private readonly ConcurrentDictionary<string, long> _runNumbers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task CreateRunAsync(RunRecord run, IReadOnlyList<Variant> variants, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long runNumber;
        await using (var command = new NpgsqlCommand("""
            INSERT INTO runs (run_id, name, spec_path, spec_hash, status, total_rows, cells_per_row, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            RETURNING run_no
            """, connection, transaction))
        {
            Add(command, run.RunId, run.Name, run.SpecPath, run.SpecHash, run.Status, run.TotalRows, run.CellsPerRow, timeProvider.GetUtcNow());
            runNumber = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        if (variants.Count > 0)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO run_variants (run_no, variant, prompt_id, prompt_hash, endpoint_id, repeat)
                SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[], $6::integer[])
                """, connection, transaction);
            Add(command, runNumber,
                variants.Select(v => v.Index).ToArray(), variants.Select(v => v.Prompt.Id).ToArray(), variants.Select(v => v.Prompt.VersionHash).ToArray(),
                variants.Select(v => v.Endpoint.Id).ToArray(), variants.Select(v => v.Repeat).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _runNumbers[run.RunId] = runNumber;
    }

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        ReadRunAsync("WHERE run_id = $1", runId, cancellationToken);

    /// <inheritdoc />
    public Task<RunRecord?> LatestRunAsync(string specPath, CancellationToken cancellationToken) =>
        ReadRunAsync("WHERE spec_path = $1 ORDER BY created_at DESC, run_id DESC LIMIT 1", specPath, cancellationToken);

    /// <inheritdoc />
    public async Task EnqueueAsync(string runId, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        // Enqueuing again after an interruption re-reads the dataset from the start; rows already queued stay as they are.
        await using var batch = new NpgsqlBatch(connection);
        var seqs = items.Select(i => i.Seq).ToArray();
        var rows = new NpgsqlBatchCommand("""
            INSERT INTO run_rows (run_no, seq, row_id, line, payload)
            SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[])
            ON CONFLICT DO NOTHING
            """);
        Add(rows.Parameters, runNumber, seqs, items.Select(i => i.RowId).ToArray(), items.Select(i => i.Line).ToArray(),
            items.Select(i => i.Json ?? JsonSerializer.Serialize(i.Fields, RunJson.Options)).ToArray());
        var queue = new NpgsqlBatchCommand("INSERT INTO work_items (run_no, seq) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING");
        Add(queue.Parameters, runNumber, seqs);
        batch.BatchCommands.Add(rows);
        batch.BatchCommands.Add(queue);
        // A batch runs in one implicit transaction: rows and their queue entries land together.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UpdateRunAsync(string runId, string status, string? error, long? totalRows, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE runs SET status = $1, error = $2, total_rows = COALESCE($3, total_rows),
                enqueued = CASE WHEN $3 IS NULL THEN enqueued ELSE TRUE END, updated_at = $4
            WHERE run_id = $5
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)totalRows ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> ReleaseClaimsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"UPDATE work_items SET status = {Queued}, owner = NULL WHERE run_no = $1 AND status = {Claimed}", connection);
        Add(command, runNumber);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(string runId, string owner, long afterSeq, int count, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        // Rows locked by another claimer are skipped rather than waited for: two silos never claim one row.
        await using var command = new NpgsqlCommand($"""
            WITH claimed AS (
                UPDATE work_items SET status = {Claimed}, owner = $1
                WHERE run_no = $2 AND seq IN (
                    SELECT seq FROM work_items WHERE run_no = $2 AND seq > $3 AND status = {Queued}
                    ORDER BY seq LIMIT $4 FOR UPDATE SKIP LOCKED)
                  -- A shard's earlier epoch claims nothing once a later one has begun.
                  AND NOT EXISTS (SELECT 1 FROM run_shards s WHERE s.run_no = $2
                      AND starts_with($1, s.shard || '#') AND $1 <> s.shard || '#' || s.epoch)
                RETURNING seq)
            SELECT r.seq, r.row_id, r.line, r.payload FROM run_rows r JOIN claimed c ON r.run_no = $2 AND r.seq = c.seq
            ORDER BY r.seq
            """, connection);
        Add(command, owner, runNumber, afterSeq, count);
        var items = new List<WorkItem>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new WorkItem(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), SqliteRunStore.Fields(reader.GetString(3))));
        }
        return items;
    }

    /// <inheritdoc />
    public async Task<long> BeginShardAsync(string runId, string shard, string silo, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long epoch;
        await using (var begin = new NpgsqlCommand("""
            INSERT INTO run_shards (run_no, shard, epoch, silo, updated_at) VALUES ($1, $2, 1, $3, $4)
            ON CONFLICT (run_no, shard) DO UPDATE SET epoch = run_shards.epoch + 1, silo = EXCLUDED.silo, updated_at = EXCLUDED.updated_at
            RETURNING epoch
            """, connection, transaction))
        {
            Add(begin, runNumber, shard, silo, timeProvider.GetUtcNow());
            epoch = (long)(await begin.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        // Rows the shard's earlier epochs claimed go back to the queue; their late commits will find them gone.
        await using (var release = new NpgsqlCommand($"""
            UPDATE work_items SET status = {Queued}, owner = NULL
            WHERE run_no = $1 AND status = {Claimed} AND starts_with(owner, $2) AND owner <> $3
            """, connection, transaction))
        {
            Add(release, runNumber, ShardOwner.PrefixOf(shard), ShardOwner.Of(shard, epoch));
            await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return epoch;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(
        string runId, string owner, IReadOnlyList<CellRecord> cells, IReadOnlyList<long> done, IReadOnlyList<long> released, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // One round trip: the fence (completing the finished items, which must all still be this owner's),
        // the cells, the released items and the shard's count. The fence's count decides commit or rollback.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var fence = SetStatus(runNumber, owner, done, Done);
        batch.BatchCommands.Add(fence);
        if (cells.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO cell_results (run_no, seq, variant, row_id, output, scores, latency_ms, input_tokens, output_tokens, cost_pico, cached, error, calls, context)
                SELECT $1, * FROM unnest($2::bigint[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::double precision[],
                    $8::bigint[], $9::bigint[], $10::bigint[], $11::boolean[], $12::text[], $13::integer[], $14::text[])
                ON CONFLICT (run_no, seq, variant) DO UPDATE SET
                    row_id = EXCLUDED.row_id, output = EXCLUDED.output, scores = EXCLUDED.scores, latency_ms = EXCLUDED.latency_ms,
                    input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens, cost_pico = EXCLUDED.cost_pico,
                    cached = EXCLUDED.cached, error = EXCLUDED.error, calls = EXCLUDED.calls, context = EXCLUDED.context
                """);
            Add(insert.Parameters, runNumber,
                cells.Select(c => c.Cell.Seq).ToArray(), cells.Select(c => c.Cell.Variant).ToArray(), cells.Select(c => c.Cell.RowId).ToArray(),
                cells.Select(c => c.Cell.Output).ToArray(), cells.Select(c => Encoding.UTF8.GetString(c.ScoresJson)).ToArray(),
                cells.Select(c => c.Cell.LatencyMilliseconds).ToArray(), cells.Select(c => c.Cell.InputTokens).ToArray(),
                cells.Select(c => c.Cell.OutputTokens).ToArray(), cells.Select(c => Money.ToPico(c.Cell.Cost)).ToArray(),
                cells.Select(c => c.Cell.Cached).ToArray(), cells.Select(c => c.Cell.Error).ToArray(), cells.Select(c => c.Cell.Calls).ToArray(),
                cells.Select(c => ContextJson.Write(c.Cell.Context)).ToArray());
            batch.BatchCommands.Add(insert);
        }
        if (released.Count > 0)
        {
            batch.BatchCommands.Add(SetStatus(runNumber, owner, released, Queued));
        }
        batch.BatchCommands.Add(Count(runNumber, owner, "committed_rows", done.Count));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (fence.RecordsAffected == done.Count)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        await using var rejected = new NpgsqlBatch(connection);
        rejected.BatchCommands.Add(Count(runNumber, owner, "rejected_commits", 1));
        await rejected.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardRecord>> ShardsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT s.shard, s.epoch, s.silo, s.committed_rows, s.rejected_commits,
                (SELECT COUNT(*) FROM work_items w WHERE w.run_no = s.run_no AND w.status = {Claimed} AND w.owner = s.shard || '#' || s.epoch)
            FROM run_shards s WHERE s.run_no = $1 ORDER BY length(s.shard), s.shard
            """, connection);
        Add(command, runNumber);
        var shards = new List<ShardRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            shards.Add(new ShardRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }
        return shards;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> RunningRunsAsync(CancellationToken cancellationToken) =>
        ReadRunsAsync("WHERE status = $1 ORDER BY created_at DESC, run_id DESC", RunStatus.Running, cancellationToken);

    /// <inheritdoc />
    public async Task<(long OpenItems, long Cells)> ProgressAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT COUNT(*) FROM work_items WHERE run_no = $1 AND status < {Done}),
                   (SELECT COUNT(*) FROM cell_results WHERE run_no = $1)
            """, connection);
        Add(command, runNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async Task<long> OpenItemsAsync(string runId, CancellationToken cancellationToken) =>
        (await ProgressAsync(runId, cancellationToken).ConfigureAwait(false)).OpenItems;

    /// <inheritdoc />
    public async Task<(long Calls, decimal Cost)> SpentAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT COALESCE(SUM(calls), 0)::bigint, COALESCE(SUM(cost_pico), 0)::bigint FROM cell_results WHERE run_no = $1", connection);
        Add(command, runNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), Money.FromPico(reader.GetInt64(1)));
    }

    /// <inheritdoc />
    public async Task<long> FinishedBeforeAsync(string runId, long fromSeq, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT COALESCE(
                (SELECT MIN(seq) FROM work_items WHERE run_no = $1 AND seq >= $2 AND status < {Done}),
                (SELECT COALESCE(MAX(seq), -1) + 1 FROM work_items WHERE run_no = $1))
            """, connection);
        Add(command, runNumber, fromSeq);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredCell> ReadCellsAsync(
        string runId, long afterSeq, long beforeSeq, bool withFields, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var runNumber = await RunNumberAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT c.seq, c.variant, c.row_id, c.output, c.scores, c.latency_ms, c.input_tokens, c.output_tokens, c.cost_pico, c.cached, c.error, c.calls, c.context,
                {(withFields ? "w.payload" : "NULL::text")}
            FROM cell_results c {(withFields ? "JOIN run_rows w ON w.run_no = c.run_no AND w.seq = c.seq" : "")}
            WHERE c.run_no = $1 AND c.seq > $2 AND c.seq < $3
            ORDER BY c.seq, c.variant
            """, connection);
        Add(command, runNumber, afterSeq, beforeSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var scores = Encoding.UTF8.GetBytes(reader.GetString(4));
            var cell = new CellResult(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                ScoreJson.Read(scores),
                reader.GetDouble(5), reader.GetInt64(6), reader.GetInt64(7), Money.FromPico(reader.GetInt64(8)), reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt32(11), ContextJson.Read(reader.IsDBNull(12) ? null : reader.GetString(12)));
            yield return new StoredCell(new CellRecord(cell, scores), reader.IsDBNull(13) ? null : reader.GetString(13));
        }
    }

    private async Task<RunRecord?> ReadRunAsync(string where, string key, CancellationToken cancellationToken) =>
        (await ReadRunsAsync(where, key, cancellationToken).ConfigureAwait(false)) is [var first, ..] ? first : null;

    private async Task<IReadOnlyList<RunRecord>> ReadRunsAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT run_id, name, spec_path, spec_hash, status, total_rows, cells_per_row, error, enqueued FROM runs {where}", connection);
        Add(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetBoolean(8)));
        }
        return runs;
    }

    private async Task<long> RunNumberAsync(NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        if (_runNumbers.TryGetValue(runId, out var known))
        {
            return known;
        }
        await using var command = new NpgsqlCommand("SELECT run_no FROM runs WHERE run_id = $1", connection);
        Add(command, runId);
        var number = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"there is no run `{runId}` in {store.Display}.");
        return _runNumbers[runId] = (long)number;
    }

    private static NpgsqlBatchCommand SetStatus(long runNumber, string owner, IReadOnlyList<long> seqs, short status)
    {
        var command = new NpgsqlBatchCommand($"UPDATE work_items SET status = $1, owner = NULL WHERE run_no = $2 AND seq = ANY($3) AND status = {Claimed} AND owner = $4");
        Add(command.Parameters, status, runNumber, seqs.ToArray(), owner);
        return command;
    }

    private static NpgsqlBatchCommand Count(long runNumber, string owner, string counter, long count)
    {
        var command = new NpgsqlBatchCommand($"UPDATE run_shards SET {counter} = {counter} + $1 WHERE run_no = $2 AND shard = $3");
        Add(command.Parameters, count, runNumber, ShardOwner.ShardOf(owner));
        return command;
    }

    private static void Add(NpgsqlCommand command, params object?[] values) => Add(command.Parameters, values);

    private static void Add(NpgsqlParameterCollection parameters, params object?[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }
}
