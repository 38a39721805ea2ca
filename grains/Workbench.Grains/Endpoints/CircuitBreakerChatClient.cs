using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// Switches an endpoint off after it fails <c>threshold</c> times in a row, through a Polly circuit
/// breaker: calls are refused with <see cref="CircuitOpenException"/> for the break, then one trial call
/// decides whether it closes again. Being rate limited or rejected does not count: those say nothing
/// about whether the endpoint is up. Polly's breaker judges a failure ratio over a window; a success
/// resets its statistics, so that the window only ever holds the failures since the last success and a
/// ratio of 1 over <c>threshold</c> calls means exactly <c>threshold</c> failures in a row.
/// </summary>
public sealed class CircuitBreakerChatClient : EndpointMiddleware
{
    private readonly string _endpointId;
    private readonly int _threshold;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly CircuitBreakerManualControl _control = new();
    private readonly ResiliencePipeline _pipeline;
    private Exception? _lastFailure;
    private int _failuresSinceSuccess;

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
                // Every call since the last success failed, and at least `threshold` of them: the endpoint is down, not flaky.
                // The window is as long as Polly allows, so that slow failures (timeouts) still add up.
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, threshold),
                SamplingDuration = TimeSpan.FromDays(1),
                BreakDuration = duration,
                StateProvider = _state,
                ManualControl = _control,
                ShouldHandle = new PredicateBuilder().Handle<EndpointCallException>(IsOutage),
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
        ChatResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token => await InnerClient.GetResponseAsync(messages, options, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new CircuitOpenException(_endpointId, _threshold, Volatile.Read(ref _lastFailure) ?? exception);
        }
        catch (EndpointCallException exception) when (IsOutage(exception))
        {
            Interlocked.Increment(ref _failuresSinceSuccess);
            throw;
        }
        if (Volatile.Read(ref _failuresSinceSuccess) > 0 && Interlocked.Exchange(ref _failuresSinceSuccess, 0) > 0)
        {
            // The run of failures is broken: the breaker starts counting again from zero.
            await _control.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return response;
    }

    /// <summary>Whether a failure says the endpoint may be down: a transient failure other than being rate limited.</summary>
    private static bool IsOutage(EndpointCallException exception) =>
        exception is { IsTransient: true, Failure: not EndpointFailure.RateLimited };
}
