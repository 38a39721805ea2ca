namespace Workbench.Benchmarks.Orleans;

/// <summary>The smallest grain call there is, to measure what a call costs.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/> plus one.</summary>
    Task<int> PingAsync(int value);
}
