using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace Workbench.Grains.Endpoints;

/// <summary>Keeps at most <c>max_concurrency</c> calls in flight with a <see cref="ConcurrencyLimiter"/>; the rest wait their turn in order.</summary>
public sealed class ConcurrencyLimitChatClient(IChatClient inner, int maxConcurrency) : EndpointMiddleware(inner)
{
    private readonly ConcurrencyLimiter _slots = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = maxConcurrency,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var lease = await _slots.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
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
