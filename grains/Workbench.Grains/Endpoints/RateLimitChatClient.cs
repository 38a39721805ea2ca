using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// Holds calls to the endpoint's requests-per-minute and tokens-per-minute limits with token
/// buckets that refill continuously, so a burst at the start of a minute cannot overshoot.
/// Tokens are estimated from the request before the call. In a cluster each silo holds its share of
/// each limit (see <see cref="EndpointShares"/>).
/// </summary>
public sealed class RateLimitChatClient : EndpointMiddleware
{
    private readonly SharedLimiter? _requests;
    private readonly SharedLimiter? _tokens;
    private readonly string _endpointId;
    private readonly int _tokensPerMinute;

    /// <summary>Limits calls to <paramref name="requestsPerMinute"/> and <paramref name="tokensPerMinute"/>; null means no limit.</summary>
    public RateLimitChatClient(IChatClient inner, string endpointId, int? requestsPerMinute, int? tokensPerMinute, EndpointShares? shares = null) : base(inner)
    {
        _endpointId = endpointId;
        shares ??= new EndpointShares();
        _requests = requestsPerMinute is { } rpm ? new SharedLimiter(rpm, shares, Bucket) : null;
        _tokens = tokensPerMinute is { } tpm ? new SharedLimiter(tpm, shares, Bucket) : null;
        _tokensPerMinute = tokensPerMinute ?? int.MaxValue;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        if (_requests is not null)
        {
            using var lease = await _requests.Current.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
        if (_tokens is not null)
        {
            var estimate = (int)Math.Min(int.MaxValue, TokenEstimate.Of(list) + (options?.MaxOutputTokens ?? 0));
            if (estimate > _tokens.Share)
            {
                throw new EndpointCallException(_endpointId, EndpointFailure.Rejected,
                    $"one request needs about {estimate} tokens, more than this silo's share ({_tokens.Share}) of the endpoint's `tpm` limit ({_tokensPerMinute}); raise `tpm` or shorten the prompt.");
            }
            using var lease = await _tokens.Current.AcquireAsync(Math.Max(1, estimate), cancellationToken).ConfigureAwait(false);
        }
        return await InnerClient.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _requests?.Dispose();
            _tokens?.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>A bucket that refills at <paramref name="perMinute"/> and starts with one second's share, so the first minute is not a double allowance.</summary>
    private static TokenBucketRateLimiter Bucket(int perMinute)
    {
        // Refill in small steps (at most 100 per second) so the limit is smooth rather than per-minute bursts.
        var period = TimeSpan.FromMilliseconds(Math.Max(10, 60_000.0 / perMinute));
        var perPeriod = Math.Max(1, (int)Math.Round(perMinute * period.TotalMinutes));
        var bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        var start = Math.Max(1, perMinute / 60);
        if (perMinute > start)
        {
            using var drained = bucket.AttemptAcquire(perMinute - start);
        }
        return bucket;
    }
}
