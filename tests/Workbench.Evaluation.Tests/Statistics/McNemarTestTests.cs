using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class McNemarTestTests
{
    [Fact]
    public void Corrected_chi_squared_matches_the_R_documentation_example()
    {
        // R, ?mcnemar.test, Agresti (1990) p. 350, presidential approval ratings of 1600 people a month apart:
        // matrix(c(794, 86, 150, 570), nrow = 2) has discordant cells 150 (approve, then disapprove) and 86.
        // mcnemar.test(Performance) prints "McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05".
        var result = McNemarTest.ChiSquared(150, 86);

        Assert.Equal(16.818, result.Statistic, 5e-4);
        Assert.Equal(4.115e-05, result.PValue, 5e-9);
        Assert.Equal("chi2-corrected", result.Method);
    }

    [Fact]
    public void Uncorrected_statistic_is_the_squared_difference_over_the_discordant_total()
    {
        // (b - c)² / (b + c) = (121 - 59)² / 180 = 3844 / 180.
        var result = McNemarTest.ChiSquared(121, 59, continuityCorrection: false);

        Assert.Equal(3844.0 / 180.0, result.Statistic, 1e-12);
        Assert.Equal("chi2", result.Method);
    }

    [Theory]
    // By definition (statsmodels' mcnemar(exact=True)): the smaller discordant count against Binomial(b + c, ½),
    // two-sided.
    [InlineData(121, 59)]
    [InlineData(59, 121)]
    [InlineData(150, 86)]
    [InlineData(3, 9)]
    public void Exact_test_is_the_two_sided_binomial_test_of_the_smaller_discordant_count(long b, long c)
    {
        var expected = BinomialTest.Test(Math.Min(b, c), b + c, 0.5);

        var result = McNemarTest.Exact(b, c);

        Assert.Equal(Math.Min(b, c), result.Statistic);
        Assert.Equal(expected.PValue, result.PValue, 1e-12 * expected.PValue);
    }

    [Fact]
    public void Exact_test_of_three_against_nine_by_hand()
    {
        // 2 P(X ≤ 3) for X ~ Binomial(12, ½) = 2 (1 + 12 + 66 + 220) / 4096 = 598 / 4096.
        Assert.Equal(598.0 / 4096.0, McNemarTest.Exact(3, 9).PValue, 1e-13);
    }

    [Fact]
    public void No_discordant_pairs_give_no_evidence()
    {
        Assert.Equal(1.0, McNemarTest.Exact(0, 0).PValue);
        Assert.Equal(1.0, McNemarTest.ChiSquared(0, 0).PValue);
        Assert.Equal(1.0, McNemarTest.Exact(7, 7).PValue);
    }
}
