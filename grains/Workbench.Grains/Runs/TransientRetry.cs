using System.Data.Common;
using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace Workbench.Grains.Runs;

/// <summary>
/// Retries what fails only for a while: a database that restarts, a silo that died before membership
/// evicted it, a gateway that went away. Backs off exponentially with jitter up to two seconds, for
/// about two minutes in all, then lets the failure through.
/// </summary>
public static class TransientRetry
{
    /// <summary>Whether <paramref name="exception"/> is worth trying again after a pause.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        // SQLSTATE class 08 (connection lost or refused) and 57P0x (the server shutting down or starting up) pass with a restart.
        DbException db => db.IsTransient || db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal))
            || db.InnerException is IOException or SocketException or TimeoutException,
        OrleansMessageRejectionException or SiloUnavailableException or GatewayTooBusyException => true,
        TimeoutException or IOException or SocketException => true,
        // Orleans' grain storage wraps what the database threw.
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>A pipeline that retries transient failures; <paramref name="onRetry"/> hears of each retry.</summary>
    public static ResiliencePipeline Create(TimeProvider timeProvider, Action<Exception, int>? onRetry = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(2),
                MaxRetryAttempts = 60,
                OnRetry = arguments =>
                {
                    onRetry?.Invoke(arguments.Outcome.Exception!, arguments.AttemptNumber);
                    return default;
                },
            })
            .Build();
}
