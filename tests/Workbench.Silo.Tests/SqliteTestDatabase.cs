using Workbench.Silo.Storage;

namespace Workbench.Silo.Tests;

/// <summary>A database file of one test's own, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly TempFolder _folder = new("workbench-silo-tests-");

    public string Path => _folder.PathOf("workbench.db");

    public Task<SqliteStore> OpenAsync() => SqliteStore.OpenAsync(Path, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
