namespace Workbench.Evaluation.Statistics;

/// <summary>
/// Two variants compared on the rows they share: B minus A. Each row counts once, whatever its
/// repeats: a row's value is the mean of its repeats, so repeats sharpen each row's value but never
/// pass for more rows.
/// </summary>
/// <param name="Rows">The rows both variants have.</param>
/// <param name="MeanA">A's mean over those rows.</param>
/// <param name="MeanB">B's mean over those rows.</param>
/// <param name="Difference">B - A.</param>
/// <param name="Interval">The paired-bootstrap interval of the difference (percentile, seeded).</param>
/// <param name="Test">The primary test: exact McNemar when every value is 0 or 1, the paired t-test otherwise.</param>
/// <param name="Wilcoxon">The Wilcoxon signed-rank test, for continuous scores; null for pass/fail.</param>
/// <param name="EffectSize">Cohen's d for paired data (the mean difference over the differences' standard deviation); for pass/fail, the difference in pass rates itself.</param>
/// <param name="Binary">Whether the scores are pass/fail.</param>
/// <param name="DifferenceStandardDeviation">The standard deviation of the per-row differences.</param>
/// <param name="MinimumDetectableEffect">The smallest difference a two-sided test at 5% would find with 80% power over these rows.</param>
/// <param name="RepeatStandardDeviation">The pooled standard deviation across repeats of the same row, when rows were repeated.</param>
public sealed record PairedComparison(
    int Rows,
    double MeanA,
    double MeanB,
    double Difference,
    ConfidenceInterval Interval,
    TestResult Test,
    TestResult? Wilcoxon,
    double EffectSize,
    bool Binary,
    double DifferenceStandardDeviation,
    double MinimumDetectableEffect,
    double? RepeatStandardDeviation)
{
    /// <summary>Compares B with A on the ids both have; each id's values are its repeats.</summary>
    /// <exception cref="ArgumentException">The variants share fewer than two rows.</exception>
    public static PairedComparison Of(IReadOnlyDictionary<string, IReadOnlyList<double>> a, IReadOnlyDictionary<string, IReadOnlyList<double>> b,
        double confidence = 0.95, int resamples = Bootstrap.DefaultResamples, ulong seed = 0)
    {
        var shared = a.Keys.Where(b.ContainsKey).Where(id => a[id].Count > 0 && b[id].Count > 0).Order(StringComparer.Ordinal).ToList();
        if (shared.Count < 2)
        {
            throw new ArgumentException($"A paired comparison needs at least two shared rows; these share {shared.Count}.");
        }
        var x = shared.Select(id => a[id].Average()).ToArray();
        var y = shared.Select(id => b[id].Average()).ToArray();
        var binary = shared.All(id => a[id].Count == 1 && b[id].Count == 1) && x.Concat(y).All(v => v is 0.0 or 1.0);
        var draws = Bootstrap.ResampledMeans([x, y], resamples, seed);
        return From(x, y, binary, draws, 0, 1, 2, confidence, RepeatSpread(shared, a, b));
    }

    /// <summary>
    /// Compares column <paramref name="b"/> with column <paramref name="a"/> of aligned per-row values,
    /// reading the interval off <paramref name="draws"/>, resampled means of all the columns on shared resamples
    /// (as <see cref="Bootstrap.ResampledMeans"/> lays them out).
    /// </summary>
    public static PairedComparison From(double[] x, double[] y, bool binary, double[] draws, int a, int b, int columns, double confidence, double? repeatSpread)
    {
        var differences = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            differences[i] = y[i] - x[i];
        }
        var summary = RunningSummary.Of(differences);
        var resamples = draws.Length / columns;
        var drawn = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            drawn[r] = draws[(r * columns) + b] - draws[(r * columns) + a];
        }
        var interval = Bootstrap.Interval(drawn, summary.Mean, BootstrapMethod.Percentile, confidence, () => double.NaN);
        TestResult test;
        TestResult? wilcoxon = null;
        double effect;
        if (binary)
        {
            long onlyA = 0, onlyB = 0;
            for (var i = 0; i < x.Length; i++)
            {
                onlyA += x[i] == 1.0 && y[i] == 0.0 ? 1 : 0;
                onlyB += x[i] == 0.0 && y[i] == 1.0 ? 1 : 0;
            }
            test = McNemarTest.Exact(onlyA, onlyB);
            effect = summary.Mean;
        }
        else
        {
            var t = summary.StandardDeviation > 0 ? TTest.Paired(y, x) : null;
            test = t is null ? new TestResult(0.0, 1.0, "paired-t") : new TestResult(t.Statistic, t.PValue, "paired-t");
            wilcoxon = WilcoxonSignedRankTest.Test(y, x, method: x.Length > 50 ? RankTestMethod.Asymptotic : RankTestMethod.Auto);
            effect = summary.StandardDeviation > 0 ? summary.Mean / summary.StandardDeviation : 0.0;
        }
        return new PairedComparison(x.Length, x.Average(), y.Average(), summary.Mean, interval, test, wilcoxon, effect, binary,
            summary.StandardDeviation, Power.MinimumDetectableEffect(summary.StandardDeviation, x.Length), repeatSpread);
    }

    /// <summary>The smallest number of rows that detects the difference seen here with 80% power at 5%; null when there is no difference or no spread.</summary>
    public long? RowsNeeded => Difference != 0 && DifferenceStandardDeviation > 0 ? Power.RowsNeeded(DifferenceStandardDeviation, Math.Abs(Difference)) : null;

    /// <summary>
    /// The pooled within-row standard deviation across repeats: √(Σ squared deviations from each row's mean
    /// / Σ (repeats - 1)) over rows repeated more than once; null without repeats.
    /// </summary>
    /// <param name="rows">Each row of each variant: its repeats and the sum of their squared deviations from their mean.</param>
    public static double? PooledRepeatSpread(IEnumerable<(int Count, double Squares)> rows)
    {
        var squares = 0.0;
        var degrees = 0L;
        foreach (var (count, rowSquares) in rows.Where(r => r.Count > 1))
        {
            squares += rowSquares;
            degrees += count - 1;
        }
        return degrees == 0 ? null : Math.Sqrt(squares / degrees);
    }

    private static double? RepeatSpread(List<string> shared, IReadOnlyDictionary<string, IReadOnlyList<double>> a, IReadOnlyDictionary<string, IReadOnlyList<double>> b) =>
        PooledRepeatSpread(shared.SelectMany(id => new[] { a[id], b[id] }).Select(values =>
        {
            var mean = values.Average();
            return (values.Count, values.Sum(v => (v - mean) * (v - mean)));
        }));
}
