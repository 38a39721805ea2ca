using Polly;
using Workbench.Grains.Endpoints;
using Workbench.Grains.Runs;

namespace Workbench.Silo.Storage.Postgres;

/// <summary>A response cache that rides out a database restart: lookups and stores that fail for a while are tried again with backoff.</summary>
public sealed class ReconnectingResponseCache(IResponseCache inner, TimeProvider timeProvider) : IResponseCache
{
    private readonly ResiliencePipeline _retry = TransientRetry.Create(timeProvider);

    /// <inheritdoc />
    public Task<CachedResponse?> GetAsync(string key, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.GetAsync(key, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task PutAsync(string key, string endpointId, CachedResponse response, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await inner.PutAsync(key, endpointId, response, ct).ConfigureAwait(false), cancellationToken).AsTask();
}
