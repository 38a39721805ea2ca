namespace Workbench.Silo.Storage;

/// <summary>The versioned migrations of the embedded SQLite store.</summary>
public static class SqliteSchema
{
    /// <summary>Every migration, oldest first. Add new ones at the end; never change a released one.</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "grain state", """
            CREATE TABLE grain_state (
                grain_type  TEXT    NOT NULL,
                grain_key   TEXT    NOT NULL,
                state_name  TEXT    NOT NULL,
                payload     TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                updated_at  TEXT    NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            ) WITHOUT ROWID;
            """),
        new(2, "evaluation runs, work items, cell results and the response cache", """
            CREATE TABLE runs (
                run_id        TEXT    NOT NULL PRIMARY KEY,
                name          TEXT    NOT NULL,
                spec_path     TEXT    NOT NULL,
                spec_hash     TEXT    NOT NULL,
                status        TEXT    NOT NULL,
                total_rows    INTEGER NOT NULL DEFAULT 0,
                enqueued      INTEGER NOT NULL DEFAULT 0,
                cells_per_row INTEGER NOT NULL,
                error         TEXT,
                created_at    TEXT    NOT NULL,
                updated_at    TEXT    NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE run_variants (
                run_id        TEXT    NOT NULL,
                variant       INTEGER NOT NULL,
                prompt_id     TEXT    NOT NULL,
                prompt_hash   TEXT    NOT NULL,
                endpoint_id   TEXT    NOT NULL,
                repeat        INTEGER NOT NULL,
                PRIMARY KEY (run_id, variant)
            ) WITHOUT ROWID;

            CREATE TABLE run_rows (
                run_id        TEXT    NOT NULL,
                seq           INTEGER NOT NULL,
                row_id        TEXT    NOT NULL,
                line          INTEGER NOT NULL,
                payload       TEXT    NOT NULL,
                PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;

            -- The queue is kept apart from the rows it points at: claiming and completing rewrite only these small records.
            CREATE TABLE work_items (
                run_id        TEXT    NOT NULL,
                seq           INTEGER NOT NULL,
                status        INTEGER NOT NULL DEFAULT 0,
                owner         TEXT,
                lease_until   INTEGER,
                PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE cell_results (
                run_id        TEXT    NOT NULL,
                seq           INTEGER NOT NULL,
                variant       INTEGER NOT NULL,
                row_id        TEXT    NOT NULL,
                output        TEXT,
                scores        TEXT    NOT NULL,
                latency_ms    REAL    NOT NULL,
                input_tokens  INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                cost          REAL    NOT NULL,
                cached        INTEGER NOT NULL,
                error         TEXT,
                calls         INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (run_id, seq, variant)
            ) WITHOUT ROWID;

            CREATE TABLE response_cache (
                cache_key     TEXT    NOT NULL PRIMARY KEY,
                endpoint_id   TEXT    NOT NULL,
                output        TEXT    NOT NULL,
                model         TEXT,
                input_tokens  INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                created_at    TEXT    NOT NULL
            ) WITHOUT ROWID;
            """),
        new(3, "runs numbered: the queue and the cells are keyed by integers, not by the run id's text", """
            CREATE TABLE runs_v3 (
                run_no        INTEGER PRIMARY KEY,
                run_id        TEXT    NOT NULL UNIQUE,
                name          TEXT    NOT NULL,
                spec_path     TEXT    NOT NULL,
                spec_hash     TEXT    NOT NULL,
                status        TEXT    NOT NULL,
                total_rows    INTEGER NOT NULL DEFAULT 0,
                enqueued      INTEGER NOT NULL DEFAULT 0,
                cells_per_row INTEGER NOT NULL,
                error         TEXT,
                created_at    TEXT    NOT NULL,
                updated_at    TEXT    NOT NULL
            );
            INSERT INTO runs_v3 (run_id, name, spec_path, spec_hash, status, total_rows, enqueued, cells_per_row, error, created_at, updated_at)
                SELECT run_id, name, spec_path, spec_hash, status, total_rows, enqueued, cells_per_row, error, created_at, updated_at
                FROM runs ORDER BY created_at, run_id;
            CREATE INDEX runs_by_spec ON runs_v3 (spec_path, created_at);

            CREATE TABLE run_variants_v3 (
                run_no        INTEGER NOT NULL,
                variant       INTEGER NOT NULL,
                prompt_id     TEXT    NOT NULL,
                prompt_hash   TEXT    NOT NULL,
                endpoint_id   TEXT    NOT NULL,
                repeat        INTEGER NOT NULL,
                PRIMARY KEY (run_no, variant)
            ) WITHOUT ROWID;
            INSERT INTO run_variants_v3
                SELECT r.run_no, v.variant, v.prompt_id, v.prompt_hash, v.endpoint_id, v.repeat
                FROM run_variants v JOIN runs_v3 r ON r.run_id = v.run_id;

            CREATE TABLE run_rows_v3 (
                run_no        INTEGER NOT NULL,
                seq           INTEGER NOT NULL,
                row_id        TEXT    NOT NULL,
                line          INTEGER NOT NULL,
                payload       TEXT    NOT NULL,
                PRIMARY KEY (run_no, seq)
            ) WITHOUT ROWID;
            INSERT INTO run_rows_v3
                SELECT r.run_no, w.seq, w.row_id, w.line, w.payload
                FROM run_rows w JOIN runs_v3 r ON r.run_id = w.run_id;

            CREATE TABLE work_items_v3 (
                run_no        INTEGER NOT NULL,
                seq           INTEGER NOT NULL,
                status        INTEGER NOT NULL DEFAULT 0,
                owner         TEXT,
                lease_until   INTEGER,
                PRIMARY KEY (run_no, seq)
            ) WITHOUT ROWID;
            INSERT INTO work_items_v3
                SELECT r.run_no, w.seq, w.status, w.owner, w.lease_until
                FROM work_items w JOIN runs_v3 r ON r.run_id = w.run_id;

            CREATE TABLE cell_results_v3 (
                run_no        INTEGER NOT NULL,
                seq           INTEGER NOT NULL,
                variant       INTEGER NOT NULL,
                row_id        TEXT    NOT NULL,
                output        TEXT,
                scores        TEXT    NOT NULL,
                latency_ms    REAL    NOT NULL,
                input_tokens  INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                cost          REAL    NOT NULL,
                cached        INTEGER NOT NULL,
                error         TEXT,
                calls         INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (run_no, seq, variant)
            ) WITHOUT ROWID;
            INSERT INTO cell_results_v3
                SELECT r.run_no, c.seq, c.variant, c.row_id, c.output, c.scores, c.latency_ms, c.input_tokens, c.output_tokens, c.cost, c.cached, c.error, c.calls
                FROM cell_results c JOIN runs_v3 r ON r.run_id = c.run_id;

            DROP TABLE cell_results;
            DROP TABLE work_items;
            DROP TABLE run_rows;
            DROP TABLE run_variants;
            DROP TABLE runs;
            ALTER TABLE runs_v3 RENAME TO runs;
            ALTER TABLE run_variants_v3 RENAME TO run_variants;
            ALTER TABLE run_rows_v3 RENAME TO run_rows;
            ALTER TABLE work_items_v3 RENAME TO work_items;
            ALTER TABLE cell_results_v3 RENAME TO cell_results;
            """),
        new(4, "grain state in Orleans' storage format; money in exact integer pico-units", """
            DROP TABLE grain_state;
            CREATE TABLE grain_state (
                grain_type  TEXT    NOT NULL,
                grain_key   TEXT    NOT NULL,
                state_name  TEXT    NOT NULL,
                payload     BLOB    NOT NULL,
                version     INTEGER NOT NULL,
                updated_at  TEXT    NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            ) WITHOUT ROWID;

            ALTER TABLE cell_results ADD COLUMN cost_pico INTEGER NOT NULL DEFAULT 0;
            UPDATE cell_results SET cost_pico = CAST(ROUND(cost * 1e12) AS INTEGER);
            ALTER TABLE cell_results DROP COLUMN cost;
            """),
        new(5, "shards: each epoch fences the commits of the activations before it", """
            CREATE TABLE run_shards (
                run_no           INTEGER NOT NULL,
                shard            TEXT    NOT NULL,
                epoch            INTEGER NOT NULL,
                silo             TEXT    NOT NULL,
                committed_rows   INTEGER NOT NULL DEFAULT 0,
                rejected_commits INTEGER NOT NULL DEFAULT 0,
                updated_at       TEXT    NOT NULL,
                PRIMARY KEY (run_no, shard)
            ) WITHOUT ROWID;
            """),
        new(6, "cells record the index version and documents they were given", """
            ALTER TABLE cell_results ADD COLUMN context TEXT;
            """),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;
}
