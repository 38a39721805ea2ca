using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// Retries transient failures through a Polly retry strategy: exponential backoff with full jitter,
/// waiting at least as long as a server's Retry-After. Requests the server rejected are not retried:
/// the same request fails the same way.
/// </summary>
public sealed class RetryChatClient : EndpointMiddleware
{
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Retries up to <paramref name="retries"/> times, waiting on <paramref name="timeProvider"/>.</summary>
    public RetryChatClient(IChatClient inner, int retries, TimeProvider timeProvider, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
        : base(inner)
    {
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(500);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(30);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, retries),
                ShouldHandle = new PredicateBuilder().Handle<EndpointCallException>(exception => exception.IsTransient && retries > 0),
                DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(
                    DelayBefore(arguments.AttemptNumber + 1, (arguments.Outcome.Exception as EndpointCallException)?.RetryAfter)),
            })
            .Build();
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var attempts = 0;
        var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                Interlocked.Increment(ref attempts);
                return await InnerClient.GetResponseAsync(list, options, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        CallProperties.Set(response, CallProperties.Attempts, attempts);
        return response;
    }

    /// <summary>Full jitter: a random delay up to base·2^(attempt-1), capped, and never shorter than Retry-After.</summary>
    internal TimeSpan DelayBefore(int attempt, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(_maxDelay.TotalMilliseconds, _baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var jittered = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        return retryAfter is { } after && after > jittered ? after : jittered;
    }
}
