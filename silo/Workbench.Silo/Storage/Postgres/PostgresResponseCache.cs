using Npgsql;
using Workbench.Grains.Endpoints;

namespace Workbench.Silo.Storage.Postgres;

/// <summary>
/// The response cache in PostgreSQL, shared by every silo: an answer stored by one silo spares every
/// other the call. Each answer is committed on its own as soon as it arrives.
/// </summary>
public sealed class PostgresResponseCache(PostgresStore store, TimeProvider timeProvider) : IResponseCache
{
    /// <inheritdoc />
    public async Task<CachedResponse?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand("SELECT output, model, input_tokens, output_tokens FROM response_cache WHERE cache_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new CachedResponse(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, string endpointId, CachedResponse response, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand("""
            INSERT INTO response_cache (cache_key, endpoint_id, output, model, input_tokens, output_tokens, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = endpointId });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Output });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Model ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = response.InputTokens });
        command.Parameters.Add(new NpgsqlParameter { Value = response.OutputTokens });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
