using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class ProportionIntervalCoverageTests
{
    [Fact]
    public void Wilson_interval_covers_the_true_proportion_about_95_percent_of_the_time()
    {
        // Brown, Cai and DasGupta (2001), "Interval estimation for a binomial proportion": the Wilson interval's
        // coverage at n = 100 stays close to 0.95 across p; summed over Binomial(100, 0.3) it is 0.937
        // there. 4,000 samples put the estimate within 0.004 (one standard error) of the true coverage.
        const double P = 0.3;
        const int Samples = 4000;
        var random = new Random(8675309);
        var covered = 0;
        for (var s = 0; s < Samples; s++)
        {
            var successes = Simulation.Binomial(random, 100, P);
            covered += ProportionInterval.Wilson(successes, 100).Contains(P) ? 1 : 0;
        }

        var coverage = covered / (double)Samples;
        Assert.True(coverage is >= 0.93 and <= 0.97, $"coverage {coverage} outside [0.93, 0.97]");
    }
}
