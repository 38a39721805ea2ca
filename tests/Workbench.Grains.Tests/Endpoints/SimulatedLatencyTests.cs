namespace Workbench.Grains.Tests.Endpoints;

public sealed class SimulatedLatencyTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waits_on_the_system_clock_never_end_early()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var waits = new[] { 60, 20, 40 }.Select(async milliseconds =>
        {
            await SimulatedLatency.WaitAsync(TimeSpan.FromMilliseconds(milliseconds), TimeProvider.System, _ct);
            return (milliseconds, Elapsed: System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }).ToList();

        foreach (var (milliseconds, elapsed) in await Task.WhenAll(waits))
        {
            Assert.True(elapsed >= TimeSpan.FromMilliseconds(milliseconds), $"a {milliseconds} ms wait ended after {elapsed.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once_as_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var wait = SimulatedLatency.WaitAsync(TimeSpan.FromHours(1), TimeProvider.System, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30), _ct));
    }

    [Fact]
    public async Task A_manual_clock_decides_when_the_wait_ends()
    {
        var clock = new ManualTimeProvider();
        var wait = SimulatedLatency.WaitAsync(TimeSpan.FromSeconds(5), clock, _ct);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(30), _ct);
    }
}
