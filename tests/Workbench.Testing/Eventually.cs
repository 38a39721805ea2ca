namespace Workbench.Testing;

/// <summary>Waits for a condition on another process or server that no event announces, checking it often and failing with what was awaited.</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails after <paramref name="timeout"/> naming <paramref name="what"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}.");
            }
        }
    }
}
