using System.Diagnostics;

namespace Workbench.Grains.Endpoints;

/// <summary>
/// Waits out the simulated server's latency to within a millisecond. <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>
/// on the system clock rounds its due time to the runtime's coarse timer tick, and on Linux a 50 ms
/// delay takes 52–53 ms: a simulated server would be 5% slower than it claims, and every figure built
/// on it (endpoint saturation, cluster scaling) would measure the timer instead of Workbench. One
/// thread keeps the due times in order and sleeps precisely until the next. With any other
/// <see cref="TimeProvider"/> (tests' manual clocks) the wait is an ordinary delay on that clock.
/// </summary>
internal static class SimulatedLatency
{
    private static readonly object Gate = new();
    private static readonly PriorityQueue<TaskCompletionSource, long> Due = new();
    private static Thread? s_timer;

    /// <summary>Completes after <paramref name="delay"/>, or is cancelled by <paramref name="cancellationToken"/>.</summary>
    public static Task WaitAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (timeProvider != TimeProvider.System)
        {
            return Task.Delay(delay, timeProvider, cancellationToken);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dueAt = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        lock (Gate)
        {
            Due.Enqueue(done, dueAt);
            if (s_timer is null)
            {
                s_timer = new Thread(Run) { IsBackground = true, Name = "Workbench simulated latency" };
                s_timer.Start();
            }
            else
            {
                Monitor.Pulse(Gate);
            }
        }
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled wait completes at once; its entry stays queued and is passed over when due.
            var registration = cancellationToken.Register(static state =>
            {
                var (source, token) = ((TaskCompletionSource, CancellationToken))state!;
                source.TrySetCanceled(token);
            }, (done, cancellationToken));
            done.Task.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return done.Task;
    }

    private static void Run()
    {
        lock (Gate)
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                while (Due.TryPeek(out var next, out var dueAt) && dueAt <= now)
                {
                    Due.Dequeue();
                    next.TrySetResult();
                }
                if (Due.Count == 0)
                {
                    Monitor.Wait(Gate);
                    continue;
                }
                Due.TryPeek(out _, out var earliest);
                // A whole number of milliseconds, rounded up: the wait ends at most a millisecond late, never early.
                var milliseconds = (int)Math.Ceiling((earliest - now) * 1000.0 / Stopwatch.Frequency);
                Monitor.Wait(Gate, Math.Max(1, milliseconds));
            }
        }
    }
}
