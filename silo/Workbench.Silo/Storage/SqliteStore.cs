using System.Globalization;
using Microsoft.Data.Sqlite;
using Workbench.Evaluation.Specs;

namespace Workbench.Silo.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, brought to the latest schema version when it is
/// opened. Connections are pooled; each one opened through <see cref="OpenConnectionAsync"/> is ready to use.
/// </summary>
public sealed class SqliteStore : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private SqliteConnection? _writerConnection;

    private SqliteStore(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies pending migrations.</summary>
    /// <exception cref="SpecException">The file cannot be opened, or holds a schema newer than this build knows.</exception>
    public static async Task<SqliteStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new SpecException(new SpecError(full, 0, 0,
                    $"the database's folder cannot be created ({exception.Message}). Point --db at a file you can write."));
            }
        }
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var store = new SqliteStore(full, connectionString);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException exception)
        {
            store.Dispose();
            throw new SpecException(new SpecError(full, 0, 0,
                $"the database cannot be opened ({exception.Message}). Point --db at a file you can write, or fix its permissions."));
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    /// <summary>Opens a pooled connection with the store's pragmas set.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand();
            // NORMAL is durable against a process crash in WAL mode; only a power cut can lose the last commits.
            pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens a connection for a write transaction, after this process's previous writer has finished.
    /// SQLite admits one writer at a time; queueing writers here, instead of letting them collide and
    /// back off inside SQLite's busy handler (which sleeps in milliseconds), keeps writes back to back.
    /// </summary>
    public async Task<SqliteWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One connection does all of this process's writing, so its page cache stays warm: a pooled
            // connection that another one has written behind must reread what it had cached.
            _writerConnection ??= await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteWriter(_writerConnection, _writer);
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writerConnection?.Dispose();
        _writer.Dispose();
    }

    /// <summary>The schema version of the file.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """, cancellationToken).ConfigureAwait(false);

        foreach (var migration in SqliteSchema.Migrations)
        {
            // BEGIN IMMEDIATE takes the write lock first, so two processes opening one file apply each step once.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (current > SqliteSchema.LatestVersion)
            {
                throw new SpecException(new SpecError(Path, 0, 0,
                    $"the database has schema version {current}, newer than the {SqliteSchema.LatestVersion} this build of Workbench knows. " +
                    "Upgrade Workbench, or point --db at another file."));
            }
            if (current >= migration.Version)
            {
                continue;
            }
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$name", migration.Name);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
