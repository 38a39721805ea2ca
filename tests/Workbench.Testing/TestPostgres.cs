using Npgsql;
using Workbench.Silo.Storage.Postgres;
using Xunit;

namespace Workbench.Testing;

/// <summary>
/// A database of one test's own on the private PostgreSQL server that <c>./test</c> starts
/// (<c>scripts/postgres start</c> exports its connection string as WORKBENCH_POSTGRES); dropped afterwards.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name = $"wb_test_{Guid.NewGuid():N}";
    private bool _created;

    public TestPostgres()
    {
        _server = Environment.GetEnvironmentVariable("WORKBENCH_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "these tests need PostgreSQL: run them through ./test, which starts a private server, or run `eval \"$(scripts/postgres start)\"` first.");
    }

    /// <summary>The test database's connection string.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    /// <summary>Creates the database (once) and opens a store on it, migrations applied.</summary>
    public async Task<PostgresStore> OpenAsync()
    {
        await CreateAsync();
        return await PostgresStore.OpenAsync(ConnectionString, TestContext.Current.CancellationToken);
    }

    /// <summary>Creates the empty database, once.</summary>
    public async Task CreateAsync()
    {
        if (_created)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        _created = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_created)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
