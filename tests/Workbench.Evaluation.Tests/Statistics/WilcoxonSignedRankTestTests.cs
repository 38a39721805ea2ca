using MathNet.Numerics.Distributions;
using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class WilcoxonSignedRankTestTests
{
    // SciPy docs, scipy.stats.wilcoxon example: the differences in height between cross- and self-fertilized
    // corn plants (Darwin's data, as Fisher gives them).
    private static readonly double[] Differences = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    private static readonly double[] Zeros = new double[15];

    [Fact]
    public void Two_sided_test_matches_the_SciPy_documentation_example()
    {
        // wilcoxon(d) gives WilcoxonResult(statistic=24.0, pvalue=0.041259765625).
        var result = WilcoxonSignedRankTest.Test(Differences, Zeros);

        Assert.Equal(24.0, result.Statistic);
        Assert.Equal(0.041259765625, result.PValue, 1e-15);
        Assert.Equal("exact", result.Method);
    }

    [Fact]
    public void One_sided_greater_test_matches_the_SciPy_documentation_example()
    {
        // wilcoxon(d, alternative='greater') gives WilcoxonResult(statistic=96.0, pvalue=0.0206298828125).
        var result = WilcoxonSignedRankTest.Test(Differences, Zeros, Alternative.Greater);

        Assert.Equal(96.0, result.Statistic);
        Assert.Equal(0.0206298828125, result.PValue, 1e-15);
    }

    [Fact]
    public void One_sided_less_p_value_matches_enumeration_of_every_sign_assignment()
    {
        // Under the null each of the 2¹⁵ assignments of signs to the ranks 1..15 is equally likely:
        // P(T⁺ ≤ 96) is the share of them whose positive rank sum is at most 96.
        var atMost = 0;
        for (var signs = 0; signs < 1 << 15; signs++)
        {
            var positive = 0;
            for (var rank = 1; rank <= 15; rank++)
            {
                positive += (signs & (1 << (rank - 1))) != 0 ? rank : 0;
            }
            atMost += positive <= 96 ? 1 : 0;
        }

        var result = WilcoxonSignedRankTest.Test(Differences, Zeros, Alternative.Less);

        Assert.Equal(96.0, result.Statistic);
        Assert.Equal(atMost / 32768.0, result.PValue, 1e-15);
    }

    [Theory]
    // SciPy's wilcoxon(method="approx", correction=True) moves R+ by 0.5 towards the null for a two-sided
    // test and against the alternative for a one-sided one: z = (R+ - n(n+1)/4 - d) / sqrt(n(n+1)(2n+1)/24),
    // d = +0.5 for "greater" and -0.5 for "less". Here R+ = 96, n = 15, mean 60, variance 310.
    [InlineData(Alternative.Greater, 35.5)]
    [InlineData(Alternative.Less, 36.5)]
    public void The_continuity_correction_of_a_one_sided_test_is_taken_against_its_alternative(Alternative alternative, double shifted)
    {
        var z = shifted / Math.Sqrt(310.0);
        var expected = alternative == Alternative.Greater ? 1.0 - Normal.CDF(0, 1, z) : Normal.CDF(0, 1, z);

        var result = WilcoxonSignedRankTest.Test(Differences, Zeros, alternative, RankTestMethod.Asymptotic, continuityCorrection: true);

        Assert.Equal(96, result.Statistic);
        Assert.Equal(expected, result.PValue, 1e-12);
    }

    [Fact]
    public void Zero_differences_are_dropped()
    {
        // zero_method="wilcox": a pair with no difference carries no sign, so adding one leaves the exact test as it was.
        var result = WilcoxonSignedRankTest.Test([.. Differences, 5.0], [.. Zeros, 5.0], method: RankTestMethod.Exact);

        Assert.Equal(24.0, result.Statistic);
        Assert.Equal(0.041259765625, result.PValue, 1e-15);
    }

    [Fact]
    public void Zero_differences_switch_the_default_to_the_normal_approximation()
    {
        var result = WilcoxonSignedRankTest.Test([.. Differences, 5.0], [.. Zeros, 5.0]);

        Assert.Equal("asymptotic", result.Method);
    }

    [Fact]
    public void Asymptotic_p_value_is_the_normal_tail_of_the_rank_sum_by_hand()
    {
        // n = 15: E[T] = n(n+1)/4 = 60, Var[T] = n(n+1)(2n+1)/24 = 310, z = (24 - 60)/√310 = -2.0446...;
        // two-sided p = 2Φ(-2.0446) = erfc(2.0446/√2) = 0.040888 (no ties, so no tie correction, and SciPy's
        // default of no continuity correction).
        var z = 36.0 / Math.Sqrt(310.0);
        var expected = MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2.0));

        var result = WilcoxonSignedRankTest.Test(Differences, Zeros, method: RankTestMethod.Asymptotic);

        Assert.Equal(24.0, result.Statistic);
        Assert.Equal(expected, result.PValue, 1e-12);
        Assert.Equal(0.040888, result.PValue, 5e-6);
    }

    [Fact]
    public void Rejects_unpaired_samples()
    {
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRankTest.Test([1.0, 2.0], [1.0]));
    }
}
