using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class BinomialTestTests
{
    [Theory]
    // scipy/scipy, scipy/stats/tests/test_morestats.py, TestBinomTest: two-sided binomtest(k, 21000000, 0.48),
    // checked there with rtol 1e-10. The counts lie within a standard deviation (2,289) of the mean
    // 10,080,000, so the p-values differ from 1 in the third digit and the far tail must be summed exactly.
    [InlineData(10079999, 1.0)]
    [InlineData(10079990, 0.9966892187965)]
    [InlineData(10080009, 0.9970377203856)]
    [InlineData(10080017, 0.9940754817328)]
    public void Two_sided_p_value_over_twenty_one_million_trials_matches_SciPy(long successes, double expected)
    {
        var result = BinomialTest.Test(successes, 21_000_000, 0.48);

        AssertRelative(expected, result.PValue, 1e-10);
    }

    [Theory]
    // scipy/scipy, scipy/stats/tests/test_morestats.py, TestBinomTest: two-sided binomtest(k, 21, 0.48).
    [InlineData(9, 0.6689672431939)]
    [InlineData(4, 0.008139563452106)]
    [InlineData(11, 0.8278629664608)]
    [InlineData(7, 0.1966772901718)]
    public void Two_sided_p_value_over_twenty_one_trials_matches_SciPy(long successes, double expected)
    {
        var result = BinomialTest.Test(successes, 21, 0.48);

        AssertRelative(expected, result.PValue, 1e-10);
    }

    [Fact]
    public void One_sided_greater_p_value_matches_the_SciPy_documentation_example()
    {
        // SciPy docs, scipy.stats.binomtest: binomtest(3, 15, 0.1, alternative='greater') gives
        // BinomTestResult(k=3, n=15, alternative='greater', statistic=0.2, pvalue=0.18406106910639106).
        var result = BinomialTest.Test(3, 15, 0.1, Alternative.Greater);

        Assert.Equal(0.2, result.Statistic, 1e-15);
        AssertRelative(0.18406106910639106, result.PValue, 1e-12);
        Assert.Equal("exact", result.Method);
    }

    [Fact]
    public void Two_sided_p_value_of_a_fair_coin_by_hand()
    {
        // Two heads in ten fair tosses: the outcomes no more likely than 2 are 0, 1, 2 and 8, 9, 10, so
        // p = 2 (C(10,0) + C(10,1) + C(10,2)) / 2¹⁰ = 2 · 56 / 1024 = 0.109375 (R: binom.test(2, 10) prints 0.1094).
        var result = BinomialTest.Test(2, 10);

        Assert.Equal(0.109375, result.PValue, 1e-14);
    }

    [Fact]
    public void One_sided_p_values_at_the_extremes_by_hand()
    {
        // P(X ≤ 0) for ten fair tosses is 2⁻¹⁰; P(X ≥ 10) likewise; P(X ≥ 0) and P(X ≤ 10) are certain.
        Assert.Equal(1.0 / 1024, BinomialTest.Test(0, 10, 0.5, Alternative.Less).PValue, 1e-16);
        Assert.Equal(1.0 / 1024, BinomialTest.Test(10, 10, 0.5, Alternative.Greater).PValue, 1e-16);
        Assert.Equal(1.0, BinomialTest.Test(0, 10, 0.5, Alternative.Greater).PValue, 1e-15);
        Assert.Equal(1.0, BinomialTest.Test(10, 10, 0.5, Alternative.Less).PValue, 1e-15);
    }

    [Fact]
    public void Rejects_impossible_counts_and_proportions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTest.Test(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTest.Test(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTest.Test(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTest.Test(3, 10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTest.Test(3, 10, double.NaN));
    }

    private static void AssertRelative(double expected, double actual, double relativeTolerance) =>
        Assert.True(
            Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative tolerance {relativeTolerance})");
}
