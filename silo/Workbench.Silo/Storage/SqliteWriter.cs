using Microsoft.Data.Sqlite;

namespace Workbench.Silo.Storage;

/// <summary>The store's writing connection, held with the store's write turn until this is disposed.</summary>
public sealed class SqliteWriter(SqliteConnection connection, SemaphoreSlim turn) : IAsyncDisposable
{
    /// <summary>The connection to write through; the store owns it.</summary>
    public SqliteConnection Connection { get; } = connection;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        turn.Release();
        return ValueTask.CompletedTask;
    }
}
