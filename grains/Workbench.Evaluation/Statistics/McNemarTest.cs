using MathNet.Numerics;

namespace Workbench.Evaluation.Statistics;

/// <summary>
/// McNemar's test for paired pass/fail outcomes, on the discordant pairs: <c>b</c> rows where only the
/// first variant passed and <c>c</c> where only the second did. As statsmodels' <c>mcnemar</c> and R's
/// <c>mcnemar.test</c>.
/// </summary>
public static class McNemarTest
{
    /// <summary>The exact test: min(b, c) against Binomial(b + c, ½), two-sided (statsmodels' <c>exact=True</c>).</summary>
    public static TestResult Exact(long b, long c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        var smaller = Math.Min(b, c);
        var n = b + c;
        var pValue = n == 0 ? 1.0 : Math.Min(1.0, 2.0 * BinomialDistribution.Cdf(smaller, n, 0.5));
        return new TestResult(smaller, pValue, "exact");
    }

    /// <summary>
    /// The chi-squared test with one degree of freedom: (|b - c| - 1)² / (b + c) with the continuity
    /// correction (R's default), (b - c)² / (b + c) without.
    /// </summary>
    public static TestResult ChiSquared(long b, long c, bool continuityCorrection = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        if (b + c == 0)
        {
            return new TestResult(0.0, 1.0, continuityCorrection ? "chi2-corrected" : "chi2");
        }
        var difference = Math.Abs(b - c) - (continuityCorrection ? 1.0 : 0.0);
        var statistic = difference * difference / (b + c);
        return new TestResult(statistic, ChiSquared1Sf(statistic), continuityCorrection ? "chi2-corrected" : "chi2");
    }

    /// <summary>P(χ²₁ &gt; x) = erfc(√(x/2)), exact in the far tail where 1 - CDF would round to 0.</summary>
    private static double ChiSquared1Sf(double statistic) => SpecialFunctions.Erfc(Math.Sqrt(statistic / 2.0));
}
