namespace Workbench.Benchmarks.Orleans;

/// <summary>Answers at once.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    /// <inheritdoc />
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
