using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// Switches an endpoint off after it fails <c>threshold</c> times with nothing but failures in between,
/// through a Polly circuit breaker: calls are refused with <see cref="CircuitOpenException"/> for the
/// break, then one trial call decides whether it closes again. Being rate limited or rejected does
/// not count: those say nothing about whether the endpoint is up.
/// </summary>
public sealed class CircuitBreakerChatClient : EndpointMiddleware
{
    private readonly string _endpointId;
    private readonly int _threshold;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;
    private Exception? _lastFailure;

    /// <summary>Opens after <paramref name="threshold"/> failures for <paramref name="breakDuration"/> (30 s by default).</summary>
    public CircuitBreakerChatClient(IChatClient inner, string endpointId, TimeProvider timeProvider, int threshold = 5, TimeSpan? breakDuration = null)
        : base(inner)
    {
        _endpointId = endpointId;
        _threshold = threshold;
        var duration = breakDuration ?? TimeSpan.FromSeconds(30);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Every call in the window failed, and at least `threshold` of them: the endpoint is down, not flaky.
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, threshold),
                SamplingDuration = duration,
                BreakDuration = duration,
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder().Handle<EndpointCallException>(
                    exception => exception is { IsTransient: true, Failure: not EndpointFailure.RateLimited }),
                OnOpened = arguments =>
                {
                    Interlocked.Exchange(ref _lastFailure, arguments.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Whether calls are being refused.</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token => await InnerClient.GetResponseAsync(messages, options, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new CircuitOpenException(_endpointId, _threshold, Volatile.Read(ref _lastFailure) ?? exception);
        }
    }
}
