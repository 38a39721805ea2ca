using System.Globalization;
using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

public sealed class PairedComparisonTests
{
    [Fact]
    public void Finds_a_real_difference_of_ten_points_between_pass_rates_over_two_thousand_rows()
    {
        // A passes with probability 0.6 and B with 0.7, independently: the true difference B - A is 0.10.
        // The discordant pairs expected are 2000 · 0.6 · 0.3 = 360 and 2000 · 0.4 · 0.7 = 560, about 6.6
        // standard deviations apart; the difference's standard error is √(0.45 / 2000) = 0.015.
        var random = new Random(314159);
        var a = new Dictionary<string, IReadOnlyList<double>>();
        var b = new Dictionary<string, IReadOnlyList<double>>();
        for (var i = 0; i < 2000; i++)
        {
            var id = i.ToString(CultureInfo.InvariantCulture);
            a[id] = [Simulation.Bernoulli(random, 0.6)];
            b[id] = [Simulation.Bernoulli(random, 0.7)];
        }

        var comparison = PairedComparison.Of(a, b, resamples: 2_000);

        Assert.Equal(2000, comparison.Rows);
        Assert.True(comparison.Binary);
        Assert.Equal("exact", comparison.Test.Method);
        Assert.Null(comparison.Wilcoxon);
        Assert.True(comparison.Test.PValue < 0.001, $"p = {comparison.Test.PValue}");
        Assert.True(comparison.Interval.Contains(0.10), $"interval [{comparison.Interval.Lower}, {comparison.Interval.Upper}] misses 0.10");
        Assert.False(comparison.Interval.Contains(0.0), $"interval [{comparison.Interval.Lower}, {comparison.Interval.Upper}] contains 0");
        Assert.Equal(comparison.MeanB - comparison.MeanA, comparison.Difference, 1e-12);
    }

    [Fact]
    public void Repeats_are_averaged_within_a_row_and_the_comparison_counts_rows_not_repeats()
    {
        // 300 ids, three repeats each on both sides: each id has its own level, A's repeats scatter around it
        // with standard deviation 0.5 and B's around it plus 0.2. The comparison must be the one of the 300
        // per-id means, not of 900 values, and the pooled within-id spread estimates the 0.5.
        var random = new Random(2718);
        var a = new Dictionary<string, IReadOnlyList<double>>();
        var b = new Dictionary<string, IReadOnlyList<double>>();
        for (var i = 0; i < 300; i++)
        {
            var id = i.ToString(CultureInfo.InvariantCulture);
            var level = Simulation.Normal(random);
            a[id] = [.. Enumerable.Range(0, 3).Select(_ => level + (0.5 * Simulation.Normal(random)))];
            b[id] = [.. Enumerable.Range(0, 3).Select(_ => level + 0.2 + (0.5 * Simulation.Normal(random)))];
        }

        var repeated = PairedComparison.Of(a, b, resamples: 2_000, seed: 9);
        var averaged = PairedComparison.Of(RowMeans(a), RowMeans(b), resamples: 2_000, seed: 9);

        Assert.Equal(300, repeated.Rows);
        Assert.False(repeated.Binary);
        Assert.Equal(averaged.Difference, repeated.Difference, 1e-12);
        Assert.Equal(averaged.Interval.Lower, repeated.Interval.Lower, 1e-12);
        Assert.Equal(averaged.Interval.Upper, repeated.Interval.Upper, 1e-12);
        Assert.Equal(averaged.Test.PValue, repeated.Test.PValue, 1e-12);
        Assert.Equal(averaged.MinimumDetectableEffect, repeated.MinimumDetectableEffect, 1e-12);
        Assert.Null(averaged.RepeatStandardDeviation);
        Assert.NotNull(repeated.RepeatStandardDeviation);
        Assert.InRange(repeated.RepeatStandardDeviation.Value, 0.47, 0.53);
    }

    [Fact]
    public void Continuous_scores_use_the_paired_t_test_and_Wilcoxon()
    {
        // The sleep data (R's datasets::sleep) as two variants on ten rows: B - A is group 2 - group 1, so the
        // paired t statistic is +4.0621 with p = 0.002833 (R: t.test(group2, group1, paired = TRUE)).
        double[] group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        double[] group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        var a = Enumerable.Range(0, 10).ToDictionary(i => $"r{i}", i => (IReadOnlyList<double>)[group1[i]]);
        var b = Enumerable.Range(0, 10).ToDictionary(i => $"r{i}", i => (IReadOnlyList<double>)[group2[i]]);

        var comparison = PairedComparison.Of(a, b);

        Assert.Equal(10, comparison.Rows);
        Assert.Equal("paired-t", comparison.Test.Method);
        Assert.Equal(4.0621, comparison.Test.Statistic, 5e-5);
        Assert.Equal(0.002833, comparison.Test.PValue, 5e-7);
        Assert.Equal(1.58, comparison.Difference, 1e-12);
        Assert.NotNull(comparison.Wilcoxon);
    }

    private static Dictionary<string, IReadOnlyList<double>> RowMeans(Dictionary<string, IReadOnlyList<double>> side) =>
        side.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)[p.Value.Average()]);

    [Fact]
    public void Needs_two_shared_rows()
    {
        var a = new Dictionary<string, IReadOnlyList<double>> { ["x"] = [1.0], ["y"] = [0.0] };
        var b = new Dictionary<string, IReadOnlyList<double>> { ["x"] = [1.0], ["z"] = [0.0] };

        Assert.Throws<ArgumentException>(() => PairedComparison.Of(a, b));
    }
}
