using Npgsql;
using Workbench.Evaluation.Specs;

namespace Workbench.Silo.Storage.Postgres;

/// <summary>
/// The cluster's store: a PostgreSQL database shared by every silo, brought up to date when it is
/// opened. Orleans' ADO.NET scripts go first, then the project's migrations; every step runs once, in
/// its own transaction, under an advisory lock, so that silos starting together never apply one twice.
/// </summary>
public sealed class PostgresStore : IAsyncDisposable
{
    // Any fixed number: the lock only has to be the same for every Workbench process on the database.
    private const long MigrationLock = 0x5742_6E63_6800_0001;

    private PostgresStore(NpgsqlDataSource dataSource, string display)
    {
        DataSource = dataSource;
        Display = display;
    }

    /// <summary>Pooled connections to the database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Host, port and database, for messages; never the password.</summary>
    public string Display { get; }

    /// <summary>The latest version of the project's schema this build knows.</summary>
    public static int LatestVersion => PostgresSchema.Migrations[^1].Version;

    /// <summary>Connections a process keeps open to the database at most, unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 24;

    /// <summary>Connects to <paramref name="connectionString"/> and applies whatever the database lacks.</summary>
    /// <exception cref="SpecException">The connection string is malformed, the server cannot be reached, or the database is newer than this build (exit code 2).</exception>
    public static async Task<PostgresStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new SpecException(new SpecError("--postgres", 0, 0,
                $"the connection string is not valid ({exception.Message}); write it as Host=HOST;Port=5432;Username=USER;Database=DB (a password can come from PGPASSWORD)."));
        }
        var display = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            // A silo's store needs few connections at once (claims, commits, cache lookups queue for them);
            // Npgsql's default of 100 per process would let a handful of silos exhaust the server's connections.
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        var store = new PostgresStore(new NpgsqlDataSourceBuilder(builder.ConnectionString).Build(), display);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or SpecException or TimeoutException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw exception as SpecException ?? new SpecException(new SpecError("--postgres", 0, 0,
                $"PostgreSQL at {display} cannot be used ({exception.Message}). Check that the server runs and that the connection string's host, port, user and database are right."));
        }
        return store;
    }

    /// <summary>The project's schema version in the database, 0 before the first migration.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT COALESCE(MAX(version), 0) FROM workbench_migrations WHERE kind = 'workbench'", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS workbench_migrations (
                    kind       TEXT        NOT NULL,
                    name       TEXT        NOT NULL,
                    version    INTEGER     NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                    PRIMARY KEY (kind, name)
                )
                """, cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<(string Kind, string Name)>();
            var newest = 0;
            await using (var command = new NpgsqlCommand("SELECT kind, name, version FROM workbench_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add((reader.GetString(0), reader.GetString(1)));
                    if (reader.GetString(0) == "workbench")
                    {
                        newest = Math.Max(newest, reader.GetInt32(2));
                    }
                }
            }
            if (newest > LatestVersion)
            {
                throw new SpecException(new SpecError("--postgres", 0, 0,
                    $"the database at {Display} has schema version {newest}, written by a newer Workbench; this build knows up to {LatestVersion}. Upgrade Workbench on this machine."));
            }
            for (var i = 0; i < PostgresSchema.OrleansScripts.Count; i++)
            {
                var script = PostgresSchema.OrleansScripts[i];
                if (!applied.Contains(("orleans", script)))
                {
                    await ApplyAsync(connection, "orleans", script, i + 1, ReadOrleansScript(script), cancellationToken).ConfigureAwait(false);
                }
            }
            foreach (var migration in PostgresSchema.Migrations)
            {
                var name = migration.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!applied.Contains(("workbench", name)))
                {
                    await ApplyAsync(connection, "workbench", name, migration.Version, migration.Sql, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, string kind, string name, int version, string sql, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
        await using (var record = new NpgsqlCommand("INSERT INTO workbench_migrations (kind, name, version) VALUES ($1, $2, $3)", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = kind });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ReadOrleansScript(string name)
    {
        using var stream = typeof(PostgresStore).Assembly.GetManifestResourceStream($"OrleansAdoNet/{name}")
            ?? throw new InvalidOperationException($"Orleans' script {name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
