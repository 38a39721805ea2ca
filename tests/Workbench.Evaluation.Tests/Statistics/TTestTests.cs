using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

// R's datasets::sleep (Cushny and Peebles 1905, analysed by Student 1908): extra hours of sleep of ten
// patients under two drugs. The expected values are R's printed output of t.test on it (reproduced in R's
// ?t.test examples and the many tutorials that run them); the tolerances are half a unit in the last printed digit.
public sealed class TTestTests
{
    private static readonly double[] Group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] Group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void Welch_test_matches_R_t_test_on_sleep()
    {
        // t.test(extra ~ group, data = sleep): "t = -1.8608, df = 17.776, p-value = 0.07939",
        // "95 percent confidence interval: -3.3654832  0.2054832", means 0.75 and 2.33.
        var result = TTest.Independent(Group1, Group2, welch: true);

        Assert.Equal(-1.8608, result.Statistic, 5e-5);
        Assert.Equal(17.776, result.DegreesOfFreedom, 5e-4);
        Assert.Equal(0.07939, result.PValue, 5e-6);
        Assert.Equal(-1.58, result.Estimate, 1e-12);
        Assert.Equal(-3.3654832, result.Interval.Lower, 5e-8);
        Assert.Equal(0.2054832, result.Interval.Upper, 5e-8);
    }

    [Fact]
    public void Paired_test_matches_R_t_test_on_sleep()
    {
        // with(sleep, t.test(extra[group == 1], extra[group == 2], paired = TRUE)): "t = -4.0621, df = 9, p-value = 0.002833",
        // "95 percent confidence interval: -2.4598858 -0.7001142", mean difference -1.58.
        var result = TTest.Paired(Group1, Group2);

        Assert.Equal(-4.0621, result.Statistic, 5e-5);
        Assert.Equal(9.0, result.DegreesOfFreedom);
        Assert.Equal(0.002833, result.PValue, 5e-7);
        Assert.Equal(-1.58, result.Estimate, 1e-12);
        Assert.Equal(-2.4598858, result.Interval.Lower, 5e-8);
        Assert.Equal(-0.7001142, result.Interval.Upper, 5e-8);
    }

    [Fact]
    public void Pooled_variance_test_matches_R_t_test_on_sleep()
    {
        // t.test(extra ~ group, data = sleep, var.equal = TRUE): "t = -1.8608, df = 18, p-value = 0.07919",
        // "95 percent confidence interval: -3.363874  0.203874".
        var result = TTest.Independent(Group1, Group2);

        Assert.Equal(-1.8608, result.Statistic, 5e-5);
        Assert.Equal(18.0, result.DegreesOfFreedom);
        Assert.Equal(0.07919, result.PValue, 5e-6);
        Assert.Equal(-3.363874, result.Interval.Lower, 5e-7);
        Assert.Equal(0.203874, result.Interval.Upper, 5e-7);
    }

    [Fact]
    public void One_sided_p_values_split_the_two_sided_one_by_the_symmetry_of_t()
    {
        // t < 0 and the t distribution is symmetric, so P(T ≤ t) is half of R's two-sided 0.07939 and P(T ≥ t) the rest.
        var less = TTest.Independent(Group1, Group2, welch: true, alternative: Alternative.Less);
        var greater = TTest.Independent(Group1, Group2, welch: true, alternative: Alternative.Greater);

        Assert.Equal(0.07939 / 2, less.PValue, 5e-6);
        Assert.Equal(1.0 - (0.07939 / 2), greater.PValue, 5e-6);
        Assert.Equal(double.NegativeInfinity, less.Interval.Lower);
        Assert.Equal(double.PositiveInfinity, greater.Interval.Upper);
    }

    [Fact]
    public void Rejects_unpaired_and_too_small_samples()
    {
        Assert.Throws<ArgumentException>(() => TTest.Paired([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => TTest.Paired([1.0], [2.0]));
        Assert.Throws<ArgumentException>(() => TTest.Independent([1.0], [2.0, 3.0]));
    }
}
