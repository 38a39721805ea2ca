using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Workbench.Silo.Storage;

/// <summary>
/// Orleans grain state in the embedded SQLite store. The etag is the record's version number; every
/// write and clear is conditional on it, so a stale writer fails with
/// <see cref="InconsistentStateException"/> and the stored record stays as it was. State is
/// serialised by the silo's <see cref="IGrainStorageSerializer"/>.
/// </summary>
public sealed class SqliteGrainStorage(SqliteStore store, IGrainStorageSerializer serializer, TimeProvider timeProvider) : IGrainStorage
{
    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadAsync(connection, grainId, stateName, cancellationToken).ConfigureAwait(false);
        if (stored is not { } record)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = serializer.Deserialize<T>(new BinaryData(record.Payload));
        grainState.ETag = record.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = grainState.ETag is null
            ? """
              INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at)
              VALUES ($type, $key, $name, $payload, 1, $at)
              ON CONFLICT DO NOTHING
              RETURNING version
              """
            : """
              UPDATE grain_state SET payload = $payload, version = version + 1, updated_at = $at
              WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $version
              RETURNING version
              """;
        Bind(command, grainId, stateName);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        if (grainState.ETag is { } etag)
        {
            command.Parameters.AddWithValue("$version", ParseEtag(etag));
        }
        var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            throw await ConflictAsync(connection, grainId, stateName, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }
        grainState.ETag = Convert.ToInt64(version, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var writer = await store.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = writer.Connection;
        if (grainState.ETag is { } etag)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM grain_state
                WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $version
                """;
            Bind(command, grainId, stateName);
            command.Parameters.AddWithValue("$version", ParseEtag(etag));
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw await ConflictAsync(connection, grainId, stateName, etag, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (await ReadAsync(connection, grainId, stateName, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // Clearing what the writer believes is absent succeeds only if it is indeed absent.
            throw Conflict(grainId, stateName, null, existing.Version);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static async Task<(byte[] Payload, long Version)?> ReadAsync(SqliteConnection connection, GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payload, version FROM grain_state
            WHERE grain_type = $type AND grain_key = $key AND state_name = $name
            """;
        Bind(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return ((byte[])reader.GetValue(0), reader.GetInt64(1));
    }

    private static async Task<InconsistentStateException> ConflictAsync(
        SqliteConnection connection, GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(connection, grainId, stateName, cancellationToken).ConfigureAwait(false);
        return Conflict(grainId, stateName, expectedEtag, stored?.Version);
    }

    private static InconsistentStateException Conflict(GrainId grainId, string stateName, string? expectedEtag, long? storedVersion) =>
        new($"the stored state `{stateName}` of {grainId} has changed since it was read (expected version {expectedEtag ?? "none"}, stored {storedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}); a newer activation wrote it.",
            storedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none", expectedEtag ?? "none");

    private static void Bind(SqliteCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.AddWithValue("$type", grainId.Type.ToString());
        command.Parameters.AddWithValue("$key", grainId.Key.ToString());
        command.Parameters.AddWithValue("$name", stateName);
    }

    private static long ParseEtag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"`{etag}` is not an etag of this store.", "none", etag);
}
