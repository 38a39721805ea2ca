using MathNet.Numerics.Distributions;

namespace Workbench.Evaluation.Statistics;

/// <summary>The outcome of a t-test, with the interval of the mean (difference) it tests.</summary>
/// <param name="Statistic">t.</param>
/// <param name="DegreesOfFreedom">The degrees of freedom (Welch-Satterthwaite for unequal variances).</param>
/// <param name="PValue">The p-value.</param>
/// <param name="Estimate">The mean difference (first minus second).</param>
/// <param name="Interval">The interval of the difference at the requested level, one-sided for a one-sided alternative.</param>
public sealed record TTestResult(double Statistic, double DegreesOfFreedom, double PValue, double Estimate, ConfidenceInterval Interval);

/// <summary>
/// Student's t-tests as SciPy's <c>ttest_rel</c> (paired) and <c>ttest_ind</c> (independent; Student's
/// pooled variance by default as SciPy's <c>equal_var=True</c>, Welch's with <c>welch</c>, R's default).
/// </summary>
public static class TTest
{
    /// <summary>The paired test on the differences <paramref name="x"/> - <paramref name="y"/>.</summary>
    public static TTestResult Paired(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative = Alternative.TwoSided, double confidence = 0.95)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"Paired samples need the same number of values; found {x.Count} and {y.Count}.");
        }
        var differences = RunningSummary.Of(x.Zip(y, (a, b) => a - b));
        if (differences.Count < 2)
        {
            throw new ArgumentException("A paired t-test needs at least two pairs.");
        }
        return Result(differences.Mean, differences.StandardError, differences.Count - 1, alternative, confidence);
    }

    /// <summary>The test of two independent samples.</summary>
    public static TTestResult Independent(IReadOnlyList<double> x, IReadOnlyList<double> y, bool welch = false, Alternative alternative = Alternative.TwoSided, double confidence = 0.95)
    {
        var a = RunningSummary.Of(x);
        var b = RunningSummary.Of(y);
        if (a.Count < 2 || b.Count < 2)
        {
            throw new ArgumentException("An independent t-test needs at least two values in each sample.");
        }
        double n1 = a.Count, n2 = b.Count;
        double standardError, df;
        if (welch)
        {
            var v1 = a.Variance / n1;
            var v2 = b.Variance / n2;
            standardError = Math.Sqrt(v1 + v2);
            df = (v1 + v2) * (v1 + v2) / ((v1 * v1 / (n1 - 1)) + (v2 * v2 / (n2 - 1)));
        }
        else
        {
            df = n1 + n2 - 2;
            var pooled = (((n1 - 1) * a.Variance) + ((n2 - 1) * b.Variance)) / df;
            standardError = Math.Sqrt(pooled * ((1 / n1) + (1 / n2)));
        }
        return Result(a.Mean - b.Mean, standardError, df, alternative, confidence);
    }

    private static TTestResult Result(double estimate, double standardError, double df, Alternative alternative, double confidence)
    {
        ConfidenceLevel.EnsureValid(confidence, nameof(confidence));
        var t = estimate / standardError;
        double p;
        if (double.IsNaN(t))
        {
            p = double.NaN;
        }
        else
        {
            p = alternative switch
            {
                Alternative.Less => StudentT.CDF(0.0, 1.0, df, t),
                Alternative.Greater => StudentT.CDF(0.0, 1.0, df, -t),
                _ => 2.0 * StudentT.CDF(0.0, 1.0, df, -Math.Abs(t)),
            };
        }
        ConfidenceInterval interval;
        if (alternative == Alternative.TwoSided)
        {
            var critical = StudentT.InvCDF(0.0, 1.0, df, 1.0 - ConfidenceLevel.TailProbability(confidence));
            interval = new ConfidenceInterval(estimate - (critical * standardError), estimate + (critical * standardError));
        }
        else
        {
            var critical = StudentT.InvCDF(0.0, 1.0, df, confidence);
            interval = alternative == Alternative.Less
                ? new ConfidenceInterval(double.NegativeInfinity, estimate + (critical * standardError))
                : new ConfidenceInterval(estimate - (critical * standardError), double.PositiveInfinity);
        }
        return new TTestResult(t, df, double.IsNaN(p) ? double.NaN : Math.Clamp(p, 0.0, 1.0), estimate, interval);
    }
}
