using Npgsql;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Runs;
using Workbench.Silo.Storage.Postgres;

namespace Workbench.Silo.Tests.Storage;

/// <summary>The run store contract on PostgreSQL, and what only PostgreSQL has: shared migrations and concurrent claimers.</summary>
public sealed class PostgresStoreTests : RunStoreContract
{
    private readonly TestPostgres _database = new();
    private PostgresStore? _store;

    protected override async Task<IRunStore> OpenAsync()
    {
        _store = await _database.OpenAsync();
        return new PostgresRunStore(_store, TimeProvider.System);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Silos_opening_one_database_at_once_apply_Orleans_scripts_and_migrations_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStore.OpenAsync(_database.ConnectionString, Ct)));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Equal(PostgresStore.LatestVersion, await _store!.GetSchemaVersionAsync(Ct));
        Assert.Equal((long)(PostgresSchema.OrleansScripts.Count + PostgresSchema.Migrations.Count), await ScalarAsync("SELECT COUNT(*) FROM workbench_migrations"));
        // Orleans' own queries are there for its providers, clustering's and the grain storage's among them.
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntriesKey'"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM orleansquery WHERE querykey = 'ClearStorageKey'"));
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused_with_its_version()
    {
        await ScalarAsync("INSERT INTO workbench_migrations (kind, name, version) VALUES ('workbench', '999', 999)");

        var error = await Assert.ThrowsAsync<SpecException>(() => PostgresStore.OpenAsync(_database.ConnectionString, Ct));

        Assert.Contains("schema version 999", error.Message);
        Assert.Contains("Upgrade Workbench", error.Message);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_a_clear_error()
    {
        var port = Workbench.Silo.Hosting.LoopbackPorts.Free();

        var error = await Assert.ThrowsAsync<SpecException>(() => PostgresStore.OpenAsync($"Host=127.0.0.1;Port={port};Username=nobody;Timeout=3", Ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("Check that the server runs", error.Message);
    }

    [Fact]
    public async Task Claimers_on_many_connections_at_once_never_claim_one_row_twice()
    {
        await QueueAsync(2_000);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async claimer =>
        {
            var store = new PostgresRunStore(_store!, TimeProvider.System);
            var mine = new List<long>();
            var after = -1L;
            while (await store.ClaimAsync("r1", $"silo-{claimer}", after, 50, Ct) is { Count: > 0 } items)
            {
                mine.AddRange(items.Select(i => i.Seq));
                after = items[^1].Seq;
            }
            return mine;
        }));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(2_000, all.Count);
        Assert.Equal(2_000, all.Distinct().Count());
    }

    [Fact]
    public async Task The_response_cache_is_shared_and_keeps_the_first_answer()
    {
        var cache = new PostgresResponseCache(_store!, TimeProvider.System);
        await cache.PutAsync("k", "e", new CachedResponse("first", null, 3, 4), Ct);
        await new PostgresResponseCache(_store!, TimeProvider.System).PutAsync("k", "e", new CachedResponse("second", "m", 1, 1), Ct);

        Assert.Equal(new CachedResponse("first", null, 3, 4), await cache.GetAsync("k", Ct));
        Assert.Null(await cache.GetAsync("other", Ct));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
