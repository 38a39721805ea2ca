namespace Workbench.Evaluation.Tests.Statistics;

/// <summary>Draws for the simulation tests, from a seeded <see cref="Random"/> so that every run sees the same samples.</summary>
internal static class Simulation
{
    /// <summary>A standard normal draw by the Box-Muller transform.</summary>
    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>1 with probability <paramref name="p"/>, 0 otherwise.</summary>
    public static double Bernoulli(Random random, double p) => random.NextDouble() < p ? 1.0 : 0.0;

    /// <summary>The number of successes in <paramref name="trials"/> Bernoulli(<paramref name="p"/>) trials.</summary>
    public static long Binomial(Random random, long trials, double p)
    {
        var successes = 0L;
        for (var i = 0; i < trials; i++)
        {
            successes += random.NextDouble() < p ? 1 : 0;
        }
        return successes;
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
