using MathNet.Numerics.Distributions;

namespace Workbench.Evaluation.Statistics;

/// <summary>
/// The Wilcoxon signed-rank test of paired samples, in SciPy's <c>wilcoxon</c> conventions: zero
/// differences are dropped (<c>zero_method="wilcox"</c>); the statistic is the smaller of the positive
/// and negative rank sums for a two-sided test and the positive rank sum for a one-sided one;
/// <see cref="RankTestMethod.Auto"/> is exact for at most 50 differences with no ties and no zeros, and
/// the normal approximation (with the tie correction, without the continuity correction) otherwise.
/// </summary>
public static class WilcoxonSignedRankTest
{
    /// <summary>The most differences for the exact distribution: 2ⁿ must stay finite in a double.</summary>
    public const int MostExactPairs = 1_000;

    /// <summary>Tests whether the differences <paramref name="x"/> - <paramref name="y"/> are symmetric about zero.</summary>
    public static TestResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative = Alternative.TwoSided,
        RankTestMethod method = RankTestMethod.Auto, bool continuityCorrection = false)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"Paired samples need the same number of values; found {x.Count} and {y.Count}.");
        }
        var differences = x.Zip(y, (a, b) => a - b).ToList();
        if (differences.Any(double.IsNaN))
        {
            throw new ArgumentException("The samples contain NaN.");
        }
        var zeros = differences.Count(d => d == 0.0);
        var nonZero = differences.Where(d => d != 0.0).ToList();
        var n = nonZero.Count;
        if (n == 0)
        {
            return new TestResult(0.0, 1.0, "exact");
        }
        var (ranks, tieTerm, hasTies) = Ranks.Of(nonZero.Select(Math.Abs).ToList());
        var positive = 0.0;
        var negative = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (nonZero[i] > 0)
            {
                positive += ranks[i];
            }
            else
            {
                negative += ranks[i];
            }
        }
        var statistic = alternative == Alternative.TwoSided ? Math.Min(positive, negative) : positive;
        if (method == RankTestMethod.Auto)
        {
            method = n <= 50 && zeros == 0 && !hasTies ? RankTestMethod.Exact : RankTestMethod.Asymptotic;
        }
        if (method == RankTestMethod.Exact && n > MostExactPairs)
        {
            throw new ArgumentException($"the exact distribution for {n} non-zero differences is too large to compute (more than {MostExactPairs:N0}); use the asymptotic method, which is accurate at these sizes.");
        }
        double p;
        if (method == RankTestMethod.Exact)
        {
            var counts = Counts(n);
            var total = Math.Pow(2.0, n);
            double AtMost(double t)
            {
                var sum = 0.0;
                for (var k = 0; k <= Math.Min((long)Math.Floor(t), counts.Length - 1); k++)
                {
                    sum += counts[k];
                }
                return sum / total;
            }
            p = alternative switch
            {
                Alternative.Less => AtMost(statistic),
                Alternative.Greater => 1.0 - AtMost(Math.Ceiling(statistic) - 1),
                _ => 2.0 * AtMost(statistic),
            };
        }
        else
        {
            double nn = n;
            var mean = nn * (nn + 1) / 4.0;
            var sd = Math.Sqrt((nn * (nn + 1) * ((2 * nn) + 1) / 24.0) - (tieTerm / 48.0));
            // As SciPy: towards the null for a two-sided test; for a one-sided one, against the alternative.
            var shift = !continuityCorrection ? 0.0 : alternative switch
            {
                Alternative.Greater => 0.5,
                Alternative.Less => -0.5,
                _ => 0.5 * Math.Sign(statistic - mean),
            };
            var z = (statistic - mean - shift) / sd;
            p = alternative switch
            {
                Alternative.Less => Normal.CDF(0.0, 1.0, z),
                Alternative.Greater => Normal.CDF(0.0, 1.0, -z),
                _ => 2.0 * Normal.CDF(0.0, 1.0, -Math.Abs(z)),
            };
        }
        return new TestResult(statistic, Math.Clamp(p, 0.0, 1.0), method == RankTestMethod.Exact ? "exact" : "asymptotic");
    }

    /// <summary>How many of the 2ⁿ sign assignments give each positive rank sum from 0 to n(n+1)/2.</summary>
    private static double[] Counts(int n)
    {
        var counts = new double[(n * (n + 1) / 2) + 1];
        counts[0] = 1.0;
        var reach = 0;
        for (var rank = 1; rank <= n; rank++)
        {
            reach += rank;
            for (var k = reach; k >= rank; k--)
            {
                counts[k] += counts[k - rank];
            }
        }
        return counts;
    }
}
