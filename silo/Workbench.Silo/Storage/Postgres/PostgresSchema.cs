namespace Workbench.Silo.Storage.Postgres;

/// <summary>
/// What a Workbench database on PostgreSQL holds, in the order it is applied: Orleans' own ADO.NET
/// scripts (clustering, grain state, reminders) exactly as Orleans ships them, then the project's
/// migrations. Each is applied once and recorded in <c>workbench_migrations</c>.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Orleans' scripts, by the name of their embedded resource: the query table first.</summary>
    public static IReadOnlyList<string> OrleansScripts { get; } =
        ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"];

    /// <summary>The project's migrations; the same logical schema as the SQLite store's, in PostgreSQL's dialect.</summary>
    public static IReadOnlyList<PostgresMigration> Migrations { get; } =
    [
        new(1, "evaluation runs, work items, cell results and the response cache", """
            CREATE TABLE runs (
                run_no        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_id        TEXT        NOT NULL UNIQUE,
                name          TEXT        NOT NULL,
                spec_path     TEXT        NOT NULL,
                spec_hash     TEXT        NOT NULL,
                status        TEXT        NOT NULL,
                total_rows    BIGINT      NOT NULL DEFAULT 0,
                enqueued      BOOLEAN     NOT NULL DEFAULT FALSE,
                cells_per_row INTEGER     NOT NULL,
                error         TEXT,
                created_at    TIMESTAMPTZ NOT NULL,
                updated_at    TIMESTAMPTZ NOT NULL
            );
            CREATE INDEX runs_by_spec ON runs (spec_path, created_at);

            CREATE TABLE run_variants (
                run_no        BIGINT  NOT NULL REFERENCES runs (run_no) ON DELETE CASCADE,
                variant       INTEGER NOT NULL,
                prompt_id     TEXT    NOT NULL,
                prompt_hash   TEXT    NOT NULL,
                endpoint_id   TEXT    NOT NULL,
                repeat        INTEGER NOT NULL,
                PRIMARY KEY (run_no, variant)
            );

            CREATE TABLE run_rows (
                run_no        BIGINT  NOT NULL REFERENCES runs (run_no) ON DELETE CASCADE,
                seq           BIGINT  NOT NULL,
                row_id        TEXT    NOT NULL,
                line          BIGINT  NOT NULL,
                payload       TEXT    NOT NULL,
                PRIMARY KEY (run_no, seq)
            );

            -- The queue is kept apart from the rows it points at: claiming and completing rewrite only these small records.
            CREATE TABLE work_items (
                run_no        BIGINT   NOT NULL REFERENCES runs (run_no) ON DELETE CASCADE,
                seq           BIGINT   NOT NULL,
                status        SMALLINT NOT NULL DEFAULT 0,
                owner         TEXT,
                PRIMARY KEY (run_no, seq)
            );
            -- Claims and "finished before" look only at open items.
            CREATE INDEX work_items_open ON work_items (run_no, seq) WHERE status < 2;

            CREATE TABLE cell_results (
                run_no        BIGINT           NOT NULL REFERENCES runs (run_no) ON DELETE CASCADE,
                seq           BIGINT           NOT NULL,
                variant       INTEGER          NOT NULL,
                row_id        TEXT             NOT NULL,
                output        TEXT,
                scores        TEXT             NOT NULL,
                latency_ms    DOUBLE PRECISION NOT NULL,
                input_tokens  BIGINT           NOT NULL,
                output_tokens BIGINT           NOT NULL,
                cost_pico     BIGINT           NOT NULL,
                cached        BOOLEAN          NOT NULL,
                error         TEXT,
                calls         INTEGER          NOT NULL DEFAULT 0,
                PRIMARY KEY (run_no, seq, variant)
            );

            CREATE TABLE response_cache (
                cache_key     TEXT        NOT NULL PRIMARY KEY,
                endpoint_id   TEXT        NOT NULL,
                output        TEXT        NOT NULL,
                model         TEXT,
                input_tokens  BIGINT      NOT NULL,
                output_tokens BIGINT      NOT NULL,
                created_at    TIMESTAMPTZ NOT NULL
            );
            """),
        new(2, "shards: each epoch fences the commits of the activations before it", """
            CREATE TABLE run_shards (
                run_no           BIGINT      NOT NULL REFERENCES runs (run_no) ON DELETE CASCADE,
                shard            TEXT        NOT NULL,
                epoch            BIGINT      NOT NULL,
                silo             TEXT        NOT NULL,
                committed_rows   BIGINT      NOT NULL DEFAULT 0,
                rejected_commits BIGINT      NOT NULL DEFAULT 0,
                updated_at       TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (run_no, shard)
            );
            CREATE INDEX runs_running ON runs (status, created_at) WHERE status = 'running';
            """),
        new(3, "cells record the index version and documents they were given", """
            ALTER TABLE cell_results ADD COLUMN context TEXT;
            """),
    ];
}
