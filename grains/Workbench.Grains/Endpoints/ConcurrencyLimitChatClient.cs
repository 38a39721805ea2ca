using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// Keeps at most this silo's share of <c>max_concurrency</c> calls in flight with a <see cref="ConcurrencyLimiter"/>;
/// the rest wait their turn in order. With one silo the share is the whole limit.
/// </summary>
public sealed class ConcurrencyLimitChatClient(IChatClient inner, int maxConcurrency, EndpointShares? shares = null) : EndpointMiddleware(inner)
{
    private readonly SharedLimiter _slots = new(maxConcurrency, shares ?? new EndpointShares(), static share => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
    {
        PermitLimit = share,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    }));

    /// <summary>This silo's share of the limit now.</summary>
    public int Share => _slots.Share;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var lease = await _slots.Current.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        return await InnerClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }
        base.Dispose(disposing);
    }
}
