namespace Workbench.Testing;

/// <summary>Bounded waits for tests: a hung runtime fails the test with a message saying what was awaited, instead of hanging the run.</summary>
public static class AwaitExtensions
{
    /// <summary>How long a test waits for something that should happen promptly.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> if it takes longer than <see cref="Patience"/>.</summary>
    public static async Task Within(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Patience);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out after {Patience.TotalSeconds:0}s waiting for {what}.");
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> if it takes longer than <see cref="Patience"/>.</summary>
    public static Task<T> Within<T>(this Task<T> task, string what) => task.Within(what, Patience);

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> if it takes longer than <paramref name="limit"/>.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what, TimeSpan limit)
    {
        try
        {
            return await task.WaitAsync(limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out after {limit.TotalSeconds:0}s waiting for {what}.");
        }
    }
}
