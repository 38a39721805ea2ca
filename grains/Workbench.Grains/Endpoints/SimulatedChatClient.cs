using Microsoft.Extensions.AI;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// The <c>simulated</c> backend: a model server with a latency distribution, error rates (429 with
/// Retry-After, 500, timeouts) and a rate limit of its own. It answers with the rendered prompt.
/// Tests and benchmarks use it to exercise the pipeline without a network.
/// </summary>
public sealed class SimulatedChatClient(string endpointId, SimulatedEndpointOptions behaviour, TimeProvider timeProvider) : EndpointBackend(endpointId)
{
    private readonly Lock _lock = new();
    private readonly Random _random = new(behaviour.Seed);
    private readonly Queue<long> _recent = new();
    private long _calls;

    /// <summary>Calls that reached the simulated server, failed ones included.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        double roll, jitter;
        bool overLimit;
        lock (_lock)
        {
            roll = _random.NextDouble();
            jitter = _random.NextDouble() * 2 - 1;
            overLimit = OverServerLimit();
        }
        if (overLimit || roll < behaviour.RateLimitedShare)
        {
            throw new EndpointCallException(EndpointId, EndpointFailure.RateLimited, "429 Too Many Requests (simulated)", behaviour.RetryAfter);
        }
        var delay = behaviour.Latency + behaviour.Jitter * jitter;
        if (delay > TimeSpan.Zero)
        {
            await SimulatedLatency.WaitAsync(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        if (roll < behaviour.RateLimitedShare + behaviour.ServerErrorShare)
        {
            throw new EndpointCallException(EndpointId, EndpointFailure.ServerError, "500 Internal Server Error (simulated)");
        }
        if (roll < behaviour.RateLimitedShare + behaviour.ServerErrorShare + behaviour.TimeoutShare)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        var list = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        return Answer(list, PromptText(list), "simulated");
    }

    private bool OverServerLimit()
    {
        if (behaviour.ServerRequestsPerMinute is not { } limit)
        {
            return false;
        }
        var now = timeProvider.GetTimestamp();
        while (_recent.TryPeek(out var oldest) && timeProvider.GetElapsedTime(oldest, now) >= TimeSpan.FromMinutes(1))
        {
            _recent.Dequeue();
        }
        if (_recent.Count >= limit)
        {
            return true;
        }
        _recent.Enqueue(now);
        return false;
    }
}
